"""lockout_guard.confirm_backup_key: where the spare key is, checked today (admins)."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockUser
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture
from .service_calls import call_action
from .setup_helpers import days_ago, issue, ready_record, setup_lock, state_of

PLAN = "sensor.front_door_lockout_plan"


async def test_a_new_place_is_stored_and_its_issue_clears(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified=days_ago(400), key_tested=False),
        key_location="hidden_outside",
    )
    assert issue(hass, f"key_hidden_outside_{subentry_id}") is not None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None

    await call_action(
        hass,
        "confirm_backup_key",
        {"entity_id": front_door.lock_entity_id, "location": "lockbox", "tested": True},
        user_id=hass_admin_user.id,
    )

    assert entry.subentries[subentry_id].data["key_location"] == "lockbox"
    # The new fact was applied in place and the confirmation kept.
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.key_verified == dt_util.now().date()
    assert record.key_tested is True
    assert issue(hass, f"key_hidden_outside_{subentry_id}") is None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is None
    assert state_of(hass, PLAN).state == "ready"
    # Nothing is lost when the hub stops right after the answer.
    assert await hass.config_entries.async_unload(entry.entry_id)
    stored = hass_storage[DOMAIN]["data"]["locks"][subentry_id]
    assert stored["key_verified"] == dt_util.now().date().isoformat()


async def test_the_same_place_checked_again(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified=days_ago(181), key_tested=True),
    )
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None
    hub = entry.runtime_data

    # From an automation (no user): tested defaults to no.
    await call_action(
        hass,
        "confirm_backup_key",
        {"entity_id": front_door.lock_entity_id, "location": "trusted_person"},
    )

    assert entry.runtime_data is hub, "nothing changed that needs a reload"
    record = hub.store.lock(subentry_id)
    assert record.key_verified == dt_util.now().date()
    assert record.key_tested is False
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is None
    assert state_of(hass, PLAN).state == "ready"


async def test_a_key_kept_inside_is_a_risk_of_its_own(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await call_action(
        hass,
        "confirm_backup_key",
        {"entity_id": front_door.lock_entity_id, "location": "inside_only"},
    )
    assert entry.subentries[subentry_id].data["key_location"] == "inside_only"
    assert issue(hass, f"no_offsite_key_{subentry_id}") is not None


async def test_a_lock_without_a_key_cylinder_is_refused(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        design="keyless",
        key_override=False,
        key_location="none",
        record=ready_record(key_verified=None),
    )
    with pytest.raises(ServiceValidationError) as err:
        await call_action(
            hass,
            "confirm_backup_key",
            {"entity_id": front_door.lock_entity_id, "location": "offsite"},
        )
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "no_key_cylinder"
    assert err.value.translation_placeholders == {
        "entity_id": front_door.lock_entity_id,
        "lock_name": "Front Door",
    }
    assert entry.subentries[subentry_id].data["key_location"] == "none"
    assert entry.runtime_data.store.lock(subentry_id).key_verified is None


async def test_a_place_that_is_not_a_key_location_is_refused(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(vol.Invalid):
        await call_action(
            hass,
            "confirm_backup_key",
            {"entity_id": front_door.lock_entity_id, "location": "under the mat"},
        )
    assert entry.subentries[subentry_id].data["key_location"] == "trusted_person"


async def test_only_admins_may_confirm(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified=None),
    )
    with pytest.raises(Unauthorized):
        await call_action(
            hass,
            "confirm_backup_key",
            {"entity_id": front_door.lock_entity_id, "location": "offsite"},
            user_id=hass_read_only_user.id,
        )
    assert entry.subentries[subentry_id].data["key_location"] == "trusted_person"
    assert entry.runtime_data.store.lock(subentry_id).key_verified is None
    assert issue(hass, f"backup_key_unverified_{subentry_id}") is not None
