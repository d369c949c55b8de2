"""Every action refuses bad input with a clear, translated error and changes nothing."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture, add_matter_lock
from .service_calls import call_action
from .setup_helpers import open_issue_ids, setup_lock

# Each action with the data it needs besides the lock.
ACTIONS: dict[str, dict[str, Any]] = {
    "recheck": {},
    "confirm_backup_key": {"location": "offsite", "tested": True},
    "record_lock_reset": {},
    "get_plan": {},
}


@pytest.fixture(params=list(ACTIONS))
def action(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


async def _call(hass: HomeAssistant, action: str, entity_id: str | None) -> None:
    data = dict(ACTIONS[action])
    if entity_id is not None:
        data["entity_id"] = entity_id
    await call_action(hass, action, data, response=action == "get_plan")


async def test_a_lock_home_assistant_does_not_know(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    issues = open_issue_ids(hass)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action, "lock.shed")
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "unknown_lock"
    assert err.value.translation_placeholders == {"entity_id": "lock.shed"}
    assert open_issue_ids(hass) == issues


async def test_a_lock_that_is_not_monitored(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, action, back.lock_entity_id)
    assert err.value.translation_key == "lock_not_monitored"
    assert err.value.translation_placeholders == {"entity_id": back.lock_entity_id}


async def test_the_hub_is_not_loaded(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    entry, _ = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    # Without a lock, these act on every lock: still no hub to ask.
    everyone = [None] if action in ("recheck", "get_plan") else []
    for entity_id in [front_door.lock_entity_id, *everyone]:
        with pytest.raises(ServiceValidationError) as err:
            await _call(hass, action, entity_id)
        assert err.value.translation_key == "hub_not_loaded"


async def test_not_a_lock_entity(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    assert front_door.battery_entity_id is not None
    with pytest.raises(vol.Invalid):
        await _call(hass, action, front_door.battery_entity_id)


@pytest.mark.parametrize("action", ["confirm_backup_key", "record_lock_reset"])
async def test_actions_on_one_lock_need_the_lock(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    action: str,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    with pytest.raises(vol.Invalid):
        await _call(hass, action, None)
