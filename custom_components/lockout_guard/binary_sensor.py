"""Binary sensor per lock: on while any lockout risk is open."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import LockoutGuardLockEntity
from .hub import LockoutGuardConfigEntry

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
    for subentry_id, monitor in entry.runtime_data.monitors.items():
        async_add_entities(
            [LockoutRiskBinarySensor(monitor, LOCKOUT_RISK)],
            config_subentry_id=subentry_id,
        )


class LockoutRiskBinarySensor(LockoutGuardLockEntity, BinarySensorEntity):
    """On while the lock has any open risk."""

    @property
    def is_on(self) -> bool:
        """Whether any risk is open."""
        assessment = self.monitor.assessment
        return assessment is not None and bool(assessment.risks)
