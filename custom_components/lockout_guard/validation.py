"""Checks shared by the config flows and the repair flows."""

from __future__ import annotations

import re
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    PERCENTAGE,
    Platform,
)
from homeassistant.core import HomeAssistant, split_entity_id

from .const import (
    CONF_BATTERY_ENTITY_ID,
    CONF_KEYPAD_BATTERY_ENTITY_ID,
    CONF_SUPPORT_PHONE,
)

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


def support_field_errors(
    hass: HomeAssistant, user_input: dict[str, Any], *, phone_required: bool
) -> dict[str, str]:
    """Form errors of a support phone and battery override among the answers.

    ``phone_required``: an empty phone is an answer only where the form may leave
    it out (the lock flow); the repair that asks for it needs one.
    """
    errors: dict[str, str] = {}
    if CONF_SUPPORT_PHONE in user_input:
        phone = str(user_input[CONF_SUPPORT_PHONE] or "").strip()
        if (phone or phone_required) and not is_phone_number(phone):
            errors[CONF_SUPPORT_PHONE] = "invalid_phone"
    for key in (CONF_BATTERY_ENTITY_ID, CONF_KEYPAD_BATTERY_ENTITY_ID):
        battery = user_input.get(key)
        if battery and not looks_like_battery(hass, battery):
            errors[key] = "not_a_battery"
    keypad = user_input.get(CONF_KEYPAD_BATTERY_ENTITY_ID)
    if keypad and keypad == user_input.get(CONF_BATTERY_ENTITY_ID):
        # One battery cannot be both: the keypad's would count twice.
        errors[CONF_KEYPAD_BATTERY_ENTITY_ID] = "keypad_is_lock_battery"
    return errors
