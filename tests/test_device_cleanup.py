"""Devices of the hub that none of its entities use any more are removed at setup."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture, add_template_lock
from .setup_helpers import READY_FACTS, settle


def _device_of(hass: HomeAssistant, entity_id: str) -> dr.DeviceEntry:
    entity = er.async_get(hass).async_get(entity_id)
    assert entity is not None
    assert entity.device_id is not None
    device = dr.async_get(hass).async_get(entity.device_id)
    assert device is not None
    return device


def _hub_device(hass: HomeAssistant) -> dr.DeviceEntry:
    return _device_of(hass, "sensor.lockout_guard_home_plan")


async def test_a_device_left_without_entities_is_removed(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(
        lock_subentry(front_door.lock_entity_id, "Front Door", **READY_FACTS)
    )
    entry.add_to_hass(hass)
    devices = dr.async_get(hass)
    # What an upgrade from Home Assistant 2025.x leaves: a device the hub entry was
    # linked to through the lock's identifiers, with none of its entities on it.
    stale = devices.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("zwave_js", "3967620112-7")},
        name="Front Door (old link)",
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)

    assert devices.async_get(stale.id) is None
    # The lock's own device, with the plan entities on it, and the hub device stay.
    assert _device_of(hass, "sensor.front_door_lockout_plan").id == front_door.device_id
    assert _hub_device(hass) is not None


async def test_a_lock_no_longer_monitored_takes_its_own_device_along(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_template_lock(hass, "side_gate", "Side Gate")
    entry = hub_entry(lock_subentry(lock.lock_entity_id, "Side Gate", **READY_FACTS))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (subentry_id,) = entry.subentries
    devices = dr.async_get(hass)
    own = _device_of(hass, "sensor.side_gate_lockout_plan")
    assert (DOMAIN, subentry_id) in own.identifiers

    hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    await settle(hass)

    assert devices.async_get(own.id) is None
    assert hass.states.get("sensor.side_gate_lockout_plan") is None
    assert _hub_device(hass) is not None
