"""A separate keypad's battery counts: the weaker of lock and keypad, named."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from .lock_fixtures import LockFixture, add_august_lock_with_keypad
from .notify_fixtures import add_notify_entity
from .setup_helpers import (
    answer_fix_flow,
    issue,
    setup_lock,
    start_fix_flow,
    state_of,
    update_facts,
)

BATTERY_EVENT = "lockout_guard_battery_low"
PLAN = "sensor.back_door_lockout_plan"


@pytest.fixture
def back_door(hass: HomeAssistant) -> LockFixture:
    """An August lock whose keypad is a device of its own."""
    return add_august_lock_with_keypad(hass, "back_door", "Back Door")


async def _setup(
    hass: HomeAssistant, hass_storage: dict[str, Any], lock: LockFixture, **facts: Any
) -> tuple[Any, str]:
    return await setup_lock(
        hass,
        hass_storage,
        lock.lock_entity_id,
        "Back Door",
        keypad_battery_entity_id=lock.keypad_battery_entity_id,
        **facts,
    )


async def test_a_weak_keypad_raises_the_battery_risk_and_says_so(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    display = await add_notify_entity(hass, "Kitchen display")
    _, subentry_id = await _setup(
        hass,
        hass_storage,
        back_door,
        options={"notify_targets": ["notify.kitchen_display"]},
    )
    events = async_capture_events(hass, BATTERY_EVENT)
    assert issue(hass, f"battery_low_{subentry_id}") is None
    assert state_of(hass, PLAN).attributes["keypad_battery_level"] == 90

    back_door.set_keypad_battery(20)
    await hass.async_block_till_done(wait_background_tasks=True)

    low = issue(hass, f"battery_low_{subentry_id}")
    assert low is not None
    # Same repair id as the lock's own battery; the words name the keypad.
    assert low.translation_key == "battery_low_keypad"
    assert low.translation_placeholders is not None
    assert low.translation_placeholders["keypad_battery"] == "Back Door Keypad Battery"
    assert low.translation_placeholders["battery_level"] == "20"
    plan = state_of(hass, PLAN)
    assert plan.attributes["battery_level"] == 90
    assert plan.attributes["keypad_battery_level"] == 20
    assert [(e.data["level"], e.data["battery_level"]) for e in events] == [("low", 20)]
    # The alert names the keypad; the lock's batteries are not what to buy.
    assert display.messages == [
        (
            "Battery low: Back Door",
            "The keypad battery of Back Door (Back Door Keypad Battery) is at 20%, "
            "at or below the warning level of 30%. Replace the keypad's batteries "
            "soon.",
        )
    ]

    # The lock's own battery getting lower than the keypad's takes over.
    back_door.set_battery(12)
    await hass.async_block_till_done(wait_background_tasks=True)
    critical = issue(hass, f"battery_critical_{subentry_id}")
    assert critical is not None
    assert critical.translation_key == "battery_critical"
    assert issue(hass, f"battery_low_{subentry_id}") is None
    assert [(e.data["level"], e.data["battery_level"]) for e in events][-1] == (
        "critical",
        12,
    )


async def test_the_keypad_repair_records_nothing_for_the_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    entry, subentry_id = await _setup(hass, hass_storage, back_door)
    record = entry.runtime_data.store.lock(subentry_id)
    back_door.set_keypad_battery(9)
    await hass.async_block_till_done()
    issue_id = f"battery_critical_{subentry_id}"
    critical = issue(hass, issue_id)
    assert critical is not None
    assert critical.translation_key == "battery_critical_keypad"

    flow = await start_fix_flow(hass, issue_id)
    assert flow["type"] == "menu"
    assert "battery_buy" not in flow["description_placeholders"]
    result = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "replaced"})
    assert result == result | {"type": "abort", "reason": "keypad_reports"}
    # New keypad cells are not new lock cells: the lock's forecast goes on.
    assert record.battery_replaced is None
    assert issue(hass, issue_id) is not None

    back_door.set_keypad_battery(100)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is None
    assert state_of(hass, PLAN).state == "ready"


async def test_naming_a_keypad_later_follows_it_in_place(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, back_door.lock_entity_id, "Back Door"
    )
    back_door.set_keypad_battery(10)
    await hass.async_block_till_done()
    # Not named: the keypad is another device, so it does not count yet.
    assert issue(hass, f"battery_critical_{subentry_id}") is None
    assert "keypad_battery_level" not in state_of(hass, PLAN).attributes
    changes = async_capture_events(hass, "state_changed")

    await update_facts(
        hass,
        entry,
        subentry_id,
        keypad_battery_entity_id=back_door.keypad_battery_entity_id,
    )

    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    assert state_of(hass, PLAN).attributes["keypad_battery_level"] == 10
    plan_states = [
        e.data["new_state"].state for e in changes if e.data["entity_id"] == PLAN
    ]
    assert "unavailable" not in plan_states

    await update_facts(hass, entry, subentry_id, keypad_battery_entity_id=None)
    assert issue(hass, f"battery_critical_{subentry_id}") is None
    assert "keypad_battery_level" not in state_of(hass, PLAN).attributes


async def test_a_silent_keypad_keeps_its_last_level(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    _, subentry_id = await _setup(hass, hass_storage, back_door)
    back_door.set_keypad_battery(11)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is not None

    back_door.set_keypad_battery("unavailable")
    await hass.async_block_till_done()
    # Going quiet at 11 % is not a recovery.
    assert issue(hass, f"battery_critical_{subentry_id}") is not None


async def test_a_malformed_keypad_entity_is_ignored(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    await setup_lock(
        hass,
        hass_storage,
        back_door.lock_entity_id,
        "Back Door",
        keypad_battery_entity_id="not an entity",
    )
    plan = state_of(hass, PLAN)
    assert plan.state == "ready"
    assert "keypad_battery_level" not in plan.attributes


async def test_the_keypad_and_the_lock_are_each_announced_once(
    hass: HomeAssistant, hass_storage: dict[str, Any], back_door: LockFixture
) -> None:
    await _setup(hass, hass_storage, back_door)
    events = async_capture_events(hass, BATTERY_EVENT)

    back_door.set_battery(25)
    await hass.async_block_till_done()
    # The keypad going low after the lock was announced is news as well.
    back_door.set_keypad_battery(22)
    await hass.async_block_till_done()
    # Each one lower again, still low: nothing new.
    back_door.set_battery(24)
    back_door.set_keypad_battery(21)
    await hass.async_block_till_done()

    assert [(e.data["level"], e.data["battery_level"]) for e in events] == [
        ("low", 25),
        ("low", 22),
    ]
