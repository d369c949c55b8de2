"""Generated store files, read by the real hub from a real ``.storage`` directory.

Whatever the file holds (any bytes, any JSON, an envelope of any version, records
with fields of any kind), the hub starts and monitors the lock, and every field
that holds what this version writes is kept. A file that is not exactly readable
is moved aside intact, with an issue; a readable one stays where it is.
"""

from __future__ import annotations

from datetime import date
import json
from pathlib import Path
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from hypothesis import event, given, settings, strategies as st
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.storage.guarded_store import STORAGE_ISSUE_IDS

from .conftest import GENERATED_CASES, examples, hub_entry, lock_subentry
from .lock_fixtures import add_zwave_lock
from .setup_helpers import READY_FACTS, issue, state_of

SUBENTRY_ID = "01JLOCKOUTGUARDPROPERTYTEST"
PLAN = "sensor.front_door_lockout_plan"

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**9), 10**9),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
    ),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
iso_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)).map(
    date.isoformat
)
records = st.fixed_dictionaries(
    {},
    optional={
        "key_verified": st.one_of(iso_dates, json_values),
        "key_tested": st.one_of(st.booleans(), json_values),
        "drill_confirmed": st.one_of(iso_dates, json_values),
        "reset_pending": st.one_of(st.booleans(), json_values),
        "codes_seen": st.one_of(st.integers(0, 30), json_values),
        "open_risks": st.one_of(
            st.dictionaries(
                st.sampled_from(["battery_low", "lock_jammed"]),
                st.sampled_from(["warning", "error", "critical"]),
            ),
            json_values,
        ),
        "battery_alert_level": st.one_of(
            st.sampled_from(["low", "critical"]), json_values
        ),
    },
)
envelopes = st.fixed_dictionaries(
    {
        "version": st.one_of(
            st.just(1), st.just(1), st.sampled_from([2, "1", None, 0])
        ),
        "minor_version": st.one_of(st.just(1), st.just(2), json_values),
        "key": st.just(DOMAIN),
        "data": st.one_of(
            st.fixed_dictionaries(
                {
                    "locks": st.one_of(
                        st.fixed_dictionaries({SUBENTRY_ID: records}), json_values
                    )
                },
                optional={"ignored_locks": json_values, "open_hub_risks": json_values},
            ),
            json_values,
        ),
    }
)
files = st.one_of(
    envelopes.map(lambda envelope: json.dumps(envelope).encode()),
    envelopes.map(lambda envelope: json.dumps(envelope).encode()),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=40),
)


def _readable_date(record: dict[str, Any], name: str) -> date | None:
    value = record.get(name)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


@settings(max_examples=examples(150))
@given(content=files)
async def test_any_store_file_starts_the_hub_and_keeps_what_is_readable(
    hass: HomeAssistant, storage_dir: Path, content: bytes
) -> None:
    GENERATED_CASES["storage: generated store files"] += 1
    entry = _hub_entry(hass)
    for left in storage_dir.iterdir():
        left.unlink()
    for issue_id in STORAGE_ISSUE_IDS:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
    (storage_dir / DOMAIN).write_bytes(content)
    try:
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert entry.state is ConfigEntryState.LOADED
        assert state_of(hass, PLAN).state != "unavailable"
        copies = list(storage_dir.glob(f"{DOMAIN}.damaged-*"))
        raised = issue(hass, "confirmations_unreadable") or issue(
            hass, "confirmations_from_newer_version"
        )
        event("kept aside" if copies else "read as it is")
        assert (raised is not None) is bool(copies)
        if copies:
            (copy,) = copies
            assert copy.read_bytes() == content
        # Every confirmation written the way this version writes it is kept.
        stored = _stored_record(content)
        if stored is not None:
            record = entry.runtime_data.store.lock(SUBENTRY_ID)
            assert record.key_verified == _readable_date(stored, "key_verified")
            if isinstance(stored.get("reset_pending"), bool):
                assert record.reset_pending is stored["reset_pending"]
    finally:
        await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()


def _hub_entry(hass: HomeAssistant) -> MockConfigEntry:
    """One hub for all examples: each sets it up on its file and unloads it."""
    if (entry := hass.data.get(__name__)) is not None:
        assert isinstance(entry, MockConfigEntry)
        return entry
    add_zwave_lock(hass, "front_door", "Front Door")
    entry = hub_entry(
        lock_subentry("lock.front_door", "Front Door", **READY_FACTS)
        | {"subentry_id": SUBENTRY_ID}
    )
    entry.add_to_hass(hass)
    hass.data[__name__] = entry
    return entry


def _stored_record(content: bytes) -> dict[str, Any] | None:
    try:
        envelope = json.loads(content)
    except ValueError:
        return None
    data = envelope.get("data") if isinstance(envelope, dict) else None
    locks = data.get("locks") if isinstance(data, dict) else None
    stored = locks.get(SUBENTRY_ID) if isinstance(locks, dict) else None
    return stored if isinstance(stored, dict) else None
