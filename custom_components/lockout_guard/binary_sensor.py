"""Binary sensor per lock: on while any lockout risk is open."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import LockoutGuardLockEntity
from .hub import LockoutGuardConfigEntry
from .monitoring.monitor import LockMonitor

PARALLEL_UPDATES = 0

LOCKOUT_RISK = BinarySensorEntityDescription(
    key="lockout_risk",
    translation_key="lockout_risk",
    device_class=BinarySensorDeviceClass.PROBLEM,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LockoutGuardConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add one risk sensor per lock, in that lock's subentry."""
    hub = entry.runtime_data

    @callback
    def add_lock_risk_sensor(monitor: LockMonitor) -> None:
        async_add_entities(
            [LockoutRiskBinarySensor(hub, monitor, LOCKOUT_RISK)],
            config_subentry_id=monitor.subentry_id,
        )

    hub.async_add_entity_factory(add_lock_risk_sensor)


class LockoutRiskBinarySensor(LockoutGuardLockEntity, BinarySensorEntity):
    """On while the lock has any open risk."""

    @property
    def is_on(self) -> bool:
        """Whether any risk is open."""
        assessment = self.monitor.assessment
        return assessment is not None and bool(assessment.risks)
