"""Constants of the Keymaster stand-in."""

DOMAIN = "keymaster"
# As the real Keymaster stores it: the lock whose code slots the entry manages.
CONF_LOCK_ENTITY_ID = "lock_entity_id"
# The stand-in's own scenario, written by lockout_sim when it creates the entry.
CONF_SLOTS = "slots"
CONF_ACTIVE_SLOTS = "active_slots"
CONF_RESET_AFTER = "reset_after"
