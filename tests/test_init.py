"""Setup, unload, removal and persistence of the hub entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.helpers import issue_registry as ir

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture


async def test_setup_and_unload_leave_nothing_behind(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    listener_counts = []
    # The first cycle also loads dependencies (repairs, http) that stay loaded;
    # from then on a setup/unload cycle must leave the bus as it found it.
    for _ in range(2):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert entry.state is ConfigEntryState.LOADED
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
        assert entry.state.value == "not_loaded"
        listener_counts.append(sum(hass.bus.async_listeners().values()))
    assert listener_counts[0] == listener_counts[1]


async def test_confirmations_survive_reload_and_restart(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (subentry_id,) = entry.subentries
    record = entry.runtime_data.store.lock(subentry_id)
    record.key_verified = date(2026, 11, 1)
    record.key_tested = True
    entry.runtime_data.store.ignored_locks.add("lock.garden_gate")
    entry.runtime_data.store.async_schedule_save()

    # A reload writes what is pending and reads it back.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    stored = hass_storage[DOMAIN]
    assert stored["version"] == 1
    assert stored["data"]["locks"][subentry_id]["key_verified"] == "2026-11-01"
    reloaded = entry.runtime_data.store.lock(subentry_id)
    assert reloaded.key_verified == date(2026, 11, 1)
    assert reloaded.key_tested is True
    assert entry.runtime_data.store.ignored_locks == {"lock.garden_gate"}


async def test_store_from_an_older_version_is_migrated(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    (subentry_id,) = entry.subentries
    hass_storage[DOMAIN] = {
        "version": 1,
        "minor_version": 0,
        "key": DOMAIN,
        "data": {"locks": {subentry_id: {"drill_confirmed": "2026-10-01"}}},
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.drill_confirmed == date(2026, 10, 1)
    assert record.key_verified is None


async def test_corrupt_store_keeps_what_is_readable(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    (subentry_id,) = entry.subentries
    hass_storage[DOMAIN] = {
        "version": 1,
        "minor_version": 1,
        "key": DOMAIN,
        "data": {
            "locks": {
                subentry_id: {
                    "key_verified": "yesterday",
                    "drill_confirmed": "2026-10-01",
                    "drill_started": "2026-10-01T10:00:00",
                    "codes_seen": -3,
                    "open_risks": ["not", "a", "mapping"],
                    "battery_alert_level": "panic",
                },
                "gone": "not a record",
            },
            "ignored_locks": "lock.x",
        },
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    store = entry.runtime_data.store
    record = store.lock(subentry_id)
    assert record.key_verified is None
    assert record.drill_confirmed == date(2026, 10, 1)
    # A time without a zone is ambiguous: dropped rather than guessed.
    assert record.drill_started is None
    assert record.codes_seen is None
    assert record.battery_alert_level is None
    assert store.ignored_locks == set()
    # The record of a subentry that no longer exists is dropped.
    assert store.lock_ids() == {subentry_id}


async def test_store_that_is_not_a_mapping_starts_empty(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    hass_storage[DOMAIN] = {"version": 1, "minor_version": 1, "key": DOMAIN, "data": []}
    entry = hub_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.store.lock_ids() == set()


async def test_removing_the_hub_deletes_its_data_and_issues(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await entry.runtime_data.store.async_flush()
    assert DOMAIN in hass_storage
    ir.async_create_issue(
        hass,
        DOMAIN,
        "left_over",
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key="left_over",
    )

    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert DOMAIN not in hass_storage
    assert ir.async_get(hass).async_get_issue(DOMAIN, "left_over") is None


async def test_removing_a_lock_forgets_its_confirmations(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (subentry_id,) = entry.subentries
    entry.runtime_data.store.lock(subentry_id).key_tested = True

    assert hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.store.lock_ids() == set()


async def test_a_lock_not_there_during_startup_is_not_missing_yet(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    hass.set_state(CoreState.not_running)
    entry = hub_entry(lock_subentry("lock.late_gate", "Late Gate"))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (subentry_id,) = entry.subentries
    issue_id = f"monitored_lock_missing_{subentry_id}"
    # Integrations are still adding their entities.
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None

    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None


async def test_an_unloaded_hub_watches_nothing(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: Any,
) -> None:
    from datetime import timedelta  # noqa: PLC0415

    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        async_fire_time_changed,
    )

    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (subentry_id,) = entry.subentries
    front_door.set_state("unavailable")
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    # Neither state listeners nor the unavailable-grace timer outlive the unload.
    front_door.set_state("jammed")
    freezer.tick(timedelta(hours=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    registry = ir.async_get(hass)
    assert registry.async_get_issue(DOMAIN, f"lock_jammed_{subentry_id}") is None
    assert registry.async_get_issue(DOMAIN, f"lock_unavailable_{subentry_id}") is None
