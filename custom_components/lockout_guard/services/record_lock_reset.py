"""``lockout_guard.record_lock_reset``: a reset wiped codes and pairings; open the checklist.

After a locksmith visit, an override or a factory reset the lock usually lost its
PIN codes and app pairings. The ``codes_cleared`` repair stays open with the
post-reset checklist until the owner confirms it there.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.helpers.service import async_register_admin_service
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .common import ATTR_ENTITY_ID, LOCK_ENTITY_ID, loaded_hub, monitor_of

SERVICE_RECORD_LOCK_RESET: Final = "record_lock_reset"

RECORD_LOCK_RESET_SCHEMA: Final = vol.Schema(
    {vol.Required(ATTR_ENTITY_ID): LOCK_ENTITY_ID}
)


async def _async_record_lock_reset(call: ServiceCall) -> None:
    hass = call.hass
    monitor = monitor_of(hass, call.data[ATTR_ENTITY_ID])
    monitor.record.reset_pending = True
    loaded_hub(hass).store.async_schedule_save()
    monitor.async_evaluate()


@callback
def async_register_record_lock_reset(hass: HomeAssistant) -> None:
    """Register the action: it changes stored confirmations, so admins only."""
    async_register_admin_service(
        hass,
        DOMAIN,
        SERVICE_RECORD_LOCK_RESET,
        _async_record_lock_reset,
        schema=RECORD_LOCK_RESET_SCHEMA,
    )
