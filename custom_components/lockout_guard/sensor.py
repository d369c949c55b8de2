"""Sensors: each lock's plan and battery forecast, the home's plan and open risks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .core.models import PlanState, RiskId
from .entity import LockoutGuardHubEntity, LockoutGuardLockEntity
from .hub import LockoutGuardConfigEntry, LockoutGuardHub
from .monitoring.monitor import LockMonitor

PARALLEL_UPDATES = 0

PLAN_STATES = [state.value for state in PlanState]


@dataclass(frozen=True, kw_only=True)
class LockSensorDescription(SensorEntityDescription):
    """A sensor about one lock."""

    value_fn: Callable[[LockMonitor], str | int | None]
    attributes_fn: Callable[[LockMonitor], Mapping[str, Any]]


@dataclass(frozen=True, kw_only=True)
class HubSensorDescription(SensorEntityDescription):
    """A sensor about the whole home."""

    value_fn: Callable[[LockoutGuardHub], str | int | None]
    attributes_fn: Callable[[LockoutGuardHub], Mapping[str, Any]] | None = None


def _home_attributes(hub: LockoutGuardHub) -> Mapping[str, Any]:
    return {
        "locks_at_risk": hub.locks_at_risk,
        "fallback_entry": bool(hub.monitors)
        and all(risk.risk_id is not RiskId.NO_FALLBACK_ENTRY for risk in hub.hub_risks),
    }


LOCK_SENSORS: tuple[LockSensorDescription, ...] = (
    LockSensorDescription(
        key="lockout_plan",
        translation_key="lockout_plan",
        device_class=SensorDeviceClass.ENUM,
        options=PLAN_STATES,
        value_fn=lambda monitor: monitor.assessment.plan.value
        if monitor.assessment
        else None,
        attributes_fn=LockMonitor.plan_attributes,
    ),
)

# Days until the battery reaches the hub's critical threshold (SPEC §5). Not a
# measurement: a forecast has no statistics worth keeping. The value is whole days
# already: a display precision would only cost a registry write per lock at setup.
BATTERY_FORECAST = SensorEntityDescription(
    key="battery_forecast",
    translation_key="battery_forecast",
    device_class=SensorDeviceClass.DURATION,
    native_unit_of_measurement=UnitOfTime.DAYS,
)

HUB_SENSORS: tuple[HubSensorDescription, ...] = (
    HubSensorDescription(
        key="home_plan",
        translation_key="home_plan",
        device_class=SensorDeviceClass.ENUM,
        options=PLAN_STATES,
        value_fn=lambda hub: hub.plan.value,
        attributes_fn=_home_attributes,
    ),
    HubSensorDescription(
        key="open_risks",
        translation_key="open_risks",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda hub: hub.open_risk_count,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LockoutGuardConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the hub's sensors and each lock's plan sensor (in the lock's subentry)."""
    hub = entry.runtime_data
    async_add_entities(HubSensor(hub, description) for description in HUB_SENSORS)

    @callback
    def add_lock_sensors(monitor: LockMonitor) -> None:
        async_add_entities(
            [
                *(
                    LockSensor(hub, monitor, description)
                    for description in LOCK_SENSORS
                ),
                BatteryForecastSensor(hub, monitor, BATTERY_FORECAST),
            ],
            config_subentry_id=monitor.subentry_id,
        )

    hub.async_add_entity_factory(add_lock_sensors)


class LockSensor(LockoutGuardLockEntity, SensorEntity):
    """A sensor about one lock."""

    entity_description: LockSensorDescription
    # When it was last evaluated is useful now, noise in the history.
    _unrecorded_attributes = frozenset({"last_checked"})

    @property
    def native_value(self) -> str | int | None:
        """The value from the last evaluation."""
        return self.entity_description.value_fn(self.monitor)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Counts and ids only: attributes are recorded in history."""
        return self.entity_description.attributes_fn(self.monitor)


class BatteryForecastSensor(LockoutGuardLockEntity, SensorEntity):
    """Days until the lock's battery is critical; unknown until its drain is clear."""

    @property
    def native_value(self) -> int | None:
        """Whole days left, rounded down."""
        return self.monitor.battery_care.days_left

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """The drain per day and when the batteries were last replaced."""
        return self.monitor.battery_care.attributes


class HubSensor(LockoutGuardHubEntity, SensorEntity):
    """A sensor about the whole home."""

    entity_description: HubSensorDescription

    @property
    def native_value(self) -> str | int | None:
        """The value from the last evaluation."""
        return self.entity_description.value_fn(self.hub)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Which locks are at risk and whether the home has a mechanical way in."""
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.hub)
