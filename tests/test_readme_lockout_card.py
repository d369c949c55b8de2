"""The README's lockout card example works as printed: shape and script."""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import parse_yaml
from pytest_homeassistant_custom_component.common import async_mock_service

from .lock_fixtures import LockFixture
from .service_calls import lockout_cards
from .setup_helpers import setup_lock

README = Path(__file__).parent.parent / "README.md"


def _examples() -> tuple[dict[str, Any], dict[str, Any]]:
    """The response shape and the script of the section "The lockout card"."""
    section = README.read_text(encoding="utf-8").split("## The lockout card", 1)[1]
    shape, script = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)[:2]
    parsed_shape, parsed_script = parse_yaml(shape), parse_yaml(script)
    assert isinstance(parsed_shape, dict)
    assert isinstance(parsed_script, dict)
    return parsed_shape, parsed_script


async def test_the_shape_shows_every_field_of_a_card(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    (card,) = await lockout_cards(hass, "get_plan", {"include_private": True})
    shape, _ = _examples()
    (documented,) = shape["locks"]
    assert set(documented) == set(card)


async def test_the_script_prints_the_cards(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door", app_users=1
    )
    notifications = async_mock_service(hass, "persistent_notification", "create")
    _, script = _examples()
    assert await async_setup_component(hass, "script", script)

    await hass.services.async_call("script", "lockout_card", blocking=True)
    await hass.async_block_till_done()

    (notification,) = notifications
    message = notification.data["message"]
    # Blank lines keep markdown from gluing the list to the paragraph before.
    assert message.splitlines() == [
        "## Front Door: attention",
        "Open risks: single_app_user",
        "",
        "1. Power the keypad from outside (usb)",
        "2. Unlock from the app",
        "3. Use the spare key (kept: trusted_person)",
        "4. Call the manufacturer: +1 877 671 7011, model BE469ZP",
        "5. Call a locksmith: Ace Locks +1 555 0100",
        "",
        "Note: Spare key with Anna next door",
    ]
