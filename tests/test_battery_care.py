"""Battery care through real Home Assistant: forecast sensor, replacements, history."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.lockout_guard.battery.history import (
    MAX_SAMPLES,
    STORAGE_KEY,
    BatterySampleStore,
)
from custom_components.lockout_guard.core.forecast import BatterySample

from .lock_fixtures import LockFixture
from .setup_helpers import (
    answer_fix_flow,
    issue,
    setup_lock,
    start_fix_flow,
    state_of,
)

FORECAST = "sensor.front_door_battery_forecast"


async def drain(
    hass: HomeAssistant,
    lock: LockFixture,
    freezer: FrozenDateTimeFactory,
    *,
    start: float = 90,
    per_day: float = 2,
    days: int = 5,
) -> None:
    """Report a steadily falling battery every six hours."""
    for step in range(1, days * 4 + 1):
        freezer.tick(timedelta(hours=6))
        async_fire_time_changed(hass)
        lock.set_battery(start - per_day * step / 4)
        await hass.async_block_till_done()


def stored_samples(hass_storage: dict[str, Any], subentry_id: str) -> list[Any]:
    """The samples Lockout Guard wrote for a lock."""
    data = hass_storage[STORAGE_KEY]["data"]
    return list(data.get(subentry_id, {}).get("samples", []))


async def test_forecast_sensor_on_the_lock_device_from_own_samples(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    registered = er.async_get(hass).async_get(FORECAST)
    assert registered is not None
    assert registered.device_id == front_door.device_id
    state = state_of(hass, FORECAST)
    # One report is no trend: unknown.
    assert state.state == STATE_UNKNOWN
    assert state.attributes["friendly_name"] == "Front Door Battery forecast"
    assert state.attributes["device_class"] == "duration"
    assert state.attributes["unit_of_measurement"] == "d"
    assert state.attributes["drain_per_day"] is None

    # 90 → 80 over five days: 65 points above critical (15) at 2 a day.
    await drain(hass, front_door, freezer)
    state = state_of(hass, FORECAST)
    assert state.state == "32"
    assert state.attributes["drain_per_day"] == 2.0
    assert state.attributes["battery_replaced"] is None

    # The samples survive a reload: the forecast is there at once.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert len(stored_samples(hass_storage, subentry_id)) == 21
    assert state_of(hass, FORECAST).state == "32"


async def test_forecast_is_written_only_when_it_changes(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    await drain(hass, front_door, freezer)
    written = state_of(hass, FORECAST).last_reported
    # The lock changes state: the plan is evaluated, the forecast stays as it is.
    front_door.set_state("unlocked")
    await hass.async_block_till_done()
    assert state_of(hass, FORECAST).last_reported == written


async def test_jump_upwards_records_the_replacement(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await drain(hass, front_door, freezer, start=40, per_day=4)
    assert state_of(hass, FORECAST).state != STATE_UNKNOWN
    issue_id = f"battery_low_{subentry_id}"
    assert issue(hass, issue_id) is not None
    old_report = state_of(hass, front_door.battery_entity_id or "").last_reported

    # The cells come out (the sensor goes unavailable), fresh ones go in.
    freezer.tick(timedelta(minutes=10))
    front_door.set_battery(STATE_UNAVAILABLE)
    await hass.async_block_till_done()
    freezer.tick(timedelta(minutes=10))
    front_door.set_battery(100)
    await hass.async_block_till_done()

    record = entry.runtime_data.store.lock(subentry_id)
    assert record.battery_replaced == dt_util.now().date()
    assert record.battery_replaced_at == old_report
    assert issue(hass, issue_id) is None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "ready"
    state = state_of(hass, FORECAST)
    assert state.state == STATE_UNKNOWN
    assert state.attributes["battery_replaced"] == dt_util.now().date().isoformat()
    # The jump was the new cells' first report: their next report counts at once.
    freezer.tick(timedelta(minutes=10))
    front_door.set_battery(25)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None
    assert record.battery_replaced_at == old_report


async def test_first_report_after_a_restart_is_no_jump(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # Before the restart the battery was at 20; now the lock says 100.
    yesterday = (dt_util.utcnow() - timedelta(days=1)).timestamp()
    front_door.set_battery(100)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced is None
    await hass.config_entries.async_unload(entry.entry_id)
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "key": STORAGE_KEY,
        "data": {
            subentry_id: {
                "source": front_door.battery_entity_id,
                "samples": [[yesterday - 86400 * day, 22 + day] for day in range(5)],
            }
        },
    }
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced is None
    # The old cells' drain says nothing about the new ones.
    assert state_of(hass, FORECAST).state == STATE_UNKNOWN


async def test_unreadable_samples_are_dropped_one_by_one(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    front_door.set_battery(80)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await hass.config_entries.async_unload(entry.entry_id)
    now = dt_util.utcnow().timestamp()
    good = [[now - 86400 * day, 80 + 2 * day] for day in range(5, 0, -1)]
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "key": STORAGE_KEY,
        "data": {
            subentry_id: {
                "source": front_door.battery_entity_id,
                "samples": [
                    *good,
                    "junk",
                    [now, 150],
                    [now, "80"],
                    [True, 80],
                    [1e30, 80],
                    [float("nan"), 80],
                    [now],
                ],
            },
            "gone": {"source": "sensor.x", "samples": [[now, 50]]},
            "broken": "nonsense",
        },
    }
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    # Five good days of 2 a day, then today's 80: 65 points above critical.
    assert state_of(hass, FORECAST).state == "32"
    await hass.config_entries.async_unload(entry.entry_id)
    assert set(hass_storage[STORAGE_KEY]["data"]) == {subentry_id}

    source = front_door.battery_entity_id
    hass_storage[STORAGE_KEY]["data"] = {
        subentry_id: {"source": source, "samples": "junk"}
    }
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, FORECAST).state == STATE_UNKNOWN
    await hass.config_entries.async_unload(entry.entry_id)

    hass_storage[STORAGE_KEY]["data"] = ["not", "a", "mapping"]
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert "lockout_guard.battery_samples could not be read" in caplog.text
    assert state_of(hass, FORECAST).state == STATE_UNKNOWN
    assert issue(hass, "battery_samples_unreadable") is not None


async def test_another_battery_source_starts_afresh(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await drain(hass, front_door, freezer)
    assert state_of(hass, FORECAST).state == "32"
    hass.states.async_set(
        "sensor.keypad_battery",
        "70",
        {"device_class": "battery", "unit_of_measurement": "%"},
    )
    subentry = entry.subentries[subentry_id]
    hass.config_entries.async_update_subentry(
        entry,
        subentry,
        data={**subentry.data, "battery_entity_id": "sensor.keypad_battery"},
    )
    await hass.async_block_till_done()
    assert state_of(hass, FORECAST).state == STATE_UNKNOWN
    freezer.tick(timedelta(hours=2))
    hass.states.async_set(
        "sensor.keypad_battery",
        "69",
        {"device_class": "battery", "unit_of_measurement": "%"},
    )
    await hass.async_block_till_done()
    # At most one sample an hour is kept.
    freezer.tick(timedelta(minutes=10))
    hass.states.async_set(
        "sensor.keypad_battery",
        "68",
        {"device_class": "battery", "unit_of_measurement": "%"},
    )
    await hass.async_block_till_done()
    await hass.config_entries.async_unload(entry.entry_id)
    samples = hass_storage[STORAGE_KEY]["data"][subentry_id]
    assert samples["source"] == "sensor.keypad_battery"
    assert [level for _, level in samples["samples"]] == [70.0, 69.0]


async def test_a_lock_with_only_a_low_flag_has_no_forecast(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    from .lock_fixtures import add_nuki_opener  # noqa: PLC0415

    opener = add_nuki_opener(hass, "side_gate", "Side Gate")
    await setup_lock(hass, hass_storage, opener.lock_entity_id, "Side Gate")
    assert state_of(hass, "sensor.side_gate_battery_forecast").state == STATE_UNKNOWN


async def test_lock_attribute_battery_is_forecast_too(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    from .lock_fixtures import add_homekit_lock  # noqa: PLC0415

    lock = add_homekit_lock(hass, "back_door", "Back Door", level=90)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Back Door")
    for step in range(1, 21):
        freezer.tick(timedelta(hours=6))
        lock.set_state("locked", battery_level=90 - step / 2)
        await hass.async_block_till_done()
    assert state_of(hass, "sensor.back_door_battery_forecast").state == "32"


async def test_own_samples_stay_within_the_window_and_the_cap(
    hass: HomeAssistant,
) -> None:
    store = BatterySampleStore(hass)
    start = dt_util.utcnow()
    for hour in range(MAX_SAMPLES + 10):
        store.add("lock", "sensor.b", BatterySample(start + timedelta(hours=hour), 50))
    kept = store.samples("lock", "sensor.b")
    assert len(kept) == MAX_SAMPLES
    assert kept[-1].at == start + timedelta(hours=MAX_SAMPLES + 9)
    # Three months later, only the new sample is in the window.
    store.add("lock", "sensor.b", BatterySample(start + timedelta(days=90), 40))
    assert store.samples("lock", "sensor.b") == [
        BatterySample(start + timedelta(days=90), 40)
    ]
    assert store.samples("lock", "sensor.other") == []


async def test_new_batteries_confirmed_in_the_repair_restart_the_forecast(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    # 60 → 26 over four days: the battery is low and the drain is clear.
    await drain(hass, front_door, freezer, start=60, per_day=8.5, days=4)
    assert issue(hass, f"battery_low_{subentry_id}") is not None
    assert state_of(hass, FORECAST).state == "1"

    flow = await start_fix_flow(hass, f"battery_low_{subentry_id}")
    assert flow["type"] == "menu"
    result = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "replaced"})
    assert result["type"] == "create_entry"
    # The old cells' drain says nothing about the new ones.
    forecast = state_of(hass, FORECAST)
    assert forecast.state == STATE_UNKNOWN
    assert forecast.attributes["battery_replaced"] == dt_util.now().date().isoformat()
