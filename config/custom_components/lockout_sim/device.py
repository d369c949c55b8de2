"""The state of one simulated lock, shared by its entities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity

from .const import DOMAIN

if TYPE_CHECKING:
    from collections.abc import Callable

    from .scenarios import Scenario


class SimDevice:
    """What the lock hardware would report: state, battery, reachability."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.state = scenario.state
        self.battery = scenario.battery
        self.battery_low = scenario.battery_low
        self.available = True
        self._listeners: list[Callable[[], None]] = []
        self._event_listeners: list[Callable[[str], None]] = []

    @property
    def device_info(self) -> DeviceInfo:
        s = self.scenario
        return DeviceInfo(
            identifiers={(DOMAIN, s.key)},
            name=s.name,
            manufacturer=s.manufacturer,
            model=s.model,
            model_id=s.model_id or None,
            sw_version="1.0.0",
        )

    @callback
    def async_listen(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_listen_events(self, listener: Callable[[str], None]) -> CALLBACK_TYPE:
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    @callback
    def async_fire_event(self, event_type: str) -> None:
        """The lock reports an event (e.g. lock_jammed) beside its state."""
        for listener in list(self._event_listeners):
            listener(event_type)

    @callback
    def async_update(
        self,
        *,
        state: str | None = None,
        battery: int | None = None,
        battery_low: bool | None = None,
        available: bool | None = None,
    ) -> None:
        if state is not None:
            self.state = state
        if battery is not None:
            self.battery = battery
        if battery_low is not None:
            self.battery_low = battery_low
        if available is not None:
            self.available = available
        for listener in list(self._listeners):
            listener()


type SimConfigEntry = ConfigEntry[dict[str, SimDevice]]


class SimEntity(Entity):
    """An entity of a simulated lock's device, following the device's state."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, device: SimDevice, suffix: str) -> None:
        self.device = device
        self._attr_device_info = device.device_info
        self._attr_unique_id = f"{device.scenario.key}{suffix}"

    @property
    def available(self) -> bool:
        return self.device.available

    async def async_added_to_hass(self) -> None:
        self.async_on_remove(self.device.async_listen(self.async_write_ha_state))
