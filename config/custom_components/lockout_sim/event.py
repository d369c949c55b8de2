"""Lock alarm events beside the lock state, as Matter lock event entities report them.

Lockout Guard recognises an event entity on the lock's device whose event types
include ``lock_jammed`` as a jam signal (jam.py), whatever integration made it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.event import EventEntity
from homeassistant.core import callback

from .device import SimConfigEntry, SimDevice, SimEntity

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

JAMMED = "lock_jammed"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SimConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    async_add_entities(
        SimLockAlarm(device)
        for device in entry.runtime_data.values()
        if device.scenario.jam_after is not None
    )


class SimLockAlarm(SimEntity, EventEntity):
    """The lock's alarms (event.terrace_door_lock_alarm)."""

    _attr_name = "Lock alarm"
    _attr_event_types = [JAMMED, "lock_operation_error"]  # noqa: RUF012 - HA's API

    def __init__(self, device: SimDevice) -> None:
        super().__init__(device, "_lock_alarm")

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.device.async_listen_events(self._async_event))

    @callback
    def _async_event(self, event_type: str) -> None:
        if event_type in self.event_types:
            self._trigger_event(event_type)
            self.async_write_ha_state()
