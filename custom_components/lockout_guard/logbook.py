"""Logbook: Lockout Guard's events in words, on the lock they are about.

"Front Door battery low (18 %)", "Front Door lockout risk raised: No key outside
the home". The words are the integration's translations in the home's language;
the logbook asks for them synchronously, so they are loaded when the integration
sets up (``async_load_logbook_words``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.translation import (
    async_get_cached_translations,
    async_get_translations,
)

from .alerts.events import (
    BATTERY_LEVEL_CRITICAL,
    EVENT_BATTERY_LOW,
    EVENT_RISK_CLEARED,
    EVENT_RISK_RAISED,
)
from .const import DOMAIN, HUB_TITLE, RISK_NAME_TRANSLATION

# The keys of a logbook entry (the logbook's LOGBOOK_ENTRY_* constants): named
# here, so the integration does not need the logbook to load.
LOGBOOK_ENTRY_NAME: Final = "name"
LOGBOOK_ENTRY_MESSAGE: Final = "message"
LOGBOOK_ENTRY_ENTITY_ID: Final = "entity_id"

_TEXT: Final = f"component.{DOMAIN}.exceptions.logbook_{{}}.message"
# The home's risks are named in their repair issues' titles.
_HOME_RISK: Final = f"component.{DOMAIN}.issues.{{}}.title"

type DescribeEvent = Callable[
    [str, str, Callable[[Event[Mapping[str, Any]]], dict[str, str]]], None
]


async def async_load_logbook_words(hass: HomeAssistant) -> None:
    """Load the translations the logbook's descriptions are made of."""
    for category in ("exceptions", "entity", "issues"):
        await async_get_translations(hass, hass.config.language, category, {DOMAIN})


class _Words:
    """The cached translations of the home's language, looked up by category.

    Home Assistant keeps them per category: a description looks a key up where it
    is instead of merging every category for each event the logbook shows.
    """

    def __init__(self, hass: HomeAssistant) -> None:
        self._hass = hass
        self._language = hass.config.language

    def _get(self, category: str, key: str) -> str | None:
        return async_get_cached_translations(
            self._hass, self._language, category, DOMAIN
        ).get(key)

    def risk_name(self, risk: object) -> str:
        risk = str(risk)
        if (
            name := self._get("entity", RISK_NAME_TRANSLATION.format(risk))
        ) is not None:
            return name
        # An issue title of the home ("New lock found"), without its placeholder.
        title = self._get("issues", _HOME_RISK.format(risk)) or risk
        return title.split(":", 1)[0]

    def text(self, key: str, **placeholders: object) -> str:
        template = self._get("exceptions", _TEXT.format(key)) or key
        return template.format(
            **{name: str(value) for name, value in placeholders.items()}
        )


def _entry(data: Mapping[str, Any], message: str) -> dict[str, str]:
    entry = {
        LOGBOOK_ENTRY_NAME: str(data.get("lock_name") or HUB_TITLE),
        LOGBOOK_ENTRY_MESSAGE: message,
    }
    if isinstance(entity_id := data.get(ATTR_ENTITY_ID), str):
        entry[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
    return entry


@callback
def async_describe_events(
    hass: HomeAssistant, async_describe_event: DescribeEvent
) -> None:
    """Describe the risk and battery events."""

    @callback
    def describe_risk(event: Event[Mapping[str, Any]]) -> dict[str, str]:
        words = _Words(hass)
        key = "risk_raised" if event.event_type == EVENT_RISK_RAISED else "risk_cleared"
        risk = words.risk_name(event.data.get("risk"))
        return _entry(event.data, words.text(key, risk=risk))

    @callback
    def describe_battery(event: Event[Mapping[str, Any]]) -> dict[str, str]:
        words = _Words(hass)
        data = event.data
        level = data.get("battery_level")
        if data.get("drill"):
            key = "battery_drill"
        else:
            critical = data.get("level") == BATTERY_LEVEL_CRITICAL
            key = "battery_critical" if critical else "battery_low"
            if isinstance(level, (int, float)):
                key = f"{key}_level"
        shown = round(level) if isinstance(level, (int, float)) else ""
        return _entry(data, words.text(key, battery_level=shown))

    async_describe_event(DOMAIN, EVENT_RISK_RAISED, describe_risk)
    async_describe_event(DOMAIN, EVENT_RISK_CLEARED, describe_risk)
    async_describe_event(DOMAIN, EVENT_BATTERY_LOW, describe_battery)
