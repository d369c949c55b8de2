"""A stand-in for Battery Notes 3.x: its entities, its event and its action.

Battery Notes adds a note to a device: diagnostic entities on that device
(``battery_type`` with ``battery_type_and_quantity``, ``battery_last_replaced``,
the ``battery_plus`` mirror of the battery, the ``battery_replaced`` button), the
action ``battery_notes.set_battery_replaced`` (``device_id`` or
``source_entity_id``, optional ``datetime_replaced``) and the event
``battery_notes_battery_replaced``, fired when the button is pressed or the action
is called. The stand-in registers them as Battery Notes names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

DOMAIN = "battery_notes"
EVENT_REPLACED = "battery_notes_battery_replaced"


@dataclass
class BatteryNote:
    """Handles to one device's note."""

    hass: HomeAssistant
    device_id: str
    battery_type: str
    quantity: int
    last_replaced_entity_id: str
    calls: list[ServiceCall] = field(default_factory=list)

    @property
    def type_and_quantity(self) -> str:
        """As Battery Notes writes it: the quantity only when more than one."""
        if self.quantity > 1:
            return f"{self.quantity}\u00d7 {self.battery_type}"
        return self.battery_type

    def replaced(self, when: datetime | None = None) -> None:
        """What the button and the action do: store the date, fire the event."""
        when = when or dt_util.now()
        self.hass.states.async_set(
            self.last_replaced_entity_id,
            when.isoformat(),
            {"device_class": "timestamp"},
        )
        device = dr.async_get(self.hass).async_get(self.device_id)
        assert device is not None
        self.hass.bus.async_fire(
            EVENT_REPLACED,
            {
                "device_id": self.device_id,
                "source_entity_id": None,
                "area_name": None,
                "device_name": device.name,
                "battery_type_and_quantity": self.type_and_quantity,
                "battery_type": self.battery_type,
                "battery_quantity": self.quantity,
                "note": None,
            },
        )

    @property
    def last_replaced(self) -> str | None:
        """The state of the note's "Battery last replaced" sensor."""
        state = self.hass.states.get(self.last_replaced_entity_id)
        return state.state if state else None


def add_battery_note(
    hass: HomeAssistant,
    device_id: str,
    *,
    battery_type: str = "AA",
    quantity: int = 4,
    fail: bool = False,
) -> BatteryNote:
    """Give the device a note, and register the action (once per test)."""
    source = MockConfigEntry(domain=DOMAIN, title="Battery Notes")
    source.add_to_hass(hass)
    if not hasattr(dr.DeviceEntry, "config_entry_id"):
        # Before devices had a single config entry, the note's entities joined the
        # device through their device info, which linked the note's entry to it
        # (else the registry drops them when the device changes).
        dr.async_get(hass).async_update_device(
            device_id, add_config_entry_id=source.entry_id
        )
    registry = er.async_get(hass)

    def register(domain: str, key: str, **kwargs: Any) -> str:
        return registry.async_get_or_create(
            domain,
            DOMAIN,
            f"bn_{device_id}_{key}",
            config_entry=source,
            device_id=device_id,
            translation_key=key,
            entity_category=EntityCategory.DIAGNOSTIC,
            **kwargs,
        ).entity_id

    type_entity = register("sensor", "battery_type")
    last_replaced = register("sensor", "battery_last_replaced")
    register("button", "battery_replaced")
    note = BatteryNote(hass, device_id, battery_type, quantity, last_replaced)
    hass.states.async_set(
        type_entity,
        note.type_and_quantity,
        {
            "battery_type": battery_type,
            "battery_quantity": quantity,
            "battery_type_and_quantity": note.type_and_quantity,
        },
    )

    async def set_battery_replaced(call: ServiceCall) -> None:
        note.calls.append(call)
        if fail:
            raise HomeAssistantError("Battery Notes is not ready")
        if call.data.get("device_id") != device_id:
            return
        note.replaced(call.data.get("datetime_replaced"))

    hass.services.async_register(
        DOMAIN,
        "set_battery_replaced",
        set_battery_replaced,
        schema=vol.Schema(
            {
                vol.Optional("device_id"): cv.string,
                vol.Optional("source_entity_id"): cv.string,
                vol.Optional("datetime_replaced"): cv.datetime,
            }
        ),
    )
    return note
