"""Code sources as their integrations set them up.

Keymaster and Lock Code Manager: a loaded config entry of theirs, the devices and
slot entities with the platforms, unique ids and names they create. Matter and
Schlage: their response services registered with the same name, schema and answer
shape as Home Assistant's (2026.10), answering what the test sets.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.util import slugify
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    mock_integration,
)

# A PIN the tests give the sources: it must never show up anywhere.
KNOWN_PIN = "735190"


@dataclass
class Slots:
    """A code manager's "active" slot sensors; ``set`` turns them on or off."""

    hass: HomeAssistant
    entity_ids: dict[int, str] = field(default_factory=dict)

    def set(self, slot: int, state: str) -> None:
        """Report a slot's active state (any text: on, off, unavailable...)."""
        self.hass.states.async_set(self.entity_ids[slot], state)


def mark_loaded(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """The entry's integration runs (a stand-in that unloads cleanly at the end)."""

    async def unload(_hass: HomeAssistant, _entry: Any) -> bool:
        return True

    mock_integration(hass, MockModule(entry.domain, async_unload_entry=unload))
    entry.mock_state(hass, ConfigEntryState.LOADED)


def _loaded_entry(hass: HomeAssistant, domain: str, **kwargs: Any) -> MockConfigEntry:
    entry = MockConfigEntry(domain=domain, **kwargs)
    entry.add_to_hass(hass)
    mark_loaded(hass, entry)
    return entry


def add_keymaster(
    hass: HomeAssistant, lock_entity_id: str, lock_name: str, active: list[bool]
) -> Slots:
    """Keymaster 0.1: one entry per lock, its own device, "Code Slot N: Active"."""
    entry = _loaded_entry(
        hass,
        "keymaster",
        title=lock_name,
        data={
            "lockname": lock_name,
            "lock_entity_id": lock_entity_id,
            "slots": len(active),
            "start_from": 1,
        },
    )
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("keymaster", entry.entry_id)},
        name=lock_name,
    )
    slots = Slots(hass)
    for slot, on in enumerate(active, start=1):
        name = f"{lock_name} Code Slot {slot}: Active"
        slots.entity_ids[slot] = (
            er.async_get(hass)
            .async_get_or_create(
                "binary_sensor",
                "keymaster",
                f"{entry.entry_id}_binary_sensor_code_slots_{slot}_active",
                config_entry=entry,
                device_id=device.id,
                original_name=name,
                suggested_object_id=slugify(name),
            )
            .entity_id
        )
        slots.set(slot, "on" if on else "off")
    return slots


def add_lock_code_manager(
    hass: HomeAssistant, title: str, lock_entity_ids: list[str], active: list[bool]
) -> Slots:
    """LCM: one entry for several locks, a device per slot with its ``active``."""
    entry = _loaded_entry(
        hass,
        "lock_code_manager",
        title=title,
        data={
            "locks": lock_entity_ids,
            "slots": {str(n): {} for n in range(1, len(active) + 1)},
        },
    )
    devices = dr.async_get(hass)
    hub = devices.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("lock_code_manager", entry.entry_id)},
        name=title,
    )
    slots = Slots(hass)
    for slot, on in enumerate(active, start=1):
        device = devices.async_get_or_create(
            config_entry_id=entry.entry_id,
            identifiers={("lock_code_manager", f"{entry.entry_id}|{slot}")},
            name=f"{title} Code slot {slot}",
            manufacturer="Lock Code Manager",
            model="Code Slot",
        )
        # Under the entry's device, as LCM's DeviceInfo via_device puts it.
        devices.async_update_device(device.id, via_device_id=hub.id)
        slots.entity_ids[slot] = (
            er.async_get(hass)
            .async_get_or_create(
                "binary_sensor",
                "lock_code_manager",
                f"{entry.entry_id}|{slot}|active",
                config_entry=entry,
                device_id=device.id,
                has_entity_name=True,
                translation_key="active",
                suggested_object_id=slugify(f"{title} Code slot {slot} active"),
            )
            .entity_id
        )
        slots.set(slot, "on" if on else "off")
    return slots


type Answer = Callable[[], Any]


def register_raw_response_service(
    hass: HomeAssistant,
    domain: str,
    service: str,
    handle: Callable[[ServiceCall], Coroutine[Any, Any, dict[str, Any]]],
) -> None:
    """A response-only entity service answered by ``handle`` itself (slow, odd)."""
    hass.services.async_register(
        domain,
        service,
        handle,
        schema=cv.make_entity_service_schema({}),
        supports_response=SupportsResponse.ONLY,
    )


def register_entity_response_service(
    hass: HomeAssistant, domain: str, service: str, answer: Answer
) -> list[ServiceCall]:
    """A response-only entity service: ``{entity_id: answer()}`` per targeted lock.

    ``answer`` may raise, as the real services do when the lock does not answer.
    """
    calls: list[ServiceCall] = []

    async def handle(call: ServiceCall) -> dict[str, Any]:
        calls.append(call)
        return {entity_id: answer() for entity_id in call.data["entity_id"]}

    hass.services.async_register(
        domain,
        service,
        handle,
        schema=cv.make_entity_service_schema({}),
        supports_response=SupportsResponse.ONLY,
    )
    return calls


def matter_user(
    index: int, status: str = "occupied_enabled", credentials: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A user as ``matter.get_lock_users`` lists it (Home Assistant 2026.10)."""
    return {
        "user_index": index,
        "user_name": f"User {index}",
        "user_unique_id": None,
        "user_status": status,
        "user_type": "unrestricted_user",
        "credential_rule": "single",
        "credentials": [
            {"type": kind, "index": n} for n, kind in enumerate(credentials, 1)
        ],
        "creator_fabric_index": 1,
        "last_modified_fabric_index": 1,
        "next_user_index": None,
    }


def matter_lock_info(*, user_management: bool = True) -> dict[str, Any]:
    """``matter.get_lock_info``'s answer (Home Assistant 2026.10)."""
    return {
        "supports_user_management": user_management,
        "supported_credential_types": ["pin"],
        "max_users": 10,
        "max_pin_users": 10,
        "max_rfid_users": 0,
        "max_credentials_per_user": 5,
        "min_pin_length": 4,
        "max_pin_length": 8,
        "min_rfid_length": None,
        "max_rfid_length": None,
    }


def schlage_codes(count: int) -> dict[str, Any]:
    """``schlage.get_codes``'s answer: access codes with their PINs in clear."""
    return {
        f"code-{n}": {"name": f"Guest {n}", "code": KNOWN_PIN} for n in range(count)
    }
