"""The start_alert_drill and confirm_alert_drill actions: success, errors, admin check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized, UnknownUser
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockUser,
    async_capture_events,
    async_fire_time_changed,
)
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import LockFixture, add_zwave_lock
from .notify_fixtures import PHONE, add_notify_service
from .setup_helpers import (
    READY_FACTS,
    assert_drill_failed,
    issue,
    ready_record,
    settle,
    setup_lock,
    state_of,
)

ACTIONS = ("start_alert_drill", "confirm_alert_drill")


async def _call(
    hass: HomeAssistant,
    action: str,
    data: dict[str, Any] | None = None,
    context: Context | None = None,
) -> None:
    await hass.services.async_call(
        DOMAIN, action, data or {}, blocking=True, context=context
    )


async def _two_locks(
    hass: HomeAssistant, hass_storage: dict[str, Any], record: dict[str, Any]
) -> tuple[Any, dict[str, str]]:
    """The hub monitoring the front and the back door; subentry id per lock."""
    add_zwave_lock(hass, "front_door", "Front Door", battery=90)
    add_zwave_lock(hass, "back_door", "Back Door", battery=80)
    entry = hub_entry(
        lock_subentry("lock.front_door", "Front Door", **READY_FACTS),
        lock_subentry("lock.back_door", "Back Door", **READY_FACTS),
        options={"notify_targets": [PHONE]},
    )
    ids = {
        subentry.data["lock_entity_id"]: subentry_id
        for subentry_id, subentry in entry.subentries.items()
    }
    hass_storage[DOMAIN] = {
        "version": 1,
        "minor_version": 1,
        "key": DOMAIN,
        "data": {"locks": dict.fromkeys(ids.values(), record)},
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    return entry, ids


async def test_start_without_a_lock_drills_every_monitored_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], freezer: FrozenDateTimeFactory
) -> None:
    phone = add_notify_service(hass, PHONE)
    entry, ids = await _two_locks(hass, hass_storage, ready_record())
    drills = async_capture_events(hass, "lockout_guard_battery_low")

    await _call(hass, "start_alert_drill")

    assert sorted(e.data["entity_id"] for e in drills) == sorted(ids)
    # One message per lock, each with the button that confirms that lock.
    assert sorted(
        (call.data["title"], call.data["data"]["actions"][0]["action"])
        for call in phone
    ) == sorted(
        (f"Alert drill: {name}", f"LOCKOUT_GUARD_DRILL_OK_{ids[entity_id]}")
        for entity_id, name in (
            ("lock.front_door", "Front Door"),
            ("lock.back_door", "Back Door"),
        )
    )
    store = entry.runtime_data.store
    assert {store.lock(subentry_id).drill_started for subentry_id in ids.values()} == {
        dt_util.utcnow()
    }

    # Confirming one lock leaves the other's drill to fail.
    await _call(hass, "confirm_alert_drill", {"entity_id": "lock.front_door"})
    freezer.tick(timedelta(hours=25))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    # Each plan says which lock's drill failed; the home has one repair for it.
    assert "alert_never_tested" not in _risks(hass, "sensor.front_door_lockout_plan")
    assert "alert_never_tested" in _risks(hass, "sensor.back_door_lockout_plan")
    assert issue(hass, "alert_never_tested") is not None


async def test_start_with_no_notify_targets_fires_the_event_only(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    drills = async_capture_events(hass, "lockout_guard_battery_low")
    # No target is no failed target: the drill starts without an error.
    await _call(hass, "start_alert_drill", {"entity_id": front_door.lock_entity_id})
    assert len(drills) == 1
    assert entry.runtime_data.store.lock(subentry_id).drill_started is not None


async def test_confirm_records_the_drill_and_clears_the_issue(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(drill_confirmed=None),
    )
    await _call(hass, "start_alert_drill", {"entity_id": front_door.lock_entity_id})
    assert issue(hass, "alert_never_tested") is not None

    await _call(hass, "confirm_alert_drill", {"entity_id": front_door.lock_entity_id})

    today = dt_util.now().date()
    assert issue(hass, "alert_never_tested") is None
    record = entry.runtime_data.store.lock(subentry_id)
    assert (record.drill_confirmed, record.drill_started) == (today, None)
    # The drill is no longer pending: its deadline does not fail it later.
    freezer.tick(timedelta(hours=25))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert issue(hass, "alert_never_tested") is None


async def test_confirm_without_a_pending_drill_records_a_received_alert(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # A real low-battery alert arrived after a failed drill: that proves the path too.
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(drill_confirmed=None, drill_failed=True),
    )
    assert_drill_failed(hass, subentry_id)

    await _call(hass, "confirm_alert_drill")

    assert issue(hass, "alert_never_tested") is None
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.drill_confirmed == dt_util.now().date()
    assert record.drill_failed is False


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_lock_that_is_not_a_lock_is_refused(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    with pytest.raises(vol.Invalid):
        await _call(hass, action, {"entity_id": "switch.front_door"})


@pytest.mark.parametrize("action", ACTIONS)
async def test_unknown_and_unmonitored_locks_are_named(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    add_zwave_lock(hass, "garage", "Garage", battery=70)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action, {"entity_id": "lock.nowhere"})
    assert err.value.translation_key == "unknown_lock"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action, {"entity_id": "lock.garage"})
    assert err.value.translation_key == "lock_not_monitored"
    assert str(err.value) == (
        'lock.garage is not monitored by Lockout Guard. Add it with "Add lock" first'
    )
    # Nothing was started or confirmed.
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.drill_started is None


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_hub_without_locks_has_nothing_to_drill(
    hass: HomeAssistant, action: str
) -> None:
    entry = hub_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action)
    assert err.value.translation_key == "drill_no_locks"
    assert str(err.value) == (
        "Lockout Guard monitors no lock yet, so there is no alert to test"
    )


@pytest.mark.parametrize("action", ACTIONS)
async def test_an_unloaded_hub_is_reported(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    entry, _subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    assert await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action, {"entity_id": front_door.lock_entity_id})
    assert err.value.translation_key == "hub_not_loaded"


@pytest.mark.parametrize("action", ACTIONS)
async def test_only_admins_may_run_drills(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    action: str,
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(drill_confirmed=None),
    )
    drills = async_capture_events(hass, "lockout_guard_battery_low")
    data = {"entity_id": front_door.lock_entity_id}
    with pytest.raises(Unauthorized):
        await _call(hass, action, data, Context(user_id=hass_read_only_user.id))
    with pytest.raises(UnknownUser):
        await _call(hass, action, data, Context(user_id="no-such-user"))
    # Refused calls changed nothing.
    assert drills == []
    assert issue(hass, "alert_never_tested") is not None

    await _call(hass, action, data, Context(user_id=hass_admin_user.id))

    record = entry.runtime_data.store.lock(subentry_id)
    if action == "start_alert_drill":
        assert len(drills) == 1
    else:
        assert record.drill_confirmed == dt_util.now().date()


def _risks(hass: HomeAssistant, plan: str) -> list[str]:
    risks = state_of(hass, plan).attributes["risks"]
    assert isinstance(risks, list)
    return risks
