"""Jams the lock's state does not show: jam sensors, jam events, Z-Wave notifications.

Several integrations keep the lock entity's state at locked/unlocked when the bolt
jams and report the jam next to it, on the lock's device:

- Z-Wave JS: a binary sensor (device class problem) from the Access Control
  notification "Lock state" value, state 11 "Lock jammed"; its unique id is
  ``<home_id>.<node_id>-113-<endpoint>-Access Control-Lock state.11``. The same
  jam also comes as a ``zwave_js_notification`` event (command class 113, type 6
  Access Control, event 11).
- Zigbee2MQTT: the MQTT sensor of the ``door_state`` expose ("Door state", unique
  id ``<ieee>_door_state_<base topic>``) with the state ``error_jammed``.
- Event entities whose event types include a jam (``lock_jammed`` from a door lock
  alarm, ``door_jammed`` from a door state change), as Matter lock event entities
  report them where Home Assistant has them. An event entity's state is the time of
  its last event and its ``event_type`` attribute says which one.

A jam report is remembered (in the lock's stored record, so a restart keeps it)
until the lock next locks or unlocks: that is what shows the bolt moves again.
Whatever the signal does meanwhile does not clear it: a Z-Wave jam sensor often
stays on long after the jam, and a Zigbee2MQTT ``door_state`` that leaves
``error_jammed`` (closed, undefined, unavailable) says something about the door,
not that the bolt can be thrown; one rule for every source also keeps the repair
the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
import re
from typing import Any

from homeassistant.components.event import ATTR_EVENT_TYPE, ATTR_EVENT_TYPES
from homeassistant.components.lock.const import LockState
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.core.zwave_notification import (
    COMMAND_CLASS_NOTIFICATION as ZWAVE_NOTIFICATION_CC,
    LOCK_STATE_LOCK_JAMMED as ZWAVE_LOCK_JAMMED,
    NOTIFICATION_EVENT as ZWAVE_NOTIFICATION_EVENT,
    is_access_control,
)
from custom_components.lockout_guard.monitoring.device_events import (
    DeviceEventRouter,
)
from custom_components.lockout_guard.storage.store import LockRecord

ZWAVE_DOMAIN = "zwave_js"
MQTT_DOMAIN = "mqtt"

_ZWAVE_JAM_UNIQUE_ID = re.compile(
    rf"^\d+\.\d+-{ZWAVE_NOTIFICATION_CC}-\d+-Access Control-Lock state"
    rf"\.{ZWAVE_LOCK_JAMMED}$"
)
# Zigbee2MQTT names the unique id after the expose's property; a lock with several
# endpoints has the endpoint after it (``door_state_l1``).
_Z2M_DOOR_STATE_UNIQUE_ID = "_door_state"
Z2M_DOOR_JAMMED = "error_jammed"
JAM_EVENT_TYPES = frozenset({"lock_jammed", "door_jammed"})

# A lock that reaches one of these from another working state was operated.
_OPERATED = frozenset({LockState.LOCKED, LockState.UNLOCKED})
# Coming back from these is a restart or a reconnect, not an operation or a report.
_NOT_A_READING = frozenset({STATE_UNAVAILABLE, STATE_UNKNOWN})


class JamSignal(StrEnum):
    """The kinds of entity that report a jam beside the lock."""

    ZWAVE_SENSOR = "zwave_sensor"
    DOOR_STATE = "door_state"
    EVENT = "event"


def _signal_of(entry: er.RegistryEntry) -> JamSignal | None:
    unique_id = entry.unique_id
    if (
        entry.domain == Platform.BINARY_SENSOR
        and entry.platform == ZWAVE_DOMAIN
        and _ZWAVE_JAM_UNIQUE_ID.match(unique_id)
    ):
        return JamSignal.ZWAVE_SENSOR
    if (
        entry.domain == Platform.SENSOR
        and entry.platform == MQTT_DOMAIN
        and _Z2M_DOOR_STATE_UNIQUE_ID in unique_id
    ):
        return JamSignal.DOOR_STATE
    if entry.domain == Platform.EVENT:
        event_types = (entry.capabilities or {}).get(ATTR_EVENT_TYPES)
        if isinstance(event_types, list) and JAM_EVENT_TYPES.intersection(
            event_type for event_type in event_types if isinstance(event_type, str)
        ):
            return JamSignal.EVENT
    return None


def find_jam_signals(
    hass: HomeAssistant, device_id: str | None
) -> dict[str, JamSignal]:
    """The enabled entities of the lock's device that report jams, by entity id."""
    if device_id is None:
        return {}
    registry = er.async_get(hass)
    return {
        entry.entity_id: signal
        for entry in er.async_entries_for_device(registry, device_id)
        if (signal := _signal_of(entry)) is not None
    }


def is_jam_report(
    signal: JamSignal, old_state: State | None, new_state: State | None
) -> bool:
    """Whether this state change of a jam signal reports a new jam.

    Entities restore their last state on start (no old state) and show it again
    when they come back from unavailable; neither is a new report.
    """
    if (
        old_state is None
        or new_state is None
        or old_state.state in (STATE_UNAVAILABLE, new_state.state)
    ):
        return False
    if signal is JamSignal.ZWAVE_SENSOR:
        return new_state.state == STATE_ON
    if signal is JamSignal.DOOR_STATE:
        return new_state.state == Z2M_DOOR_JAMMED
    # An event entity: a new timestamp is a new event of the type in the attribute.
    return (
        _is_timestamp(new_state.state)
        and new_state.attributes.get(ATTR_EVENT_TYPE) in JAM_EVENT_TYPES
    )


def _is_timestamp(text: str) -> bool:
    """Whether an event entity's state is a real moment (not 2026-02-30, not junk)."""
    try:
        return dt_util.parse_datetime(text) is not None
    except ValueError:
        # Shaped like a timestamp with impossible fields: parse_datetime raises.
        return False


def is_zwave_jam_notification(data: Mapping[str, Any]) -> bool:
    """Whether a zwave_js_notification is the Access Control "lock jammed" one."""
    return is_access_control(data, frozenset({ZWAVE_LOCK_JAMMED}))


def is_successful_operation(old_state: State | None, new_state: State | None) -> bool:
    """Whether the lock just locked or unlocked (not restored or reconnected)."""
    return (
        old_state is not None
        and new_state is not None
        and new_state.state in _OPERATED
        and old_state.state not in {*_NOT_A_READING, new_state.state}
    )


def _is_zwave_device(hass: HomeAssistant, device_id: str) -> bool:
    device = dr.async_get(hass).async_get(device_id)
    return device is not None and any(
        domain == ZWAVE_DOMAIN for domain, _ in device.identifiers
    )


class JamWatch:
    """Remember the jams a lock's device reports until the lock works again."""

    def __init__(
        self,
        hass: HomeAssistant,
        lock_entity_id: str,
        record: LockRecord,
        on_report: Callable[[], None],
        device_events: DeviceEventRouter,
    ) -> None:
        """Watch nothing until async_refresh names the lock's device."""
        self.hass = hass
        self._device_events = device_events
        self._lock_entity_id = lock_entity_id
        self._record = record
        self._on_report = on_report
        self.signals: dict[str, JamSignal] = {}
        self._zwave_device_id: str | None = None
        self._unsub_zwave: CALLBACK_TYPE | None = None

    @property
    def entity_ids(self) -> set[str]:
        """The jam signal entities whose state changes matter."""
        return set(self.signals)

    @property
    def reported(self) -> bool:
        """Whether a jam was reported and the lock has not worked since."""
        return self._record.jam_reported_at is not None

    @callback
    def async_refresh(self, device_id: str | None) -> None:
        """Find the device's jam signals again; listen to its Z-Wave notifications."""
        self.signals = find_jam_signals(self.hass, device_id)
        zwave_device_id = (
            device_id
            if device_id is not None and _is_zwave_device(self.hass, device_id)
            else None
        )
        if zwave_device_id == self._zwave_device_id:
            return
        self._stop_zwave()
        self._zwave_device_id = zwave_device_id
        if zwave_device_id is None:
            return
        # Routed by device: other devices' notifications never reach this lock.
        self._unsub_zwave = self._device_events.async_listen(
            ZWAVE_NOTIFICATION_EVENT, zwave_device_id, self._async_zwave_notification
        )

    @callback
    def async_stop(self) -> None:
        """Stop listening to notifications."""
        self._stop_zwave()
        self._zwave_device_id = None

    def _stop_zwave(self) -> None:
        if self._unsub_zwave is not None:
            self._unsub_zwave()
            self._unsub_zwave = None

    @callback
    def async_state_changed(
        self, entity_id: str, old_state: State | None, new_state: State | None
    ) -> bool:
        """Note a jam report or the lock working again; True if the record changed."""
        if entity_id == self._lock_entity_id:
            if self.reported and is_successful_operation(old_state, new_state):
                self._record.jam_reported_at = None
                return True
            return False
        signal = self.signals.get(entity_id)
        return (
            signal is not None
            and is_jam_report(signal, old_state, new_state)
            and self._report()
        )

    def _report(self) -> bool:
        # The first report dates the jam; repeats of it change nothing.
        if self.reported:
            return False
        self._record.jam_reported_at = dt_util.utcnow()
        return True

    @callback
    def _async_zwave_notification(self, event: Event[Mapping[str, Any]]) -> None:
        if is_zwave_jam_notification(event.data) and self._report():
            self._on_report()
