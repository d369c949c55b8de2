"""Call Lockout Guard's actions as a dashboard user or an automation would."""

from __future__ import annotations

from typing import Any

from homeassistant.core import Context, HomeAssistant, ServiceResponse
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .setup_helpers import READY_FACTS, ready_record, seed_store, settle, state_of


async def call_action(
    hass: HomeAssistant,
    action: str,
    data: dict[str, Any] | None = None,
    *,
    user_id: str | None = None,
    response: bool = False,
) -> ServiceResponse:
    """Call ``lockout_guard.<action>`` and wait until it and its effects are done."""
    result = await hass.services.async_call(
        DOMAIN,
        action,
        data or {},
        blocking=True,
        context=Context(user_id=user_id),
        return_response=response,
    )
    await hass.async_block_till_done()
    return result


async def lockout_cards(
    hass: HomeAssistant,
    action: str,
    data: dict[str, Any] | None = None,
    *,
    user_id: str | None = None,
) -> list[dict[str, Any]]:
    """The lockout cards an action answers with (``locks``)."""
    response = await call_action(hass, action, data, user_id=user_id, response=True)
    assert response is not None
    assert list(response) == ["locks"]
    cards = response["locks"]
    assert isinstance(cards, list)
    assert all(isinstance(card, dict) for card in cards)
    return [dict(card) for card in cards if isinstance(card, dict)]


async def setup_locks(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    locks: dict[str, dict[str, Any]],
) -> MockConfigEntry:
    """Set up the hub monitoring several locks (entity id → facts over the ready ones).

    Every lock starts with fresh confirmations; the name is the lock's fixture name.
    """
    entry = hub_entry(
        *(
            lock_subentry(
                entity_id, state_of(hass, entity_id).name, **(READY_FACTS | facts)
            )
            for entity_id, facts in locks.items()
        )
    )
    seed_store(
        hass_storage, {subentry_id: ready_record() for subentry_id in entry.subentries}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    return entry


async def setup_keyed_and_keyless(
    hass: HomeAssistant, hass_storage: dict[str, Any], keyed: str, keyless: str
) -> tuple[MockConfigEntry, dict[str, str]]:
    """A keyed lock with the ready facts beside a keyless one.

    Returns the hub entry and each lock's subentry id by its lock entity id.
    """
    entry = await setup_locks(
        hass,
        hass_storage,
        {keyed: {}, keyless: {"design": "keyless", "key_override": False}},
    )
    by_lock = {
        subentry.data["lock_entity_id"]: subentry_id
        for subentry_id, subentry in entry.subentries.items()
    }
    return entry, by_lock
