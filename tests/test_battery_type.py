"""What to buy: Battery Notes' note first, then Matter's battery type, then the model."""

from __future__ import annotations

from typing import Any

from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.lockout_guard.battery.battery_type import find_battery_type
from custom_components.lockout_guard.battery.readings import find_battery_entities

from .lock_fixtures import LockFixture, add_lock_stack


def _entity_on_device(
    hass: HomeAssistant,
    lock: LockFixture,
    platform: str,
    translation_key: str,
    state: str,
    **attributes: Any,
) -> None:
    """A sensor on the lock's device, registered as its integration does."""
    entry = er.async_get(hass).async_get_or_create(
        "sensor",
        platform,
        f"{lock.device_id}_{translation_key}",
        device_id=lock.device_id,
        translation_key=translation_key,
        entity_category=EntityCategory.DIAGNOSTIC,
    )
    hass.states.async_set(entry.entity_id, state, attributes)


async def test_the_knowledge_base_knows_the_model(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    found = find_battery_type(hass, front_door.device_id)
    assert found is not None
    assert (found.text, found.source) == ("4\u00d7 AA", "knowledge_base")


async def test_a_battery_notes_note_comes_first(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    # Battery Notes puts its sensors on the lock's own device.
    _entity_on_device(
        hass,
        front_door,
        "battery_notes",
        "battery_type",
        "AA",
        battery_type="AA",
        battery_quantity=4,
        battery_type_and_quantity="4\u00d7 AA lithium",
    )
    found = find_battery_type(hass, front_door.device_id)
    assert found is not None
    assert (found.text, found.source) == ("4\u00d7 AA lithium", "battery_notes")


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        ("CR123A", "CR123A"),
        ("", None),
        ("unknown", None),
        ("<script>", None),
        ("x" * 60, None),
    ],
    ids=["plain", "empty", "unknown", "markup", "too-long"],
)
async def test_matter_s_battery_type_counts_only_when_it_is_plain_text(
    hass: HomeAssistant, reported: str, expected: str | None
) -> None:
    lock = add_lock_stack(
        hass,
        "matter",
        "front_door",
        "Front Door",
        model="Lock",
        manufacturer="Acme",
        battery=80,
    )
    _entity_on_device(hass, lock, "matter", "battery_replacement_description", reported)
    found = find_battery_type(hass, lock.device_id)
    assert (found.text if found else None) == expected


async def test_nothing_is_guessed_for_an_unknown_lock(hass: HomeAssistant) -> None:
    lock = add_lock_stack(
        hass, "zha", "gate", "Gate", model="Gate 1", manufacturer="Acme", battery=80
    )
    assert find_battery_type(hass, lock.device_id) is None


async def test_battery_notes_battery_plus_is_never_the_lock_s_battery(
    hass: HomeAssistant,
) -> None:
    # Registered before the lock's own sensor: first found, and still not taken.
    lock = add_lock_stack(
        hass,
        "zwave_js",
        "front_door",
        "Front Door",
        model="BE469ZP",
        manufacturer="Allegion",
    )
    registry = er.async_get(hass)
    mirror = registry.async_get_or_create(
        "sensor",
        "battery_notes",
        f"{lock.device_id}_battery_plus",
        device_id=lock.device_id,
        original_device_class="battery",
        translation_key="battery_plus",
    )
    own = registry.async_get_or_create(
        "sensor",
        "zwave_js",
        "front_door-battery",
        device_id=lock.device_id,
        original_device_class="battery",
    )
    found = find_battery_entities(hass, lock.device_id, None)
    assert found.level_entity_id == own.entity_id
    assert mirror.entity_id not in found.entity_ids
