"""Battery-low flags, for locks that report no percentage (like a Nuki Opener)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
)
from homeassistant.const import EntityCategory

from .device import SimConfigEntry, SimDevice, SimEntity

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SimConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    async_add_entities(
        SimBatteryLow(device)
        for device in entry.runtime_data.values()
        if device.scenario.battery_low is not None
    )


class SimBatteryLow(SimEntity, BinarySensorEntity):
    """On when the battery is low (binary_sensor.side_gate_battery)."""

    _attr_device_class = BinarySensorDeviceClass.BATTERY
    _attr_entity_category = EntityCategory.DIAGNOSTIC

    def __init__(self, device: SimDevice) -> None:
        super().__init__(device, "_battery_low")

    @property
    def is_on(self) -> bool | None:
        return self.device.battery_low
