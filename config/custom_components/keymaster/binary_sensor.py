"""The "Code Slot N: Active" sensors, with the unique ids of the real Keymaster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.helpers.device_registry import DeviceInfo

from . import KeymasterConfigEntry, SlotTable
from .const import CONF_LOCK_ENTITY_ID, DOMAIN

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback


async def async_setup_entry(
    hass: HomeAssistant,
    entry: KeymasterConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    device = DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=f"Keymaster {entry.data[CONF_LOCK_ENTITY_ID]}",
        manufacturer="Keymaster (development stand-in)",
    )
    async_add_entities(
        SlotActive(entry.entry_id, entry.runtime_data, slot, device)
        for slot in range(1, len(entry.runtime_data.active) + 1)
    )


class SlotActive(BinarySensorEntity):
    """On while the slot's code is in force."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry_id: str, table: SlotTable, slot: int, device: DeviceInfo
    ) -> None:
        self._table = table
        self._slot = slot
        self._attr_unique_id = f"{entry_id}_binary_sensor_code_slots_{slot}_active"
        self._attr_name = f"Code Slot {slot}: Active"
        self._attr_device_info = device

    @property
    def is_on(self) -> bool:
        return self._table.active[self._slot - 1]

    async def async_added_to_hass(self) -> None:
        self.async_on_remove(self._table.async_listen(self.async_write_ha_state))
