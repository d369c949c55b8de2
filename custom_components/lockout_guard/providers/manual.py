"""Manual declaration: the owner said how many app users the lock has."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.models import BackupPin, LockFacts

from .base import CodeCount, CodeSource

SOURCE = "manual"


def declared(facts: LockFacts) -> bool:
    """Whether the owner declared app users or a backup PIN for the lock."""
    return facts.app_users is not None or facts.backup_pin is not BackupPin.AUTO


class ManualSource(CodeSource):
    """The subentry facts ``app_users`` and ``backup_pin``; no device is read.

    A declared backup PIN says yes or no, not how many codes: the code count stays
    unknown and the risk rules read the declaration itself.
    """

    source = SOURCE
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
