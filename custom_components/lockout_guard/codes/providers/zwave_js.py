"""Z-Wave JS: the User Code values of the lock's node.

Newer Home Assistant answers ``zwave_js.get_lock_usercode`` (all slots when no slot
is given: ``{slot: {usercode, in_use}}``); older ones only keep the values on the
node, read through the zwave_js integration's client. A slot in use is a code.
Z-Wave has no app users. Access Control notifications that users or codes were
added, changed or deleted (all of them, on a factory reset) mean the count changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.core.zwave_notification import (
    NOTIFICATION_EVENT,
    USERS_OR_CODES_CHANGED,
    is_access_control,
)

from .base import (
    CodeCount,
    CodeSource,
    CodeSourceError,
    CodeSourceNotReadyError,
    CodeTriggers,
    async_call_response,
    lock_of_loaded,
)

DOMAIN = "zwave_js"
SOURCE = "zwave_js"
SERVICE_GET_LOCK_USERCODE = "get_lock_usercode"


def count_in_use(slots: Iterable[object]) -> int:
    """Slots in use; garbage when a slot is not a mapping.

    A lock with no slot read (none reported, or Z-Wave JS left them unread:
    it only queries every user code when told to) has nothing to count yet.
    """
    in_use = 0
    read = False
    for slot in slots:
        if not isinstance(slot, Mapping):
            raise CodeSourceError("not a code slot")
        # The slot's code is never looked at: only whether it is in use.
        state = slot.get("in_use")
        if isinstance(state, bool):
            read = True
            in_use += state
    if not read:
        raise CodeSourceNotReadyError("no code slot read")
    return in_use


class ZwaveJsSource(CodeSource):
    """User codes in use on the lock's Z-Wave node."""

    source = SOURCE

    def __init__(
        self, hass: HomeAssistant, lock_entity_id: str, device_id: str | None
    ) -> None:
        """Count for the lock on this device."""
        super().__init__(hass, lock_entity_id)
        self._device_id = device_id

    async def async_count(self) -> CodeCount:
        """Count through the service where it exists, else the node's values."""
        if self.hass.services.has_service(DOMAIN, SERVICE_GET_LOCK_USERCODE):
            answer = await async_call_response(
                self.hass, DOMAIN, SERVICE_GET_LOCK_USERCODE, self.lock_entity_id
            )
            if not isinstance(answer, Mapping):
                raise CodeSourceError("not a list of code slots")
            codes = count_in_use(answer.values())
        else:
            codes = count_in_use(self._node_slots())
        return CodeCount(
            source=SOURCE, users=None, codes=codes, counted_at=dt_util.utcnow()
        )

    def _node_slots(self) -> list[Any]:
        try:
            # Imported here: the library comes with the zwave_js integration.
            from homeassistant.components.zwave_js.helpers import (  # noqa: PLC0415
                async_get_node_from_entity_id,
            )
            from zwave_js_server.util.lock import get_code_slots  # noqa: PLC0415

            node = async_get_node_from_entity_id(self.hass, self.lock_entity_id)
            return list(get_code_slots(node))
        except Exception as err:  # noqa: BLE001 - another integration's failure
            raise CodeSourceError(f"node not readable ({type(err).__name__})") from None

    def triggers(self) -> CodeTriggers:
        """User code added or deleted on this lock's node."""
        device_id = self._device_id

        @callback
        def user_code_changed(data: Mapping[str, Any]) -> bool:
            return data.get("device_id") == device_id and is_access_control(
                data, USERS_OR_CODES_CHANGED
            )

        return CodeTriggers(
            events={NOTIFICATION_EVENT: user_code_changed}, device_id=device_id
        )


def find(hass: HomeAssistant, lock_entity_id: str) -> ZwaveJsSource | None:
    """The Z-Wave JS source, for a lock of the zwave_js integration."""
    if (entry := lock_of_loaded(hass, lock_entity_id, DOMAIN)) is None:
        return None
    return ZwaveJsSource(hass, lock_entity_id, entry.device_id)
