"""Diagnostics show what Lockout Guard concludes, never the owner's private text."""

from __future__ import annotations

import json
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from .lock_fixtures import LockFixture
from .setup_helpers import setup_lock


async def test_diagnostics_redact_private_text(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        keyway="restricted",
        key_card_location="Blue folder in the study",
    )
    front_door.set_battery(22)
    await hass.async_block_till_done()

    diagnostics: Any = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    text = json.dumps(diagnostics)
    assert "Anna" not in text
    assert "Blue folder" not in text
    lock = diagnostics["locks"][subentry_id]
    assert lock["facts"]["private_note"] == "**REDACTED**"
    assert lock["facts"]["key_card_location"] == "**REDACTED**"
    assert lock["facts"]["model_number"] == "BE469ZP"
    assert lock["readings"]["battery"]["level"] == 22
    assert [risk["risk_id"] for risk in lock["risks"]] == ["battery_low"]
    assert lock["plan"] == "attention"
    # The owner declared the app users (READY_FACTS). The battery's two reports came
    # within the hour, so they are one sample: no drain to go on yet.
    assert lock["users_source"] == "manual"
    assert lock["battery_forecast"] == {
        "source": "sensor.front_door_battery",
        "from_recorder": False,
        "samples": 1,
        "days_left": None,
        "drain_per_day": None,
        "battery_replaced": None,
    }
    assert diagnostics["home_plan"] == "attention"
    assert diagnostics["options"] == {}
