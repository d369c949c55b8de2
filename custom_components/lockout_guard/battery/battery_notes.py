"""Battery replacements kept in step with Battery Notes, in both directions.

Battery Notes (a popular custom integration) keeps a note per device: the battery
type, and when the batteries were last replaced. When the owner tells either
integration that new batteries are in, the other one should know:

- Battery Notes fires ``battery_notes_battery_replaced`` (its button or its action)
  for the lock's device: Lockout Guard records the replacement as its own.
- Lockout Guard is told (``mark_battery_replaced``, the battery repair): it calls
  ``battery_notes.set_battery_replaced`` for the lock's device, when Battery Notes
  has a note for it.

Battery Notes answers its own action with the same event. That echo is recognised
and dropped, so one replacement is recorded once and never bounces back and forth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
import logging
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .battery_type import BATTERY_NOTES_DOMAIN

_LOGGER = logging.getLogger(__name__)

EVENT_BATTERY_NOTES_REPLACED: Final = "battery_notes_battery_replaced"
SERVICE_SET_BATTERY_REPLACED: Final = "set_battery_replaced"
# Battery Notes fires its event while it handles the action; a little later still
# counts as the answer to what Lockout Guard just told it.
ECHO_WINDOW: Final = timedelta(minutes=1)

type ListenDeviceEvent = Callable[
    [str, str, Callable[[Event[Mapping[str, Any]]], None]], CALLBACK_TYPE
]


class BatteryNotesLink:
    """One lock's replacements, shared with Battery Notes' note for its device."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        lock_name: Callable[[], str],
        listen_device_event: ListenDeviceEvent,
        on_replaced: Callable[[date], None],
    ) -> None:
        """Listen to nothing until the lock's device is known."""
        self._hass = hass
        self._entry = entry
        self._lock_name = lock_name
        self._listen_device_event = listen_device_event
        self._on_replaced = on_replaced
        self._device_id: str | None = None
        self._unsub: CALLBACK_TYPE | None = None
        # Until when an event of Battery Notes is its answer to Lockout Guard.
        self._echo_until: datetime | None = None

    @callback
    def async_refresh(self, device_id: str | None) -> None:
        """Follow Battery Notes' events of the lock's (possibly new) device."""
        if device_id == self._device_id and (self._unsub or device_id is None):
            return
        self.async_stop()
        self._device_id = device_id
        if device_id is not None:
            self._unsub = self._listen_device_event(
                EVENT_BATTERY_NOTES_REPLACED, device_id, self._async_replaced
            )

    @callback
    def async_stop(self) -> None:
        """Stop following the device's events."""
        if self._unsub is not None:
            self._unsub()
            self._unsub = None

    @callback
    def _async_replaced(self, _event: Event[Mapping[str, Any]]) -> None:
        echo_until, self._echo_until = self._echo_until, None
        if echo_until is not None and dt_util.utcnow() < echo_until:
            # Battery Notes answering what Lockout Guard just told it.
            return
        self._on_replaced(dt_util.now().date())

    def _has_note(self) -> bool:
        if self._device_id is None or not self._hass.services.has_service(
            BATTERY_NOTES_DOMAIN, SERVICE_SET_BATTERY_REPLACED
        ):
            return False
        return any(
            entry.platform == BATTERY_NOTES_DOMAIN
            for entry in er.async_entries_for_device(
                er.async_get(self._hass), self._device_id
            )
        )

    @callback
    def async_tell_replaced(self, day: date) -> None:
        """Tell Battery Notes, in the background, when it has a note for the lock."""
        if not self._has_note():
            return
        self._echo_until = dt_util.utcnow() + ECHO_WINDOW
        self._entry.async_create_background_task(
            self._hass,
            self._async_tell(day),
            f"tell Battery Notes of new batteries in {self._lock_name()}",
        )

    async def _async_tell(self, day: date) -> None:
        replaced = (
            dt_util.now()
            if day >= dt_util.now().date()
            else dt_util.start_of_local_day(day)
        )
        try:
            await self._hass.services.async_call(
                BATTERY_NOTES_DOMAIN,
                SERVICE_SET_BATTERY_REPLACED,
                {
                    "device_id": self._device_id,
                    "datetime_replaced": replaced.isoformat(),
                },
                blocking=True,
            )
        except (HomeAssistantError, vol.Invalid) as err:
            # Lockout Guard has recorded it; only Battery Notes' note lags.
            self._echo_until = None
            _LOGGER.warning(
                "Battery Notes could not record the new batteries of %s: %s",
                self._lock_name(),
                err,
            )
