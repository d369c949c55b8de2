"""Actions of Lockout Guard: one module per action, registered once in async_setup.

Actions are registered with the integration, not with the hub entry, so an
automation that calls one while the hub is not loaded gets a clear error instead
of "action not found".
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .mark_battery_replaced import async_register_mark_battery_replaced


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    async_register_mark_battery_replaced(hass)
