"""The dashboard card is served by Home Assistant and added to the frontend."""

from __future__ import annotations

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL, UrlManager
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.dashboard_card import (
    CARD_FILE,
    CARD_URL,
    async_register_card,
)


async def test_without_a_frontend_nothing_is_registered(hass: HomeAssistant) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_register_card(hass, "0.4.0") is False


async def test_the_card_is_served_and_loaded_by_every_dashboard(
    hass: HomeAssistant, hass_client: ClientSessionGenerator
) -> None:
    # The frontend's part, without its web files (not installed for the tests).
    added: list[str] = []
    hass.data[DATA_EXTRA_MODULE_URL] = UrlManager(
        lambda change, url: added.append(f"{change} {url}"), []
    )
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "http", {})

    assert await async_register_card(hass, "0.4.0")
    # Registered once, whoever asks again.
    assert await async_register_card(hass, "0.4.0")

    assert set(hass.data[DATA_EXTRA_MODULE_URL].urls) == {f"{CARD_URL}?v=0.4.0"}
    client = await hass_client()
    response = await client.get(CARD_URL)
    assert response.status == 200
    body = await response.text()
    assert body == CARD_FILE.read_text(encoding="utf-8")
    assert 'customElements.define("lockout-guard-card"' in body
