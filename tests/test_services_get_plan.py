"""lockout_guard.get_plan: a printable lockout card per lock, private note for admins."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized, UnknownUser
import pytest
from pytest_homeassistant_custom_component.common import MockUser

from .lock_fixtures import LockFixture, add_matter_lock
from .service_calls import call_action, lockout_cards, setup_locks
from .setup_helpers import setup_lock

# The same card, ready to print in the home's language (English here).
PACKAGE = Path(__file__).parent.parent / "custom_components" / "lockout_guard"
FRONT_DOOR_TEXT = """Lockout card: Front Door
Plan: Ready
Open risks: none
Ways back in, cheapest first:
1. Emergency power: USB port
2. Unlock with the app
3. A second app user
4. The physical key: With a trusted person
5. Manufacturer support: +1 877 671 7011
6. A locksmith: Ace Locks +1 555 0100
Model: BE469ZP
Batteries: 4\u00d7 AA
Keys in circulation: 3
Factory-cut key: Yes, one is kept"""

FRONT_DOOR_CARD: dict[str, Any] = {
    "entity_id": "lock.front_door",
    "name": "Front Door",
    "plan": "ready",
    "risks": [],
    "recovery_steps": [
        "emergency_power",
        "app_unlock",
        "second_app_user",
        "physical_key",
        "manufacturer_support",
        "locksmith",
    ],
    "emergency_power": "usb",
    "key_location": "trusted_person",
    "model_number": "BE469ZP",
    # From the knowledge base: the Connect BE469ZP takes four AA cells.
    "battery_type": "4\u00d7 AA",
    "support_phone": "+1 877 671 7011",
    "locksmith_contact": "Ace Locks +1 555 0100",
    "keys_in_circulation": 3,
    "factory_key_kept": "yes",
    "text": FRONT_DOOR_TEXT,
}


async def test_the_card_of_a_ready_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    cards = await lockout_cards(
        hass, "get_plan", {"entity_id": front_door.lock_entity_id}
    )
    assert cards == [FRONT_DOOR_CARD]
    # Who holds the key stays private unless asked for.
    assert "Anna" not in repr(cards)


async def test_the_card_of_a_lock_at_risk_lists_risks_and_fewer_ways_in(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        key_location="inside_only",
        emergency_power="none",
        support_phone=None,
    )
    front_door.set_state("jammed")
    await hass.async_block_till_done()

    (card,) = await lockout_cards(hass, "get_plan")

    assert card["plan"] == "at_risk"
    assert card["risks"] == ["lock_jammed", "no_offsite_key", "support_info_missing"]
    assert card["recovery_steps"] == ["app_unlock", "second_app_user", "locksmith"]
    assert card["key_location"] == "inside_only"
    assert card["emergency_power"] == "none"
    assert card["support_phone"] is None
    assert card["text"].splitlines()[1:7] == [
        "Plan: At risk",
        "Open risks: Lock jammed, No key outside the home, Support details missing",
        "Ways back in, cheapest first:",
        "1. Unlock with the app",
        "2. A second app user",
        "3. A locksmith: Ace Locks +1 555 0100",
    ]


async def test_cards_of_every_lock(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    await setup_locks(
        hass,
        hass_storage,
        {
            front_door.lock_entity_id: {},
            back.lock_entity_id: {
                "main_entrance": False,
                "design": "keyless",
                "key_override": False,
                "key_location": "none",
                "model_number": "U200",
            },
        },
    )
    cards = await lockout_cards(hass, "get_plan")
    assert cards[0] == FRONT_DOOR_CARD
    assert cards[1] | {"recovery_steps": None, "text": None} == {
        "entity_id": back.lock_entity_id,
        "name": "Back Door",
        "plan": "ready",
        "risks": [],
        "recovery_steps": None,
        "emergency_power": "usb",
        "key_location": "none",
        "model_number": "U200",
        # "Aqara U200" is not how any integration names a model: nothing known.
        "battery_type": None,
        "support_phone": "+1 877 671 7011",
        "locksmith_contact": "Ace Locks +1 555 0100",
        "keys_in_circulation": 3,
        "factory_key_kept": "yes",
        "text": None,
    }
    assert "physical_key" not in cards[1]["recovery_steps"]
    assert "The physical key" not in cards[1]["text"]


@pytest.mark.parametrize("user", ["admin", "automation"])
async def test_admins_and_automations_get_the_private_note(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
    user: str,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    cards = await lockout_cards(
        hass,
        "get_plan",
        {"include_private": True},
        user_id=hass_admin_user.id if user == "admin" else None,
    )
    assert cards == [
        FRONT_DOOR_CARD
        | {
            "private_note": "Spare key with Anna next door",
            "key_card_location": None,
            "text": f"{FRONT_DOOR_TEXT}\nPrivate note: Spare key with Anna next door",
        }
    ]


async def test_a_lock_without_a_private_note(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", private_note="  "
    )
    (card,) = await lockout_cards(hass, "get_plan", {"include_private": True})
    assert card["private_note"] is None


async def test_other_users_get_the_card_but_not_the_private_note(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    user_id = hass_read_only_user.id
    assert await lockout_cards(hass, "get_plan", user_id=user_id) == [FRONT_DOOR_CARD]
    with pytest.raises(Unauthorized):
        await call_action(
            hass, "get_plan", {"include_private": True}, user_id=user_id, response=True
        )


async def test_a_user_that_no_longer_exists_gets_no_private_note(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    with pytest.raises(UnknownUser):
        await call_action(
            hass,
            "get_plan",
            {"include_private": True},
            user_id="removed-user",
            response=True,
        )


async def test_get_plan_only_answers(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    # Called without a response variable it would do nothing: Home Assistant refuses.
    with pytest.raises(ServiceValidationError):
        await call_action(hass, "get_plan")


async def test_the_plan_is_not_known_while_the_lock_is_starting(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # Home Assistant starts; the lock's integration has not added the lock yet.
    hass.set_state(CoreState.starting)
    hass.states.async_remove(front_door.lock_entity_id)
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")

    (card,) = await lockout_cards(hass, "get_plan")
    assert (card["plan"], card["risks"], card["recovery_steps"]) == (None, [], [])
    assert card["model_number"] == "BE469ZP"
    assert card["text"].splitlines()[1] == (
        "Plan: not evaluated yet (the lock's integration has not started)."
    )

    front_door.set_state("locked")
    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert await lockout_cards(hass, "get_plan") == [FRONT_DOOR_CARD]


async def test_the_card_text_is_in_the_home_s_language(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await hass.config.async_update(language="de")
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    (card,) = await lockout_cards(hass, "get_plan")
    assert card["text"].splitlines()[:5] == [
        "Notfallkarte: Front Door",
        "Plan: Handlungsbedarf",
        "Offene Risiken: Nur ein App-Nutzer",
        "Wege hinein, die günstigsten zuerst:",
        "1. Notstrom: USB-Anschluss",
    ]


async def test_the_plan_attributes_are_named_in_the_translations(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # Each attribute the plan shows has a translated name (the frontend's label).
    english = json.loads(
        (PACKAGE / "translations" / "en.json").read_text(encoding="utf-8")
    )
    named = english["entity"]["sensor"]["lockout_plan"]["state_attributes"]
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        keypad_battery_entity_id="sensor.front_door_battery",
    )
    plan = hass.states.get("sensor.front_door_lockout_plan")
    assert plan is not None
    shown = set(plan.attributes) - {"options", "device_class", "friendly_name"}
    assert "keypad_battery_level" in shown
    assert shown <= set(named)
