"""Checks shared by the config flows and the repair flows."""

from __future__ import annotations

import re

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    PERCENTAGE,
    Platform,
)
from homeassistant.core import HomeAssistant, split_entity_id

# Digits with the usual separators and an optional leading "+".
_PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()./-]{2,30}$")


def is_phone_number(value: str) -> bool:
    """Whether the text looks like a phone number someone could dial."""
    return _PHONE_PATTERN.match(value.strip()) is not None


def looks_like_battery(hass: HomeAssistant, entity_id: str) -> bool:
    """Refuse a battery override that clearly reports something else (°C, a door)."""
    if (state := hass.states.get(entity_id)) is None:
        return True
    if split_entity_id(entity_id)[0] == Platform.SENSOR:
        return state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) in (None, PERCENTAGE)
    return state.attributes.get(ATTR_DEVICE_CLASS) in (
        None,
        BinarySensorDeviceClass.BATTERY,
    )
