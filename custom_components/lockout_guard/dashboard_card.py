"""The lockout dashboard card, shipped in the integration and registered by it.

``custom:lockout-guard-card`` is one JavaScript module in ``frontend/``, served by
Home Assistant's own web server and added to every dashboard's resources, so there
is nothing to install from HACS's frontend section and nothing is fetched from the
internet. Without a web server or frontend (tests, a headless setup) nothing is
registered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant

from .const import DOMAIN

CARD_FILE: Final = Path(__file__).parent / "frontend" / "lockout-guard-card.js"
CARD_URL: Final = f"/{DOMAIN}/lockout-guard-card.js"
_REGISTERED: Final = f"{DOMAIN}_card_registered"


def card_url(version: str) -> str:
    """The module's address; the version makes browsers fetch an updated card."""
    return f"{CARD_URL}?v={version}"


async def async_register_card(hass: HomeAssistant, version: str) -> bool:
    """Serve the card and add it to the frontend; False where there is no frontend."""
    if hass.data.get(_REGISTERED):
        return True
    if hass.http is None or "frontend" not in hass.config.components:
        return False
    # Imported here: the frontend is an after-dependency, absent in some setups.
    from homeassistant.components.frontend import add_extra_js_url  # noqa: PLC0415

    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=False)]
    )
    add_extra_js_url(hass, card_url(version))
    hass.data[_REGISTERED] = True
    return True
