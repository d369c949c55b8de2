"""Actions of Lockout Guard: one module per action, registered once in async_setup.

Actions are registered with the integration, not with the hub entry, so an
automation that calls one while the hub is not loaded gets a clear error instead
of "action not found".
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .alert_drill import async_setup_alert_drill_services


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    async_setup_alert_drill_services(hass)
