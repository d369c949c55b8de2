"""Device triggers and conditions, used through real automations."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.lockout_guard import device_condition, device_trigger
from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture
from .service_calls import call_action
from .setup_helpers import settle, setup_lock


def _device_trigger(device_id: str | None, kind: str, **extra: str) -> dict[str, Any]:
    """A device trigger of Lockout Guard, as the automation editor writes it."""
    return {
        "platform": "device",
        "domain": DOMAIN,
        "device_id": device_id,
        "type": kind,
        **extra,
    }


async def _automation(
    hass: HomeAssistant, trigger: dict[str, Any], condition: list[Any] | None = None
) -> list[ServiceCall]:
    calls = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "trigger": trigger,
                "condition": condition or [],
                "action": {
                    "service": "test.automation",
                    "data_template": {
                        "risk": "{{ trigger.event.data.risk }}",
                        "level": "{{ trigger.event.data.level }}",
                    },
                },
            }
        },
    )
    await hass.async_block_till_done()
    return calls


async def test_the_lock_s_device_offers_lockout_guard_s_triggers_and_conditions(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    assert front_door.device_id is not None
    # What the automation editor lists for the device (the lock's own integration
    # is a stand-in here, so Lockout Guard's platforms are asked directly).
    triggers = await device_trigger.async_get_triggers(hass, front_door.device_id)
    assert {t["type"] for t in triggers} == {
        "risk_raised",
        "risk_cleared",
        "battery_low",
        "battery_critical",
    }
    conditions = await device_condition.async_get_conditions(hass, front_door.device_id)
    assert {c["type"] for c in conditions} == {"plan_is", "risk_open"}
    capabilities = await device_trigger.async_get_trigger_capabilities(
        hass, triggers[0]
    )
    assert "lock_jammed" in str(capabilities["extra_fields"].schema)
    hub = device_trigger.hub_device_id(hass)
    assert hub is not None
    hub_triggers = await device_trigger.async_get_triggers(hass, hub)
    assert {t["type"] for t in hub_triggers} == {"risk_raised", "risk_cleared"}
    # Another device of the home has none.
    other = dr.async_get(hass).async_get_or_create(
        config_entry_id=hass.config_entries.async_entries(DOMAIN)[0].entry_id,
        identifiers={("test", "kettle")},
    )
    assert await device_trigger.async_get_triggers(hass, other.id) == []


async def test_a_risk_trigger_fires_for_its_lock_and_risk_only(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    calls = await _automation(
        hass, _device_trigger(front_door.device_id, "risk_raised", risk="lock_jammed")
    )
    front_door.set_battery(20)
    await hass.async_block_till_done()
    assert calls == []
    front_door.set_state("jammed")
    await hass.async_block_till_done()
    assert [call.data["risk"] for call in calls] == ["lock_jammed"]


async def test_battery_triggers_follow_the_level(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    calls = await _automation(
        hass, _device_trigger(front_door.device_id, "battery_critical")
    )
    front_door.set_battery(25)
    await hass.async_block_till_done()
    assert calls == []
    front_door.set_battery(10)
    await hass.async_block_till_done()
    assert [call.data["level"] for call in calls] == ["critical"]


async def test_conditions_read_the_plan(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    plan = er.async_get(hass).async_get("sensor.front_door_lockout_plan")
    assert plan is not None
    calls = await _automation(
        hass,
        {"platform": "event", "event_type": "test_check"},
        [
            {
                "condition": "device",
                "domain": DOMAIN,
                "device_id": front_door.device_id,
                "entity_id": plan.id,
                "type": "plan_is",
                "state": "at_risk",
            },
            {
                "condition": "device",
                "domain": DOMAIN,
                "device_id": front_door.device_id,
                "entity_id": plan.id,
                "type": "risk_open",
                "risk": "rekey_recommended",
            },
        ],
    )
    hass.bus.async_fire("test_check")
    await hass.async_block_till_done()
    assert calls == []

    await call_action(hass, "report_key_lost", {"entity_id": front_door.lock_entity_id})
    hass.bus.async_fire("test_check")
    await hass.async_block_till_done()
    assert len(calls) == 1


async def test_the_hub_device_triggers_on_the_home_s_risks(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    hub = device_trigger.hub_device_id(hass)
    assert hub is not None
    calls = await _automation(hass, _device_trigger(hub, "risk_raised"))
    # A lock appears that nobody told Lockout Guard about: a risk of the home.
    hass.states.async_set("lock.garden_gate", "locked")
    await settle(hass)
    # A lock's own risk is not the home's.
    front_door.set_state("jammed")
    await settle(hass)
    assert [call.data["risk"] for call in calls] == ["new_lock_found"]


async def test_a_drill_is_not_a_low_battery(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    calls = await _automation(
        hass, _device_trigger(front_door.device_id, "battery_low")
    )
    # A drill tests the alert path (its event says "low"); the battery is fine.
    await call_action(hass, "start_alert_drill")
    assert calls == []
    front_door.set_battery(20)
    await hass.async_block_till_done()
    assert [call.data["level"] for call in calls] == ["low"]
