"""Find a lock's battery entities and read its battery into the engine's readings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
import math

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    PERCENTAGE,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import HomeAssistant, State, split_entity_id
from homeassistant.helpers import entity_registry as er

from custom_components.lockout_guard.core.models import (
    BatteryReading,
    BatterySource,
)

ATTR_BATTERY_LEVEL = "battery_level"

# When an entity's state went missing (removed, or not there yet since the monitor
# started): the grace periods count from then, not from an old timestamp.
type GoneSince = Callable[[str], datetime]


@dataclass(frozen=True, kw_only=True)
class BatteryEntities:
    """Which entities report the battery of one lock."""

    level_entity_id: str | None = None
    low_flag_entity_id: str | None = None
    overridden: bool = False

    @property
    def entity_ids(self) -> set[str]:
        """The entities whose changes matter."""
        return {
            entity_id
            for entity_id in (self.level_entity_id, self.low_flag_entity_id)
            if entity_id is not None
        }


# Battery Notes mirrors the lock's battery on the lock's device ("battery+"): a copy
# that lags the real sensor, never a source.
_MIRRORS = frozenset({"battery_notes"})


def _is_battery(entry: er.RegistryEntry) -> bool:
    if entry.platform in _MIRRORS:
        return False
    return (entry.device_class or entry.original_device_class) in (
        SensorDeviceClass.BATTERY,
        BinarySensorDeviceClass.BATTERY,
    )


def find_battery_entities(
    hass: HomeAssistant, device_id: str | None, override: str | None
) -> BatteryEntities:
    """The override if set, else battery sensors on the lock's own device."""
    if override:
        if split_entity_id(override)[0] == Platform.BINARY_SENSOR:
            return BatteryEntities(low_flag_entity_id=override, overridden=True)
        return BatteryEntities(level_entity_id=override, overridden=True)
    if device_id is None:
        return BatteryEntities()
    registry = er.async_get(hass)
    level: str | None = None
    low_flag: str | None = None
    for entry in er.async_entries_for_device(registry, device_id):
        if not _is_battery(entry):
            continue
        # The first one wins: a device with two battery sensors (a lock and its
        # keypad) reports the lock's first, and the owner can override it.
        if entry.domain == Platform.SENSOR and level is None:
            level = entry.entity_id
        elif entry.domain == Platform.BINARY_SENSOR and low_flag is None:
            low_flag = entry.entity_id
    return BatteryEntities(level_entity_id=level, low_flag_entity_id=low_flag)


def parse_level(value: object) -> float | None:
    """A battery percentage, or None for anything that is not one."""
    try:
        level = float(str(value))
    except ValueError:
        return None
    if math.isnan(level) or not 0 <= level <= 100:
        return None
    return level


def _level_from_sensor(state: State) -> float | None:
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit not in (None, PERCENTAGE):
        return None
    return parse_level(state.state)


def read_battery(
    hass: HomeAssistant,
    entities: BatteryEntities,
    lock_entity_id: str,
    gone_since: GoneSince,
) -> BatteryReading:
    """Read the battery; a missing, unavailable or nonsensical report is silence."""
    if entities.level_entity_id is not None:
        return _read_level_sensor(hass, entities.level_entity_id, entities, gone_since)
    if entities.low_flag_entity_id is not None:
        return _read_low_flag_sensor(
            hass, entities.low_flag_entity_id, entities, gone_since
        )
    return _read_lock_attribute(
        hass.states.get(lock_entity_id), lock_entity_id, gone_since
    )


def _silent_since(
    state: State | None, entity_id: str, gone_since: GoneSince
) -> datetime:
    return gone_since(entity_id) if state is None else state.last_changed


def _read_level_sensor(
    hass: HomeAssistant,
    entity_id: str,
    entities: BatteryEntities,
    gone_since: GoneSince,
) -> BatteryReading:
    state = hass.states.get(entity_id)
    level = None if state is None else _level_from_sensor(state)
    low_flag, low_flag_reported = _read_low_flag(hass, entities.low_flag_entity_id)
    reading = BatteryReading(
        source=_source(entities, BatterySource.SENSOR),
        low_flag=low_flag,
        low_flag_reported=low_flag_reported,
    )
    if state is None or level is None:
        return replace(
            reading, silent_since=_silent_since(state, entity_id, gone_since)
        )
    return replace(reading, level=level, last_reported=state.last_reported)


def _read_low_flag_sensor(
    hass: HomeAssistant,
    entity_id: str,
    entities: BatteryEntities,
    gone_since: GoneSince,
) -> BatteryReading:
    state = hass.states.get(entity_id)
    low_flag, reported = _read_low_flag(hass, entity_id)
    source = _source(entities, BatterySource.LOW_FLAG)
    if state is None or low_flag is None:
        return BatteryReading(
            source=source, silent_since=_silent_since(state, entity_id, gone_since)
        )
    return BatteryReading(
        source=source,
        low_flag=low_flag,
        last_reported=reported,
        low_flag_reported=reported,
    )


def _read_lock_attribute(
    lock_state: State | None, lock_entity_id: str, gone_since: GoneSince
) -> BatteryReading:
    if lock_state is None or lock_state.state == STATE_UNAVAILABLE:
        # An unavailable lock drops its attributes: its battery is silent, not gone.
        return BatteryReading(
            source=BatterySource.ATTRIBUTE,
            silent_since=_silent_since(lock_state, lock_entity_id, gone_since),
        )
    if ATTR_BATTERY_LEVEL not in lock_state.attributes:
        return BatteryReading()
    level = parse_level(lock_state.attributes[ATTR_BATTERY_LEVEL])
    if level is None:
        return BatteryReading(
            source=BatterySource.ATTRIBUTE, silent_since=lock_state.last_changed
        )
    return BatteryReading(
        source=BatterySource.ATTRIBUTE,
        level=level,
        last_reported=lock_state.last_reported,
    )


def _source(entities: BatteryEntities, found: BatterySource) -> BatterySource:
    return BatterySource.OVERRIDE if entities.overridden else found


def _read_low_flag(
    hass: HomeAssistant, entity_id: str | None
) -> tuple[bool | None, datetime | None]:
    """The flag and when it was reported; (None, None) while it says nothing."""
    if entity_id is None or (state := hass.states.get(entity_id)) is None:
        return None, None
    if state.state == STATE_ON:
        return True, state.last_reported
    if state.state == STATE_OFF:
        return False, state.last_reported
    return None, None
