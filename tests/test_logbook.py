"""The logbook tells Lockout Guard's events in words, on the lock they concern."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.core import Event, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.logbook import async_describe_events

from .lock_fixtures import LockFixture
from .setup_helpers import settle, setup_lock

type Describe = Callable[[Event[Any]], dict[str, str]]


def _describers(hass: HomeAssistant) -> dict[str, Describe]:
    found: dict[str, Describe] = {}

    def describe(domain: str, event_type: str, describer: Describe) -> None:
        assert domain == DOMAIN
        found[event_type] = describer

    async_describe_events(hass, describe)
    return found


async def test_battery_and_risk_events_read_as_words(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    events = async_capture_events(hass, "lockout_guard_battery_low")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    front_door.set_battery(18)
    await hass.async_block_till_done()
    front_door.set_battery(80)
    await hass.async_block_till_done()
    describe = _describers(hass)

    assert describe["lockout_guard_battery_low"](events[0]) == {
        "name": "Front Door",
        "message": "battery low (18 %)",
        "entity_id": front_door.lock_entity_id,
    }
    assert describe["lockout_guard_risk_raised"](raised[0])["message"] == (
        "lockout risk raised: Battery low"
    )
    assert describe["lockout_guard_risk_cleared"](cleared[0]) == {
        "name": "Front Door",
        "message": "lockout risk cleared: Battery low",
        "entity_id": front_door.lock_entity_id,
    }


async def test_a_drill_and_a_home_risk(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    events = async_capture_events(hass, "lockout_guard_battery_low")
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    await hass.services.async_call(DOMAIN, "start_alert_drill", {}, blocking=True)
    hass.states.async_set("lock.garden_gate", "locked")
    await settle(hass)
    describe = _describers(hass)

    assert describe["lockout_guard_battery_low"](events[0])["message"] == (
        "test of the low-battery alert (drill)"
    )
    (home,) = [e for e in raised if e.data["risk"] == "new_lock_found"]
    assert describe["lockout_guard_risk_raised"](home) == {
        "name": "Lockout Guard",
        "message": "lockout risk raised: New lock found",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "critical", "battery_level": 9.4}, "Batteriestand kritisch (9 %)"),
        ({"level": "low", "battery_level": None}, "Batteriestand niedrig"),
    ],
    ids=["critical", "flag-only"],
)
async def test_the_words_are_in_the_home_s_language(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    data: dict[str, Any],
    message: str,
) -> None:
    await hass.config.async_update(language="de")
    assert await async_setup_component(hass, DOMAIN, {})
    describe = _describers(hass)
    event: Event[Mapping[str, Any]] = Event(
        "lockout_guard_battery_low",
        {
            "entity_id": "lock.front_door",
            "lock_name": "Haustür",
            "drill": False,
            **data,
        },
    )
    assert describe["lockout_guard_battery_low"](event)["message"] == message
