"""Lockout Guard: keeps a household from being locked out by its own smart locks."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType
from homeassistant.loader import async_get_integration

from .const import DOMAIN
from .dashboard_card import async_register_card
from .device_cleanup import async_remove_unused_devices
from .hub import LockoutGuardConfigEntry, LockoutGuardHub
from .logbook import async_load_logbook_words
from .services import async_setup_services

PLATFORMS: list[Platform] = [Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SENSOR]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once, whether or not the hub is loaded."""
    async_setup_services(hass)
    # The logbook describes events synchronously: have its words at hand.
    await async_load_logbook_words(hass)
    integration = await async_get_integration(hass, DOMAIN)
    await async_register_card(hass, str(integration.version))
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: LockoutGuardConfigEntry
) -> bool:
    """Load the stored confirmations and start watching the monitored locks."""
    hub = LockoutGuardHub(hass, entry)
    await hub.async_start()
    entry.runtime_data = hub
    entry.async_on_unload(hub.async_stop)
    entry.async_on_unload(entry.add_update_listener(_async_apply_changes))
    try:
        await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    except BaseException:
        # Home Assistant does not unload an entry whose setup raised: stop the
        # monitors here, or a retry would run two of each.
        hub.async_stop()
        raise
    async_remove_unused_devices(hass, entry)
    return True


async def async_unload_entry(
    hass: HomeAssistant, entry: LockoutGuardConfigEntry
) -> bool:
    """Stop watching, then write the stores: nothing changes after the last write.

    Issues stay so that ignored ones remain ignored after a reload.
    """
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        hub = entry.runtime_data
        hub.async_stop()
        await hub.store.async_flush()
        await hub.battery_samples.async_flush()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """The hub was deleted: forget its stored data and its repair issues."""
    await LockoutGuardHub.async_remove_everything(hass)


async def _async_apply_changes(
    hass: HomeAssistant, entry: LockoutGuardConfigEntry
) -> None:
    # Options and subentries (locks added, removed or reconfigured) are applied in
    # place: a reload would take every entity of every lock down and up again.
    entry.runtime_data.async_apply_entry_changes()
