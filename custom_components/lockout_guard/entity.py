"""Base entities: per-lock ones join the lock's own device, hub ones the hub device."""

from __future__ import annotations

from homeassistant.helpers import device as device_helper
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN, HUB_TITLE
from .hub import LockoutGuardHub
from .monitoring.lock_lookup import lock_device
from .monitoring.monitor import LockMonitor

# Newer Home Assistant links an entity to another integration's device through
# ``entity.device_entry`` (a device_info with that device's identifiers would create a
# separate device there); 2025.4 only links through such a device_info. The helper
# that came with the new way tells which one this Home Assistant has.
LINK_BY_DEVICE_ENTRY = hasattr(device_helper, "async_entity_id_to_device")


class LockoutGuardLockEntity(Entity):
    """An entity about one monitored lock, shown on that lock's device.

    It reads the lock's current monitor from the hub: a reconfigured lock gets a
    new monitor, and the entity stays (never re-added, never unavailable).
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, hub: LockoutGuardHub, monitor: LockMonitor, description: EntityDescription
    ) -> None:
        """Attach to the lock's device, or to a device of our own if it has none."""
        self._hub = hub
        self._subentry_id = monitor.subentry_id
        self._first_monitor = monitor
        self.entity_description = description
        self._attr_unique_id = f"{monitor.subentry_id}_{description.key}"
        if (device := lock_device(monitor.hass, monitor.entity_id)) is not None:
            if LINK_BY_DEVICE_ENTRY:
                self.device_entry = device
            else:
                self._attr_device_info = DeviceInfo(
                    identifiers=device.identifiers, connections=device.connections
                )
        else:
            self._attr_device_info = DeviceInfo(
                identifiers={(DOMAIN, monitor.subentry_id)}, name=monitor.name
            )

    @property
    def monitor(self) -> LockMonitor:
        """The lock's monitor now (the last one, once the lock is removed)."""
        return self._hub.monitors.get(self._subentry_id, self._first_monitor)

    async def async_added_to_hass(self) -> None:
        """Refresh whenever what the lock's entities show changed."""
        self.async_on_remove(
            self._hub.lock_signal(self._subentry_id).async_add_listener(
                self.async_write_ha_state
            )
        )


class LockoutGuardHubEntity(Entity):
    """An entity about the whole home, on the "Lockout Guard" hub device."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, hub: LockoutGuardHub, description: EntityDescription) -> None:
        """Attach to the hub device."""
        self.hub = hub
        self.entity_description = description
        self._attr_unique_id = f"{hub.entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, hub.entry.entry_id)},
            name=HUB_TITLE,
            entry_type=DeviceEntryType.SERVICE,
        )

    async def async_added_to_hass(self) -> None:
        """Refresh whenever the home is re-evaluated."""
        self.async_on_remove(
            self.hub.home_signal.async_add_listener(self.async_write_ha_state)
        )
