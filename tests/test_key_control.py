"""Key control end to end: lost keys, tenant changes, rekeys, and their repairs."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockUser,
    async_capture_events,
)
import voluptuous as vol

from custom_components.lockout_guard.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .lock_fixtures import LockFixture, add_matter_lock
from .service_calls import call_action, setup_keyed_and_keyless, setup_locks
from .setup_helpers import (
    answer_fix_flow,
    days_ago,
    issue,
    run_fix_flow,
    setup_lock,
    start_fix_flow,
    state_of,
)

NOTE = "The cleaner's key, lost on the bus"
PLAN = "sensor.front_door_lockout_plan"


async def test_a_lost_key_asks_for_a_rekey_and_keeps_the_note_private(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    raised = async_capture_events(hass, "lockout_guard_risk_raised")

    await call_action(
        hass,
        "report_key_lost",
        {"entity_id": front_door.lock_entity_id, "note": NOTE},
        user_id=hass_admin_user.id,
    )

    rekey = issue(hass, f"rekey_recommended_{subentry_id}")
    assert rekey is not None
    assert rekey.severity == "error"
    assert [e.data["risk"] for e in raised] == ["rekey_recommended"]
    assert state_of(hass, PLAN).state == "at_risk"
    # The note is the owner's: kept with the facts, shown nowhere.
    assert entry.subentries[subentry_id].data["key_lost_note"] == NOTE
    assert entry.runtime_data.store.lock(subentry_id).key_lost == dt_util.now().date()
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    shown = repr(diagnostics) + repr(hass.states.async_all()) + repr(raised)
    assert "cleaner" not in shown


async def test_key_events_are_for_admins_and_keyed_locks_only(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
    hass_admin_user: MockUser,
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    entry = await setup_locks(
        hass,
        hass_storage,
        {
            front_door.lock_entity_id: {},
            back.lock_entity_id: {"design": "keyless", "key_override": False},
        },
    )
    for action, data in (
        ("report_key_lost", {"entity_id": front_door.lock_entity_id}),
        ("record_tenant_change", {}),
        ("record_rekey", {"entity_id": front_door.lock_entity_id}),
    ):
        with pytest.raises(Unauthorized):
            await call_action(hass, action, data, user_id=hass_read_only_user.id)
    assert all(
        entry.runtime_data.store.lock(subentry_id).key_lost is None
        and entry.runtime_data.store.lock(subentry_id).tenant_changed is None
        and entry.runtime_data.store.lock(subentry_id).rekeyed is None
        for subentry_id in entry.subentries
    )
    with pytest.raises(ServiceValidationError) as refused:
        await call_action(
            hass,
            "report_key_lost",
            {"entity_id": back.lock_entity_id},
            user_id=hass_admin_user.id,
        )
    assert refused.value.translation_key == "no_key_cylinder"


async def test_a_tenant_change_concerns_every_keyed_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    _, by_lock = await setup_keyed_and_keyless(
        hass, hass_storage, front_door.lock_entity_id, back.lock_entity_id
    )

    # An automation (no user) acts with the owner's authority.
    await call_action(hass, "record_tenant_change")

    front = issue(hass, f"rekey_recommended_{by_lock[front_door.lock_entity_id]}")
    assert front is not None
    assert front.translation_placeholders is not None
    assert front.translation_placeholders["date"] == dt_util.now().date().isoformat()
    assert issue(hass, f"rekey_recommended_{by_lock[back.lock_entity_id]}") is None


async def test_a_tenant_change_without_keyed_locks_is_refused(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    await setup_locks(
        hass,
        hass_storage,
        {back.lock_entity_id: {"design": "keyless", "key_override": False}},
    )
    with pytest.raises(ServiceValidationError) as refused:
        await call_action(hass, "record_tenant_change")
    assert refused.value.translation_key == "no_keyed_locks"


async def test_a_rekey_clears_the_risk_and_asks_for_the_new_spare(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await call_action(hass, "report_key_lost", {"entity_id": front_door.lock_entity_id})
    assert issue(hass, f"rekey_recommended_{subentry_id}") is not None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is None

    await call_action(
        hass,
        "record_rekey",
        {"entity_id": front_door.lock_entity_id, "keys_issued": 2},
    )

    assert issue(hass, f"rekey_recommended_{subentry_id}") is None
    # The spare checked this morning was an old key.
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None
    assert entry.subentries[subentry_id].data["keys_in_circulation"] == 2
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.rekeyed == dt_util.now().date()
    assert record.key_verified is None

    await call_action(
        hass,
        "confirm_backup_key",
        {"entity_id": front_door.lock_entity_id, "location": "trusted_person"},
    )
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is None


async def test_a_rekey_before_the_loss_does_not_count(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await call_action(hass, "report_key_lost", {"entity_id": front_door.lock_entity_id})
    await call_action(
        hass,
        "record_rekey",
        {"entity_id": front_door.lock_entity_id, "date": days_ago(3)},
    )
    assert issue(hass, f"rekey_recommended_{subentry_id}") is not None


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"date": "2999-01-01"}, "rekey_date_in_future"),
        ({"date": "1999-12-31"}, "rekey_date_too_old"),
    ],
    ids=["future", "too-old"],
)
async def test_a_rekey_date_must_make_sense(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    data: dict[str, Any],
    error: str,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(ServiceValidationError) as refused:
        await call_action(
            hass, "record_rekey", {"entity_id": front_door.lock_entity_id, **data}
        )
    assert refused.value.translation_key == error
    assert entry.runtime_data.store.lock(subentry_id).rekeyed is None


@pytest.mark.parametrize("keys", [2.5, -1, 101, True, "two"])
async def test_keys_issued_must_be_a_whole_number(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    keys: Any,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(vol.Invalid):
        await call_action(
            hass,
            "record_rekey",
            {"entity_id": front_door.lock_entity_id, "keys_issued": keys},
        )
    assert entry.runtime_data.store.lock(subentry_id).rekeyed is None


async def test_the_rekey_repair_explains_the_ways_and_records_only_when_done(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await call_action(hass, "record_tenant_change")
    issue_id = f"rekey_recommended_{subentry_id}"
    record = entry.runtime_data.store.lock(subentry_id)

    flow = await start_fix_flow(hass, issue_id)
    assert flow["type"] == "menu"
    assert flow["menu_options"] == [
        "smartkey",
        "locksmith",
        "replace_cylinder",
        "rekeyed",
        "not_yet",
    ]
    for way in ("smartkey", "locksmith", "replace_cylinder"):
        flow = await start_fix_flow(hass, issue_id)
        shown = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": way})
        assert (shown["type"], shown["step_id"]) == ("menu", way)
        result = await answer_fix_flow(
            hass, shown["flow_id"], {"next_step_id": "not_yet"}
        )
        assert result["reason"] == "nothing_recorded"
    assert record.rekeyed is None
    assert issue(hass, issue_id) is not None

    flow = await start_fix_flow(hass, issue_id)
    form = await answer_fix_flow(hass, flow["flow_id"], {"next_step_id": "rekeyed"})
    assert form["step_id"] == "rekeyed"
    refused = await answer_fix_flow(hass, form["flow_id"], {"keys_issued": 1.5})
    assert refused["errors"] == {"keys_issued": "not_a_whole_number"}
    done = await answer_fix_flow(hass, form["flow_id"], {"keys_issued": 3})
    assert done["type"] == "create_entry"
    assert record.rekeyed == dt_util.now().date()
    assert entry.subentries[subentry_id].data["keys_in_circulation"] == 3
    assert issue(hass, issue_id) is None


@pytest.mark.parametrize(
    ("facts", "risk", "answer"),
    [
        (
            {"factory_key_kept": "unknown"},
            "no_factory_key",
            {"factory_key_kept": "yes"},
        ),
        (
            {"keys_in_circulation": 7},
            "many_keys_in_circulation",
            {"keys_in_circulation": 4.0},
        ),
        (
            {"smartkey": "first_generation", "emergency_power": "none"},
            "smartkey_first_generation",
            {"smartkey": "later_generation"},
        ),
    ],
    ids=["factory-key", "keys-out", "smartkey"],
)
async def test_key_fact_repairs_store_the_answer(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    facts: dict[str, Any],
    risk: str,
    answer: dict[str, Any],
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", **facts
    )
    issue_id = f"{risk}_{subentry_id}"
    assert issue(hass, issue_id) is not None
    result = await run_fix_flow(hass, issue_id, answer)
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is None
    (key,) = answer
    assert entry.subentries[subentry_id].data[key] == answer[key]
    assert state_of(hass, PLAN).state == "ready"


async def test_the_keys_limit_is_an_option(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        keys_in_circulation=5,
    )
    many = issue(hass, f"many_keys_in_circulation_{subentry_id}")
    assert many is not None
    assert many.translation_placeholders is not None
    assert many.translation_placeholders["limit"] == "4"

    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "max_keys_in_circulation": 6}
    )
    await hass.async_block_till_done()
    assert issue(hass, f"many_keys_in_circulation_{subentry_id}") is None
