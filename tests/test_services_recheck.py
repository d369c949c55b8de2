"""lockout_guard.recheck: look at the locks again now, answer with their plans."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockUser

from .lock_fixtures import LockFixture, add_matter_lock, add_template_lock
from .service_calls import call_action, lockout_cards, setup_locks
from .setup_helpers import issue, setup_lock, state_of


async def test_recheck_evaluates_now_instead_of_at_the_next_timer(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    front_door.set_state("unavailable")
    await hass.async_block_till_done()
    # Past the 30 minutes of grace, before the monitor's timer had its turn.
    freezer.tick(timedelta(minutes=31))
    assert issue(hass, f"lock_unavailable_{subentry_id}") is None

    assert await call_action(hass, "recheck") is None

    assert issue(hass, f"lock_unavailable_{subentry_id}") is not None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "attention"


async def test_recheck_looks_at_the_home_too(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    add_template_lock(hass, "shed", "Shed")
    # The home is looked at a second after a lock appears; a recheck does not wait.
    await call_action(hass, "recheck", {"entity_id": front_door.lock_entity_id})
    new_lock = issue(hass, "new_lock_found")
    assert new_lock is not None
    assert new_lock.translation_placeholders is not None
    assert "lock.shed" in new_lock.translation_placeholders["locks"]


async def test_recheck_answers_with_the_plan_of_every_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    await setup_locks(
        hass,
        hass_storage,
        {
            front_door.lock_entity_id: {},
            back.lock_entity_id: {"main_entrance": False, "app_users": 1},
        },
    )

    cards = await lockout_cards(hass, "recheck")

    assert [(card["entity_id"], card["plan"], card["risks"]) for card in cards] == [
        ("lock.front_door", "ready", []),
        ("lock.back_door", "attention", ["single_app_user"]),
    ]
    # The same cards get_plan gives, without private notes.
    assert cards == await lockout_cards(hass, "get_plan")


async def test_recheck_of_one_lock_answers_for_that_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    await setup_locks(
        hass, hass_storage, {front_door.lock_entity_id: {}, back.lock_entity_id: {}}
    )
    cards = await lockout_cards(hass, "recheck", {"entity_id": back.lock_entity_id})
    assert [card["name"] for card in cards] == ["Back Door"]


async def test_anyone_may_recheck(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    cards = await lockout_cards(hass, "recheck", user_id=hass_read_only_user.id)
    assert [card["plan"] for card in cards] == ["ready"]


async def test_recheck_shows_when_it_looked_even_if_nothing_changed(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    plan = "sensor.front_door_lockout_plan"
    before = state_of(hass, plan).attributes["last_checked"]
    freezer.tick(timedelta(minutes=5))

    await call_action(hass, "recheck", {"entity_id": front_door.lock_entity_id})

    after = state_of(hass, plan).attributes["last_checked"]
    assert after > before
    assert state_of(hass, plan).state == "ready"
