"""What to buy: the lock's battery type, from the best source that knows it.

0. The owner, when they changed the suggestion in the lock's settings.
1. Battery Notes, when it has a note for the lock's device: its battery-type
   sensor carries ``battery_type_and_quantity`` (count and kind), what the owner or its
   library says.
2. Matter's "Battery type" sensor (PowerSource ``BatReplacementDescription``);
   vendors sometimes fill it with junk, so only a short, plain text counts.
3. The lock knowledge base's row for the device's model.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from custom_components.lockout_guard.core.lock_models import match_lock_model

BATTERY_NOTES_DOMAIN = "battery_notes"
BATTERY_NOTES_TYPE_KEY = "battery_type"
ATTR_TYPE_AND_QUANTITY = "battery_type_and_quantity"
MATTER_DOMAIN = "matter"
MATTER_TYPE_KEY = "battery_replacement_description"

# A battery description: letters, digits and the usual marks, not too long.
_PLAIN = re.compile("^[\\w \u00d7.,+()/-]{2,40}$")


@dataclass(frozen=True)
class BatteryType:
    """The battery to buy and where that came from."""

    text: str
    source: str


OWNER = "owner"


def plain_battery_type(value: object) -> str | None:
    """A battery description worth showing, or None (empty, markup, too long)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text in ("", STATE_UNKNOWN, STATE_UNAVAILABLE) or not _PLAIN.match(text):
        return None
    return text if any(char.isalnum() for char in text) else None


def find_battery_type(
    hass: HomeAssistant, device_id: str | None, owner: object = None
) -> BatteryType | None:
    """The battery type of the lock's device, None when no source knows it.

    ``owner`` is what the owner entered in the lock's settings, if anything.
    """
    if (text := plain_battery_type(owner)) is not None:
        return BatteryType(text, OWNER)
    if device_id is None or (device := dr.async_get(hass).async_get(device_id)) is None:
        return None
    matter: str | None = None
    for entry in er.async_entries_for_device(er.async_get(hass), device.id):
        if (state := hass.states.get(entry.entity_id)) is None:
            continue
        if entry.platform == BATTERY_NOTES_DOMAIN:
            if entry.translation_key == BATTERY_NOTES_TYPE_KEY and (
                text := plain_battery_type(state.attributes.get(ATTR_TYPE_AND_QUANTITY))
            ):
                return BatteryType(text, BATTERY_NOTES_DOMAIN)
        elif (
            entry.platform == MATTER_DOMAIN and entry.translation_key == MATTER_TYPE_KEY
        ):
            matter = matter or plain_battery_type(state.state)
    if matter is not None:
        return BatteryType(matter, MATTER_DOMAIN)
    known = match_lock_model(device.manufacturer, device.model, device.model_id)
    if known is not None and known.battery is not None:
        return BatteryType(str(known.battery), "knowledge_base")
    return None
