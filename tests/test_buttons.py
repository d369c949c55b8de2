"""Buttons on the lock's and the hub's device; those that store facts are for admins."""

from __future__ import annotations

from typing import Any

from homeassistant.auth.const import GROUP_ID_USER
from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockUser,
    async_capture_events,
)

from .lock_fixtures import LockFixture, add_matter_lock
from .notify_fixtures import PHONE, add_notify_service
from .service_calls import setup_keyed_and_keyless
from .setup_helpers import issue, setup_lock, state_of


@pytest.fixture
async def household_member(hass: HomeAssistant) -> User:
    """A user who is not an administrator but may use the home's devices."""
    return await hass.auth.async_create_user("Guest", group_ids=[GROUP_ID_USER])


async def _press(
    hass: HomeAssistant, entity_id: str, user: User | MockUser | None = None
) -> None:
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": entity_id},
        blocking=True,
        context=Context(user_id=user.id if user else None),
    )
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_batteries_replaced_is_for_admins(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    household_member: User,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    record = entry.runtime_data.store.lock(subentry_id)
    button = "button.front_door_batteries_replaced"

    with pytest.raises(ServiceValidationError) as refused:
        await _press(hass, button, household_member)
    assert refused.value.translation_key == "button_admin_only"
    assert record.battery_replaced is None

    await _press(hass, button, hass_admin_user)
    assert record.battery_replaced == dt_util.now().date()


async def test_anyone_may_recheck(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    household_member: User,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    before = state_of(hass, "sensor.front_door_lockout_plan").attributes["last_checked"]

    await _press(hass, "button.front_door_recheck", household_member)

    after = state_of(hass, "sensor.front_door_lockout_plan").attributes["last_checked"]
    assert after != before


async def test_send_test_alert_starts_the_lock_s_drill(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    phone = add_notify_service(hass, PHONE)
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE]},
    )
    drills = async_capture_events(hass, "lockout_guard_battery_low")

    await _press(hass, "button.front_door_send_test_alert", hass_admin_user)

    assert [e.data["drill"] for e in drills] == [True]
    assert len(phone) == 1
    assert entry.runtime_data.store.lock(subentry_id).drill_started is not None


async def test_report_a_lost_key_and_a_tenant_change_by_button(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    household_member: User,
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    entry, by_lock = await setup_keyed_and_keyless(
        hass, hass_storage, front_door.lock_entity_id, back.lock_entity_id
    )
    front = by_lock[front_door.lock_entity_id]

    await _press(hass, "button.front_door_report_a_lost_key", hass_admin_user)
    assert issue(hass, f"rekey_recommended_{front}") is not None
    with pytest.raises(ServiceValidationError) as refused:
        await _press(hass, "button.back_door_report_a_lost_key", hass_admin_user)
    assert refused.value.translation_key == "no_key_cylinder"

    tenant = "button.lockout_guard_record_a_tenant_change"
    with pytest.raises(ServiceValidationError):
        await _press(hass, tenant, household_member)
    assert entry.runtime_data.store.lock(front).tenant_changed is None
    await _press(hass, tenant)
    assert entry.runtime_data.store.lock(front).tenant_changed == dt_util.now().date()
    assert (
        entry.runtime_data.store.lock(by_lock[back.lock_entity_id]).tenant_changed
        is None
    )
