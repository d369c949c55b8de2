"""Schlage (cloud): ``schlage.get_codes`` answers ``{code_id: {name, code}}``.

Only the number of entries is kept; the codes in the answer are dropped unread.
Schlage reports no app users here.
"""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .base import (
    CodeCount,
    CodeSource,
    CodeSourceError,
    async_call_response,
    lock_of_loaded,
)

DOMAIN = "schlage"
SOURCE = "schlage"
SERVICE_GET_CODES = "get_codes"


class SchlageSource(CodeSource):
    """Access codes stored on a Schlage lock."""

    source = SOURCE

    async def async_count(self) -> CodeCount:
        """Count the access codes."""
        answer = await async_call_response(
            self.hass, DOMAIN, SERVICE_GET_CODES, self.lock_entity_id
        )
        if not isinstance(answer, Mapping) or not all(
            isinstance(code, Mapping) for code in answer.values()
        ):
            raise CodeSourceError("not a list of codes")
        return CodeCount(
            source=SOURCE, users=None, codes=len(answer), counted_at=dt_util.utcnow()
        )


def find(hass: HomeAssistant, lock_entity_id: str) -> SchlageSource | None:
    """The Schlage source, for a Schlage lock where Home Assistant lists codes."""
    if lock_of_loaded(hass, lock_entity_id, DOMAIN) is None:
        return None
    if not hass.services.has_service(DOMAIN, SERVICE_GET_CODES):
        return None
    return SchlageSource(hass, lock_entity_id)
