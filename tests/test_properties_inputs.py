"""Generated action payloads, flow answers and repair answers against the real hub.

Whatever is entered, each call ends in one of two ways: it is refused with a
validation error (and changes nothing: the stored confirmations and the lock's
facts are as before), or it is accepted and what it stored is well formed (whole,
finite numbers within their ranges; dates that are dates). Nothing else escapes,
and the hub keeps running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
import math
from typing import Any

from homeassistant.config_entries import SOURCE_RECONFIGURE, ConfigEntryState
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.exceptions import ServiceValidationError
from hypothesis import event, given, settings, strategies as st
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .conftest import GENERATED_CASES, examples
from .lock_fixtures import add_matter_lock, add_zwave_lock
from .setup_helpers import (
    answer_fix_flow,
    issue,
    setup_lock,
    start_fix_flow,
    state_of,
)

PLAN = "sensor.front_door_lockout_plan"
FRONT_DOOR = "lock.front_door"

# Date-times from scripts are naive or not: both must be handled.
EARLIEST = datetime(1, 1, 2)  # noqa: DTZ001

# Values of every kind a script, a template or a hand-edited YAML can send.
anything = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=12),
        st.dates(min_value=date(1, 1, 1)),
        st.datetimes(min_value=EARLIEST),
    ),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
entity_ids = st.one_of(
    st.just(FRONT_DOOR),
    st.just(FRONT_DOOR),
    st.sampled_from(["lock.back_door", "lock.nowhere", "sensor.front_door_battery"]),
    st.text(max_size=16),
    st.lists(st.sampled_from([FRONT_DOOR, "lock.back_door"]), max_size=2),
)
dates = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=EARLIEST),
    st.sampled_from(["today", "2026-02-30", "2026-13-01", "", "1999-12-31"]),
)
FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "recheck": {"entity_id": entity_ids},
    "get_plan": {"entity_id": entity_ids, "include_private": anything},
    "confirm_backup_key": {
        "entity_id": entity_ids,
        "location": st.one_of(
            st.sampled_from(["trusted_person", "offsite", "lockbox", "none"]),
            st.sampled_from(["trusted_person", "offsite", "lockbox", "none"]),
            st.text(max_size=10),
        ),
        "tested": anything,
    },
    "start_alert_drill": {"entity_id": entity_ids},
    "confirm_alert_drill": {"entity_id": entity_ids},
    "mark_battery_replaced": {"entity_id": entity_ids, "date": dates},
    "record_lock_reset": {"entity_id": entity_ids},
}
RESPONDING = {"recheck", "get_plan"}


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """An action and a payload: some of its fields, maybe of the wrong kind, maybe more."""
    action = draw(st.sampled_from(sorted(FIELDS)))
    payload: dict[str, Any] = {}
    for name, values in FIELDS[action].items():
        if draw(st.integers(0, 3)) > 0:
            # Mostly of the field's kind: a wrong kind is refused before anything.
            payload[name] = draw(values if draw(st.integers(0, 3)) > 0 else anything)
    if draw(st.integers(0, 5)) == 0:
        payload.update(draw(st.dictionaries(st.text(max_size=6), anything, max_size=2)))
    return action, payload


@dataclass
class _Hub:
    entry: MockConfigEntry
    subentry_id: str


async def _hub(hass: HomeAssistant, hass_storage: dict[str, Any], **facts: Any) -> _Hub:
    """The hub watching the front door, set up once for all examples of a test."""
    if (hub := hass.data.get(__name__)) is not None:
        assert isinstance(hub, _Hub)
        return hub
    add_zwave_lock(hass, "front_door", "Front Door")
    # A lock that is not monitored: actions naming it are refused.
    add_matter_lock(hass, "back_door", "Back Door")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, FRONT_DOOR, "Front Door", **facts
    )
    hub = hass.data[__name__] = _Hub(entry, subentry_id)
    return hub


def _stored(hub: _Hub) -> tuple[object, ...]:
    """Everything a refused input must leave as it was."""
    store = hub.entry.runtime_data.store
    return (
        store._as_dict(),
        {sid: dict(sub.data) for sid, sub in hub.entry.subentries.items()},
        dict(hub.entry.options),
    )


def _assert_running(hass: HomeAssistant, hub: _Hub) -> None:
    assert hub.entry.state is ConfigEntryState.LOADED
    assert state_of(hass, PLAN).state != "unavailable"


def _assert_whole(value: Any, low: int, high: int) -> None:
    assert isinstance(value, int)
    assert not isinstance(value, bool)
    assert low <= value <= high


@settings(max_examples=examples(400))
@given(call=calls())
async def test_actions_refuse_or_store_well_formed_values(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    hass_admin_user: MockUser,
    call: tuple[str, dict[str, Any]],
) -> None:
    GENERATED_CASES["actions: generated payloads"] += 1
    hub = await _hub(hass, hass_storage)
    action, payload = call
    before = _stored(hub)
    try:
        await hass.services.async_call(
            DOMAIN,
            action,
            payload,
            blocking=True,
            context=Context(user_id=hass_admin_user.id),
            return_response=action in RESPONDING,
        )
    except (vol.Invalid, ServiceValidationError) as err:
        event(f"{action}: refused ({type(err).__name__})")
        await hass.async_block_till_done()
        assert _stored(hub) == before, "a refused call changed something"
    else:
        event(f"{action}: accepted")
        await hass.async_block_till_done()
        record = hub.entry.runtime_data.store.lock(hub.subentry_id)
        for day in (
            record.key_verified,
            record.drill_confirmed,
            record.battery_replaced,
        ):
            assert day is None or (isinstance(day, date) and day.year >= 2000)
    _assert_running(hass, hub)


NUMBERS = st.one_of(
    st.integers(-100, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.none(),
)


def numbers(low: int, high: int) -> st.SearchStrategy[Any]:
    """Mostly numbers in range (whole or not), then anything a form can be sent."""
    return st.one_of(
        st.integers(low, high),
        st.integers(low, high),
        st.floats(low, high),
        NUMBERS,
    )


OPTION_RANGES = {
    "low_battery": (5, 95),
    "critical_battery": (1, 90),
    "unavailable_minutes": (1, 1440),
    "battery_silence_hours": (1, 720),
    "reverify_days": (7, 730),
}


@settings(max_examples=examples(200))
@given(
    answers=st.fixed_dictionaries(
        {key: numbers(low, high) for key, (low, high) in OPTION_RANGES.items()},
        optional={"notify_targets": st.lists(st.text(max_size=8), max_size=2)},
    )
)
async def test_options_refuse_or_store_whole_numbers_in_range(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    answers: dict[str, Any],
) -> None:
    GENERATED_CASES["options flow: generated answers"] += 1
    hub = await _hub(hass, hass_storage)
    before = _stored(hub)
    flow = await hass.config_entries.options.async_init(hub.entry.entry_id)
    try:
        result = await hass.config_entries.options.async_configure(
            flow["flow_id"], answers
        )
    except InvalidData as err:
        event(f"refused by the form: {sorted(err.schema_errors)}")
        assert _stored(hub) == before
        hass.config_entries.options.async_abort(flow["flow_id"])
        return
    await hass.async_block_till_done()
    if result["type"] is FlowResultType.FORM:
        event(f"refused: {sorted((result['errors'] or {}).values())}")
        assert result["errors"]
        assert _stored(hub) == before
        hass.config_entries.options.async_abort(flow["flow_id"])
        return
    event("stored")
    assert result["type"] is FlowResultType.CREATE_ENTRY
    options = hub.entry.options
    for key, (low, high) in OPTION_RANGES.items():
        _assert_whole(options[key], low, high)
        assert options[key] == answers[key]
    assert options["critical_battery"] < options["low_battery"]
    _assert_running(hass, hub)


@settings(max_examples=examples(150))
@given(
    app_users=numbers(0, 50),
    low_battery=numbers(1, 99),
    support_phone=st.one_of(st.text(max_size=14), st.sampled_from(["+1 555 0100"])),
)
async def test_lock_answers_refuse_or_store_well_formed_values(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    app_users: Any,
    low_battery: Any,
    support_phone: str,
) -> None:
    GENERATED_CASES["lock flow: generated answers"] += 1
    hub = await _hub(hass, hass_storage)
    before = _stored(hub)
    subentries = hass.config_entries.subentries
    flow = await subentries.async_init(
        (hub.entry.entry_id, "lock"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": hub.subentry_id},
    )
    answers: list[dict[str, Any]] = [
        {"lock_entity_id": FRONT_DOOR, "main_entrance": True, "design": "retrofit"},
        {
            "key_override": "yes",
            "keyway": "standard",
            "key_location": "trusted_person",
            "emergency_power": "usb",
            "backup_pin": "yes",
        }
        | ({} if app_users is None else {"app_users": app_users}),
        {"support_phone": support_phone}
        | ({} if low_battery is None else {"low_battery": low_battery}),
    ]
    result: Any = flow
    for answer in answers:
        try:
            result = await subentries.async_configure(flow["flow_id"], answer)
        except InvalidData:
            result = None
            break
        if result["type"] is FlowResultType.FORM and result.get("errors"):
            break
    await hass.async_block_till_done()
    data = hub.entry.subentries[hub.subentry_id].data
    event(
        "refused"
        if result is None or result["type"] is FlowResultType.FORM
        else "stored"
    )
    if result is None or result["type"] is FlowResultType.FORM:
        if result is not None:
            subentries.async_abort(flow["flow_id"])
        assert _stored(hub)[1] == before[1], "a refused answer changed the lock"
    else:
        assert result["reason"] == "reconfigure_successful"
        if app_users is not None:
            _assert_whole(data["app_users"], 0, 50)
        if low_battery is not None:
            _assert_whole(data["low_battery"], 16, 99)
            assert not (isinstance(low_battery, float) and math.isnan(low_battery))
    _assert_running(hass, hub)


@settings(max_examples=examples(150))
@given(answer=st.fixed_dictionaries({"app_users": st.one_of(numbers(0, 50), anything)}))
async def test_the_app_user_repair_refuses_or_stores_a_whole_count(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    answer: dict[str, Any],
) -> None:
    GENERATED_CASES["app-user repair: generated answers"] += 1
    hub = await _hub(hass, hass_storage)
    # One app user: the repair asks for a second one.
    subentry = hub.entry.subentries[hub.subentry_id]
    hass.config_entries.async_update_subentry(
        hub.entry, subentry, data={**subentry.data, "app_users": 1}
    )
    await hass.async_block_till_done()
    issue_id = f"single_app_user_{hub.subentry_id}"
    assert issue(hass, issue_id) is not None
    before = _stored(hub)
    flow = await start_fix_flow(hass, issue_id)
    try:
        result = await answer_fix_flow(hass, flow["flow_id"], answer)
    except InvalidData:
        event("refused by the form")
        assert _stored(hub) == before
        return
    event(result["type"])
    if result["type"] is FlowResultType.FORM:
        assert result["errors"] == {"app_users": "not_a_whole_number"}
        assert _stored(hub) == before
        return
    _assert_whole(hub.entry.subentries[hub.subentry_id].data["app_users"], 0, 50)
    _assert_running(hass, hub)
