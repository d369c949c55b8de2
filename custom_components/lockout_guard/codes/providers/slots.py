"""Count code slots from the "active" binary sensors of a code manager.

Keymaster and Lock Code Manager both keep one binary sensor per slot that is on
while the slot's code is in force; they know codes, not app users.
"""

from __future__ import annotations

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .base import CodeCount, CodeSource, CodeSourceError, CodeTriggers


class SlotSource(CodeSource):
    """Counts the slots whose "active" sensor is on."""

    def __init__(
        self,
        hass: HomeAssistant,
        lock_entity_id: str,
        source: str,
        entity_ids: frozenset[str],
    ) -> None:
        """Count the given slot sensors under the manager's name."""
        super().__init__(hass, lock_entity_id)
        self.source = source
        self._entity_ids = entity_ids

    async def async_count(self) -> CodeCount:
        """Slots that are on; unknown (an error) when no slot reports at all.

        A slot that is unavailable or unknown says nothing; when none says
        anything the manager is not running, which is not zero codes.
        """
        active = 0
        answered = False
        for entity_id in self._entity_ids:
            state = self.hass.states.get(entity_id)
            if state is None or state.state not in (STATE_ON, STATE_OFF):
                continue
            answered = True
            active += state.state == STATE_ON
        if not answered:
            raise CodeSourceError("no slot reports")
        return CodeCount(
            source=self.source, users=None, codes=active, counted_at=dt_util.utcnow()
        )

    def triggers(self) -> CodeTriggers:
        """A slot turning on or off changes the count."""
        return CodeTriggers(entity_ids=self._entity_ids)
