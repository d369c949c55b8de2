"""Constants of the simulated locks."""

DOMAIN = "lockout_sim"
GUARD_DOMAIN = "lockout_guard"
KEYMASTER_DOMAIN = "keymaster"  # the stand-in in ../keymaster
