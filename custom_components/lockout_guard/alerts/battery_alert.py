"""Real low-battery alerts, sent to the hub's notification targets.

The monitor fires ``lockout_guard_battery_low`` when a lock's battery steps down
(low, then critical: once each, never again after a restart). At the same moment
the notification targets of the options get a message, so the alert reaches the
owner without an automation of their own. It has no buttons (there is nothing to
confirm) and one tag per lock, so on the phone the critical alert replaces the
low one.

Sending runs in the background: a slow or failing target never holds up the
evaluation of the lock; a failure is logged once per alert.
"""

from __future__ import annotations

import logging
from typing import Any, Final, Protocol

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.start import async_at_started

from custom_components.lockout_guard.const import DOMAIN

from .notifier import Notification, async_send, async_texts, notify_targets

_LOGGER = logging.getLogger(__name__)

# The message when a lock only says "low" (or its level is above the threshold
# while its low flag is on): there is no level to name.
_FLAG_MESSAGE_KEY: Final = "battery_alert_flag_message"
_BUY_KEY: Final = "battery_alert_buy"
_BUY_UNKNOWN_KEY: Final = "battery_type_unknown"


class AlertHost(Protocol):
    """Where alerts go: the hub entry's options name the targets."""

    @property
    def hass(self) -> HomeAssistant:
        """The Home Assistant instance."""

    @property
    def entry(self) -> ConfigEntry[Any]:
        """The hub's config entry (its options hold the notification targets)."""

    @property
    def startup_done(self) -> bool:
        """Whether Home Assistant has started (notify services exist by then)."""


async def async_battery_buy_text(hass: HomeAssistant, battery_type: str | None) -> str:
    """What to buy, in the home's language; where to look when no source knows."""
    texts = await async_texts(hass, (_BUY_KEY, _BUY_UNKNOWN_KEY))
    if battery_type is None:
        return texts[_BUY_UNKNOWN_KEY]
    return texts[_BUY_KEY].format(battery_type=battery_type)


def battery_alert_tag(subentry_id: str) -> str:
    """The notification tag of one lock's battery alerts (not its drills')."""
    return f"{DOMAIN}_battery_{subentry_id}"


@callback
def async_send_battery_alert(
    hub: AlertHost,
    subentry_id: str,
    lock_name: str,
    *,
    level: str,
    battery_level: float | None,
    threshold: int,
    battery_type: str | None,
    keypad_battery_name: str | None = None,
) -> None:
    """Send the alert of one lock in the background; nothing without targets.

    ``battery_type`` is what to buy, where a source knows it;
    ``keypad_battery_name``: the alert is about the lock's separate keypad.
    """
    if not (targets := notify_targets(hub.entry.options)):
        return
    entry = hub.entry

    @callback
    def _send(hass: HomeAssistant) -> None:
        entry.async_create_background_task(
            hass,
            _async_send(
                hass,
                targets,
                subentry_id,
                lock_name,
                level=level,
                battery_level=battery_level,
                threshold=threshold,
                battery_type=battery_type,
                keypad_battery_name=keypad_battery_name,
            ),
            f"{DOMAIN} battery alert of {lock_name}",
        )

    if hub.startup_done:
        _send(hub.hass)
        return
    # At startup the targets of integrations that load later do not exist yet.
    entry.async_on_unload(async_at_started(hub.hass, _send))


async def _async_send(
    hass: HomeAssistant,
    targets: list[str],
    subentry_id: str,
    lock_name: str,
    *,
    level: str,
    battery_level: float | None,
    threshold: int,
    battery_type: str | None,
    keypad_battery_name: str | None,
) -> None:
    title_key = f"battery_alert_{level}_title"
    message_key = (
        f"battery_alert_{level}_message"
        if battery_level is not None and battery_level <= threshold
        else _FLAG_MESSAGE_KEY
    )
    if keypad_battery_name is not None:
        message_key = message_key.replace("battery_alert_", "battery_alert_keypad_")
    texts = await async_texts(hass, (title_key, message_key, _BUY_KEY))
    placeholders = {
        "lock_name": lock_name,
        "keypad_battery": keypad_battery_name or "",
        "battery_level": str(round(battery_level)) if battery_level is not None else "",
        "threshold": str(threshold),
        "battery_type": battery_type or "",
    }
    message = texts[message_key].format(**placeholders)
    if battery_type is not None:
        # What to buy, where a source knows it: one errand instead of two.
        message = f"{message} {texts[_BUY_KEY].format(**placeholders)}"
    result = await async_send(
        hass,
        targets,
        Notification(
            title=texts[title_key].format(**placeholders),
            message=message,
            tag=battery_alert_tag(subentry_id),
        ),
    )
    if result.failed:
        _LOGGER.warning(
            "The %s battery alert of %s could not be sent to %s",
            level,
            lock_name,
            ", ".join(result.failed),
        )
