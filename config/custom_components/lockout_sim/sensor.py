"""Battery sensors on the lock's device, as Z-Wave JS, ZHA or Matter make them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory

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
        SimBattery(device)
        for device in entry.runtime_data.values()
        if device.scenario.battery is not None
    )


class SimBattery(SimEntity, SensorEntity):
    """Battery in %, named from its device class: sensor.front_door_battery."""

    _attr_device_class = SensorDeviceClass.BATTERY
    _attr_native_unit_of_measurement = PERCENTAGE
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_entity_category = EntityCategory.DIAGNOSTIC

    def __init__(self, device: SimDevice) -> None:
        super().__init__(device, "_battery")

    @property
    def native_value(self) -> int | None:
        return self.device.battery
