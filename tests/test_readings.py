"""What the monitor reads from real lock stacks, and how it copes with bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import (
    LockFixture,
    add_homekit_lock,
    add_matter_lock,
    add_nuki_opener,
    add_template_lock,
)
from .setup_helpers import issue, settle, setup_lock, state_of

PLAN = "sensor.front_door_lockout_plan"


def _device_of(hass: HomeAssistant, entity_id: str) -> dr.DeviceEntry:
    entity = er.async_get(hass).async_get(entity_id)
    assert entity is not None
    assert entity.device_id is not None
    device = dr.async_get(hass).async_get(entity.device_id)
    assert device is not None
    return device


async def _tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float
) -> None:
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


@pytest.mark.parametrize("value", ["abc", "-5", "150", "nan", "unknown", "", "50.5.1"])
async def test_bad_battery_values_are_silence_not_errors(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    value: str,
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(value)
    await hass.async_block_till_done()
    # Nonsense says nothing new: the plan keeps the last level the lock reported.
    assert state_of(hass, PLAN).attributes["battery_level"] == 90
    # Silence is given the grace period before it becomes a finding.
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is None
    await _tick(hass, freezer, 30)
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is not None
    assert state_of(hass, PLAN).state == "attention"


async def test_stale_battery_is_not_reporting(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _tick(hass, freezer, 47 * 60)
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is None
    await _tick(hass, freezer, 60)
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is not None
    # The same value reported again is a report: last_reported moves on.
    front_door.set_battery(90)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is None


async def test_nuki_opener_with_only_a_low_flag(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    opener = add_nuki_opener(hass, "opener", "Opener")
    _, subentry_id = await setup_lock(
        hass, hass_storage, opener.lock_entity_id, "Opener"
    )
    plan = "sensor.opener_lockout_plan"
    assert state_of(hass, plan).state == "ready"
    opener.set_low_flag(True)
    await hass.async_block_till_done()
    found = issue(hass, f"battery_critical_{subentry_id}")
    assert found is not None
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["battery_level"] == "low"
    assert state_of(hass, plan).attributes["battery_level"] is None
    opener.set_low_flag(False)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is None


async def test_homekit_lock_reports_through_its_attribute(
    hass: HomeAssistant, hass_storage: dict[str, Any], freezer: FrozenDateTimeFactory
) -> None:
    lock = add_homekit_lock(hass, "porch", "Porch", level=12)
    _, subentry_id = await setup_lock(hass, hass_storage, lock.lock_entity_id, "Porch")
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    assert state_of(hass, "sensor.porch_lockout_plan").attributes["battery_level"] == 12
    # Nonsense is silence, not a recovery: the battery stays critical.
    lock.set_state("locked", battery_level="flat")
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    lock.set_state("locked", battery_level=80)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is None
    # An unavailable lock loses its attributes: silent, with grace, not gone.
    lock.set_state("unavailable")
    await hass.async_block_till_done()
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is None
    await _tick(hass, freezer, 31)
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is not None


async def test_override_entity_wins_over_the_device_battery(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    hass.states.async_set(
        "binary_sensor.keypad_battery", "on", {"device_class": "battery"}
    )
    _, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        battery_entity_id="binary_sensor.keypad_battery",
    )
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    # The device's own sensor is not watched while overridden.
    front_door.set_battery(5)
    await hass.async_block_till_done()
    assert state_of(hass, PLAN).attributes["battery_level"] is None


async def test_zwave_low_flag_alongside_the_level(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_low_flag(True)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    # A silent flag is as low as it last said: silence hides nothing.
    front_door.set_low_flag("unavailable")
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    front_door.set_low_flag(False)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is None
    # And an old "on" does not come back when the flag goes quiet after "off".
    front_door.set_low_flag("unknown")
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is None


async def test_lock_without_a_device_gets_a_device_of_its_own(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_template_lock(hass, "side_gate", "Side Gate")
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Side Gate"
    )
    # No battery source at all is itself a finding.
    assert issue(hass, f"battery_not_reporting_{subentry_id}") is not None
    device = _device_of(hass, "sensor.side_gate_lockout_plan")
    assert (DOMAIN, subentry_id) in device.identifiers
    assert device.name == "Side Gate"
    assert hass.states.get("sensor.side_gate_lockout_plan") is not None


async def test_entities_join_the_lock_device_and_the_hub_device(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    registry = er.async_get(hass)
    for entity_id in (PLAN, "binary_sensor.front_door_lockout_risk"):
        entity = registry.async_get(entity_id)
        assert entity is not None
        assert entity.device_id == front_door.device_id
        assert entity.config_subentry_id == subentry_id
    hub_device = _device_of(hass, "sensor.lockout_guard_home_plan")
    assert (DOMAIN, entry.entry_id) in hub_device.identifiers
    assert hub_device.name == "Lockout Guard"
    home = registry.async_get("sensor.lockout_guard_home_plan")
    assert home is not None
    assert home.device_id == hub_device.id
    plan = state_of(hass, PLAN)
    assert plan.attributes["recovery_steps"] == [
        "emergency_power",
        "app_unlock",
        "second_app_user",
        "physical_key",
        "manufacturer_support",
        "locksmith",
    ]
    assert plan.attributes["users"] == 2
    # Private text never reaches the state machine.
    assert "Anna" not in str(plan.attributes)
    assert plan.attributes["options"] == ["ready", "attention", "at_risk", "critical"]


async def test_renamed_lock_is_followed(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    er.async_get(hass).async_update_entity(
        front_door.lock_entity_id, new_entity_id="lock.entrance"
    )
    await hass.async_block_till_done()
    subentry = entry.subentries[subentry_id]
    assert subentry.data["lock_entity_id"] == "lock.entrance"
    assert subentry.unique_id == "lock.entrance"
    assert entry.runtime_data.monitors[subentry_id].entity_id == "lock.entrance"
    hass.states.async_set("lock.entrance", "jammed", {"friendly_name": "Entrance"})
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is not None


async def test_battery_sensor_replaced_on_the_device_is_picked_up(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    registry = er.async_get(hass)
    assert front_door.battery_entity_id is not None
    registry.async_remove(front_door.battery_entity_id)
    hass.states.async_remove(front_door.battery_entity_id)
    await hass.async_block_till_done()
    monitor = entry.runtime_data.monitors[subentry_id]
    assert monitor.battery.level_entity_id is None

    device = dr.async_get(hass).async_get(front_door.device_id or "")
    assert device is not None
    new_sensor = registry.async_get_or_create(
        "sensor",
        "zwave_js",
        "front_door-battery-2",
        suggested_object_id="front_door_battery_2",
        device_id=device.id,
        original_device_class="battery",
    )
    hass.states.async_set(new_sensor.entity_id, "9", {"unit_of_measurement": "%"})
    await hass.async_block_till_done()
    assert monitor.battery.level_entity_id == new_sensor.entity_id
    assert issue(hass, f"battery_critical_{subentry_id}") is not None


async def test_unrelated_state_changes_cause_no_work(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    monitor = entry.runtime_data.monitors[subentry_id]
    checked = monitor.last_checked
    freezer.tick(timedelta(seconds=5))
    for index in range(50):
        hass.states.async_set(f"sensor.kitchen_{index}", str(index))
    await hass.async_block_till_done()
    assert monitor.last_checked == checked
    front_door.set_state("unlocked")
    await hass.async_block_till_done()
    assert monitor.last_checked != checked


async def test_battery_low_event_fires_once_per_step_down(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    events = async_capture_events(hass, "lockout_guard_battery_low")
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    for level in (80, 30, 29, 25):
        front_door.set_battery(level)
        await hass.async_block_till_done()
    assert [e.data for e in events] == [
        {
            "entity_id": front_door.lock_entity_id,
            "lock_name": "Front Door",
            "battery_level": 30.0,
            "threshold": 30,
            "level": "low",
            "drill": False,
        }
    ]
    # A reload while low does not repeat the alert.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    front_door.set_battery(10)
    await hass.async_block_till_done()
    assert [(e.data["level"], e.data["threshold"]) for e in events] == [
        ("low", 30),
        ("critical", 15),
    ]
    front_door.set_battery(95)
    await hass.async_block_till_done()
    front_door.set_battery(28)
    await hass.async_block_till_done()
    assert [e.data["level"] for e in events] == ["low", "critical", "low"]


async def test_per_lock_low_threshold(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    events = async_capture_events(hass, "lockout_guard_battery_low")
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", low_battery=50
    )
    front_door.set_battery(45)
    await hass.async_block_till_done()
    assert issue(hass, f"battery_low_{subentry_id}") is not None
    assert events[0].data["threshold"] == 50


async def test_matter_lock_and_a_second_lock_side_by_side(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    back = add_matter_lock(hass, "back_door", "Back Door", battery=12)
    await settle(hass)
    # Until monitored, the new lock is only a finding of the hub.
    assert issue(hass, "new_lock_found") is not None
    assert state_of(hass, "sensor.lockout_guard_open_risks").state == "1"
    assert state_of(hass, "sensor.lockout_guard_home_plan").state == "attention"
    assert back.battery_entity_id is not None


async def test_renamed_battery_sensor_is_followed(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    assert front_door.battery_entity_id is not None
    er.async_get(hass).async_update_entity(
        front_door.battery_entity_id, new_entity_id="sensor.front_door_cells"
    )
    await hass.async_block_till_done()
    monitor = entry.runtime_data.monitors[subentry_id]
    assert monitor.battery.level_entity_id == "sensor.front_door_cells"
    hass.states.async_set("sensor.front_door_cells", "11", {"unit_of_measurement": "%"})
    await hass.async_block_till_done()
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
