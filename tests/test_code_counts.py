"""Users and codes counted from each source, and the risks that follow from counts."""

from __future__ import annotations

import asyncio
from datetime import timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.lockout_guard.monitoring.monitor import LockMonitor

from .code_sources import (
    KNOWN_PIN,
    add_keymaster,
    add_lock_code_manager,
    mark_loaded,
    matter_lock_info,
    matter_user,
    register_entity_response_service,
    register_raw_response_service,
    schlage_codes,
)
from .lock_fixtures import LockFixture, add_lock_stack, add_matter_lock
from .setup_helpers import (
    answer_fix_flow,
    issue,
    ready_record,
    setup_lock,
    start_fix_flow,
    state_of,
)

PLAN = "sensor.front_door_lockout_plan"
# Counted, not declared: the owner left both facts on "auto".
AUTO: dict[str, Any] = {"backup_pin": "auto", "app_users": None}


async def later(hass: HomeAssistant, **delta: float) -> None:
    """Let time pass (debounced recounts, retries, the hourly recount)."""
    # What just happened schedules its timers first.
    await hass.async_block_till_done()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(**delta))
    await hass.async_block_till_done()


def _load_source_of(hass: HomeAssistant, lock: LockFixture) -> None:
    """Mark the lock's own integration as running (its services are answering)."""
    entry = er.async_get(hass).async_get(lock.lock_entity_id)
    assert entry is not None
    assert entry.config_entry_id is not None
    config_entry = hass.config_entries.async_get_entry(entry.config_entry_id)
    assert config_entry is not None
    assert isinstance(config_entry, MockConfigEntry)
    mark_loaded(hass, config_entry)


def monitor_of(hass: HomeAssistant, entry: Any, subentry_id: str) -> LockMonitor:
    """The monitor of a lock."""
    monitor: LockMonitor = entry.runtime_data.monitors[subentry_id]
    return monitor


def plan(hass: HomeAssistant) -> dict[str, Any]:
    """The counts part of the plan's attributes."""
    attributes = state_of(hass, PLAN).attributes
    return {key: attributes[key] for key in ("users", "codes", "users_source")}


def warnings_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Lockout Guard's own warnings and errors."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("custom_components.lockout_guard")
        and record.levelno >= logging.WARNING
    ]


# --- Keymaster -------------------------------------------------------------------


async def test_keymaster_slots_count_and_raise_no_backup_pin_and_codes_cleared(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    slots = add_keymaster(
        hass, front_door.lock_entity_id, "frontdoor", [True, True, False]
    )
    assert slots.entity_ids[1] == "binary_sensor.frontdoor_code_slot_1_active"
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass) == {"users": None, "codes": 2, "users_source": "keymaster"}
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None

    slots.set(2, "off")
    await later(hass, seconds=3)
    assert plan(hass)["codes"] == 1
    found = issue(hass, f"no_backup_pin_{subentry_id}")
    assert found is not None
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["codes"] == "1"

    slots.set(1, "off")
    await later(hass, seconds=3)
    assert plan(hass)["codes"] == 0
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.reset_pending is True
    assert record.codes_seen == 0

    # The PINs come back: the low count clears, the checklist is still due.
    slots.set(1, "on")
    slots.set(3, "on")
    await later(hass, seconds=3)
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None


async def test_keymaster_of_another_lock_is_not_counted(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    add_keymaster(hass, "lock.back_door", "backdoor", [True, True])
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    # Declared facts, no counting source: the owner's word is the source.
    assert plan(hass) == {"users": 2, "codes": None, "users_source": "manual"}


@pytest.mark.parametrize("backup_pin", ["auto", "yes"])
async def test_nothing_knows_the_codes(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    backup_pin: str,
) -> None:
    # A declared backup PIN says nothing about the users: no source names them.
    _, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        backup_pin=backup_pin,
        app_users=None,
    )
    assert plan(hass) == {"users": None, "codes": None, "users_source": None}
    found = issue(hass, f"single_app_user_{subentry_id}")
    assert found is not None
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["app_users"] == "unknown"


async def test_keymaster_installed_later_is_picked_up(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass)["users_source"] is None
    add_keymaster(hass, front_door.lock_entity_id, "frontdoor", [True, True])
    await later(hass, seconds=3)
    assert plan(hass) == {"users": None, "codes": 2, "users_source": "keymaster"}


async def test_keymaster_not_running_is_reported_once_and_retried(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    slots = add_keymaster(hass, front_door.lock_entity_id, "frontdoor", [True, True])
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    caplog.clear()
    slots.set(1, "unavailable")
    slots.set(2, "garbage")
    await later(hass, seconds=3)
    # Unknown is not zero: no reset is assumed, the counts are unknown.
    assert plan(hass) == {"users": None, "codes": None, "users_source": "keymaster"}
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    for minutes in (1, 3, 7, 15, 31):
        await later(hass, minutes=minutes, seconds=10)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "lock.front_door" in warnings[0].getMessage()

    slots.set(1, "on")
    slots.set(2, "on")
    await later(hass, seconds=3)
    assert plan(hass)["codes"] == 2


# --- Lock Code Manager -------------------------------------------------------------


async def test_lock_code_manager_slots_shared_by_two_locks(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    slots = add_lock_code_manager(
        hass,
        "House codes",
        ["lock.garage", front_door.lock_entity_id],
        [True, False, True],
    )
    assert slots.entity_ids[1] == "binary_sensor.house_codes_code_slot_1_active"
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass) == {
        "users": None,
        "codes": 2,
        "users_source": "lock_code_manager",
    }
    slots.set(3, "off")
    await later(hass, seconds=3)
    assert issue(hass, f"no_backup_pin_{subentry_id}") is not None


async def test_lock_code_manager_unloaded_is_not_a_source(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    add_lock_code_manager(hass, "House", [front_door.lock_entity_id], [True, True])
    lcm = hass.config_entries.async_entries("lock_code_manager")[0]
    lcm.mock_state(hass, ConfigEntryState.NOT_LOADED)  # type: ignore[attr-defined]
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass)["users_source"] is None


# --- Matter -------------------------------------------------------------------------


async def test_matter_users_and_pins(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    users: list[dict[str, Any]] = [
        matter_user(1, credentials=("pin", "rfid")),
        matter_user(2, credentials=("pin",)),
        matter_user(3, status="occupied_disabled", credentials=("pin",)),
    ]
    register_entity_response_service(hass, "matter", "get_lock_info", matter_lock_info)
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_users",
        lambda: {"max_users": 10, "users": list(users)},
    )
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass) == {"users": 2, "codes": 2, "users_source": "matter"}
    assert issue(hass, f"single_app_user_{subentry_id}") is None
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None

    users.pop(1)
    await monitor_of(hass, entry, subentry_id).async_recheck()
    await hass.async_block_till_done()
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}
    assert issue(hass, f"single_app_user_{subentry_id}") is not None
    assert issue(hass, f"no_backup_pin_{subentry_id}") is not None


async def test_declared_facts_beat_counts(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_users",
        lambda: {"max_users": 10, "users": [matter_user(1, credentials=("pin",))]},
    )
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door"
    )
    # The owner declared two app users and a backup PIN (READY_FACTS): the plan shows
    # the declared users and says so; the codes are still Matter's count.
    assert plan(hass) == {"users": 2, "codes": 1, "users_source": "manual"}
    assert issue(hass, f"single_app_user_{subentry_id}") is None
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None


@pytest.mark.parametrize(
    "answer",
    [
        {"max_users": 10, "users": "two"},
        {"max_users": 10},
        {"max_users": 10, "users": ["user"]},
        {"max_users": 10, "users": [{"user_status": "occupied_enabled"}]},
        ["not", "a", "mapping"],
        None,
    ],
    ids=["users-text", "users-missing", "user-text", "no-credentials", "list", "none"],
)
async def test_matter_garbage_is_unknown_not_zero(
    hass: HomeAssistant, hass_storage: dict[str, Any], answer: Any
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    register_entity_response_service(hass, "matter", "get_lock_users", lambda: answer)
    _, subentry_id = await setup_lock(
        hass,
        hass_storage,
        lock.lock_entity_id,
        "Front Door",
        record={"codes_seen": 3},
        **AUTO,
    )
    assert plan(hass) == {"users": None, "codes": None, "users_source": "matter"}
    assert issue(hass, f"codes_cleared_{subentry_id}") is None


async def test_matter_lock_without_user_management_leaves_it_to_the_owner(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    info_calls = register_entity_response_service(
        hass,
        "matter",
        "get_lock_info",
        lambda: matter_lock_info(user_management=False),
    )
    # What such a lock would answer: an empty table, which is not zero users.
    users_calls = register_entity_response_service(
        hass, "matter", "get_lock_users", lambda: {"max_users": 0, "users": []}
    )
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", backup_pin="auto"
    )
    # The owner declared two app users: that is what counts, not a failing lock.
    assert plan(hass) == {"users": 2, "codes": None, "users_source": "manual"}
    assert len(info_calls) == 1
    assert users_calls == []
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    # Nothing to retry and nothing to warn about.
    for minutes in (1, 3, 7, 61):
        await later(hass, minutes=minutes)
    assert len(info_calls) == 1
    assert warnings_logged(caplog) == []


async def test_a_lock_its_source_cannot_count_is_not_asked_every_hour(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    info_calls = register_entity_response_service(
        hass,
        "matter",
        "get_lock_info",
        lambda: matter_lock_info(user_management=False),
    )
    users_calls = register_entity_response_service(
        hass, "matter", "get_lock_users", lambda: {"max_users": 0, "users": []}
    )
    # Keymaster manages its codes: the next source, recounted hourly.
    add_keymaster(hass, lock.lock_entity_id, "frontdoor", [True, True])
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass) == {"users": None, "codes": 2, "users_source": "keymaster"}
    for _ in range(3):
        await later(hass, minutes=61)
    # The hourly recounts ask Keymaster only; the Matter lock was passed over.
    assert len(info_calls) == 1
    assert users_calls == []
    assert plan(hass) == {"users": None, "codes": 2, "users_source": "keymaster"}


async def test_matter_user_management_after_an_update(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    lock_says = {"management": False, "fails": False}
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_info",
        lambda: matter_lock_info(user_management=lock_says["management"]),
    )

    def users() -> dict[str, Any]:
        if lock_says["fails"]:
            raise HomeAssistantError(f"Failed to get lock users: {KNOWN_PIN}")
        return {"max_users": 10, "users": [matter_user(1, credentials=("pin",))]}

    register_entity_response_service(hass, "matter", "get_lock_users", users)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass) == {"users": None, "codes": None, "users_source": None}
    monitor = monitor_of(hass, entry, subentry_id)

    # A firmware update brings user management; the owner asks for a recheck.
    lock_says["management"] = True
    await monitor.async_recheck()
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}

    # From now on a lock that does not answer is a failure: said once, retried.
    lock_says["fails"] = True
    await monitor.async_recheck()
    assert plan(hass) == {"users": None, "codes": None, "users_source": "matter"}
    (warning,) = warnings_logged(caplog)
    assert "lock.front_door" in warning
    assert KNOWN_PIN not in caplog.text
    lock_says["fails"] = False
    await later(hass, minutes=1, seconds=10)
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}


async def test_matter_loading_after_start_or_reloading_is_counted(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    register_entity_response_service(hass, "matter", "get_lock_info", matter_lock_info)
    calls = register_entity_response_service(
        hass,
        "matter",
        "get_lock_users",
        lambda: {"max_users": 10, "users": [matter_user(1, credentials=("pin",))]},
    )
    # Home Assistant has started; Matter is still setting up.
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass) == {"users": None, "codes": None, "users_source": None}

    _load_source_of(hass, lock)
    await later(hass, seconds=3)
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}
    assert len(calls) == 1

    # Matter reloads just when the hourly recount is due.
    matter = hass.config_entries.async_entries("matter")[0]
    matter.mock_state(hass, ConfigEntryState.NOT_LOADED)  # type: ignore[attr-defined]
    await later(hass, minutes=61)
    assert plan(hass) == {"users": None, "codes": None, "users_source": None}
    matter.mock_state(hass, ConfigEntryState.LOADED)  # type: ignore[attr-defined]
    await later(hass, seconds=3)
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}
    # And the hourly recount goes on.
    counted = len(calls)
    await later(hass, minutes=61)
    assert len(calls) == counted + 1


async def test_matter_reload_retries_a_lock_that_could_not_count(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    info = {"management": False}
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_info",
        lambda: matter_lock_info(user_management=info["management"]),
    )
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_users",
        lambda: {"max_users": 10, "users": [matter_user(1, credentials=("pin",))]},
    )
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass)["users_source"] is None
    # Updated and reloaded: Matter may know the users now.
    info["management"] = True
    matter = hass.config_entries.async_entries("matter")[0]
    matter.mock_state(hass, ConfigEntryState.NOT_LOADED)  # type: ignore[attr-defined]
    matter.mock_state(hass, ConfigEntryState.LOADED)  # type: ignore[attr-defined]
    await later(hass, seconds=3)
    assert plan(hass) == {"users": 1, "codes": 1, "users_source": "matter"}


async def test_matter_without_the_services_is_not_a_source(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass)["users_source"] is None


# --- Schlage ------------------------------------------------------------------------


def _schlage_lock(hass: HomeAssistant) -> LockFixture:
    lock = add_lock_stack(
        hass,
        "schlage",
        "front_door",
        "Front Door",
        model="BE489WB",
        manufacturer="Schlage",
        battery=80,
        lock_attributes={"code_format": "^\\d{4,8}$"},
    )
    _load_source_of(hass, lock)
    return lock


async def test_schlage_codes_and_a_reset(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = _schlage_lock(hass)
    codes = {"count": 3}
    calls = register_entity_response_service(
        hass, "schlage", "get_codes", lambda: schlage_codes(codes["count"])
    )
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass) == {"users": None, "codes": 3, "users_source": "schlage"}
    assert len(calls) == 1

    # No event tells about a cloud change: the hourly recount finds the reset.
    codes["count"] = 0
    await later(hass, minutes=61)
    assert len(calls) == 2
    assert plan(hass)["codes"] == 0
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None
    assert state_of(hass, PLAN).attributes["risks"] == [
        "single_app_user",
        "no_backup_pin",
        "codes_cleared",
    ]


@pytest.mark.parametrize(
    "answer",
    [{"code-1": "1234"}, "1234", [KNOWN_PIN]],
    ids=["code-text", "text", "list"],
)
async def test_schlage_garbage(
    hass: HomeAssistant, hass_storage: dict[str, Any], answer: Any
) -> None:
    lock = _schlage_lock(hass)
    register_entity_response_service(hass, "schlage", "get_codes", lambda: answer)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass) == {"users": None, "codes": None, "users_source": "schlage"}


# --- The post-reset checklist ------------------------------------------------------


@pytest.mark.parametrize("app_users", [0, 1])
async def test_declared_app_users_are_no_reset(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    app_users: int,
) -> None:
    # Codes were counted before; now nothing reads the lock, the owner declares.
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(codes_seen=2, codes_source="keymaster"),
        app_users=app_users,
    )
    assert plan(hass) == {"users": app_users, "codes": None, "users_source": "manual"}
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.reset_pending is False
    assert (record.codes_seen, record.codes_source) == (2, "keymaster")


async def test_a_new_source_starts_its_own_count(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    keymaster_slots = add_keymaster(
        hass, front_door.lock_entity_id, "frontdoor", [True, True, True]
    )
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass)["codes"] == 3
    # The owner moves to Lock Code Manager, whose slots are not filled yet.
    registry = er.async_get(hass)
    for entity_id in keymaster_slots.entity_ids.values():
        registry.async_remove(entity_id)
        hass.states.async_remove(entity_id)
    lcm_slots = add_lock_code_manager(
        hass, "House", [front_door.lock_entity_id], [False, False]
    )
    await later(hass, seconds=3)
    assert plan(hass) == {
        "users": None,
        "codes": 0,
        "users_source": "lock_code_manager",
    }
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    record = entry.runtime_data.store.lock(subentry_id)
    assert (record.codes_seen, record.codes_source) == (0, "lock_code_manager")
    # Its own count falling to zero is a reset.
    lcm_slots.set(1, "on")
    await later(hass, seconds=3)
    lcm_slots.set(1, "off")
    await later(hass, seconds=3)
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None


async def test_checklist_waits_for_the_pins_then_ends_the_reset(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    slots = add_keymaster(hass, front_door.lock_entity_id, "frontdoor", [True])
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    slots.set(1, "off")
    await later(hass, seconds=3)
    issue_id = f"codes_cleared_{subentry_id}"
    assert issue(hass, issue_id) is not None

    result = await start_fix_flow(hass, issue_id)
    assert result["step_id"] == "reenter_pins"
    assert result["description_placeholders"]["lock_name"] == "Front Door"
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["step_id"] == "reenter_pins"
    assert result["errors"] == {"base": "codes_still_empty"}

    slots.set(1, "on")
    steps = []
    while result["type"] == "form":
        steps.append(result["step_id"])
        result = await answer_fix_flow(hass, result["flow_id"], {})
    assert steps == [
        "reenter_pins",
        "readd_app_users",
        "change_master_pin",
        "review_codes",
        "check_cloud_logins",
    ]
    assert result["type"] == "create_entry"
    assert entry.runtime_data.store.lock(subentry_id).reset_pending is False
    assert issue(hass, issue_id) is None


async def test_checklist_of_a_lock_no_longer_monitored(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(reset_pending=True),
    )
    result = await start_fix_flow(hass, f"codes_cleared_{subentry_id}")
    hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result == result | {"type": "abort", "reason": "lock_not_monitored"}


async def test_checklist_lock_removed_midway(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(reset_pending=True),
    )
    result = await start_fix_flow(hass, f"codes_cleared_{subentry_id}")
    # Nothing counts this lock's codes: the first step cannot check and goes on.
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["step_id"] == "readd_app_users"
    hass.config_entries.async_remove_subentry(entry, subentry_id)
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["type"] == "abort"
    assert result["reason"] == "lock_not_monitored"


# --- Sources that come and go ---------------------------------------------------------


async def test_keymaster_removed_leaves_no_source(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    slots = add_keymaster(hass, front_door.lock_entity_id, "frontdoor", [True, True])
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass)["users_source"] == "keymaster"
    registry = er.async_get(hass)
    for entity_id in slots.entity_ids.values():
        registry.async_remove(entity_id)
        hass.states.async_remove(entity_id)
    await later(hass, seconds=3)
    assert plan(hass) == {"users": None, "codes": None, "users_source": None}


async def test_code_managers_of_other_locks_do_not_count_this_one(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = _schlage_lock(hass)
    calls = register_entity_response_service(
        hass, "schlage", "get_codes", lambda: schlage_codes(2)
    )
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert len(calls) == 1
    # Slots of the back door appear: no cloud call for the front door.
    add_keymaster(hass, "lock.back_door", "backdoor", [True, True])
    add_lock_code_manager(hass, "Garage codes", ["lock.garage"], [True])
    await later(hass, seconds=3)
    assert len(calls) == 1
    assert plan(hass) == {"users": None, "codes": 2, "users_source": "schlage"}


async def test_lock_code_manager_of_other_locks_only(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    add_lock_code_manager(hass, "Garage codes", ["lock.garage"], [True, True])
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **AUTO
    )
    assert plan(hass)["users_source"] is None


async def test_schlage_without_the_service_is_not_a_source(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = _schlage_lock(hass)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass)["users_source"] is None


async def test_schlage_service_without_an_answer_for_the_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = _schlage_lock(hass)

    async def other_lock(_call: ServiceCall) -> dict[str, Any]:
        return {"lock.other": schlage_codes(2)}

    register_raw_response_service(hass, "schlage", "get_codes", other_lock)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass) == {"users": None, "codes": None, "users_source": "schlage"}


async def test_schlage_service_without_response_support(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = _schlage_lock(hass)

    async def no_answer(_call: ServiceCall) -> None:
        return None

    hass.services.async_register("schlage", "get_codes", no_answer)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    assert plan(hass) == {"users": None, "codes": None, "users_source": "schlage"}


@pytest.mark.parametrize("fails", [False, True], ids=["answers", "fails"])
async def test_hub_unloaded_while_counting(
    hass: HomeAssistant, hass_storage: dict[str, Any], fails: bool
) -> None:
    lock = _schlage_lock(hass)
    hub: dict[str, Any] = {}
    calls = 0

    async def slow(_call: ServiceCall) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls > 1:
            # The owner reloads Lockout Guard while the lock is being asked.
            await hass.config_entries.async_unload(hub["entry"].entry_id)
            if fails:
                raise HomeAssistantError("gone")
        return {lock.lock_entity_id: schlage_codes(2)}

    register_raw_response_service(hass, "schlage", "get_codes", slow)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    hub["entry"] = entry
    monitor = monitor_of(hass, entry, subentry_id)
    await monitor.async_recheck()
    await hass.async_block_till_done()
    # A stopped monitor stays stopped: no count, no new subscription, no timer.
    await monitor.async_recheck()
    assert calls == 2
    assert monitor.code_counter.count is not None
    assert monitor.code_counter.count.codes == 2


async def test_matter_last_pin_deleted_with_users_left_is_no_reset(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    users: list[dict[str, Any]] = [
        matter_user(1, credentials=("pin",)),
        matter_user(2, credentials=("fingerprint",)),
    ]
    register_entity_response_service(
        hass,
        "matter",
        "get_lock_users",
        lambda: {"max_users": 10, "users": list(users)},
    )
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    monitor = monitor_of(hass, entry, subentry_id)
    users[0] = matter_user(1)
    await monitor.async_recheck()
    assert plan(hass) == {"users": 2, "codes": 0, "users_source": "matter"}
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    # A factory reset empties the user table.
    users.clear()
    await monitor.async_recheck()
    await hass.async_block_till_done()
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None


async def test_a_lock_that_never_answers_does_not_hang_recheck(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "custom_components.lockout_guard.codes.counter.COUNT_TIMEOUT_SECONDS", 0.05
    )
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    answers: list[str] = []

    async def asleep(call: ServiceCall) -> dict[str, Any]:
        answers.append("asked")
        await asyncio.Event().wait()  # never answers
        return {}

    register_raw_response_service(hass, "matter", "get_lock_users", asleep)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)

    async with asyncio.timeout(5):
        await hass.services.async_call(
            "lockout_guard",
            "recheck",
            {"entity_id": lock.lock_entity_id},
            blocking=True,
        )
    assert answers
    assert plan(hass)["codes"] is None
    assert caplog.text.count("Cannot count the codes of lock.front_door") == 1


async def test_counts_of_one_lock_are_taken_one_at_a_time(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    running = 0
    most_at_once = 0

    async def slow(call: ServiceCall) -> dict[str, Any]:
        nonlocal running, most_at_once
        running += 1
        most_at_once = max(most_at_once, running)
        await asyncio.sleep(0.01)
        running -= 1
        return {
            entity_id: {
                "max_users": 10,
                "users": [matter_user(1, credentials=("pin",))],
            }
            for entity_id in call.data["entity_id"]
        }

    register_raw_response_service(hass, "matter", "get_lock_users", slow)
    await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO)
    hub = hass.config_entries.async_entries("lockout_guard")[0].runtime_data
    monitor = hub.monitor_of_lock(lock.lock_entity_id)
    assert monitor is not None
    counter = monitor.code_counter

    await asyncio.gather(*(counter.async_recount() for _ in range(4)))

    assert most_at_once == 1
    assert plan(hass)["codes"] == 1


async def test_checklist_does_not_pass_a_lock_that_does_not_answer(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_matter_lock(hass, "front_door", "Front Door")
    _load_source_of(hass, lock)
    users: list[dict[str, Any]] = [matter_user(1, credentials=("pin",))]
    answering = True

    def answer() -> dict[str, Any]:
        if not answering:
            raise HomeAssistantError("Lock did not respond")
        return {"max_users": 10, "users": users}

    register_entity_response_service(hass, "matter", "get_lock_users", answer)
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **AUTO
    )
    users.clear()  # a factory reset: no users, no codes
    await hass.services.async_call(
        "lockout_guard", "recheck", {"entity_id": lock.lock_entity_id}, blocking=True
    )
    issue_id = f"codes_cleared_{subentry_id}"
    assert issue(hass, issue_id) is not None

    answering = False
    result = await start_fix_flow(hass, issue_id)
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["step_id"] == "reenter_pins"
    assert result["errors"] == {"base": "codes_unreadable"}

    answering = True
    users.append(matter_user(1, credentials=("pin",)))
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["step_id"] == "readd_app_users"
