"""Never noisy: restarts, reloads, renames and flickering sensors raise nothing twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture, add_matter_lock
from .setup_helpers import issue, run_fix_flow, settle, setup_lock, state_of

PLAN = "sensor.front_door_lockout_plan"


async def test_restart_with_the_lock_loading_later_repeats_nothing(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    battery_events = async_capture_events(hass, "lockout_guard_battery_low")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(20)
    await hass.async_block_till_done()
    issue_id = f"battery_low_{subentry_id}"
    ir.async_ignore_issue(hass, DOMAIN, issue_id, True)
    assert len(battery_events) == 1
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    # Home Assistant starts again; the lock's integration is not loaded yet.
    hass.set_state(CoreState.starting)
    assert front_door.battery_entity_id is not None
    hass.states.async_remove(front_door.battery_entity_id)
    hass.states.async_remove(front_door.lock_entity_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    front_door.set_state("locked")
    front_door.set_battery(20)
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()

    found = issue(hass, issue_id)
    assert found is not None
    assert found.dismissed_version is not None
    assert len(battery_events) == 1
    assert [e.data["risk"] for e in raised] == ["battery_low"]
    assert cleared == []
    assert state_of(hass, PLAN).state == "attention"


async def test_flickering_battery_sensor_keeps_the_low_battery(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    battery_events = async_capture_events(hass, "lockout_guard_battery_low")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(20)
    await hass.async_block_till_done()
    front_door.set_battery("unavailable")
    await hass.async_block_till_done()
    assert issue(hass, f"battery_low_{subentry_id}") is not None
    freezer.tick(timedelta(minutes=1))
    front_door.set_battery(20)
    await hass.async_block_till_done()
    assert len(battery_events) == 1
    assert cleared == []


async def test_a_battery_wobbling_around_a_threshold_alerts_once(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    alerts = async_capture_events(hass, "lockout_guard_battery_low")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    # Temperature and motor load move a lock battery by a point or two.
    for level in (50, 30, 31, 30, 31, 30, 15, 16, 15, 16, 15):
        front_door.set_battery(level)
        await hass.async_block_till_done()
    assert [event.data["level"] for event in alerts] == ["low", "critical"]

    # Clearly back above the low threshold (a recharge, a warm day): the next real
    # drop alerts again.
    front_door.set_battery(36)
    await hass.async_block_till_done()
    front_door.set_battery(30)
    await hass.async_block_till_done()
    assert [event.data["level"] for event in alerts] == ["low", "critical", "low"]


async def test_reloaded_lock_integration_gets_the_grace_period(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    freezer.tick(timedelta(hours=3))
    async_fire_time_changed(hass)
    # The lock's integration reloads: its states go away for a moment.
    assert front_door.battery_entity_id is not None
    hass.states.async_remove(front_door.battery_entity_id)
    hass.states.async_remove(front_door.lock_entity_id)
    await hass.async_block_till_done()
    assert issue(hass, f"lock_unavailable_{subentry_id}") is None
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is None
    freezer.tick(timedelta(minutes=31))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert issue(hass, f"lock_unavailable_{subentry_id}") is not None


async def test_lock_attribute_changes_do_not_rewrite_the_plan(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    writes = async_capture_events(hass, "state_changed")
    for user in ("Anna", "Ben", "Chris"):
        front_door.set_state("locked", changed_by=user)
    await hass.async_block_till_done()
    assert [e.data["entity_id"] for e in writes] == [front_door.lock_entity_id] * 3


async def test_locks_left_out_at_setup_are_not_new(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    result: Any = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"locks": [front_door.lock_entity_id]}
    )
    await hass.async_block_till_done()
    assert result["result"].data == {"ignored_locks": [back.lock_entity_id]}
    assert issue(hass, "new_lock_found") is None


async def test_a_lock_no_longer_monitored_is_not_new(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert issue(hass, "new_lock_found") is None
    assert front_door.lock_entity_id in entry.runtime_data.store.ignored_locks


async def test_renaming_a_lock_raises_no_new_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    gate = add_matter_lock(hass, "gate", "Gate")
    await settle(hass)
    await run_fix_flow(hass, "new_lock_found", {"locks": []})
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    registry = er.async_get(hass)
    # As an entity platform does it: the registry entry moves, the state follows.
    for old, new in (
        (gate.lock_entity_id, "lock.garden"),
        (front_door.lock_entity_id, "lock.entry"),
    ):
        registry.async_update_entity(old, new_entity_id=new)
        hass.states.async_remove(old)
        hass.states.async_set(new, "locked")
        await settle(hass)
    assert [e.data for e in raised] == []
    assert issue(hass, "new_lock_found") is None
    assert "lock.garden" in entry.runtime_data.store.ignored_locks


async def test_renamed_battery_override_is_followed(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    assert front_door.battery_entity_id is not None
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        battery_entity_id=front_door.battery_entity_id,
    )
    er.async_get(hass).async_update_entity(
        front_door.battery_entity_id, new_entity_id="sensor.door_cells"
    )
    hass.states.async_set("sensor.door_cells", "12", {"unit_of_measurement": "%"})
    await hass.async_block_till_done()
    assert (
        entry.subentries[subentry_id].data["battery_entity_id"] == "sensor.door_cells"
    )
    assert issue(hass, f"battery_critical_{subentry_id}") is not None


async def test_a_lock_entry_without_a_valid_lock_is_skipped(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry(
        lock_subentry(
            front_door.lock_entity_id, "Front Door", battery_entity_id="bad id"
        ),
        {
            "data": {"lock_entity_id": "not an entity"},
            "subentry_type": "lock",
            "title": "Broken",
            "unique_id": "broken",
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert len(entry.runtime_data.monitors) == 1
    # The malformed override is ignored: the device's own battery is read.
    assert state_of(hass, PLAN).attributes["battery_level"] == 90


async def test_registry_changes_and_rechecks_do_not_rewrite_the_home_plan(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    home = state_of(hass, "sensor.lockout_guard_home_plan").last_reported
    risks = state_of(hass, "sensor.lockout_guard_open_risks").last_reported
    # A lock's entity gets a new name, and the owner asks for a recheck: the
    # home's view is evaluated again, and nothing it shows changed.
    er.async_get(hass).async_update_entity(front_door.lock_entity_id, name="Entrance")
    await hass.services.async_call(DOMAIN, "recheck", {}, blocking=True)
    await settle(hass)
    assert state_of(hass, "sensor.lockout_guard_home_plan").last_reported == home
    assert state_of(hass, "sensor.lockout_guard_open_risks").last_reported == risks
