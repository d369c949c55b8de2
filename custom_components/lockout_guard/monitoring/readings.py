"""Read a lock's state (and, through battery/, its battery) into the engine's Readings."""

from __future__ import annotations

from datetime import datetime

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from custom_components.lockout_guard.battery.readings import (
    BatteryEntities,
    GoneSince,
    read_battery,
)
from custom_components.lockout_guard.core.models import LockPresence, Readings

ATTR_CODE_FORMAT = "code_format"


def read_lock(
    hass: HomeAssistant,
    lock_entity_id: str,
    battery: BatteryEntities,
    gone_since: GoneSince,
    *,
    startup_done: bool,
    keypad_battery: BatteryEntities | None = None,
) -> Readings:
    """Read the lock: state, how long it has been unavailable, battery.

    ``keypad_battery`` names the battery of a separate keypad device, if any.
    """
    state = hass.states.get(lock_entity_id)
    registered = er.async_get(hass).async_get(lock_entity_id) is not None
    # While Home Assistant starts, integrations are still adding their entities:
    # a lock without state is not missing yet, only not there yet.
    missing = state is None and not registered and startup_done
    unavailable_since: datetime | None = None
    if state is None:
        unavailable_since = gone_since(lock_entity_id)
    elif state.state == STATE_UNAVAILABLE:
        unavailable_since = state.last_changed
    return Readings(
        state=None if state is None or state.state == STATE_UNKNOWN else state.state,
        unavailable_since=unavailable_since,
        presence=LockPresence.MISSING if missing else LockPresence.PRESENT,
        has_keypad=state is not None
        and state.attributes.get(ATTR_CODE_FORMAT) is not None,
        battery=read_battery(hass, battery, lock_entity_id, gone_since),
        keypad_battery=None
        if keypad_battery is None
        else read_battery(hass, keypad_battery, lock_entity_id, gone_since),
    )
