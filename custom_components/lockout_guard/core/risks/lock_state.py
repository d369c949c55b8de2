"""Lock state risks: a jammed, unreachable or removed lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Risk, RiskId, Severity

if TYPE_CHECKING:
    from .context import LockContext

# Home Assistant's LockState.JAMMED, spelled out to keep the engine free of it.
STATE_JAMMED = "jammed"


def lock_jammed(ctx: LockContext) -> Risk | None:
    """Flag a lock that reports a jammed bolt, in its state or by a jam signal."""
    readings = ctx.readings
    if ctx.lock_missing or (
        readings.state != STATE_JAMMED and not readings.jam_reported
    ):
        return None
    return Risk(risk_id=RiskId.LOCK_JAMMED, severity=Severity.ERROR)


def lock_unavailable(ctx: LockContext) -> Risk | None:
    """Flag a lock unavailable for at least the grace period."""
    if ctx.lock_missing or not ctx.elapsed(
        ctx.readings.unavailable_since, ctx.unavailable_grace
    ):
        return None
    return Risk(
        risk_id=RiskId.LOCK_UNAVAILABLE,
        severity=ctx.escalated(Severity.WARNING, Severity.ERROR),
        placeholders={"minutes": str(ctx.options.unavailable_minutes)},
    )


def monitored_lock_missing(ctx: LockContext) -> Risk | None:
    """Flag a monitored lock entity that no longer exists."""
    if not ctx.lock_missing:
        return None
    return Risk(risk_id=RiskId.MONITORED_LOCK_MISSING, severity=Severity.ERROR)
