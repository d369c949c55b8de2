"""Constants of the simulated locks."""

DOMAIN = "lockout_sim"
GUARD_DOMAIN = "lockout_guard"
