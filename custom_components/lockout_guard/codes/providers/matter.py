"""Matter: the lock's own user table (newer Home Assistant).

``matter.get_lock_info`` says whether the lock manages users;
``matter.get_lock_users`` answers ``{max_users, users: [{user_status, credentials:
[{type, index}], ...}]}``. An enabled user counts as a user, each of their PIN
credentials as a code.
"""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .base import (
    CodeCount,
    CodeSource,
    CodeSourceError,
    CodeSourceUnsupportedError,
    async_call_response,
    lock_of_loaded,
)

DOMAIN = "matter"
SOURCE = "matter"
SERVICE_GET_LOCK_INFO = "get_lock_info"
SERVICE_GET_LOCK_USERS = "get_lock_users"
USER_ENABLED = "occupied_enabled"
CREDENTIAL_PIN = "pin"


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise CodeSourceError("not an object")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise CodeSourceError("not a list")
    return value


class MatterSource(CodeSource):
    """Enabled users and their PIN credentials on a Matter lock."""

    source = SOURCE

    async def async_count(self) -> CodeCount:
        """Ask the lock for its users; a lock without user management cannot."""
        if self.hass.services.has_service(DOMAIN, SERVICE_GET_LOCK_INFO):
            info = _mapping(
                await async_call_response(
                    self.hass, DOMAIN, SERVICE_GET_LOCK_INFO, self.lock_entity_id
                )
            )
            if info.get("supports_user_management") is not True:
                raise CodeSourceUnsupportedError("lock does not manage users")
        answer = _mapping(
            await async_call_response(
                self.hass, DOMAIN, SERVICE_GET_LOCK_USERS, self.lock_entity_id
            )
        )
        users = 0
        codes = 0
        for entry in _list(answer.get("users")):
            user = _mapping(entry)
            if user.get("user_status") != USER_ENABLED:
                continue
            users += 1
            codes += sum(
                _mapping(credential).get("type") == CREDENTIAL_PIN
                for credential in _list(user.get("credentials"))
            )
        return CodeCount(
            source=SOURCE, users=users, codes=codes, counted_at=dt_util.utcnow()
        )


def find(hass: HomeAssistant, lock_entity_id: str) -> MatterSource | None:
    """The Matter source, for a Matter lock where Home Assistant can list users."""
    if lock_of_loaded(hass, lock_entity_id, DOMAIN) is None:
        return None
    if not hass.services.has_service(DOMAIN, SERVICE_GET_LOCK_USERS):
        return None
    return MatterSource(hass, lock_entity_id)
