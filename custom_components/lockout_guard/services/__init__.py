"""Actions of Lockout Guard: one module per action, registered once in async_setup.

Actions are registered with the integration, not with the hub entry, so an
automation that calls one while the hub is not loaded gets a clear error instead
of "action not found".
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .alert_drill import async_register_alert_drill
from .confirm_backup_key import async_register_confirm_backup_key
from .get_plan import async_register_get_plan
from .key_control import async_register_key_control
from .mark_battery_replaced import async_register_mark_battery_replaced
from .recheck import async_register_recheck
from .record_lock_reset import async_register_record_lock_reset


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    async_register_recheck(hass)
    async_register_confirm_backup_key(hass)
    async_register_record_lock_reset(hass)
    async_register_get_plan(hass)
    async_register_alert_drill(hass)
    async_register_mark_battery_replaced(hass)
    async_register_key_control(hass)
