"""The lockout card as ready-to-print text, in Home Assistant's language.

``get_plan`` answers each card as data (for templates and the dashboard card) and as
``text``: what a household prints and pins inside the door, so no template is
needed. Its words are the integration's own translations: the plan and risk names
of the plan sensor, the answers of the lock's settings, and the card's headings,
kept with the other backend texts in the "exceptions" section.
"""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util.json import JsonObjectType

from custom_components.lockout_guard.const import (
    CONF_KEY_CARD_LOCATION,
    CONF_PRIVATE_NOTE,
    DOMAIN,
    PLAN_TRANSLATIONS,
    RISK_NAME_TRANSLATION,
)
from custom_components.lockout_guard.core.models import (
    EmergencyPower,
    FactoryKey,
    KeyLocation,
    RecoveryStep,
)

_PLAN = PLAN_TRANSLATIONS
_SELECTOR = f"component.{DOMAIN}.selector"
_TEXT = f"component.{DOMAIN}.exceptions.card_text_{{}}.message"

# Facts the owner did not give are left off the card, not printed as "unknown".
_UNKNOWN = frozenset(
    {EmergencyPower.UNKNOWN.value, KeyLocation.UNKNOWN.value, FactoryKey.UNKNOWN.value}
)


async def async_card_words(hass: HomeAssistant) -> Mapping[str, str]:
    """The translations a card's text is made of, in the home's language."""
    words: dict[str, str] = {}
    for category in ("entity", "selector", "exceptions"):
        words |= await async_get_translations(
            hass, hass.config.language, category, {DOMAIN}
        )
    return words


def card_text(card: JsonObjectType, words: Mapping[str, str]) -> str:
    """One lock's card (as ``lockout_card`` builds it) as printable lines."""

    def text(key: str, **placeholders: object) -> str:
        template = words.get(_TEXT.format(key), key)
        return template.format(**{name: str(v) for name, v in placeholders.items()})

    def option(selector: str, value: object) -> str | None:
        # An answer the owner did not give is left off, not printed as "unknown".
        if not isinstance(value, str) or value in _UNKNOWN:
            return None
        return words.get(f"{_SELECTOR}.{selector}.options.{value}", value)

    lines = [text("title", lock_name=card["name"])]
    plan = card["plan"]
    if plan is None:
        lines.append(text("not_evaluated"))
    else:
        lines.append(text("plan", plan=words.get(f"{_PLAN}.state.{plan}", plan)))
    risks = [
        words.get(RISK_NAME_TRANSLATION.format(risk), risk)
        for risk in _strings(card["risks"])
    ]
    lines.append(text("risks", risks=", ".join(risks)) if risks else text("no_risks"))
    lines.append(text("steps"))
    details: dict[str, str | None] = {
        RecoveryStep.EMERGENCY_POWER: option(
            "emergency_power", card["emergency_power"]
        ),
        RecoveryStep.PHYSICAL_KEY: option("key_location", card["key_location"]),
        RecoveryStep.MANUFACTURER_SUPPORT: _string(card["support_phone"]),
        RecoveryStep.LOCKSMITH: _string(card["locksmith_contact"]),
    }
    for number, step in enumerate(_strings(card["recovery_steps"]), start=1):
        name = words.get(f"{_PLAN}.state_attributes.recovery_steps.state.{step}", step)
        detail = details.get(step)
        lines.append(f"{number}. {name}: {detail}" if detail else f"{number}. {name}")
    facts = (
        ("model", card["model_number"]),
        ("batteries", card["battery_type"]),
        ("keys", card["keys_in_circulation"]),
        ("factory_key", option("factory_key_kept", card["factory_key_kept"])),
        # Private: only on an admin's card.
        ("key_card", _string(card.get(CONF_KEY_CARD_LOCATION))),
        ("private_note", _string(card.get(CONF_PRIVATE_NOTE))),
    )
    lines.extend(
        text(key, value=value) for key, value in facts if value not in (None, "")
    )
    return "\n".join(lines)


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _strings(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]
