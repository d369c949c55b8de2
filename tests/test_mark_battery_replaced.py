"""The mark_battery_replaced action: records the date, alerts wait, forecast restarts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized, UnknownUser
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockUser
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture, add_matter_lock
from .setup_helpers import days_ago, issue, setup_lock, state_of
from .test_battery_care import FORECAST, drain

SERVICE = "mark_battery_replaced"


async def mark(
    hass: HomeAssistant, context: Context | None = None, **data: Any
) -> None:
    """Call the action as an automation or a user would."""
    await hass.services.async_call(
        DOMAIN, SERVICE, data, blocking=True, context=context
    )
    await hass.async_block_till_done()


async def test_today_waits_for_the_next_report_and_restarts_the_forecast(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await drain(hass, front_door, freezer, start=40, per_day=4)
    issue_id = f"battery_low_{subentry_id}"
    assert issue(hass, issue_id) is not None
    assert state_of(hass, FORECAST).state != STATE_UNKNOWN

    await mark(
        hass,
        Context(user_id=hass_admin_user.id),
        entity_id=front_door.lock_entity_id,
    )
    record = entry.runtime_data.store.lock(subentry_id)
    today = dt_util.now().date()
    assert record.battery_replaced == today
    # The low reading is the old cells': no issue until the lock reports again.
    assert issue(hass, issue_id) is None
    assert record.battery_alert_level is None
    state = state_of(hass, FORECAST)
    assert state.state == STATE_UNKNOWN
    assert state.attributes["battery_replaced"] == today.isoformat()
    marked_at = record.battery_replaced_at
    # The new cells' first report: the replacement is already on record.
    freezer.tick(timedelta(minutes=5))
    front_door.set_battery(100)
    await hass.async_block_till_done()
    assert record.battery_replaced_at == marked_at
    freezer.tick(timedelta(minutes=5))
    front_door.set_battery(29)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None


async def test_an_earlier_date_counts_reports_since_that_day(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    # The lock has said 20 since long before the batteries were replaced.
    lock = add_matter_lock(hass, "front_door", "Front Door", battery=20)
    freezer.tick(timedelta(days=5))
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door"
    )
    issue_id = f"battery_low_{subentry_id}"
    assert issue(hass, issue_id) is not None

    await mark(hass, entity_id=lock.lock_entity_id, date=days_ago(2))
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced is not None
    assert record.battery_replaced.isoformat() == days_ago(2)
    assert record.battery_replaced_at == dt_util.as_utc(
        dt_util.start_of_local_day(record.battery_replaced)
    )
    # Its report is older than that day: it says nothing about the new cells.
    assert issue(hass, issue_id) is None

    # A report from after that day does: the new cells really are low.
    await mark(hass, entity_id=lock.lock_entity_id, date=days_ago(9))
    assert issue(hass, issue_id) is not None


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, vol.Invalid),
        ({"entity_id": "sensor.front_door_battery"}, vol.Invalid),
        ({"entity_id": "lock.front_door", "date": "yesterday"}, vol.Invalid),
        ({"entity_id": "lock.front_door", "date": "2025-02-30"}, vol.Invalid),
    ],
)
async def test_malformed_calls_are_refused(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    data: dict[str, Any],
    error: type[Exception],
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(error):
        await mark(hass, **data)
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced is None


async def test_a_future_date_is_refused_with_a_translated_error(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    tomorrow = (dt_util.now().date() + timedelta(days=1)).isoformat()
    with pytest.raises(ServiceValidationError) as err:
        await mark(hass, entity_id=front_door.lock_entity_id, date=tomorrow)
    assert err.value.translation_key == "battery_date_in_future"
    assert str(err.value).startswith(
        f"The batteries cannot have been replaced on {tomorrow}: that date is in"
    )
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced is None


async def test_locks_that_are_not_monitored_are_refused(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    add_matter_lock(hass, "back_door", "Back Door")
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(ServiceValidationError) as err:
        await mark(hass, entity_id="lock.back_door")
    assert err.value.translation_key == "lock_not_monitored"
    with pytest.raises(ServiceValidationError) as err:
        await mark(hass, entity_id="lock.nowhere")
    assert err.value.translation_key == "unknown_lock"

    await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await mark(hass, entity_id=front_door.lock_entity_id)
    assert err.value.translation_key == "hub_not_loaded"


async def test_only_admins_may_mark(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(Unauthorized):
        await mark(
            hass,
            Context(user_id=hass_read_only_user.id),
            entity_id=front_door.lock_entity_id,
        )
    with pytest.raises(UnknownUser):
        await mark(
            hass, Context(user_id="no-such-user"), entity_id=front_door.lock_entity_id
        )
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced is None


async def test_a_day_long_ago_is_refused_and_nothing_is_stored(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(ServiceValidationError) as err:
        await mark(hass, entity_id=front_door.lock_entity_id, date="0001-01-01")
    assert err.value.translation_key == "battery_date_too_old"
    assert "0001-01-01" in str(err.value)
    record = entry.runtime_data.store.lock(subentry_id)
    assert (record.battery_replaced, record.battery_replaced_at) == (None, None)


async def test_a_date_time_from_a_script_counts_as_its_day(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    when = dt_util.now() - timedelta(days=3)
    await mark(hass, entity_id=front_door.lock_entity_id, date=when)
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced == when.date()


@pytest.mark.parametrize("how", ["marked", "detected-jump"])
async def test_new_cells_that_run_low_stay_critical_when_the_sensor_goes_quiet(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: MockUser,
    how: str,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    critical = f"battery_critical_{subentry_id}"
    front_door.set_low_flag(False)
    for level in (40, 38, 36):
        freezer.tick(timedelta(hours=6))
        front_door.set_battery(level)
        await hass.async_block_till_done()
    freezer.tick(timedelta(minutes=5))
    if how == "marked":
        await mark(
            hass,
            Context(user_id=hass_admin_user.id),
            entity_id=front_door.lock_entity_id,
        )
        freezer.tick(timedelta(minutes=5))
    # The new cells report (a jump of 20 points or more is a detected swap) ...
    front_door.set_battery(95)
    await hass.async_block_till_done()
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced_at is not None
    freezer.tick(timedelta(days=1))
    # ... and turn out to be bad ones.
    front_door.set_battery(9)
    await hass.async_block_till_done()
    assert issue(hass, critical) is not None

    front_door.set_battery("unavailable")
    await hass.async_block_till_done()
    assert issue(hass, critical) is not None
    assert (
        state_of(hass, "sensor.front_door_lockout_plan").attributes["battery_level"]
        == 9
    )


async def _marked_at(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    lock: LockFixture,
    freezer: FrozenDateTimeFactory,
    admin: MockUser,
    level: int,
) -> str:
    """The lock reports ``level`` with its flag off, then new cells are marked.

    Returns the id of the lock's battery_critical issue.
    """
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door"
    )
    lock.set_low_flag(False)
    lock.set_battery(level)
    await hass.async_block_till_done()
    freezer.tick(timedelta(minutes=5))
    await mark(hass, Context(user_id=admin.id), entity_id=lock.lock_entity_id)
    return f"battery_critical_{subentry_id}"


async def test_a_low_flag_after_new_cells_counts_while_the_level_is_quiet(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: MockUser,
) -> None:
    critical = await _marked_at(
        hass, hass_storage, front_door, freezer, hass_admin_user, 12
    )
    # The old 12 % is the old cells': nothing until the lock reports again.
    assert issue(hass, critical) is None
    freezer.tick(timedelta(minutes=5))
    front_door.set_battery("unavailable")
    await hass.async_block_till_done()
    assert issue(hass, critical) is None
    freezer.tick(timedelta(minutes=5))
    # The flag reports "low" after the swap: that is the new cells speaking.
    front_door.set_low_flag(True)
    await hass.async_block_till_done()
    assert issue(hass, critical) is not None


async def test_the_same_low_level_reported_after_new_cells_counts(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: MockUser,
) -> None:
    critical = await _marked_at(
        hass, hass_storage, front_door, freezer, hass_admin_user, 9
    )
    assert issue(hass, critical) is None
    freezer.tick(timedelta(hours=2))
    # The cells went in flat: the lock reports the very same 9 %. Home Assistant
    # writes no state change for it, only a new report time.
    assert front_door.battery_entity_id is not None
    battery = state_of(hass, front_door.battery_entity_id)
    hass.states.async_set(battery.entity_id, "9", battery.attributes)
    await hass.async_block_till_done()
    assert issue(hass, critical) is not None
