"""``lockout_guard.confirm_backup_key``: where the spare key is, checked today.

The location is a fact of the lock (its subentry, as the repair flows store it);
the date of the check and whether the key was tried in the lock are confirmations
(the store). Re-verification falls due ``reverify_days`` after that date.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.const import CONF_KEY_LOCATION, DOMAIN
from custom_components.lockout_guard.core.models import KeyLocation

from .common import (
    ATTR_ENTITY_ID,
    LOCK_ENTITY_ID,
    loaded_hub,
    monitor_of,
    require_key_cylinder,
)

SERVICE_CONFIRM_BACKUP_KEY: Final = "confirm_backup_key"
ATTR_LOCATION: Final = "location"
ATTR_TESTED: Final = "tested"

CONFIRM_BACKUP_KEY_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_ENTITY_ID): LOCK_ENTITY_ID,
        vol.Required(ATTR_LOCATION): vol.In(
            [location.value for location in KeyLocation]
        ),
        vol.Optional(ATTR_TESTED, default=False): cv.boolean,
    }
)


async def _async_confirm_backup_key(call: ServiceCall) -> None:
    hass = call.hass
    monitor = monitor_of(hass, call.data[ATTR_ENTITY_ID])
    require_key_cylinder(monitor)
    hub = loaded_hub(hass)
    record = monitor.record
    # Local date: confirmations are dated in the home's time zone.
    record.key_verified = dt_util.now().date()
    record.key_tested = call.data[ATTR_TESTED]
    hub.store.async_schedule_save()
    if not monitor.async_update_facts({CONF_KEY_LOCATION: call.data[ATTR_LOCATION]}):
        # Same place as recorded: no reload follows, so look at the new date here.
        monitor.async_evaluate()


@callback
def async_register_confirm_backup_key(hass: HomeAssistant) -> None:
    """Register the action: it changes stored facts, so admins only."""
    async_register_admin_service(
        hass,
        DOMAIN,
        SERVICE_CONFIRM_BACKUP_KEY,
        _async_confirm_backup_key,
        schema=CONFIRM_BACKUP_KEY_SCHEMA,
    )
