"""Keymaster (FutureTense/keymaster): one config entry per lock, a sensor per slot.

Keymaster stores the lock in its entry's ``lock_entity_id`` and gives every code
slot a binary sensor "Code Slot N: Active" (unique id
``<entry_id>_binary_sensor_code_slots_<N>_active``): on while the slot is enabled,
has a PIN and its limits pass. An active slot is a code the lock accepts.
"""

from __future__ import annotations

import re

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .slots import SlotSource

DOMAIN = "keymaster"
SOURCE = "keymaster"
CONF_LOCK_ENTITY_ID = "lock_entity_id"


def active_slot_entities(hass: HomeAssistant, lock_entity_id: str) -> frozenset[str]:
    """The "Active" slot sensors of every Keymaster entry managing the lock."""
    registry = er.async_get(hass)
    found: set[str] = set()
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        if entry.data.get(CONF_LOCK_ENTITY_ID) != lock_entity_id:
            continue
        pattern = re.compile(
            rf"{re.escape(entry.entry_id)}_binary_sensor_code_slots_\d+_active"
        )
        found.update(
            reg_entry.entity_id
            for reg_entry in er.async_entries_for_config_entry(registry, entry.entry_id)
            if reg_entry.domain == Platform.BINARY_SENSOR
            and pattern.fullmatch(reg_entry.unique_id)
        )
    return frozenset(found)


def find(hass: HomeAssistant, lock_entity_id: str) -> SlotSource | None:
    """The Keymaster source of the lock, if Keymaster manages it."""
    if entity_ids := active_slot_entities(hass, lock_entity_id):
        return SlotSource(hass, lock_entity_id, SOURCE, entity_ids)
    return None
