"""Every repair flow end to end: the fact it collects is stored and the issue goes."""

from __future__ import annotations

from typing import Any

from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture, add_lock_stack, add_matter_lock
from .setup_helpers import (
    answer_fix_flow,
    issue,
    ready_record,
    run_fix_flow,
    settle,
    setup_lock,
    start_fix_flow,
    state_of,
    update_facts,
)


@pytest.mark.parametrize(
    ("risk", "facts", "answer", "stored"),
    [
        (
            "no_offsite_key",
            {"key_location": "inside_only"},
            {"key_location": "offsite", "key_tested": True},
            {"key_location": "offsite"},
        ),
        (
            "key_hidden_outside",
            {"key_location": "hidden_outside"},
            {"key_location": "lockbox", "key_tested": False},
            {"key_location": "lockbox"},
        ),
        ("single_app_user", {"app_users": 1}, {"app_users": 3.0}, {"app_users": 3}),
        (
            "no_backup_pin",
            {"backup_pin": "no"},
            {"backup_pin": "yes"},
            {"backup_pin": "yes"},
        ),
        (
            "support_info_missing",
            {"model_number": None},
            {"model_number": " YRD256 ", "support_phone": "+1 800 12 34"},
            {"model_number": "YRD256", "support_phone": "+1 800 12 34"},
        ),
        (
            "locksmith_not_researched",
            {"design": "keyless", "key_override": False, "locksmith_contact": None},
            {"locksmith_contact": "Keyless Pros 555 0199"},
            {"locksmith_contact": "Keyless Pros 555 0199"},
        ),
        (
            "restricted_key_card",
            {"keyway": "restricted"},
            {"key_card_location": "Blue folder"},
            {"key_card_location": "Blue folder"},
        ),
    ],
)
async def test_fact_flow_stores_the_fact_and_clears_the_issue(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    risk: str,
    facts: dict[str, Any],
    answer: dict[str, Any],
    stored: dict[str, Any],
) -> None:
    # Keep the home's fallback through a second keyed door when this one loses it.
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified=None) if "key_location" in answer else None,
    )
    await update_facts(hass, entry, subentry_id, **facts)
    issue_id = f"{risk}_{subentry_id}"
    assert issue(hass, issue_id) is not None

    result = await start_fix_flow(hass, issue_id)
    assert result["type"] == "form"
    assert result["description_placeholders"]["lock_name"] == "Front Door"
    result = await answer_fix_flow(hass, result["flow_id"], answer)

    assert result["type"] == "create_entry"
    data = entry.subentries[subentry_id].data
    assert {key: data[key] for key in stored} == stored
    assert issue(hass, issue_id) is None
    if "key_location" in answer:
        record = entry.runtime_data.store.lock(subentry_id)
        assert record.key_verified == dt_util.now().date()
        assert record.key_tested is answer["key_tested"]


async def test_support_flow_refuses_a_bad_phone(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", support_phone=None
    )
    result = await run_fix_flow(
        hass,
        f"support_info_missing_{subentry_id}",
        {"model_number": "X", "support_phone": "ring ring"},
    )
    assert result["type"] == "form"
    assert result["errors"] == {"support_phone": "invalid_phone"}
    assert entry.subentries[subentry_id].data.get("support_phone") is None


async def test_battery_flow_picks_a_battery_entity(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    door = add_lock_stack(hass, "zha", "garage", "Garage Door")
    hass.states.async_set(
        "sensor.garage_temperature", "12", {"unit_of_measurement": "°C"}
    )
    hass.states.async_set(
        "sensor.garage_keypad_battery", "80", {"unit_of_measurement": "%"}
    )
    entry, subentry_id = await setup_lock(
        hass, hass_storage, door.lock_entity_id, "Garage Door"
    )
    issue_id = f"battery_not_reporting_{subentry_id}"
    assert issue(hass, issue_id) is not None

    result = await run_fix_flow(
        hass, issue_id, {"battery_entity_id": "sensor.garage_temperature"}
    )
    assert result["errors"] == {"battery_entity_id": "not_a_battery"}
    result = await answer_fix_flow(
        hass, result["flow_id"], {"battery_entity_id": "sensor.garage_keypad_battery"}
    )
    assert result["type"] == "create_entry"
    assert (
        entry.subentries[subentry_id].data["battery_entity_id"]
        == "sensor.garage_keypad_battery"
    )
    assert issue(hass, issue_id) is None
    plan = state_of(hass, "sensor.garage_door_lockout_plan")
    assert plan.attributes["battery_level"] == 80


@pytest.mark.parametrize(
    ("bad_state", "error", "risk", "minutes"),
    [
        ("jammed", "still_jammed", "lock_jammed", 0),
        ("unavailable", "still_unavailable", "lock_unavailable", 31),
    ],
)
async def test_check_flow_refuses_while_the_lock_still_reports_it(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: Any,
    bad_state: str,
    error: str,
    risk: str,
    minutes: int,
) -> None:
    from datetime import timedelta  # noqa: PLC0415

    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        async_fire_time_changed,
    )

    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_state(bad_state)
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    issue_id = f"{risk}_{subentry_id}"
    assert issue(hass, issue_id) is not None

    result = await run_fix_flow(hass, issue_id, {})
    assert result["type"] == "form"
    assert result["errors"] == {"base": error}

    front_door.set_state("locked")
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is None


async def test_battery_flow_waits_for_the_next_report(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: Any,
) -> None:
    from datetime import timedelta  # noqa: PLC0415

    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(20)
    await hass.async_block_till_done()
    issue_id = f"battery_low_{subentry_id}"

    flow = await start_fix_flow(hass, issue_id)
    result = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "replaced"})
    assert result["type"] == "create_entry"
    assert entry.runtime_data.store.lock(subentry_id).battery_replaced == (
        dt_util.now().date()
    )
    # The lock has not reported since the new batteries: the old level is history.
    assert issue(hass, issue_id) is None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "ready"
    # Its next report decides: new batteries that are already weak show again.
    freezer.tick(timedelta(minutes=5))
    front_door.set_battery(25)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None
    front_door.set_battery(100)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is None


async def test_drill_and_reset_flows_record_confirmations(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(
            drill_confirmed=None, drill_failed=True, reset_pending=True
        ),
    )
    drills = async_capture_events(hass, "lockout_guard_battery_low")
    result = await start_fix_flow(hass, "alert_never_tested")
    # After a failed drill the flow first says what to check; nothing is sent yet.
    assert result["step_id"] == "failed"
    assert drills == []
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "send"})
    assert result["step_id"] == "sent"
    # Choosing to send sends a real test alert the automations can deliver.
    assert [e.data for e in drills] == [
        {
            "entity_id": front_door.lock_entity_id,
            "lock_name": "Front Door",
            "battery_level": 90.0,
            "threshold": 30,
            "level": "low",
            "drill": True,
        }
    ]
    await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "arrived"})
    result = await start_fix_flow(hass, f"codes_cleared_{subentry_id}")
    while result["type"] == "form":
        result = await answer_fix_flow(hass, result["flow_id"], {})
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.drill_confirmed == dt_util.now().date()
    assert record.drill_failed is False
    assert record.reset_pending is False
    # The confirmed drill is no longer pending: no deadline runs out later.
    assert record.drill_started is None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "ready"


async def _remove_lock(hass: HomeAssistant, lock: LockFixture) -> None:
    er.async_get(hass).async_remove(lock.lock_entity_id)
    hass.states.async_remove(lock.lock_entity_id)
    await hass.async_block_till_done()


async def test_missing_lock_flow_points_at_the_replacement(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _remove_lock(hass, front_door)
    issue_id = f"monitored_lock_missing_{subentry_id}"
    replacement = add_matter_lock(hass, "front_door_2", "Front Door 2")
    await hass.async_block_till_done()

    result = await start_fix_flow(hass, issue_id)
    assert result["type"] == "menu"
    assert result["menu_options"] == ["replace", "stop_monitoring"]
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "replace"})
    result = await answer_fix_flow(
        hass, result["flow_id"], {"replacement": "lock.nowhere"}
    )
    assert result["errors"] == {"replacement": "not_a_lock"}
    result = await answer_fix_flow(
        hass, result["flow_id"], {"replacement": replacement.lock_entity_id}
    )
    assert result["type"] == "create_entry"
    subentry = entry.subentries[subentry_id]
    assert subentry.data["lock_entity_id"] == replacement.lock_entity_id
    # Everything the owner recorded stays with the lock.
    assert subentry.data["private_note"] == "Spare key with Anna next door"
    assert issue(hass, issue_id) is None
    assert (
        entry.runtime_data.monitors[subentry_id].entity_id == replacement.lock_entity_id
    )


async def test_missing_lock_flow_refuses_a_lock_already_monitored(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    hass.config_entries.async_add_subentry(
        entry,
        __import__(
            "homeassistant.config_entries", fromlist=["ConfigSubentry"]
        ).ConfigSubentry(
            data={"lock_entity_id": back.lock_entity_id},
            subentry_type="lock",
            title="Back Door",
            unique_id=back.lock_entity_id,
        ),
    )
    await hass.async_block_till_done()
    await _remove_lock(hass, front_door)
    result = await start_fix_flow(hass, f"monitored_lock_missing_{subentry_id}")
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "replace"})
    result = await answer_fix_flow(
        hass, result["flow_id"], {"replacement": back.lock_entity_id}
    )
    assert result["errors"] == {"replacement": "already_monitored"}


async def test_missing_lock_flow_can_stop_monitoring(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _remove_lock(hass, front_door)
    result = await start_fix_flow(hass, f"monitored_lock_missing_{subentry_id}")
    result = await answer_fix_flow(
        hass, result["flow_id"], {"next_step_id": "stop_monitoring"}
    )
    assert result["type"] == "create_entry"
    assert subentry_id not in entry.subentries
    assert not [
        i for (d, i) in ir.async_get(hass).issues if d == DOMAIN and subentry_id in i
    ]


async def test_new_lock_flow_monitors_the_picked_and_ignores_the_rest(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    assert issue(hass, "new_lock_found") is None
    shed = add_matter_lock(hass, "shed", "Shed")
    gate = add_matter_lock(hass, "gate", "Gate")
    await settle(hass)

    found = issue(hass, "new_lock_found")
    assert found is not None
    assert found.severity is ir.IssueSeverity.WARNING
    assert found.translation_placeholders == {"locks": "lock.gate, lock.shed"}

    result = await run_fix_flow(
        hass, "new_lock_found", {"locks": [shed.lock_entity_id]}
    )
    assert result["type"] == "create_entry"
    await hass.async_block_till_done()
    assert {s.data["lock_entity_id"] for s in entry.subentries.values()} == {
        front_door.lock_entity_id,
        shed.lock_entity_id,
    }
    assert entry.runtime_data.store.ignored_locks == {gate.lock_entity_id}
    assert issue(hass, "new_lock_found") is None


async def test_new_lock_flow_can_ignore_everything(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    add_matter_lock(hass, "shed", "Shed")
    await settle(hass)
    await run_fix_flow(hass, "new_lock_found", {"locks": []})
    assert issue(hass, "new_lock_found") is None
    assert len(entry.subentries) == 1
    # Ignoring sticks across a reload.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert issue(hass, "new_lock_found") is None


async def test_fallback_flow_records_a_keyed_door(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    raised: list[Event] = []
    hass.bus.async_listen("lockout_guard_risk_raised", raised.append)
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        design="keyless",
        key_override=False,
        key_location="none",
        keyway="unknown",
        locksmith_contact="Keyless Pros",
    )
    found = issue(hass, "no_fallback_entry")
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders == {"main_entrance": "Front Door"}
    hub_events = [e.data for e in raised if e.data["risk"] == "no_fallback_entry"]
    assert hub_events == [
        {
            "entity_id": None,
            "lock_name": "Lockout Guard",
            "risk": "no_fallback_entry",
            "severity": "error",
        }
    ]
    assert (
        state_of(hass, "sensor.lockout_guard_home_plan").attributes["fallback_entry"]
        is False
    )

    result = await run_fix_flow(
        hass,
        "no_fallback_entry",
        {"lock": subentry_id, "key_location": "trusted_person"},
    )
    assert result["type"] == "create_entry"
    data = entry.subentries[subentry_id].data
    assert data["key_override"] is True
    assert data["key_location"] == "trusted_person"
    assert issue(hass, "no_fallback_entry") is None
    assert (
        state_of(hass, "sensor.lockout_guard_home_plan").attributes["fallback_entry"]
        is True
    )


async def test_flow_of_an_unloaded_hub_aborts(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    # Issues stay while unloaded, so that an ignored one stays ignored.
    issue_id = f"single_app_user_{subentry_id}"
    assert issue(hass, issue_id) is not None
    result = await start_fix_flow(hass, issue_id)
    assert result["type"] == "abort"
    assert result["reason"] == "hub_not_loaded"


async def test_ignored_issue_stays_ignored_until_it_clears_and_returns(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    issue_id = f"battery_low_{subentry_id}"
    front_door.set_battery(25)
    await hass.async_block_till_done()
    ir.async_ignore_issue(hass, DOMAIN, issue_id, True)

    front_door.set_battery(24)
    await hass.async_block_till_done()
    found = issue(hass, issue_id)
    assert found is not None
    assert found.dismissed_version is not None
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["battery_level"] == "24"

    front_door.set_battery(90)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is None
    front_door.set_battery(22)
    await hass.async_block_till_done()
    found = issue(hass, issue_id)
    assert found is not None
    assert found.dismissed_version is None


async def test_flow_of_a_lock_removed_meanwhile_aborts(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    result = await start_fix_flow(hass, f"single_app_user_{subentry_id}")
    assert result["type"] == "form"
    hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {"app_users": 2})
    assert result["type"] == "abort"
    assert result["reason"] == "lock_not_monitored"


async def test_answer_that_changes_nothing_keeps_the_risk_visible(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    issue_id = f"single_app_user_{subentry_id}"
    result = await run_fix_flow(hass, issue_id, {"app_users": 1})
    assert result["type"] == "create_entry"
    # Still one app user: the repair closed, the risk is still open and shown.
    assert issue(hass, issue_id) is not None
    assert state_of(hass, "sensor.front_door_lockout_plan").attributes["risks"] == [
        "single_app_user"
    ]


async def test_a_changed_answer_that_leaves_a_risk_keeps_it_visible(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=0
    )
    issue_id = f"single_app_user_{subentry_id}"
    assert issue(hass, issue_id) is not None
    # Stored in place at once; one app user is still a single point of failure.
    result = await run_fix_flow(hass, issue_id, {"app_users": 1})
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is not None


async def test_key_check_with_the_same_place_clears_the_unverified_key(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    cleared: list[Event] = []
    hass.bus.async_listen("lockout_guard_risk_cleared", cleared.append)
    _, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified="2025-01-01"),
    )
    issue_id = f"backup_key_unverified_{subentry_id}"
    assert issue(hass, issue_id) is not None
    result = await run_fix_flow(
        hass, issue_id, {"key_location": "trusted_person", "key_tested": True}
    )
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "ready"
    assert [e.data["risk"] for e in cleared] == ["backup_key_unverified"]


async def test_an_app_user_count_that_is_not_whole_is_refused(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    issue_id = f"single_app_user_{subentry_id}"
    result = await run_fix_flow(hass, issue_id, {"app_users": "nan"})
    assert result["type"] == "form"
    assert result["errors"] == {"app_users": "not_a_whole_number"}
    assert entry.subentries[subentry_id].data["app_users"] == 1
    result = await answer_fix_flow(hass, result["flow_id"], {"app_users": 2})
    assert result["type"] == "create_entry"
    assert entry.subentries[subentry_id].data["app_users"] == 2


@pytest.mark.parametrize("risk", ["battery_low", "battery_critical"])
async def test_battery_repairs_record_new_batteries_only_when_chosen(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    risk: str,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_battery(25 if risk == "battery_low" else 9)
    await hass.async_block_till_done()
    issue_id = f"{risk}_{subentry_id}"
    assert issue(hass, issue_id) is not None
    record = entry.runtime_data.store.lock(subentry_id)

    # Opening the repair records nothing, and there is no plain Submit.
    flow = await start_fix_flow(hass, issue_id)
    assert flow["type"] == "menu"
    assert flow["menu_options"] == ["replaced", "not_yet"]
    # A Connect BE469ZP: the knowledge base says what to buy.
    assert flow["description_placeholders"]["battery_buy"] == "You need: 4\u00d7 AA."
    assert record.battery_replaced is None
    result = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "not_yet"})
    assert result == result | {"type": "abort", "reason": "nothing_recorded"}
    assert record.battery_replaced is None
    assert issue(hass, issue_id) is not None

    flow = await start_fix_flow(hass, issue_id)
    result = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "replaced"})
    assert result["type"] == "create_entry"
    assert record.battery_replaced == dt_util.now().date()
    # The low level is the old cells': the issue waits for the next report.
    assert issue(hass, issue_id) is None


async def test_a_battery_repair_says_where_to_look_when_the_type_is_unknown(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    # A maker and model nobody knows: no source names the batteries.
    lock = add_lock_stack(hass, "esphome", "shed", "Shed", battery=25)
    _, subentry_id = await setup_lock(hass, hass_storage, lock.lock_entity_id, "Shed")
    flow = await start_fix_flow(hass, f"battery_low_{subentry_id}")
    assert flow["description_placeholders"]["battery_buy"] == (
        "Which batteries it takes is printed in the battery compartment and in "
        "the manual; take an old one to the shop if unsure."
    )
