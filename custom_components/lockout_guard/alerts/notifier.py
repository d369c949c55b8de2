"""Send Lockout Guard's messages to the hub's notification targets.

A target is a notify entity (sent through ``notify.send_message``) or a legacy
``notify.*`` service. The companion apps' services (``notify.mobile_app_*``) also
get a tag, so a newer message with the same tag replaces the older one on the
phone, and the message's action buttons. A target that fails is one failed
target: it never stops the others or the caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
import logging
from typing import Any, Final

from homeassistant.const import ATTR_ENTITY_ID, STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations

from custom_components.lockout_guard.const import CONF_NOTIFY_TARGETS, DOMAIN

_LOGGER = logging.getLogger(__name__)

# A notify service that hangs must not hold the caller forever.
NOTIFY_TIMEOUT_SECONDS: Final = 30
# Legacy notify services of the companion apps are named mobile_app_<device>.
MOBILE_APP_SERVICE_PREFIX: Final = "mobile_app_"
SERVICE_SEND_MESSAGE: Final = "send_message"


def notify_targets(options: Mapping[str, Any]) -> list[str]:
    """The configured notification targets; anything stored that is not one is skipped."""
    targets = options.get(CONF_NOTIFY_TARGETS)
    if not isinstance(targets, list):
        return []
    prefix = f"{Platform.NOTIFY}."
    return [
        target
        for target in dict.fromkeys(targets)
        if isinstance(target, str) and target.startswith(prefix)
    ]


def notify_targets_available(hass: HomeAssistant) -> list[str]:
    """Notify entities and legacy notify services, both as ``notify.<name>``."""
    entities = set(hass.states.async_entity_ids(Platform.NOTIFY))
    services = {
        f"{Platform.NOTIFY}.{service}"
        for service in hass.services.async_services_for_domain(Platform.NOTIFY)
        if service not in (SERVICE_SEND_MESSAGE, "persistent_notification")
    }
    return sorted(entities | services)


def missing_notify_targets(
    hass: HomeAssistant, options: Mapping[str, Any]
) -> list[str]:
    """Configured targets that no longer exist (a renamed phone, a removed app)."""
    available = set(notify_targets_available(hass))
    return [target for target in notify_targets(options) if target not in available]


@dataclass(frozen=True, kw_only=True)
class NotificationAction:
    """A button of a mobile app notification: the event id it sends, its label."""

    action: str
    title: str


@dataclass(frozen=True, kw_only=True)
class Notification:
    """One message for every target."""

    title: str
    message: str
    tag: str
    actions: tuple[NotificationAction, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SendResult:
    """The targets a message could not be sent to."""

    failed: tuple[str, ...]


async def async_texts(hass: HomeAssistant, keys: Iterable[str]) -> dict[str, str]:
    """Message texts in the home's language (English where missing).

    The texts live in the "exceptions" section of the translations: it is the one
    section of an integration's translations that Home Assistant loads for backend
    use on every supported version (2025.4+), as plain text with placeholders.
    """
    translations = await async_get_translations(
        hass, hass.config.language, "exceptions", {DOMAIN}
    )
    return {
        key: translations.get(f"component.{DOMAIN}.exceptions.{key}.message", key)
        for key in keys
    }


async def async_send(
    hass: HomeAssistant, targets: Sequence[str], notification: Notification
) -> SendResult:
    """Send the notification to every target at once."""
    sent = await asyncio.gather(
        *(_async_send_one(hass, target, notification) for target in targets)
    )
    return SendResult(
        failed=tuple(t for t, ok in zip(targets, sent, strict=True) if not ok)
    )


async def _async_send_one(
    hass: HomeAssistant, target: str, notification: Notification
) -> bool:
    """Send to one target; False if it could not be sent."""
    title, message = notification.title, notification.message
    service = target.removeprefix(f"{Platform.NOTIFY}.")
    data: dict[str, Any]
    if (state := hass.states.get(target)) is not None:
        if state.state == STATE_UNAVAILABLE:
            # Home Assistant would skip it silently: the message would be lost.
            return False
        # A notify entity: plain text only (no tags, no buttons).
        service, data = (
            SERVICE_SEND_MESSAGE,
            {ATTR_ENTITY_ID: target, "title": title, "message": message},
        )
    elif not hass.services.has_service(Platform.NOTIFY, service):
        return False
    elif service.startswith(MOBILE_APP_SERVICE_PREFIX):
        extra: dict[str, Any] = {"tag": notification.tag}
        if notification.actions:
            extra["actions"] = [
                {"action": button.action, "title": button.title}
                for button in notification.actions
            ]
        data = {"title": title, "message": message, "data": extra}
    else:
        data = {"title": title, "message": message}
    try:
        async with asyncio.timeout(NOTIFY_TIMEOUT_SECONDS):
            await hass.services.async_call(
                Platform.NOTIFY, service, data, blocking=True
            )
    except Exception:  # noqa: BLE001 - any notify platform's failure is one failed target
        _LOGGER.debug("Sending %r to %s failed", title, target, exc_info=True)
        return False
    return True
