"""Every action is described where the UI looks: services.yaml, translations, icons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.helpers.service import async_get_all_descriptions
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict

from custom_components.lockout_guard.const import DOMAIN

INTEGRATION = Path(__file__).parent.parent / "custom_components" / DOMAIN


def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((INTEGRATION / name).read_text(encoding="utf-8"))
    return data


async def test_every_registered_action_is_described(hass: HomeAssistant) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    registered = set(hass.services.async_services_for_domain(DOMAIN))
    described = set(load_yaml_dict(str(INTEGRATION / "services.yaml")))
    assert registered == described
    # Home Assistant accepts the file: every action has its fields and selectors.
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    assert set(descriptions) == registered
    assert all(descriptions[action]["fields"] for action in registered)


def test_every_action_and_field_has_a_name_and_an_icon() -> None:
    services = load_yaml_dict(str(INTEGRATION / "services.yaml"))
    texts = _json("translations/en.json")["services"]
    icons = _json("icons.json")["services"]
    assert set(texts) == set(services)
    assert set(icons) == set(services)
    for action, spec in services.items():
        assert {"name", "description"} <= set(texts[action]), action
        assert set(texts[action].get("fields", {})) == set(spec.get("fields", {}))
        for field in texts[action].get("fields", {}).values():
            assert {"name", "description"} <= set(field), action
        assert icons[action]["service"].startswith("mdi:")


async def test_only_recheck_and_get_plan_answer(hass: HomeAssistant) -> None:
    # SPEC §7: an automation may ask recheck for the plans, get_plan only answers;
    # every other action is a command without a response.
    assert await async_setup_component(hass, DOMAIN, {})
    answers = {
        action: hass.services.supports_response(DOMAIN, action)
        for action in hass.services.async_services_for_domain(DOMAIN)
    }
    assert answers == {
        "recheck": SupportsResponse.OPTIONAL,
        "get_plan": SupportsResponse.ONLY,
        "confirm_backup_key": SupportsResponse.NONE,
        "record_lock_reset": SupportsResponse.NONE,
        "start_alert_drill": SupportsResponse.NONE,
        "confirm_alert_drill": SupportsResponse.NONE,
        "mark_battery_replaced": SupportsResponse.NONE,
        "report_key_lost": SupportsResponse.NONE,
        "record_tenant_change": SupportsResponse.NONE,
        "record_rekey": SupportsResponse.NONE,
    }
