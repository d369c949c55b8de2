"""Snapshots of what users and their automations see: entities, diagnostics, get_plan.

A change to a state, an attribute, the diagnostics or the ``get_plan`` answer
shows up as a snapshot diff to review (``scripts/test --snapshot-update`` writes
the new ones). Ids and times are fixed so that the snapshots are the same on
every Home Assistant version.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.lockout_guard.const import DOMAIN, SUBENTRY_TYPE_LOCK
from custom_components.lockout_guard.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .lock_fixtures import LockFixture, add_zwave_lock
from .setup_helpers import READY_FACTS, days_ago, ready_record, seed_store, settle

FRONT_ID = "01JSNAPSHOTFRONTDOOR000001"
BACK_ID = "01JSNAPSHOTBACKDOOR0000001"
pytestmark = pytest.mark.freeze_time("2026-06-15 12:00:00+00:00")


@pytest.fixture
async def home(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> MockConfigEntry:
    """A ready front door and a back door with open risks."""
    back_door = add_zwave_lock(hass, "back_door", "Back Door", battery=12)
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id="01JSNAPSHOTHUB000000000001",
        title="Lockout Guard",
        data={},
        options={},
        version=1,
        minor_version=1,
        subentries_data=[
            {
                "subentry_id": FRONT_ID,
                "data": {"lock_entity_id": front_door.lock_entity_id, **READY_FACTS},
                "subentry_type": SUBENTRY_TYPE_LOCK,
                "title": "Front Door",
                "unique_id": front_door.lock_entity_id,
            },
            {
                "subentry_id": BACK_ID,
                "data": {
                    "lock_entity_id": back_door.lock_entity_id,
                    **READY_FACTS,
                    "main_entrance": False,
                    "app_users": 1,
                    "key_location": "hidden_outside",
                },
                "subentry_type": SUBENTRY_TYPE_LOCK,
                "title": "Back Door",
                "unique_id": back_door.lock_entity_id,
            },
        ],
    )
    seed_store(
        hass_storage,
        {FRONT_ID: ready_record(), BACK_ID: ready_record(key_verified=days_ago(400))},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    return entry


def _plain(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Keys and enum values as the plain strings they are written as.

    Newer Home Assistant writes some attribute keys (device class, friendly name)
    and units as string enums: equal to the strings, shown differently.
    """
    return {
        str(key): value.value if isinstance(value, Enum) else value
        for key, value in attributes.items()
    }


async def test_entities(
    hass: HomeAssistant, home: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    entities = er.async_entries_for_config_entry(er.async_get(hass), home.entry_id)
    states: dict[str, Any] = {}
    for entity in sorted(entities, key=lambda entity: entity.entity_id):
        state = hass.states.get(entity.entity_id)
        assert state is not None
        states[entity.entity_id] = {
            "state": state.state,
            "attributes": _plain(state.attributes),
            "translation_key": entity.translation_key,
            "subentry": entity.config_subentry_id,
        }
    assert states == snapshot


async def test_diagnostics(
    hass: HomeAssistant, home: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    # Called as the diagnostics integration calls it (its HTTP view does not run
    # under a frozen clock); the view itself is tested in test_diagnostics.py.
    diagnostics = await async_get_config_entry_diagnostics(hass, home)
    assert diagnostics == snapshot


async def test_get_plan(
    hass: HomeAssistant, home: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    response = await hass.services.async_call(
        DOMAIN, "get_plan", {}, blocking=True, return_response=True
    )
    assert response == snapshot
