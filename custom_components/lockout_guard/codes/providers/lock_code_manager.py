"""Lock Code Manager (raman325/lock_code_manager): slots shared by several locks.

An LCM entry lists its locks in ``locks`` and gives every slot a device
("<title> Code slot N") with a binary sensor ``active`` (unique id
``<entry_id>|<N>|active``): on while the slot is enabled and its conditions pass.
Every lock of the entry gets the entry's active slots.
"""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .slots import SlotSource

DOMAIN = "lock_code_manager"
SOURCE = "lock_code_manager"
CONF_LOCKS = "locks"


def _slot_active(entry_id: str, unique_id: str) -> bool:
    parts = unique_id.split("|")
    return (
        len(parts) == 3
        and parts[0] == entry_id
        and parts[1].isdigit()
        and parts[2] == "active"
    )


def active_slot_entities(hass: HomeAssistant, lock_entity_id: str) -> frozenset[str]:
    """The ``active`` slot sensors of every LCM entry that manages the lock."""
    registry = er.async_get(hass)
    found: set[str] = set()
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        locks = entry.data.get(CONF_LOCKS)
        if not isinstance(locks, list) or lock_entity_id not in locks:
            continue
        found.update(
            reg_entry.entity_id
            for reg_entry in er.async_entries_for_config_entry(registry, entry.entry_id)
            if reg_entry.domain == Platform.BINARY_SENSOR
            and _slot_active(entry.entry_id, reg_entry.unique_id)
        )
    return frozenset(found)


def find(hass: HomeAssistant, lock_entity_id: str) -> SlotSource | None:
    """The LCM source of the lock, if LCM manages it."""
    if entity_ids := active_slot_entities(hass, lock_entity_id):
        return SlotSource(hass, lock_entity_id, SOURCE, entity_ids)
    return None
