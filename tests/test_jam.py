"""Jams the lock's state does not show: Z-Wave JS, Zigbee2MQTT and Matter jam signals.

Each lock is built as its integration registers it (lock_fixtures.py); the jam
comes through the entity or event that integration really produces, and clears
when the lock next locks or unlocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.lockout_guard.core.zwave_notification import (
    NOTIFICATION_EVENT as ZWAVE_NOTIFICATION_EVENT,
)
from custom_components.lockout_guard.monitoring.jam import JamSignal, find_jam_signals
from custom_components.lockout_guard.storage.store import LockRecord

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import (
    MATTER_NODE_DEVICE_ID,
    LockFixture,
    add_jam_signal,
    add_lock_stack,
    add_matter_jam_lock,
    add_matter_lock,
    add_z2m_lock,
    add_zwave_jam_lock,
    add_zwave_lock,
)
from .setup_helpers import (
    READY_FACTS,
    answer_fix_flow,
    issue,
    ready_record,
    run_fix_flow,
    seed_store,
    setup_lock,
    state_of,
)

PLAN = "sensor.front_door_lockout_plan"
RISK = "binary_sensor.front_door_lockout_risk"


@dataclass(frozen=True)
class Source:
    """A lock stack with a jam signal, and what that signal says."""

    name: str
    build: Callable[[HomeAssistant], LockFixture]
    report: Callable[[LockFixture], None]
    quiet: Callable[[LockFixture], None]
    signal: JamSignal


SOURCES = [
    Source(
        "zwave_js",
        lambda hass: add_zwave_jam_lock(hass, "front_door", "Front Door"),
        lambda lock: lock.set_jam_signal("on"),
        lambda lock: lock.set_jam_signal("off"),
        JamSignal.ZWAVE_SENSOR,
    ),
    Source(
        "zigbee2mqtt",
        lambda hass: add_z2m_lock(hass, "front_door", "Front Door"),
        lambda lock: lock.set_jam_signal("error_jammed"),
        lambda lock: lock.set_jam_signal("closed"),
        JamSignal.DOOR_STATE,
    ),
    Source(
        "matter",
        lambda hass: add_matter_jam_lock(hass, "front_door", "Front Door"),
        lambda lock: lock.fire_jam_event("lock_jammed"),
        lambda lock: lock.fire_jam_event("door_ajar"),
        JamSignal.EVENT,
    ),
]
SOURCE_IDS = [source.name for source in SOURCES]


async def _monitor(
    hass: HomeAssistant, hass_storage: dict[str, Any], lock: LockFixture, **kw: Any
) -> str:
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door", **kw
    )
    return subentry_id


def _record(hass: HomeAssistant, subentry_id: str) -> LockRecord:
    (entry,) = hass.config_entries.async_entries("lockout_guard")
    record: LockRecord = entry.runtime_data.store.lock(subentry_id)
    return record


@pytest.mark.parametrize("source", SOURCES, ids=SOURCE_IDS)
async def test_jam_signal_raises_lock_jammed_until_the_lock_works(
    hass: HomeAssistant, hass_storage: dict[str, Any], source: Source
) -> None:
    lock = source.build(hass)
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    subentry_id = await _monitor(hass, hass_storage, lock)
    issue_id = f"lock_jammed_{subentry_id}"
    assert find_jam_signals(hass, lock.device_id) == {lock.jam_entity_id: source.signal}
    assert state_of(hass, PLAN).state == "ready"

    source.report(lock)
    await hass.async_block_till_done()

    # The lock itself still says "locked": only the jam signal knows.
    assert state_of(hass, lock.lock_entity_id).state == "locked"
    found = issue(hass, issue_id)
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["lock_name"] == "Front Door"
    plan = state_of(hass, PLAN)
    assert plan.state == "at_risk"
    assert plan.attributes["risks"] == ["lock_jammed"]
    assert state_of(hass, RISK).state == "on"
    assert [event.data["risk"] for event in raised] == ["lock_jammed"]
    assert raised[0].data["severity"] == "error"
    assert _record(hass, subentry_id).jam_reported_at is not None

    # The signal going quiet is not proof that the bolt moves again.
    source.quiet(lock)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None

    lock.set_state("unlocked")
    await hass.async_block_till_done()

    assert issue(hass, issue_id) is None
    assert state_of(hass, PLAN).state == "ready"
    assert state_of(hass, RISK).state == "off"
    assert [event.data["risk"] for event in cleared] == ["lock_jammed"]
    assert _record(hass, subentry_id).jam_reported_at is None
    # A new jam after that is a new report.
    source.report(lock)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None
    assert len(raised) == 2


@pytest.mark.parametrize("source", SOURCES, ids=SOURCE_IDS)
async def test_signal_already_reporting_at_start_is_history(
    hass: HomeAssistant, hass_storage: dict[str, Any], source: Source
) -> None:
    """A stuck jam sensor is not a new jam: only a change after start reports one."""
    lock = source.build(hass)
    source.report(lock)
    subentry_id = await _monitor(hass, hass_storage, lock)
    assert issue(hass, f"lock_jammed_{subentry_id}") is None
    assert state_of(hass, PLAN).state == "ready"


@pytest.mark.parametrize("source", SOURCES, ids=SOURCE_IDS)
async def test_signal_coming_back_or_restored_is_not_a_report(
    hass: HomeAssistant, hass_storage: dict[str, Any], source: Source
) -> None:
    """Unavailable → last value and removed → restored show an old value again."""
    lock = source.build(hass)
    source.report(lock)
    subentry_id = await _monitor(hass, hass_storage, lock)
    assert lock.jam_entity_id is not None
    reported = state_of(hass, lock.jam_entity_id)

    lock.set_jam_signal("unavailable")
    await hass.async_block_till_done()
    hass.states.async_set(lock.jam_entity_id, reported.state, reported.attributes)
    await hass.async_block_till_done()
    hass.states.async_remove(lock.jam_entity_id)
    await hass.async_block_till_done()
    hass.states.async_set(lock.jam_entity_id, reported.state, reported.attributes)
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is None


@pytest.mark.parametrize(
    ("source", "states"),
    [
        (
            SOURCES[0],
            [("on ",), ("ON",), ("jammed",), ("11",), ("unknown",), ("off",)],
        ),
        (
            SOURCES[1],
            [
                ("jammed",),
                ("ERROR_JAMMED",),
                ("error_forced_open",),
                ("error_unspecified",),
                ("undefined",),
                ("",),
                ("open",),
            ],
        ),
        (
            SOURCES[2],
            [
                ("2025-06-15T12:00:00.000+00:00", "wrong_code_entry_limit"),
                ("2025-06-15T12:00:01.000+00:00", "door_forced_open"),
                ("not a time", "lock_jammed"),
                ("2025-06-15T12:00:02.000+00:00", "LOCK_JAMMED"),
                ("2025-06-15T12:00:03.000+00:00", None),
                ("2025-06-15T12:00:04.000+00:00", ["lock_jammed"]),
                ("unknown", "lock_jammed"),
            ],
        ),
    ],
    ids=SOURCE_IDS,
)
async def test_other_and_garbage_states_are_not_jams(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    source: Source,
    states: list[tuple[Any, ...]],
) -> None:
    lock = source.build(hass)
    subentry_id = await _monitor(hass, hass_storage, lock)
    for state, *event_type in states:
        lock.set_jam_signal(
            state, **({"event_type": event_type[0]} if event_type else {})
        )
        await hass.async_block_till_done()
        assert issue(hass, f"lock_jammed_{subentry_id}") is None, state
    assert state_of(hass, PLAN).state == "ready"


async def test_zwave_jam_notification_of_the_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """The zwave_js_notification Z-Wave JS fires for Access Control event 11."""
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    subentry_id = await _monitor(hass, hass_storage, lock)
    issue_id = f"lock_jammed_{subentry_id}"

    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, lock.zwave_notification())
    await hass.async_block_till_done()

    assert issue(hass, issue_id) is not None
    assert state_of(hass, PLAN).state == "at_risk"
    # The binary sensor and a repeat of the same jam follow: one jam, one event.
    lock.set_jam_signal("on")
    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, lock.zwave_notification())
    await hass.async_block_till_done()
    assert len(raised) == 1

    lock.set_state("unlocked")
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is None


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"device_id": "another-device"}, id="other-device"),
        pytest.param({"device_id": None}, id="no-device"),
        pytest.param({"event": 1, "event_label": "Manual lock operation"}, id="ev-1"),
        pytest.param({"event": 16}, id="keypad-disabled"),
        pytest.param({"type": 7, "label": "Home Security"}, id="home-security"),
        pytest.param({"command_class": 111}, id="entry-control"),
        pytest.param({"type": "6", "event": "11"}, id="strings"),
        pytest.param({"event": None}, id="no-event"),
    ],
)
async def test_other_zwave_notifications_are_ignored(
    hass: HomeAssistant, hass_storage: dict[str, Any], changes: dict[str, Any]
) -> None:
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    subentry_id = await _monitor(hass, hass_storage, lock)

    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, lock.zwave_notification(**changes))
    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, {"garbage": True})
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is None
    assert state_of(hass, PLAN).state == "ready"


async def test_only_zwave_locks_listen_to_zwave_notifications(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Other locks cost nothing when a Z-Wave device sends a notification."""
    before = hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0)
    lock = add_z2m_lock(hass, "front_door", "Front Door")
    await _monitor(hass, hass_storage, lock)
    assert hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0) == before

    (entry,) = hass.config_entries.async_entries("lockout_guard")
    add_zwave_lock(hass, "back_door", "Back Door")
    hass.config_entries.async_update_subentry(
        entry,
        next(iter(entry.subentries.values())),
        data={"lock_entity_id": "lock.back_door"},
        unique_id="lock.back_door",
    )
    await hass.async_block_till_done()
    assert hass.bus.async_listeners()[ZWAVE_NOTIFICATION_EVENT] == before + 1

    # The lock entity moved to a device of another integration.
    other = add_lock_stack(hass, "zha", "other", "Other")
    er.async_get(hass).async_update_entity("lock.back_door", device_id=other.device_id)
    await hass.async_block_till_done()
    assert hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0) == before

    er.async_get(hass).async_update_entity(
        "lock.back_door", device_id=add_zwave_lock(hass, "b", "B").device_id
    )
    await hass.async_block_till_done()
    assert hass.bus.async_listeners()[ZWAVE_NOTIFICATION_EVENT] == before + 1
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0) == before


async def test_lock_without_jam_signal_has_none(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_lock_stack(hass, "zha", "front_door", "Front Door", battery=80)
    subentry_id = await _monitor(hass, hass_storage, lock)
    assert find_jam_signals(hass, lock.device_id) == {}
    assert find_jam_signals(hass, None) == {}
    lock.set_state("unlocked")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is None
    # Its own jammed state still counts, as before.
    lock.set_state("jammed")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is not None


async def test_only_the_jam_entities_of_the_device_are_signals(
    hass: HomeAssistant,
) -> None:
    """Look-alikes: other notification states, other devices, disabled, garbage."""
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    other = add_zwave_jam_lock(hass, "back_door", "Back Door", node_id=13)
    registry = er.async_get(hass)
    for unique_id in (
        "3967834127.12-113-0-Access Control-Lock state.1",
        "3967834127.12-113-0-Access Control-Door state.22",
        "3967834127.12-113-0-Home Security-Cover status.3",
    ):
        add_jam_signal(
            lock,
            "binary_sensor",
            unique_id,
            unique_id.rsplit("-", 1)[1],
            original_name=unique_id,
            state="on",
            attributes={},
        )
    disabled = registry.async_get_or_create(
        "event",
        "matter",
        "disabled-alarm",
        device_id=lock.device_id,
        capabilities={"event_types": ["lock_jammed"]},
        disabled_by=er.RegistryEntryDisabler.USER,
    )
    garbage = [
        registry.async_get_or_create(
            "event",
            "matter",
            f"garbage-{index}",
            device_id=lock.device_id,
            capabilities=capabilities,
            entity_category=EntityCategory.DIAGNOSTIC,
        )
        for index, capabilities in enumerate(
            [
                None,
                {"event_types": "lock_jammed"},
                {"event_types": [None, 11, ["lock_jammed"]]},
                {"event_types": ["initial_press", "long_press"]},
            ]
        )
    ]
    found = find_jam_signals(hass, lock.device_id)
    assert found == {
        "binary_sensor.front_door_lock_jammed": JamSignal.ZWAVE_SENSOR,
    }
    assert other.jam_entity_id not in found
    assert disabled.entity_id not in found
    assert not {entry.entity_id for entry in garbage} & set(found)


async def test_jam_survives_a_restart_without_a_second_event(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Stored: the jam is still open after a restart, and nothing fires again."""
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door", jam="on")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    # A restart: the lock's state is added anew (no old state).
    hass.states.async_remove(lock.lock_entity_id)
    subentry_id = await _monitor(
        hass,
        hass_storage,
        lock,
        record=ready_record(
            jam_reported_at="2025-06-15T12:00:00+00:00",
            open_risks={"lock_jammed": "error"},
        ),
    )
    lock.set_state("locked")
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is not None
    assert state_of(hass, PLAN).state == "at_risk"
    assert raised == []

    # A lock coming back from unavailable has not been operated either.
    lock.set_state("unavailable")
    await hass.async_block_till_done()
    lock.set_state("unlocked")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is not None

    lock.set_state("locked")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is None
    assert _record(hass, subentry_id).jam_reported_at is None


async def test_jam_survives_a_reload(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_z2m_lock(hass, "front_door", "Front Door")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    subentry_id = await _monitor(hass, hass_storage, lock)
    lock.set_jam_signal("error_jammed")
    await hass.async_block_till_done()
    (entry,) = hass.config_entries.async_entries("lockout_guard")

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is not None
    assert _record(hass, subentry_id).jam_reported_at is not None
    assert len(raised) == 1


async def test_jam_sensor_added_later_is_watched(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Z-Wave JS adds the notification's entities after an interview."""
    lock = add_zwave_lock(hass, "front_door", "Front Door")
    subentry_id = await _monitor(hass, hass_storage, lock)
    add_jam_signal(
        lock,
        "binary_sensor",
        "3967834127.12-113-0-Access Control-Lock state.11",
        "front_door_lock_jammed",
        original_name="Lock jammed",
        state="off",
        attributes={},
        device_class="problem",
    )
    await hass.async_block_till_done()

    lock.set_jam_signal("on")
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is not None


async def test_repair_refuses_while_jammed_and_succeeds_after_the_lock_works(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    subentry_id = await _monitor(hass, hass_storage, lock)
    lock.set_jam_signal("on")
    await hass.async_block_till_done()
    issue_id = f"lock_jammed_{subentry_id}"

    result = await run_fix_flow(hass, issue_id, {})
    assert result["type"] == "form"
    assert result["errors"] == {"base": "still_jammed"}
    # The sensor dropping back is not enough: the lock has to work.
    lock.set_jam_signal("off")
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["errors"] == {"base": "still_jammed"}

    lock.set_state("unlocked")
    await hass.async_block_till_done()
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is None


def test_stored_jam_is_read_tolerantly() -> None:
    when = datetime(2025, 6, 15, 12, tzinfo=UTC)
    record = LockRecord(jam_reported_at=when)
    assert LockRecord.from_dict(record.as_dict()) == record
    for garbage in ("yesterday", 1718452800, "2025-06-15T12:00:00", None, ["x"]):
        assert (
            LockRecord.from_dict({"jam_reported_at": garbage}).jam_reported_at is None
        )


async def test_diagnostics_show_the_jam_and_where_it_came_from(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_storage: dict[str, Any],
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    subentry_id = await _monitor(hass, hass_storage, lock)
    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, lock.zwave_notification())
    await hass.async_block_till_done()
    (entry,) = hass.config_entries.async_entries("lockout_guard")

    diagnostics: Any = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    found = diagnostics["locks"][subentry_id]
    assert found["jam_entities"] == ["binary_sensor.front_door_lock_jammed"]
    assert found["readings"]["jam_reported"] is True
    assert found["confirmations"]["jam_reported_at"] is not None
    assert [risk["risk_id"] for risk in found["risks"]] == ["lock_jammed"]


async def test_door_state_event_entity_reports_a_jammed_door(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """An event entity of door state changes: ``door_jammed`` is a jam too."""
    lock = add_matter_lock(hass, "front_door", "Front Door")
    door_types = ["door_open", "door_closed", "door_jammed", "door_forced_open"]
    add_jam_signal(
        lock,
        "event",
        f"{MATTER_NODE_DEVICE_ID}-1-LockDoorStateEvent-257-3",
        "front_door_door_state",
        original_name="Door state",
        state="unknown",
        attributes={"event_types": door_types, "event_type": None},
        capabilities={"event_types": door_types},
    )
    subentry_id = await _monitor(hass, hass_storage, lock)
    lock.fire_jam_event("door_open")
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is None

    lock.fire_jam_event("door_jammed")
    await hass.async_block_till_done()

    assert issue(hass, f"lock_jammed_{subentry_id}") is not None


@pytest.mark.parametrize(
    "state", ["2026-02-30T10:00:00+00:00", "2026-13-45T99:00:00", "garbage"]
)
async def test_an_event_entity_with_a_broken_timestamp_is_no_jam(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    state: str,
) -> None:
    """Junk from another integration is ignored, never an error in the listener."""
    lock = add_matter_lock(hass, "front_door", "Front Door")
    add_jam_signal(
        lock,
        "event",
        f"{MATTER_NODE_DEVICE_ID}-1-LockOperationErrorEvent-257-3",
        "front_door_lock_error",
        original_name="Lock error",
        state="unknown",
        attributes={"event_types": ["lock_jammed"], "event_type": None},
        capabilities={"event_types": ["lock_jammed"]},
    )
    subentry_id = await _monitor(hass, hass_storage, lock)
    assert lock.jam_entity_id is not None
    hass.states.async_set(
        lock.jam_entity_id,
        state,
        {"event_types": ["lock_jammed"], "event_type": "lock_jammed"},
    )
    await hass.async_block_till_done()
    assert issue(hass, f"lock_jammed_{subentry_id}") is None
    assert state_of(hass, PLAN).state == "ready"
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


async def test_many_zwave_locks_share_one_listener_and_hear_only_their_own(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A notification costs one lookup, not one filter per Z-Wave lock."""
    before = hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0)
    doors = [
        add_zwave_jam_lock(hass, f"door_{n}", f"Door {n}", node_id=20 + n)
        for n in range(3)
    ]
    entry = hub_entry(
        *(
            lock_subentry(door.lock_entity_id, door.name, **READY_FACTS)
            for door in doors
        )
    )
    seed_store(hass_storage, {sid: ready_record() for sid in entry.subentries})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.bus.async_listeners()[ZWAVE_NOTIFICATION_EVENT] == before + 1

    hass.bus.async_fire(ZWAVE_NOTIFICATION_EVENT, doors[1].zwave_notification())
    await hass.async_block_till_done()

    jammed = {
        subentry.data["lock_entity_id"]
        for sid, subentry in entry.subentries.items()
        if issue(hass, f"lock_jammed_{sid}") is not None
    }
    assert jammed == {doors[1].lock_entity_id}
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert hass.bus.async_listeners().get(ZWAVE_NOTIFICATION_EVENT, 0) == before
