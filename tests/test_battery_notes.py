"""Battery Notes and Lockout Guard share battery replacements, without echoes."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockUser

from custom_components.lockout_guard.const import DOMAIN

from .battery_notes_standin import add_battery_note
from .lock_fixtures import LockFixture, add_matter_lock
from .setup_helpers import (
    answer_fix_flow,
    days_ago,
    issue,
    setup_lock,
    start_fix_flow,
    state_of,
)

PLAN = "sensor.front_door_lockout_plan"


async def _mark(hass: HomeAssistant, user: MockUser, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN,
        "mark_battery_replaced",
        data,
        blocking=True,
        context=Context(user_id=user.id),
    )
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_battery_notes_button_records_the_replacement(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    assert front_door.device_id is not None
    note = add_battery_note(hass, front_door.device_id)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(20)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_low_{subentry_id}") is not None

    # The owner presses Battery Notes' "Battery replaced" on the lock's device.
    note.replaced()
    await hass.async_block_till_done(wait_background_tasks=True)

    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced == dt_util.now().date()
    # The 20 % is the old cells': the issue waits for the lock's next report.
    assert issue(hass, f"battery_low_{subentry_id}") is None
    # Nothing is sent back: Battery Notes already knows.
    assert note.calls == []


async def test_mark_battery_replaced_tells_battery_notes_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    assert front_door.device_id is not None
    note = add_battery_note(hass, front_door.device_id)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    three_days_ago = days_ago(3)

    await _mark(
        hass, hass_admin_user, entity_id=front_door.lock_entity_id, date=three_days_ago
    )

    assert [call.data["device_id"] for call in note.calls] == [front_door.device_id]
    replaced = dt_util.parse_datetime(note.last_replaced or "")
    assert replaced is not None
    assert replaced.date().isoformat() == three_days_ago
    # Battery Notes answered with its event; taken as new batteries it would
    # have moved the date to today.
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced is not None
    assert record.battery_replaced.isoformat() == three_days_ago


async def test_a_later_battery_notes_replacement_counts_again(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    freezer: FrozenDateTimeFactory,
) -> None:
    assert front_door.device_id is not None
    note = add_battery_note(hass, front_door.device_id)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _mark(
        hass, hass_admin_user, entity_id=front_door.lock_entity_id, date=days_ago(3)
    )
    freezer.tick(timedelta(minutes=5))

    note.replaced()
    await hass.async_block_till_done(wait_background_tasks=True)

    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced == dt_util.now().date()
    assert len(note.calls) == 1


async def test_the_battery_repair_tells_battery_notes(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    assert front_door.device_id is not None
    note = add_battery_note(hass, front_door.device_id, battery_type="AA lithium")
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(9)
    await hass.async_block_till_done()
    flow = await start_fix_flow(hass, f"battery_critical_{subentry_id}")
    # Battery Notes' note says what to buy.
    assert flow["description_placeholders"]["battery_buy"] == (
        "You need: 4\u00d7 AA lithium."
    )

    await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "replaced"})
    await hass.async_block_till_done(wait_background_tasks=True)

    assert len(note.calls) == 1
    assert note.last_replaced is not None


async def test_other_devices_and_locks_without_a_note_are_left_alone(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    garage = add_matter_lock(hass, "garage", "Garage")
    assert garage.device_id is not None
    # Battery Notes is installed, with a note for another device only.
    note = add_battery_note(hass, garage.device_id)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    record = entry.runtime_data.store.lock(subentry_id)

    note.replaced()
    await hass.async_block_till_done()
    assert record.battery_replaced is None

    await _mark(hass, hass_admin_user, entity_id=front_door.lock_entity_id)
    assert record.battery_replaced == dt_util.now().date()
    assert note.calls == []


async def test_a_failing_battery_notes_keeps_lockout_guard_s_record(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert front_door.device_id is not None
    note = add_battery_note(hass, front_door.device_id, fail=True)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with caplog.at_level(logging.WARNING):
        await _mark(hass, hass_admin_user, entity_id=front_door.lock_entity_id)

    assert len(note.calls) == 1
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced == dt_util.now().date()
    assert "Battery Notes could not record the new batteries of Front Door" in (
        caplog.text
    )
    assert state_of(hass, PLAN).state != "unavailable"
