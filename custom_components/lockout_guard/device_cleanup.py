"""Remove devices of the hub entry that no entity of it uses any more.

Such devices are left behind when a lock without a device of its own stops being
monitored, and after an upgrade from Home Assistant 2025.x: there the per-lock
entities joined the lock's device through its identifiers, which linked the hub
entry to that device; newer versions link entities through ``device_entry`` and
keep (or split off) the old link as a device with nothing on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .const import DOMAIN
from .monitoring.lock_lookup import lock_device

if TYPE_CHECKING:
    from .monitoring.monitor import LockMonitor

# Newer Home Assistant gives every device exactly one config entry: a device listed
# for this entry is this entry's alone and is removed. 2025.x shares devices between
# entries: there only this entry's link goes, and the device stays for the others.
ONE_ENTRY_PER_DEVICE = hasattr(dr.DeviceEntry, "config_entry_id")


@callback
def async_remove_unused_devices(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Unlink the entry from its devices that hold none of its entities.

    Call after the platforms added their entities. A device other integrations
    still use keeps existing; only this entry's link to it goes.
    """
    device_registry = dr.async_get(hass)
    entity_registry = er.async_get(hass)
    for device in dr.async_entries_for_config_entry(device_registry, entry.entry_id):
        entities = er.async_entries_for_device(
            entity_registry, device.id, include_disabled_entities=True
        )
        if any(entity.config_entry_id == entry.entry_id for entity in entities):
            continue
        if ONE_ENTRY_PER_DEVICE:
            device_registry.async_remove_device(device.id)
        else:
            device_registry.async_update_device(
                device.id, remove_config_entry_id=entry.entry_id
            )


@callback
def async_move_lock_entities(
    hass: HomeAssistant, entry: ConfigEntry, monitor: LockMonitor
) -> None:
    """A lock's subentry now names a lock on another device: its entities follow.

    A lock without a device gets a device of Lockout Guard's own, as at setup; the
    device left without entities is removed afterwards.
    """
    if (device := lock_device(hass, monitor.entity_id)) is not None:
        device_id = device.id
        if not ONE_ENTRY_PER_DEVICE:
            # 2025.x keeps an entity on a device only while its config entry is
            # one of the device's (setup links it the same way, by device_info).
            dr.async_get(hass).async_update_device(
                device_id,
                add_config_entry_id=entry.entry_id,
                add_config_subentry_id=monitor.subentry_id,
            )
    else:
        device_id = (
            dr.async_get(hass)
            .async_get_or_create(
                config_entry_id=entry.entry_id,
                config_subentry_id=monitor.subentry_id,
                identifiers={(DOMAIN, monitor.subentry_id)},
                name=monitor.name,
            )
            .id
        )
    entity_registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id):
        if (
            entity.config_subentry_id == monitor.subentry_id
            and entity.device_id != device_id
        ):
            entity_registry.async_update_entity(entity.entity_id, device_id=device_id)
    async_remove_unused_devices(hass, entry)
