"""Notification targets as Home Assistant has them: a notify entity, legacy services."""

from __future__ import annotations

from typing import Any

from homeassistant.components.notify import NotifyEntity, NotifyEntityFeature
from homeassistant.config_entries import ConfigEntry, ConfigFlow
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, ServiceCall
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    async_mock_service,
    mock_config_flow,
    mock_integration,
    mock_platform,
    setup_test_component_platform,
)

PHONE = "notify.mobile_app_pixel"
DISPLAY = "notify.kitchen_display"
EMAIL = "notify.family_email"


class RecordingNotifyEntity(NotifyEntity):
    """A notify entity (e.g. a display) that keeps what it was sent."""

    _attr_supported_features = NotifyEntityFeature.TITLE

    def __init__(self, name: str) -> None:
        """Name the entity; its id follows from the name."""
        self._attr_name = name
        self._attr_unique_id = name
        self.messages: list[tuple[str | None, str]] = []

    async def async_send_message(self, message: str, title: str | None = None) -> None:
        """Keep the message."""
        self.messages.append((title, message))


class _NotifyTestFlow(ConfigFlow):
    """The config flow the test integration needs to have entries set up."""


async def add_notify_entity(hass: HomeAssistant, name: str) -> RecordingNotifyEntity:
    """Set up a notify entity through a config entry, as integrations add them."""
    entity = RecordingNotifyEntity(name)

    async def _setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.NOTIFY])
        return True

    mock_integration(hass, MockModule("test", async_setup_entry=_setup_entry))
    setup_test_component_platform(
        hass, Platform.NOTIFY, [entity], from_config_entry=True
    )
    # Config entries are only set up for integrations that have a config flow.
    mock_platform(hass, "test.config_flow")
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    with mock_config_flow("test", _NotifyTestFlow):
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entity


def add_notify_service(
    hass: HomeAssistant, target: str, error: Exception | None = None
) -> list[ServiceCall]:
    """A legacy ``notify.<name>`` service; with ``error`` it fails like a dead API."""
    return async_mock_service(
        hass, Platform.NOTIFY, target.removeprefix("notify."), raise_exception=error
    )


def sent(calls: list[ServiceCall]) -> list[dict[str, Any]]:
    """What each call to a legacy notify service carried."""
    return [dict(call.data) for call in calls]
