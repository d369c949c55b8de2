"""One bus listener per event type, each event handed only to its device's handlers.

Integrations such as Z-Wave JS fire one event type for every device
(``zwave_js_notification``). With a listener per lock, every notification would
run as many filters as there are locks; here it costs one dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback

type DeviceEventHandler = Callable[[Event[Mapping[str, Any]]], None]


class DeviceEventRouter:
    """Route events that carry a ``device_id`` to the handlers of that device."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Listen to nothing until a handler is added."""
        self._hass = hass
        self._handlers: dict[str, dict[str, list[DeviceEventHandler]]] = {}
        self._unsubs: dict[str, CALLBACK_TYPE] = {}

    @callback
    def async_listen(
        self, event_type: str, device_id: str, handler: DeviceEventHandler
    ) -> CALLBACK_TYPE:
        """Call ``handler`` for each ``event_type`` event of the device."""
        by_device = self._handlers.setdefault(event_type, {})
        by_device.setdefault(device_id, []).append(handler)
        if event_type not in self._unsubs:

            @callback
            def concerns_a_device(data: Mapping[str, Any]) -> bool:
                return data.get("device_id") in by_device

            @callback
            def dispatch(event: Event[Mapping[str, Any]]) -> None:
                for device_handler in list(by_device.get(event.data["device_id"], ())):
                    device_handler(event)

            self._unsubs[event_type] = self._hass.bus.async_listen(
                event_type, dispatch, event_filter=concerns_a_device
            )

        @callback
        def remove() -> None:
            handlers = by_device.get(device_id, [])
            if handler in handlers:
                handlers.remove(handler)
            if not handlers:
                by_device.pop(device_id, None)
            if not by_device and event_type in self._unsubs:
                self._unsubs.pop(event_type)()
                del self._handlers[event_type]

        return remove

    @callback
    def async_stop(self) -> None:
        """Stop every bus listener."""
        for unsub in self._unsubs.values():
            unsub()
        self._unsubs.clear()
        self._handlers.clear()
