"""Damaged store files cost what is damaged: the hub runs, nothing readable is lost.

These tests use real files: the store is read from and written to a temporary
configuration directory, as Home Assistant does, instead of the test plugin's
in-memory storage. A few at the end use the in-memory storage, for data Home
Assistant hands over without a file.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
import time
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.storage import guarded_store

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture
from .setup_helpers import (
    READY_FACTS,
    answer_fix_flow,
    days_ago,
    issue,
    settle,
    start_fix_flow,
    state_of,
)

CONFIRMATIONS = DOMAIN
SAMPLES = f"{DOMAIN}.battery_samples"
PLAN = "sensor.front_door_lockout_plan"


def _envelope(data: Any, version: Any = 1, minor_version: Any = 2) -> bytes:
    return json.dumps(
        {
            "version": version,
            "minor_version": minor_version,
            "key": CONFIRMATIONS,
            "data": data,
        }
    ).encode()


def _record(**fields: Any) -> dict[str, Any]:
    return {"key_verified": days_ago(3), "key_tested": True} | fields


async def _start(
    hass: HomeAssistant, front_door: LockFixture
) -> tuple[MockConfigEntry, str]:
    entry, subentry_id = _hub(front_door)
    await _set_up(hass, entry)
    await settle(hass)
    return entry, subentry_id


def _copies(directory: Path, key: str) -> list[Path]:
    return sorted(directory.glob(f"{key}.damaged-*"))


def _written(directory: Path, key: str) -> dict[str, Any]:
    content: dict[str, Any] = json.loads((directory / key).read_text())
    return content


def _hub(front_door: LockFixture) -> tuple[MockConfigEntry, str]:
    """The hub entry of the front door, not set up yet (its file comes first)."""
    entry = hub_entry(
        lock_subentry(front_door.lock_entity_id, "Front Door", **READY_FACTS)
    )
    (subentry_id,) = entry.subentries
    return entry, subentry_id


async def _set_up(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


UNREADABLE = {
    "not-json": b'{"version": 1, "data": {"locks": ',
    "null": b"null",
    "a-list": b"[1, 2, 3]",
    "a-text": b'"lockout guard"',
    "no-data": b'{"version": 1, "minor_version": 2, "key": "lockout_guard"}',
    "data-null": _envelope(None),
    "data-a-list": _envelope(["locks"]),
    "data-a-number": _envelope(7),
}


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_an_unreadable_file_is_kept_aside_and_the_hub_runs(
    hass: HomeAssistant,
    storage_dir: Path,
    front_door: LockFixture,
    content: bytes,
) -> None:
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    entry, subentry_id = await _start(hass, front_door)

    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, PLAN).state != "unavailable"
    (copy,) = _copies(storage_dir, CONFIRMATIONS)
    assert copy.read_bytes() == content
    raised = issue(hass, "confirmations_unreadable")
    assert raised is not None
    assert raised.is_persistent
    assert raised.translation_placeholders is not None
    assert raised.translation_placeholders["copy"] == str(copy)
    assert raised.translation_placeholders["file"] == str(storage_dir / CONFIRMATIONS)
    # The owner's facts live in the subentry: untouched.
    assert entry.subentries[subentry_id].data["key_location"] == "trusted_person"
    # Nothing could be read: the key check is asked for again, as for a new lock.
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None
    # The readable rest (here: nothing) is written in place of the damaged file.
    await hass.config_entries.async_unload(entry.entry_id)
    assert _written(storage_dir, CONFIRMATIONS)["minor_version"] == 2


async def test_a_text_version_keeps_every_readable_confirmation(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    entry, subentry_id = _hub(front_door)
    content = _envelope({"locks": {subentry_id: _record()}}, version="1")
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    await _set_up(hass, entry)

    assert entry.runtime_data.store.lock(subentry_id).key_verified is not None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is None
    (copy,) = _copies(storage_dir, CONFIRMATIONS)
    assert copy.read_bytes() == content
    raised = issue(hass, "confirmations_unreadable")
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert "no valid version" in raised.translation_placeholders["detail"]


async def test_wrong_fields_are_dropped_alone_and_logged_once(
    hass: HomeAssistant,
    storage_dir: Path,
    front_door: LockFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry, subentry_id = _hub(front_door)
    record = _record(
        battery_replaced=days_ago(30),
        drill_confirmed=20260102,
        reset_pending="yes",
        codes_seen=-4,
        jam_reported_at="yesterday",
        open_risks={"battery_low": "warning", "lock_jammed": "loud"},
    )
    content = _envelope(
        {
            "locks": {subentry_id: record},
            "ignored_locks": ["lock.shed", 7],
            "open_hub_risks": "loud",
        }
    )
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    entry.add_to_hass(hass)
    caplog.set_level(logging.WARNING)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    kept = entry.runtime_data.store.lock(subentry_id)
    assert kept.key_verified is not None
    assert kept.key_tested is True
    assert kept.battery_replaced is not None
    assert entry.runtime_data.store.ignored_locks == {"lock.shed"}
    dropped = [
        f"locks.{subentry_id}.drill_confirmed",
        f"locks.{subentry_id}.reset_pending",
        f"locks.{subentry_id}.codes_seen",
        f"locks.{subentry_id}.jam_reported_at",
        f"locks.{subentry_id}.open_risks.lock_jammed",
        "ignored_locks",
        "open_hub_risks",
    ]
    for where in dropped:
        assert caplog.text.count(f"dropped {where} ") == 1, where
    raised = issue(hass, "confirmations_unreadable")
    assert raised is not None
    assert raised.translation_placeholders is not None
    # The first five dropped fields are named, then how many more there are.
    detail = raised.translation_placeholders["detail"]
    assert detail.startswith(f"locks.{subentry_id}.drill_confirmed, ")
    assert detail.endswith("(+2)")
    (copy,) = _copies(storage_dir, CONFIRMATIONS)
    assert copy.read_bytes() == content

    # The readable rest is what is stored now: the next start logs nothing.
    await hass.config_entries.async_unload(entry.entry_id)
    stored = _written(storage_dir, CONFIRMATIONS)["data"]["locks"][subentry_id]
    assert stored["key_verified"] == record["key_verified"]
    assert stored["drill_confirmed"] is None
    caplog.clear()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert "dropped" not in caplog.text
    assert len(_copies(storage_dir, CONFIRMATIONS)) == 1


async def test_a_newer_version_is_kept_aside_instead_of_stopping_the_hub(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    entry, subentry_id = _hub(front_door)
    content = _envelope(
        {"locks": {subentry_id: _record()}, "future": True}, version=2, minor_version=1
    )
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    await _set_up(hass, entry)

    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.store.lock(subentry_id).key_verified is not None
    (copy,) = _copies(storage_dir, CONFIRMATIONS)
    assert copy.read_bytes() == content
    raised = issue(hass, "confirmations_from_newer_version")
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert raised.translation_placeholders["version"] == "2.1"
    assert issue(hass, "confirmations_unreadable") is None
    # The owner reads it and confirms: the issue goes.
    flow = await start_fix_flow(hass, "confirmations_from_newer_version")
    assert flow["step_id"] == "confirm"
    assert flow["description_placeholders"]["copy"] == str(copy)
    await answer_fix_flow(hass, flow["flow_id"], {})
    assert issue(hass, "confirmations_from_newer_version") is None


async def test_an_unreadable_file_that_cannot_be_moved_is_not_written_over(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    content = b"[]"
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    with patch.object(Path, "replace", side_effect=PermissionError(13, "denied")):
        entry, _ = await _start(hass, front_door)
    assert entry.state is ConfigEntryState.LOADED
    # Changes are kept in memory, never written over the file.
    await hass.config_entries.async_unload(entry.entry_id)
    raised = issue(hass, "confirmations_unreadable")
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert raised.translation_placeholders["copy"] == str(storage_dir / CONFIRMATIONS)
    assert (storage_dir / CONFIRMATIONS).read_bytes() == content


async def test_an_unreadable_file_system_is_reported_not_raised(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    (storage_dir / CONFIRMATIONS).mkdir()  # a directory where the file should be
    entry, _ = await _start(hass, front_door)
    assert entry.state is ConfigEntryState.LOADED
    raised = issue(hass, "confirmations_unreadable")
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert "unreadable" in raised.translation_placeholders["detail"]


# Every layout released so far, as that version wrote it.
LAYOUT_0_1_0 = {
    "key_verified": "2026-11-20",
    "key_tested": True,
    "drill_confirmed": "2026-11-21",
    "drill_started": None,
    "drill_failed": False,
    "battery_replaced": "2026-11-01",
    "reset_pending": True,
    "codes_seen": 3,
    "open_risks": {"codes_cleared": "error"},
    "battery_alert_level": None,
}
LAYOUT_0_2_0 = LAYOUT_0_1_0 | {
    "battery_replaced_at": "2026-11-01T08:00:00+00:00",
    "entity_id": "lock.front_door",
    "jam_reported_at": None,
    "codes_source": "manual",
}


@pytest.mark.parametrize(
    "layout", [LAYOUT_0_1_0, LAYOUT_0_2_0], ids=["0.1.0", "0.2.0-and-0.3.0"]
)
async def test_every_earlier_layout_migrates(
    hass: HomeAssistant,
    storage_dir: Path,
    front_door: LockFixture,
    layout: dict[str, Any],
) -> None:
    entry, subentry_id = _hub(front_door)
    (storage_dir / CONFIRMATIONS).write_bytes(
        _envelope(
            {
                "locks": {subentry_id: layout},
                "ignored_locks": ["lock.shed"],
                "open_hub_risks": {},
            },
            minor_version=1,
        )
    )
    await _set_up(hass, entry)

    record = entry.runtime_data.store.lock(subentry_id)
    assert record.key_verified is not None
    assert record.key_verified.isoformat() == "2026-11-20"
    assert record.reset_pending is True
    assert record.codes_seen == 3
    assert entry.runtime_data.store.ignored_locks == {"lock.shed"}
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None
    assert _copies(storage_dir, CONFIRMATIONS) == []
    assert issue(hass, "confirmations_unreadable") is None
    # Written in the current layout, with every field.
    await hass.async_block_till_done()
    written = _written(storage_dir, CONFIRMATIONS)
    assert (written["version"], written["minor_version"]) == (1, 2)
    assert written["data"]["locks"][subentry_id]["key_verified"] == "2026-11-20"
    assert "jam_reported_at" in written["data"]["locks"][subentry_id]


def _samples_file(data: Any, version: Any = 1) -> bytes:
    return json.dumps(
        {"version": version, "minor_version": 1, "key": SAMPLES, "data": data}
    ).encode()


@pytest.mark.parametrize(
    ("content", "issue_id"),
    [
        (b"\x00\x01 not json", "battery_samples_unreadable"),
        (b"null", "battery_samples_unreadable"),
        (_samples_file({"x": "y"}, version="one"), "battery_samples_unreadable"),
        (_samples_file({}, version=2), "battery_samples_from_newer_version"),
    ],
    ids=["not-json", "null", "text-version", "newer-version"],
)
async def test_damaged_battery_samples_cost_only_the_samples(
    hass: HomeAssistant,
    storage_dir: Path,
    front_door: LockFixture,
    content: bytes,
    issue_id: str,
) -> None:
    entry, subentry_id = _hub(front_door)
    (storage_dir / CONFIRMATIONS).write_bytes(
        _envelope({"locks": {subentry_id: _record()}})
    )
    (storage_dir / SAMPLES).write_bytes(content)
    await _set_up(hass, entry)

    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.store.lock(subentry_id).key_verified is not None
    (copy,) = _copies(storage_dir, SAMPLES)
    assert copy.read_bytes() == content
    assert issue(hass, issue_id) is not None
    assert issue(hass, "confirmations_unreadable") is None
    assert _copies(storage_dir, CONFIRMATIONS) == []


async def test_a_clean_start_keeps_the_issue_until_the_owner_confirms(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    (storage_dir / CONFIRMATIONS).write_bytes(b"null")
    entry, _ = await _start(hass, front_door)
    await hass.config_entries.async_unload(entry.entry_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    # The file is fine now, and the loss is still worth telling.
    assert issue(hass, "confirmations_unreadable") is not None
    assert len(_copies(storage_dir, CONFIRMATIONS)) == 1


# Data Home Assistant hands over without a file (the test plugin's storage).


@pytest.mark.parametrize(
    "stored",
    [
        None,
        ["not", "an", "envelope"],
        {"version": "1", "key": DOMAIN, "data": {"locks": "none"}},
        {"version": 1, "key": DOMAIN, "data": ["locks"]},
    ],
    ids=["null", "a-list", "text-version", "data-a-list"],
)
async def test_damaged_data_in_memory_does_not_stop_the_hub(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    stored: Any,
) -> None:
    hass_storage[DOMAIN] = stored
    entry, subentry_id = await _start(hass, front_door)
    assert entry.state is ConfigEntryState.LOADED
    assert issue(hass, "confirmations_unreadable") is not None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None


async def test_a_newer_version_in_memory_is_kept_under_a_name_of_its_own(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    newer = {"locks": {}, "future": True}
    hass_storage[DOMAIN] = {
        "version": 2,
        "minor_version": 1,
        "key": DOMAIN,
        "data": newer,
    }
    entry, _ = await _start(hass, front_door)
    assert entry.state is ConfigEntryState.LOADED
    (copy_key,) = [key for key in hass_storage if key.startswith(f"{DOMAIN}.damaged-")]
    assert hass_storage[copy_key]["data"] == newer
    raised = issue(hass, "confirmations_from_newer_version")
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert raised.translation_placeholders["copy"].endswith(copy_key)
    assert dt_util.utcnow().strftime("%Y%m%d") in copy_key


async def test_a_damaged_file_of_an_older_layout_is_kept_as_it_was(
    hass: HomeAssistant, storage_dir: Path, front_door: LockFixture
) -> None:
    # Found by the property tests: the migration used to write the current layout
    # before the damaged original was moved aside.
    content = _envelope({"locks": [{}, 1.5], "ignored_locks": {}}, minor_version=1)
    (storage_dir / CONFIRMATIONS).write_bytes(content)
    original_move = guarded_store._move_aside

    def slow_move(path: str, stamp: str) -> tuple[str | None, OSError | None]:
        # A slow disk: anything written meanwhile would land before the move.
        time.sleep(0.2)
        return original_move(path, stamp)

    with patch.object(guarded_store, "_move_aside", slow_move):
        entry, _ = await _start(hass, front_door)
    await hass.async_block_till_done()
    (copy,) = _copies(storage_dir, CONFIRMATIONS)
    assert copy.read_bytes() == content
    await hass.config_entries.async_unload(entry.entry_id)
    assert _written(storage_dir, CONFIRMATIONS)["minor_version"] == 2
