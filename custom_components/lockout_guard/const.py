"""Constants of Lockout Guard: the domain and the public names of its configuration."""

from __future__ import annotations

from typing import Final

from .core.models import Options

DOMAIN: Final = "lockout_guard"
HUB_TITLE: Final = "Lockout Guard"

SUBENTRY_TYPE_LOCK: Final = "lock"

# Hub options (SPEC §2).
CONF_LOW_BATTERY: Final = "low_battery"
CONF_CRITICAL_BATTERY: Final = "critical_battery"
CONF_UNAVAILABLE_MINUTES: Final = "unavailable_minutes"
CONF_BATTERY_SILENCE_HOURS: Final = "battery_silence_hours"
CONF_REVERIFY_DAYS: Final = "reverify_days"
CONF_NOTIFY_TARGETS: Final = "notify_targets"
CONF_MAX_KEYS_IN_CIRCULATION: Final = "max_keys_in_circulation"

DEFAULT_OPTIONS: Final = Options()

# Hub setup flow: the locks picked to be monitored, and those left out on purpose.
CONF_LOCKS: Final = "locks"
CONF_IGNORED_LOCKS: Final = "ignored_locks"

# Fields of a lock subentry (SPEC §2), in the order the forms ask for them.
CONF_LOCK_ENTITY_ID: Final = "lock_entity_id"
CONF_MAIN_ENTRANCE: Final = "main_entrance"
CONF_DESIGN: Final = "design"
CONF_KEY_OVERRIDE: Final = "key_override"
CONF_KEYWAY: Final = "keyway"
CONF_KEY_LOCATION: Final = "key_location"
CONF_EMERGENCY_POWER: Final = "emergency_power"
CONF_BACKUP_PIN: Final = "backup_pin"
CONF_APP_USERS: Final = "app_users"
CONF_MODEL_NUMBER: Final = "model_number"
CONF_SUPPORT_PHONE: Final = "support_phone"
# The maker's support site, from the knowledge base (the owner may not know it).
CONF_SUPPORT_URL: Final = "support_url"
CONF_LOCKSMITH_CONTACT: Final = "locksmith_contact"
CONF_BATTERY_ENTITY_ID: Final = "battery_entity_id"
# What the lock's batteries are (four AA cells): the owner's word over any source.
CONF_BATTERY_TYPE: Final = "battery_type"
# The battery of a separate keypad device (Yale, August, Nuki, SwitchBot keypads).
CONF_KEYPAD_BATTERY_ENTITY_ID: Final = "keypad_battery_entity_id"
CONF_PRIVATE_NOTE: Final = "private_note"
# Where the authorisation card of a restricted key is kept: collected by the
# restricted_key_card repair; private like the note (it says where a key can be copied).
CONF_KEY_CARD_LOCATION: Final = "key_card_location"
# Key control of a keyed lock: keys out, an unused factory-cut key, the cylinder.
CONF_KEYS_IN_CIRCULATION: Final = "keys_in_circulation"
CONF_FACTORY_KEY_KEPT: Final = "factory_key_kept"
CONF_SMARTKEY: Final = "smartkey"
# What the owner said about the last lost key (who had it): private like the note.
CONF_KEY_LOST_NOTE: Final = "key_lost_note"
# The day the owner checked the spare key while setting up the lock (ISO date).
CONF_KEY_CHECKED: Final = "key_checked"

APP_USERS_AUTO: Final = "auto"

# Where the translations name a plan's states and the values of its attributes: the
# printable card and the logbook use the words the frontend shows.
PLAN_TRANSLATIONS: Final = f"component.{DOMAIN}.entity.sensor.lockout_plan"
RISK_NAME_TRANSLATION: Final = f"{PLAN_TRANSLATIONS}.state_attributes.risks.state.{{}}"
# A device automation narrowed to one risk names it in this field.
CONF_RISK: Final = "risk"

# Facts that must never reach attributes, logs or diagnostics.
PRIVATE_FIELDS: Final = frozenset(
    {CONF_PRIVATE_NOTE, CONF_KEY_CARD_LOCATION, CONF_KEY_LOST_NOTE}
)
