"""``lockout_guard.get_plan``: the printable lockout card of each lock."""

from __future__ import annotations

from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .common import (
    ATTR_ENTITY_ID,
    LOCK_ENTITY_ID,
    loaded_hub,
    monitors_of,
    require_admin,
)
from .lockout_card import async_lockout_cards

SERVICE_GET_PLAN: Final = "get_plan"
ATTR_INCLUDE_PRIVATE: Final = "include_private"

GET_PLAN_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(ATTR_ENTITY_ID): LOCK_ENTITY_ID,
        vol.Optional(ATTR_INCLUDE_PRIVATE, default=False): cv.boolean,
    }
)


async def _async_get_plan(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    include_private: bool = call.data[ATTR_INCLUDE_PRIVATE]
    if include_private:
        # The private note says who holds the key: admins only.
        await require_admin(hass, call)
    monitors = monitors_of(hass, call.data.get(ATTR_ENTITY_ID))
    return await async_lockout_cards(
        loaded_hub(hass), monitors, include_private=include_private
    )


@callback
def async_register_get_plan(hass: HomeAssistant) -> None:
    """Register the action; it only answers, so it needs a response variable."""
    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_PLAN,
        _async_get_plan,
        schema=GET_PLAN_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
