"""Constants of the simulated locks."""

DOMAIN = "lockout_sim"
GUARD_DOMAIN = "lockout_guard"
KEYMASTER_DOMAIN = "keymaster"  # the stand-in in ../keymaster
# Sent once Lockout Guard is set up (or was already): locks paired later are new to it.
SIGNAL_GUARD_READY = "lockout_sim_guard_ready"
