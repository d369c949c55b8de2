"""Alert drills: a test low-battery alert that the owner confirms within a day.

A drill fires ``lockout_guard_battery_low`` with ``drill: true`` (what the owner's
alert automations listen to) and sends a message to the hub's notification targets.
The owner confirms it arrived: the "I got it" action of a mobile app notification,
the ``confirm_alert_drill`` action or the repair. A drill that is not confirmed
within 24 hours failed: ``alert_never_tested`` stays open and says so.

A pending drill is ``LockRecord.drill_started`` in the store, so its deadline is a
point-in-time timer restored at startup; one that expired while Home Assistant was
down fails at startup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.alerts.notifier import (
    Notification,
    NotificationAction,
    SendResult,
    async_send,
    async_texts,
    notify_targets,
)
from custom_components.lockout_guard.const import DOMAIN

if TYPE_CHECKING:
    from custom_components.lockout_guard.hub import LockoutGuardHub
    from custom_components.lockout_guard.monitoring.monitor import LockMonitor

_LOGGER = logging.getLogger(__name__)

DRILL_TIMEOUT: Final = timedelta(hours=24)

# Sent by the companion apps when a notification action is tapped.
EVENT_MOBILE_APP_NOTIFICATION_ACTION: Final = "mobile_app_notification_action"
DRILL_ACTION_PREFIX: Final = "LOCKOUT_GUARD_DRILL_OK_"
# The home drill's button: it confirms every lock whose drill is pending.
HOME_DRILL_ACTION: Final = f"{DRILL_ACTION_PREFIX}home"

_TITLE_KEY: Final = "drill_notification_title"
_MESSAGE_KEY: Final = "drill_notification_message"
_ACTION_KEY: Final = "drill_notification_action"


def drill_action_id(subentry_id: str) -> str:
    """The notification action that confirms the drill of one lock."""
    return f"{DRILL_ACTION_PREFIX}{subentry_id}"


def drill_tag(subentry_id: str) -> str:
    """The notification tag: a new drill replaces the previous one on the phone."""
    return f"{DOMAIN}_drill_{subentry_id}"


class AlertDrills:
    """Start, time out and confirm the alert drills of the hub's locks."""

    def __init__(self, hub: LockoutGuardHub) -> None:
        """Prepare; nothing runs until async_start."""
        self._hub = hub
        self.hass: HomeAssistant = hub.hass
        self._deadlines: dict[str, CALLBACK_TYPE] = {}
        self._unsubs: list[CALLBACK_TYPE] = []

    @callback
    def async_start(self) -> None:
        """Restore the deadlines of pending drills; listen for confirmations."""
        for monitor in self._hub.monitors.values():
            if (started := monitor.record.drill_started) is not None:
                self._set_deadline(monitor, started + DRILL_TIMEOUT)
        self._unsubs.append(
            self.hass.bus.async_listen(
                EVENT_MOBILE_APP_NOTIFICATION_ACTION,
                self._async_notification_action,
                event_filter=self._is_drill_action,
            )
        )

    @callback
    def async_stop(self) -> None:
        """Cancel the timers and the listener (the store keeps the pending drills)."""
        for cancel in (*self._deadlines.values(), *self._unsubs):
            cancel()
        self._deadlines.clear()
        self._unsubs.clear()

    @callback
    def async_forget(self, subentry_id: str) -> None:
        """The lock is gone or is another lock now: its pending drill ends."""
        self._cancel_deadline(subentry_id)

    async def async_start_drills(
        self, monitors: Iterable[LockMonitor]
    ) -> list[SendResult]:
        """Fire the drill event of each lock and send its message to every target."""
        monitors = list(monitors)
        texts = await self._async_fire(monitors)
        targets = notify_targets(self._hub.entry.options)
        # All locks at once: a hanging target costs its timeout once, not per lock.
        return list(
            await asyncio.gather(
                *(
                    async_send(
                        self.hass,
                        targets,
                        _notification(
                            monitor.name,
                            drill_tag(monitor.subentry_id),
                            drill_action_id(monitor.subentry_id),
                            texts,
                        ),
                    )
                    for monitor in monitors
                )
            )
        )

    async def async_start_home_drill(
        self, monitors: Iterable[LockMonitor]
    ) -> SendResult:
        """One test alert for the home: each lock's drill event, one message.

        The message's button confirms every lock the drill started for.
        """
        monitors = list(monitors)
        texts = await self._async_fire(monitors)
        return await async_send(
            self.hass,
            notify_targets(self._hub.entry.options),
            _notification(
                ", ".join(monitor.name for monitor in monitors),
                f"{DOMAIN}_drill_home",
                HOME_DRILL_ACTION,
                texts,
            ),
        )

    async def _async_fire(self, monitors: list[LockMonitor]) -> dict[str, str]:
        """Fire each lock's drill event and start its deadline; the message texts."""
        for monitor in monitors:
            self._set_deadline(
                monitor, monitor.async_fire_alert_drill() + DRILL_TIMEOUT
            )
        return await async_texts(self.hass, (_TITLE_KEY, _MESSAGE_KEY, _ACTION_KEY))

    @callback
    def async_fail(self, monitor: LockMonitor) -> None:
        """The owner says the test alert did not arrive: the drill failed now."""
        self._cancel_deadline(monitor.subentry_id)
        self._fail(monitor.subentry_id)

    @callback
    def async_confirm(self, monitor: LockMonitor) -> None:
        """The drill alert arrived: date it, clear a failure and the pending drill.

        Confirming without a pending drill is valid too: a real alert that arrived
        proves the alert path as well as a drill does.
        """
        record = monitor.record
        record.drill_confirmed = dt_util.now().date()
        record.drill_failed = False
        record.drill_started = None
        self._cancel_deadline(monitor.subentry_id)
        self._hub.store.async_schedule_save()
        monitor.async_evaluate()

    def _set_deadline(self, monitor: LockMonitor, deadline: datetime) -> None:
        self._cancel_deadline(monitor.subentry_id)
        if deadline <= dt_util.utcnow():
            self._fail(monitor.subentry_id)
            return
        self._deadlines[monitor.subentry_id] = async_track_point_in_utc_time(
            self.hass,
            partial(self._async_deadline_passed, monitor.subentry_id),
            deadline,
        )

    def _cancel_deadline(self, subentry_id: str) -> None:
        if (cancel := self._deadlines.pop(subentry_id, None)) is not None:
            cancel()

    @callback
    def _async_deadline_passed(self, subentry_id: str, _now: datetime) -> None:
        del self._deadlines[subentry_id]
        self._fail(subentry_id)

    def _fail(self, subentry_id: str) -> None:
        """Nobody confirmed in time: the alert did not reach anyone."""
        monitor = self._hub.monitors[subentry_id]
        record = monitor.record
        record.drill_failed = True
        record.drill_started = None
        _LOGGER.info("The alert drill of %s was not confirmed in time", monitor.name)
        self._hub.store.async_schedule_save()
        monitor.async_evaluate()

    @callback
    def _is_drill_action(self, data: Mapping[str, Any]) -> bool:
        action = data.get("action")
        return isinstance(action, str) and (
            action == HOME_DRILL_ACTION
            or (
                action.startswith(DRILL_ACTION_PREFIX)
                and action.removeprefix(DRILL_ACTION_PREFIX) in self._hub.monitors
            )
        )

    @callback
    def _async_notification_action(self, event: Event[Mapping[str, Any]]) -> None:
        action = str(event.data["action"])
        if action == HOME_DRILL_ACTION:
            for monitor in list(self._hub.monitors.values()):
                if monitor.record.drill_started is not None:
                    self.async_confirm(monitor)
            return
        subentry_id = action.removeprefix(DRILL_ACTION_PREFIX)
        self.async_confirm(self._hub.monitors[subentry_id])


def _notification(
    lock_name: str, tag: str, action: str, texts: Mapping[str, str]
) -> Notification:
    """The drill message, with the button that confirms it."""
    placeholders = {"lock_name": lock_name}
    return Notification(
        title=texts[_TITLE_KEY].format(**placeholders),
        message=texts[_MESSAGE_KEY].format(**placeholders),
        tag=tag,
        actions=(NotificationAction(action=action, title=texts[_ACTION_KEY]),),
    )
