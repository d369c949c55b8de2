"""``lockout_guard.recheck``: read the locks again now and answer with their plans."""

from __future__ import annotations

import asyncio
from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .common import ATTR_ENTITY_ID, LOCK_ENTITY_ID, loaded_hub, monitors_of
from .lockout_card import async_lockout_cards

SERVICE_RECHECK: Final = "recheck"

RECHECK_SCHEMA: Final = vol.Schema({vol.Optional(ATTR_ENTITY_ID): LOCK_ENTITY_ID})


async def _async_recheck(call: ServiceCall) -> ServiceResponse:
    hass = call.hass
    monitors = monitors_of(hass, call.data.get(ATTR_ENTITY_ID))
    # All at once: a lock that does not answer holds up only its own count.
    await asyncio.gather(*(monitor.async_recheck() for monitor in monitors))
    hub = loaded_hub(hass)
    # Which locks exist and their facts decide the home's risks: look again too.
    hub.async_evaluate_home()
    if not call.return_response:
        return None
    # A lock reconfigured meanwhile answers with its monitor of now.
    current = [
        hub.monitors[monitor.subentry_id]
        for monitor in monitors
        if monitor.subentry_id in hub.monitors
    ]
    return await async_lockout_cards(hub, current)


@callback
def async_register_recheck(hass: HomeAssistant) -> None:
    """Register the action; anyone may ask for a recheck, it changes no facts."""
    hass.services.async_register(
        DOMAIN,
        SERVICE_RECHECK,
        _async_recheck,
        schema=RECHECK_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
