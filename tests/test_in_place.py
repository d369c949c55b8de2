"""Changes the owner makes are applied in place: no reload, nothing unavailable.

A saved fact, a confirmation, an added, reconfigured or removed lock and changed
options touch only what they concern, and no entity of Lockout Guard is ever
written as ``unavailable`` because of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import MappingProxyType
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState, ConfigSubentry
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.lockout_guard.const import DOMAIN, SUBENTRY_TYPE_LOCK
from custom_components.lockout_guard.monitoring.monitor import RENAME_SETTLE_SECONDS

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture, add_zwave_lock
from .setup_helpers import (
    READY_FACTS,
    issue,
    open_issue_ids,
    ready_record,
    seed_store,
    settle,
    state_of,
    update_facts,
)

FRONT_PLAN = "sensor.front_door_lockout_plan"
FRONT_RISK = "binary_sensor.front_door_lockout_risk"
BACK_PLAN = "sensor.back_door_lockout_plan"
BACK_RISK = "binary_sensor.back_door_lockout_risk"
HOME_PLAN = "sensor.lockout_guard_home_plan"
OPEN_RISKS = "sensor.lockout_guard_open_risks"


@pytest.fixture
def back_door(hass: HomeAssistant) -> LockFixture:
    """A second Z-Wave lock on its own device."""
    return add_zwave_lock(hass, "back_door", "Back Door", battery=80)


class Writes:
    """Every state written for Lockout Guard's entities while a test runs."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.states: list[tuple[str, str | None]] = []
        self.setups = 0
        hass.bus.async_listen("state_changed", self._record)

    @callback
    def _record(self, event: Event[EventStateChangedData]) -> None:
        entity_id = event.data["entity_id"]
        if entity_id.startswith(("sensor.", "binary_sensor.")) and (
            "lockout" in entity_id or "battery_forecast" in entity_id
        ):
            new_state = event.data["new_state"]
            self.states.append((entity_id, new_state.state if new_state else None))

    def of(self, entity_id: str) -> list[str | None]:
        return [state for written, state in self.states if written == entity_id]

    def unavailable(self) -> list[str]:
        return [entity for entity, state in self.states if state == STATE_UNAVAILABLE]


async def _setup(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    *locks: tuple[LockFixture, dict[str, Any]],
    options: dict[str, Any] | None = None,
) -> tuple[MockConfigEntry, list[str]]:
    entry = hub_entry(
        *(
            lock_subentry(lock.lock_entity_id, lock.name, **(READY_FACTS | facts))
            for lock, facts in locks
        ),
        options=options,
    )
    subentry_ids = list(entry.subentries)
    seed_store(hass_storage, {sid: ready_record() for sid in subentry_ids})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    return entry, subentry_ids


def _no_reload(entry: MockConfigEntry) -> Callable[[], None]:
    """Fail the test if the hub entry is set up again."""
    runtime = entry.runtime_data

    def check() -> None:
        assert entry.state is ConfigEntryState.LOADED
        assert entry.runtime_data is runtime, "the hub was reloaded"

    return check


async def test_a_saved_fact_updates_only_its_lock(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    back_door: LockFixture,
) -> None:
    entry, (front_id, _back_id) = await _setup(
        hass, hass_storage, (front_door, {}), (back_door, {})
    )
    still_loaded = _no_reload(entry)
    writes = Writes(hass)

    # The owner says the spare key is now under the doormat.
    await update_facts(hass, entry, front_id, key_location="hidden_outside")

    still_loaded()
    assert writes.unavailable() == []
    assert issue(hass, f"key_hidden_outside_{front_id}") is not None
    assert state_of(hass, FRONT_RISK).state == "on"
    # The other lock was not touched at all.
    assert writes.of(BACK_PLAN) == []
    assert writes.of(BACK_RISK) == []
    assert state_of(hass, OPEN_RISKS).state == "1"


async def test_an_automation_on_unavailable_to_on_never_fires(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(
        hass, hass_storage, (front_door, {"key_location": "hidden_outside"})
    )
    writes = Writes(hass)
    for location in ("lockbox", "hidden_outside", "trusted_person"):
        await update_facts(hass, entry, front_id, key_location=location)
    assert writes.unavailable() == []
    assert writes.of(FRONT_RISK) == ["off", "on", "off"]


async def test_an_added_lock_gets_its_entities_without_a_reload(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    back_door: LockFixture,
) -> None:
    entry, _ = await _setup(hass, hass_storage, (front_door, {}))
    still_loaded = _no_reload(entry)
    writes = Writes(hass)
    raised = async_capture_events(hass, "lockout_guard_risk_raised")

    data = lock_subentry(back_door.lock_entity_id, "Back Door", **READY_FACTS)
    hass.config_entries.async_add_subentry(
        entry,
        ConfigSubentry(
            data=MappingProxyType(data["data"]),
            subentry_type=SUBENTRY_TYPE_LOCK,
            title="Back Door",
            unique_id=back_door.lock_entity_id,
        ),
    )
    await hass.async_block_till_done()
    await settle(hass)

    still_loaded()
    assert writes.unavailable() == []
    assert writes.of(FRONT_PLAN) == []
    # A new lock has no confirmations yet: its first risks are raised, with events.
    assert state_of(hass, BACK_RISK).state == "on"
    assert {event.data["entity_id"] for event in raised} == {back_door.lock_entity_id}
    registry = er.async_get(hass)
    entity = registry.async_get(BACK_PLAN)
    assert entity is not None
    assert entity.device_id == back_door.device_id


async def test_a_removed_lock_clears_its_risks_with_events(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    back_door: LockFixture,
) -> None:
    entry, (front_id, back_id) = await _setup(
        hass,
        hass_storage,
        (front_door, {}),
        (back_door, {"key_location": "hidden_outside"}),
    )
    assert issue(hass, f"key_hidden_outside_{back_id}") is not None
    assert state_of(hass, OPEN_RISKS).state == "1"
    still_loaded = _no_reload(entry)
    writes = Writes(hass)
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")

    hass.config_entries.async_remove_subentry(entry, back_id)
    await hass.async_block_till_done()
    await settle(hass)

    still_loaded()
    assert [(e.data["entity_id"], e.data["risk"]) for e in cleared] == [
        (back_door.lock_entity_id, "key_hidden_outside")
    ]
    assert issue(hass, f"key_hidden_outside_{back_id}") is None
    assert hass.states.get(BACK_PLAN) is None
    assert er.async_get(hass).async_get(BACK_PLAN) is None
    assert state_of(hass, OPEN_RISKS).state == "0"
    assert state_of(hass, HOME_PLAN).state == "ready"
    assert writes.unavailable() == []
    assert writes.of(FRONT_PLAN) == []
    # Removed on purpose: not reported as a new lock afterwards.
    assert "new_lock_found" not in open_issue_ids(hass)
    assert back_id not in entry.runtime_data.store.lock_ids()
    assert front_id in entry.runtime_data.store.lock_ids()


async def test_pointing_a_lock_at_a_different_lock_starts_fresh(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    back_door: LockFixture,
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    hub = entry.runtime_data
    record = hub.store.lock(front_id)
    # The old lock had codes and a jam.
    record.codes_seen = 4
    record.codes_source = "zwave_js"
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{front_id}") is not None
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    writes = Writes(hass)

    await update_facts(hass, entry, front_id, lock_entity_id=back_door.lock_entity_id)

    new_record = hub.store.lock(front_id)
    assert new_record.entity_id == back_door.lock_entity_id
    assert new_record.codes_seen is None
    assert new_record.jam_reported_at is None
    # The old lock's jam cleared (with its event); the new lock starts unconfirmed,
    # and its first risks are raised as for any new lock.
    assert ("lock.front_door", "lock_jammed") in {
        (e.data["entity_id"], e.data["risk"]) for e in cleared
    }
    assert issue(hass, f"lock_jammed_{front_id}") is None
    assert {e.data["entity_id"] for e in raised} == {back_door.lock_entity_id}
    assert writes.unavailable() == []
    # The same entities, now on the new lock's device.
    entity = er.async_get(hass).async_get(FRONT_PLAN)
    assert entity is not None
    assert entity.device_id == back_door.device_id


async def test_a_renamed_lock_keeps_its_history(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    hub = entry.runtime_data
    hub.store.lock(front_id).codes_seen = 4
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{front_id}") is not None
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    writes = Writes(hass)

    er.async_get(hass).async_update_entity(
        front_door.lock_entity_id, new_entity_id="lock.main_door"
    )
    await hass.async_block_till_done()
    # As the lock's platform does: the old id's state goes, the new one's comes.
    hass.states.async_remove(front_door.lock_entity_id)
    hass.states.async_set("lock.main_door", "jammed", {"friendly_name": "Front Door"})
    await hass.async_block_till_done()
    await settle(hass)

    assert entry.subentries[front_id].data["lock_entity_id"] == "lock.main_door"
    record = hub.store.lock(front_id)
    assert record.entity_id == "lock.main_door"
    assert record.codes_seen == 4
    assert record.key_verified is not None
    # The jam is the same jam: neither cleared nor raised again.
    assert raised == []
    assert cleared == []
    assert issue(hass, f"lock_jammed_{front_id}") is not None
    assert writes.unavailable() == []


async def test_a_renamed_lock_without_a_new_state_is_evaluated_after_a_while(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    er.async_get(hass).async_update_entity(
        front_door.lock_entity_id, new_entity_id="lock.main_door"
    )
    hass.states.async_remove(front_door.lock_entity_id)
    await hass.async_block_till_done()
    assert issue(hass, f"monitored_lock_missing_{front_id}") is None

    async_fire_time_changed(
        hass, dt_util.utcnow() + timedelta(seconds=RENAME_SETTLE_SECONDS + 1)
    )
    await hass.async_block_till_done()
    monitor = entry.runtime_data.monitors[front_id]
    assert monitor.entity_id == "lock.main_door"
    assert monitor.last_checked is not None


async def test_changed_options_apply_without_a_reload(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    still_loaded = _no_reload(entry)
    writes = Writes(hass)
    low = async_capture_events(hass, "lockout_guard_battery_low")

    # The battery reads 90: a low threshold of 95 makes it low at once.
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "low_battery": 95, "critical_battery": 10}
    )
    await hass.async_block_till_done()
    await settle(hass)

    still_loaded()
    assert issue(hass, f"battery_low_{front_id}") is not None
    assert [event.data["threshold"] for event in low] == [95]
    assert writes.unavailable() == []


async def test_actions_right_after_a_saved_fact_see_the_hub(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    subentry = entry.subentries[front_id]
    hass.config_entries.async_update_subentry(
        entry, subentry, data={**subentry.data, "key_location": "hidden_outside"}
    )
    # No await in between: the next action of the same script.
    response: Any = await hass.services.async_call(
        DOMAIN,
        "get_plan",
        {"entity_id": front_door.lock_entity_id},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    (card,) = response["locks"]
    assert "key_hidden_outside" in card["risks"]


async def test_unload_stops_watching_before_the_last_write(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    events = async_capture_events(hass, "lockout_guard_risk_cleared")

    assert await hass.config_entries.async_unload(entry.entry_id)
    stored = hass_storage[DOMAIN]["data"]["locks"][front_id]
    assert "lock_jammed" in stored["open_risks"]

    # Stopped: a change now is neither acted on nor lost later, and after the next
    # setup the jam clears exactly once.
    front_door.set_state("locked")
    await hass.async_block_till_done()
    assert events == []
    assert hass_storage[DOMAIN]["data"]["locks"][front_id] == stored
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    assert [event.data["risk"] for event in events] == ["lock_jammed"]


async def test_a_battery_report_writes_its_lock_not_the_home(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    back_door: LockFixture,
) -> None:
    await _setup(
        hass,
        hass_storage,
        (front_door, {}),
        (back_door, {"key_location": "hidden_outside"}),
    )
    writes = Writes(hass)
    back_door.set_battery(75)
    await hass.async_block_till_done()
    # The back door's plan shows the new level; the home's view did not change.
    assert len(writes.of(BACK_PLAN)) == 1
    assert state_of(hass, BACK_PLAN).attributes["battery_level"] == 75
    assert writes.of(HOME_PLAN) == []
    assert writes.of(OPEN_RISKS) == []
    assert writes.of(FRONT_PLAN) == []


async def test_a_replaced_monitor_stays_stopped(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, (front_id,) = await _setup(hass, hass_storage, (front_door, {}))
    old = entry.runtime_data.monitors[front_id]
    # A new battery entity: a new monitor behind the same entities.
    await update_facts(
        hass, entry, front_id, battery_entity_id=front_door.battery_entity_id
    )
    assert entry.runtime_data.monitors[front_id] is not old
    raised = async_capture_events(hass, "lockout_guard_risk_raised")

    # Someone still held the old one (an action that was running).
    await old.async_recheck()
    front_door.set_state("jammed")
    await hass.async_block_till_done()

    assert [event.data["risk"] for event in raised] == ["lock_jammed"]


async def test_a_failed_setup_leaves_no_hub_running(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    entry.add_to_hass(hass)
    with patch.object(
        hass.config_entries,
        "async_forward_entry_setups",
        side_effect=RuntimeError("platform failed"),
    ):
        assert not await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    assert raised == []
