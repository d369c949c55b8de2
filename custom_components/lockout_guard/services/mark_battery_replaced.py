"""``lockout_guard.mark_battery_replaced``: record fresh batteries in a lock."""

from __future__ import annotations

from datetime import date
from typing import Final

from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.helpers.service import async_register_admin_service
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .common import (
    ATTR_ENTITY_ID,
    LOCK_ENTITY_ID,
    calendar_day,
    check_past_day,
    monitor_of,
)

SERVICE_MARK_BATTERY_REPLACED: Final = "mark_battery_replaced"
ATTR_DATE: Final = "date"

MARK_BATTERY_REPLACED_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_ENTITY_ID): LOCK_ENTITY_ID,
        vol.Optional(ATTR_DATE): calendar_day,
    }
)


async def _async_mark_battery_replaced(call: ServiceCall) -> None:
    hass = call.hass
    monitor = monitor_of(hass, call.data[ATTR_ENTITY_ID])
    today = dt_util.now().date()
    day: date = call.data.get(ATTR_DATE, today)
    check_past_day(
        day, in_future="battery_date_in_future", too_old="battery_date_too_old"
    )
    monitor.async_battery_replaced(day)
    monitor.async_evaluate()


@callback
def async_register_mark_battery_replaced(hass: HomeAssistant) -> None:
    """Register the action: it changes a stored confirmation, so admins only."""
    async_register_admin_service(
        hass,
        DOMAIN,
        SERVICE_MARK_BATTERY_REPLACED,
        _async_mark_battery_replaced,
        schema=MARK_BATTERY_REPLACED_SCHEMA,
    )
