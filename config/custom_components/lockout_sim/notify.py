"""A phone stand-in: drill messages to notify.developer_phone show in the bell.

The hub's ``notify_targets`` name it, so ``lockout_guard.start_alert_drill`` has a
target whose message a developer can see without a companion app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components import persistent_notification
from homeassistant.components.notify import NotifyEntity

from .device import SimConfigEntry

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

ENTITY_ID = "notify.developer_phone"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SimConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    async_add_entities([DeveloperPhone()])


class DeveloperPhone(NotifyEntity):
    """Shows each message as a persistent notification."""

    _attr_name = "Developer phone"
    _attr_unique_id = "developer_phone"

    async def async_send_message(self, message: str, title: str | None = None) -> None:
        persistent_notification.async_create(
            self.hass, message, title=f"📱 {title or 'Developer phone'}"
        )
