"""Simulated locks: lock and unlock take a second, like a motor does."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from homeassistant.components.lock import LockEntity, LockEntityFeature
from homeassistant.components.lock.const import LockState
from homeassistant.core import callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import async_call_later

from .const import SIGNAL_GUARD_READY
from .device import SimConfigEntry, SimDevice, SimEntity

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

MOTOR_SECONDS = 1.0
# A lock left out of monitoring is paired a little after Lockout Guard is set up, as
# a newly bought lock would be: it is not there when the setup flow lists the locks,
# so it is new to Lockout Guard.
NEW_LOCK_SECONDS = 10.0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SimConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    devices = list(entry.runtime_data.values())
    async_add_entities(SimLock(d) for d in devices if d.scenario.monitored)
    later = [SimLock(d) for d in devices if not d.scenario.monitored]
    if not later:
        return

    @callback
    def _pair_new_locks(_now: datetime) -> None:
        async_add_entities(later)

    @callback
    def _guard_ready() -> None:
        entry.async_on_unload(async_call_later(hass, NEW_LOCK_SECONDS, _pair_new_locks))

    # Sent once per start of the simulation.
    entry.async_on_unload(
        async_dispatcher_connect(hass, SIGNAL_GUARD_READY, _guard_ready)
    )


class SimLock(SimEntity, LockEntity):
    """The lock itself, named like its device (lock.front_door)."""

    _attr_name = None

    def __init__(self, device: SimDevice) -> None:
        super().__init__(device, "")
        if device.scenario.model == "Nuki opener":
            self._attr_supported_features = LockEntityFeature.OPEN

    @property
    def is_locked(self) -> bool:
        return self.device.state == LockState.LOCKED

    @property
    def is_locking(self) -> bool:
        return self.device.state == LockState.LOCKING

    @property
    def is_unlocking(self) -> bool:
        return self.device.state == LockState.UNLOCKING

    @property
    def is_jammed(self) -> bool:
        return self.device.state == LockState.JAMMED

    @property
    def is_open(self) -> bool:
        return self.device.state == LockState.OPEN

    @property
    def is_opening(self) -> bool:
        return self.device.state == LockState.OPENING

    async def _move(self, moving: LockState, final: LockState) -> None:
        self.device.async_update(state=moving)
        await asyncio.sleep(MOTOR_SECONDS)
        self.device.async_update(state=final)

    async def async_lock(self, **kwargs: Any) -> None:
        await self._move(LockState.LOCKING, LockState.LOCKED)

    async def async_unlock(self, **kwargs: Any) -> None:
        await self._move(LockState.UNLOCKING, LockState.UNLOCKED)

    async def async_open(self, **kwargs: Any) -> None:
        await self._move(LockState.OPENING, LockState.UNLOCKED)
