"""Actions start_alert_drill and confirm_alert_drill (SPEC §7).

Both are admin-only: they change the stored drill confirmations. Without an
``entity_id`` they act on every monitored lock.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.monitor import LockMonitor

from .common import (
    ATTR_ENTITY_ID,
    LOCK_ENTITY_ID,
    loaded_hub,
    monitors_of,
    require_admin,
)

SERVICE_START_ALERT_DRILL: Final = "start_alert_drill"
SERVICE_CONFIRM_ALERT_DRILL: Final = "confirm_alert_drill"

SCHEMA: Final = vol.Schema({vol.Optional(ATTR_ENTITY_ID): LOCK_ENTITY_ID})


async def _async_locks(hass: HomeAssistant, call: ServiceCall) -> list[LockMonitor]:
    """The admin check, then the locks the call is about (at least one)."""
    await require_admin(hass, call)
    monitors = monitors_of(hass, call.data.get(ATTR_ENTITY_ID))
    if not monitors:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="drill_no_locks"
        )
    return monitors


async def _async_start_alert_drill(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    monitors = await _async_locks(hass, call)
    results = await loaded_hub(hass).drills.async_start_drills(monitors)
    if failed := sorted({target for r in results for target in r.failed}):
        # The drills are running (the event went out): one error names the targets.
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="drill_notify_failed",
            translation_placeholders={"targets": ", ".join(failed)},
        )
    return {
        "drills": [
            {
                "entity_id": monitor.entity_id,
                "lock_name": monitor.name,
                "deadline": result.deadline.isoformat(),
                "notified": list(result.notified),
            }
            for monitor, result in zip(monitors, results, strict=True)
        ]
    }


async def _async_confirm_alert_drill(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    monitors = await _async_locks(hass, call)
    drills = loaded_hub(hass).drills
    for monitor in monitors:
        drills.async_confirm(monitor)
    today = dt_util.now().date().isoformat()
    return {
        "confirmed": [
            {
                "entity_id": monitor.entity_id,
                "lock_name": monitor.name,
                "drill_confirmed": today,
            }
            for monitor in monitors
        ]
    }


@callback
def async_register_alert_drill(hass: HomeAssistant) -> None:
    """Register the two drill actions."""
    for service, handler in (
        (SERVICE_START_ALERT_DRILL, _async_start_alert_drill),
        (SERVICE_CONFIRM_ALERT_DRILL, _async_confirm_alert_drill),
    ):
        hass.services.async_register(
            DOMAIN,
            service,
            handler,
            schema=SCHEMA,
            supports_response=SupportsResponse.OPTIONAL,
        )
