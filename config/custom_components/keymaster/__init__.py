"""Keymaster stand-in for the development instance of Lockout Guard (never shipped).

Lockout Guard counts a lock's codes from Keymaster (providers/keymaster.py): a loaded
entry of domain ``keymaster`` whose data names the lock (``lock_entity_id``) and, per
code slot, a binary sensor "Code Slot N: Active" with the unique id
``<entry_id>_binary_sensor_code_slots_<N>_active``. This stand-in provides exactly
that and nothing else: no PINs, no lock commands. lockout_sim creates one entry per
lock that its scenarios give Keymaster slots; the entry's data says how many slots
are active and, optionally, after how many seconds all of them go off, as after a
factory reset of the lock (replayed on every start).
"""

from __future__ import annotations

from collections.abc import Callable
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later

from .const import CONF_ACTIVE_SLOTS, CONF_LOCK_ENTITY_ID, CONF_RESET_AFTER, CONF_SLOTS

LOGGER = logging.getLogger(__name__)
PLATFORMS = [Platform.BINARY_SENSOR]


class SlotTable:
    """Which code slots of the lock hold an active code."""

    def __init__(self, slots: int, active: int) -> None:
        self.active = [slot <= active for slot in range(1, slots + 1)]
        self._listeners: list[Callable[[], None]] = []

    @callback
    def async_listen(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_clear(self) -> None:
        self.active = [False] * len(self.active)
        for listener in list(self._listeners):
            listener()


type KeymasterConfigEntry = ConfigEntry[SlotTable]


async def async_setup_entry(hass: HomeAssistant, entry: KeymasterConfigEntry) -> bool:
    data = entry.data
    entry.runtime_data = SlotTable(int(data[CONF_SLOTS]), int(data[CONF_ACTIVE_SLOTS]))
    if (reset_after := data.get(CONF_RESET_AFTER)) is not None:

        @callback
        def factory_reset(_now: Any) -> None:
            LOGGER.info(
                "%s is reset to factory settings: every code slot is empty (simulated)",
                data[CONF_LOCK_ENTITY_ID],
            )
            entry.runtime_data.async_clear()

        entry.async_on_unload(async_call_later(hass, reset_after, factory_reset))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: KeymasterConfigEntry) -> bool:
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
