"""Actions start_alert_drill and confirm_alert_drill (SPEC §7).

Both are admin-only: they change the stored drill confirmations. Without an
``entity_id`` they act on every monitored lock. Neither answers: the drill's
outcome is the owner's confirmation, and a target that failed is an error.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.service import async_register_admin_service
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.monitoring.monitor import LockMonitor

from .common import ATTR_ENTITY_ID, LOCK_ENTITY_ID, loaded_hub, monitors_of

SERVICE_START_ALERT_DRILL: Final = "start_alert_drill"
SERVICE_CONFIRM_ALERT_DRILL: Final = "confirm_alert_drill"

SCHEMA: Final = vol.Schema({vol.Optional(ATTR_ENTITY_ID): LOCK_ENTITY_ID})


def _locks(hass: HomeAssistant, call: ServiceCall) -> list[LockMonitor]:
    """The locks the call is about (at least one)."""
    monitors = monitors_of(hass, call.data.get(ATTR_ENTITY_ID))
    if not monitors:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="drill_no_locks"
        )
    return monitors


async def _async_start_alert_drill(call: ServiceCall) -> None:
    hass = call.hass
    monitors = _locks(hass, call)
    results = await loaded_hub(hass).drills.async_start_drills(monitors)
    if failed := sorted({target for r in results for target in r.failed}):
        # The drills are running (the event went out): one error names the targets.
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="drill_notify_failed",
            translation_placeholders={"targets": ", ".join(failed)},
        )


async def _async_confirm_alert_drill(call: ServiceCall) -> None:
    hass = call.hass
    drills = loaded_hub(hass).drills
    for monitor in _locks(hass, call):
        drills.async_confirm(monitor)


@callback
def async_register_alert_drill(hass: HomeAssistant) -> None:
    """Register the two drill actions: they change stored confirmations, so admins only."""
    for service, handler in (
        (SERVICE_START_ALERT_DRILL, _async_start_alert_drill),
        (SERVICE_CONFIRM_ALERT_DRILL, _async_confirm_alert_drill),
    ):
        async_register_admin_service(hass, DOMAIN, service, handler, schema=SCHEMA)
