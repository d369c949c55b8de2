"""Manual declaration: the owner said how many app users the lock has."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.core.models import LockFacts

from .base import CodeCount, CodeSource

SOURCE = "manual"


def declared(facts: LockFacts) -> bool:
    """Whether the owner declared how many app users the lock has.

    A declared backup PIN is no count: the risk rules read it from the facts, and
    without a declared user count nothing knows the users.
    """
    return facts.app_users is not None


class ManualSource(CodeSource):
    """The subentry fact ``app_users``; no device is read, no code is known."""

    source = SOURCE
    # The owner's answer is no reading of the lock: it never signals a reset.
    reads_device = False

    def __init__(
        self, hass: HomeAssistant, lock_entity_id: str, facts: LockFacts
    ) -> None:
        """Count from the owner's declaration."""
        super().__init__(hass, lock_entity_id)
        self._facts = facts

    async def async_count(self) -> CodeCount:
        """The declared app users."""
        return CodeCount(
            source=SOURCE,
            users=self._facts.app_users,
            codes=None,
            counted_at=dt_util.utcnow(),
        )
