"""Home risks: checks across all locks of the home (hub-level issues)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import (
    KEY_REACHABLE_FROM_OUTSIDE,
    Risk,
    RiskId,
    Severity,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ..models import LockFacts


def no_fallback_entry(locks: Sequence[LockFacts]) -> Risk | None:
    """Flag a home where no entry path works without electronics.

    A keyed main entrance is enough; otherwise another keyed door helps only when its
    key can be fetched from outside.
    """
    if not locks:
        return None
    if any(lock.main_entrance and lock.has_key_override is True for lock in locks):
        return None
    if any(
        lock.has_key_override is True
        and lock.key_location in KEY_REACHABLE_FROM_OUTSIDE
        for lock in locks
    ):
        return None
    return Risk(
        risk_id=RiskId.NO_FALLBACK_ENTRY,
        severity=Severity.ERROR,
        placeholders={
            "main_entrance": ", ".join(
                lock.name for lock in locks if lock.main_entrance
            )
        },
    )


def unmonitored_locks(
    present_locks: Iterable[str], monitored: Iterable[str], ignored: Iterable[str]
) -> list[str]:
    """Return the sorted lock entity ids that are neither monitored nor ignored."""
    known = {*monitored, *ignored}
    return sorted(set(present_locks) - known)


def new_lock_found(
    present_locks: Iterable[str], monitored: Iterable[str], ignored: Iterable[str]
) -> Risk | None:
    """Flag lock entities the owner has neither monitored nor ignored."""
    unmonitored = unmonitored_locks(present_locks, monitored, ignored)
    if not unmonitored:
        return None
    return Risk(
        risk_id=RiskId.NEW_LOCK_FOUND,
        severity=Severity.WARNING,
        placeholders={"locks": ", ".join(unmonitored)},
    )


def alert_target_missing(missing_targets: Sequence[str]) -> Risk | None:
    """Flag notification targets that no longer exist: alerts would reach nobody.

    The common case is a phone renamed in the companion app: its notify service
    gets a new name, and the old one in the options points nowhere.
    """
    if not missing_targets:
        return None
    return Risk(
        risk_id=RiskId.ALERT_TARGET_MISSING,
        severity=Severity.ERROR,
        placeholders={"targets": ", ".join(missing_targets)},
    )
