"""The lockout card: one lock's plan as the recheck and get_plan actions answer it.

What a household prints or pins to a dashboard to get back in: the plan, the open
risks, the ways back in (cheapest first) and the facts those ways need. Flat keys
and plain ids, so a template can render it, and the same as printable text; the
owner's private note is added only when an admin asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.util.json import JsonObjectType, JsonValueType

from custom_components.lockout_guard.const import (
    CONF_KEY_CARD_LOCATION,
    CONF_PRIVATE_NOTE,
)
from custom_components.lockout_guard.hub import LockoutGuardHub
from custom_components.lockout_guard.monitoring.monitor import LockMonitor
from custom_components.lockout_guard.storage.facts import text_fact

from .card_text import async_card_words, card_text


def _private(hub: LockoutGuardHub, monitor: LockMonitor, key: str) -> str | None:
    return text_fact(hub.entry.subentries[monitor.subentry_id].data.get(key))


def lockout_card(
    hub: LockoutGuardHub, monitor: LockMonitor, *, include_private: bool = False
) -> JsonObjectType:
    """The card of one lock; ``include_private`` only for admins."""
    assessment = monitor.assessment
    facts = monitor.facts
    card: JsonObjectType = {
        "entity_id": monitor.entity_id,
        "name": monitor.name,
        # None while the lock waits for its integration to start.
        "plan": assessment.plan.value if assessment else None,
        "risks": list(monitor.risk_ids),
        "recovery_steps": list(monitor.recovery_step_ids),
        "emergency_power": facts.emergency_power.value,
        "key_location": facts.key_location.value,
        "model_number": facts.model_number,
        # What to buy when the batteries run low, where a source knows it.
        "battery_type": monitor.battery_type_text,
        "support_phone": facts.support_phone,
        "locksmith_contact": facts.locksmith_contact,
        # Key control: how many keys are out, and the key to copy from.
        "keys_in_circulation": facts.keys_in_circulation,
        "factory_key_kept": facts.factory_key_kept.value,
    }
    if include_private:
        card[CONF_PRIVATE_NOTE] = _private(hub, monitor, CONF_PRIVATE_NOTE)
        # Where the authorisation card of a restricted key is: it is how copies
        # are made, so it is as private as the note.
        card[CONF_KEY_CARD_LOCATION] = _private(hub, monitor, CONF_KEY_CARD_LOCATION)
    return card


async def async_lockout_cards(
    hub: LockoutGuardHub,
    monitors: Iterable[LockMonitor],
    *,
    include_private: bool = False,
) -> JsonObjectType:
    """The cards of several locks, as an action's response (``locks``).

    Each card also comes as ``text``: ready to print, in the home's language.
    """
    words = await async_card_words(hub.hass)
    locks: list[JsonValueType] = []
    for monitor in monitors:
        card = lockout_card(hub, monitor, include_private=include_private)
        card["text"] = card_text(card, words)
        locks.append(card)
    return {"locks": locks}
