"""Battery risks: dead batteries are the most common cause of a lockout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import BatterySource, Risk, RiskId, Severity

if TYPE_CHECKING:
    from .context import LockContext


def _level_critical(ctx: LockContext) -> bool:
    level = ctx.battery_level
    return level is not None and level <= ctx.options.critical_battery


def _critical(ctx: LockContext) -> bool:
    # Sources that only say low/not low (e.g. Nuki) give no level: trust the flag.
    return ctx.battery_low_flag is True or _level_critical(ctx)


def battery_low(ctx: LockContext) -> Risk | None:
    """Flag a battery at or below the low threshold, but not yet critical.

    New batteries are in when the owner says so or a jump shows it: the level from
    before them only says what they replaced, so it does not count. Many locks
    report the battery rarely (Z-Wave wake-up): the next report decides.
    """
    level = ctx.battery_level
    if (
        ctx.lock_missing
        or level is None
        or level > ctx.low_threshold
        # Critical supersedes low: one battery issue at a time.
        or _critical(ctx)
    ):
        return None
    return Risk(
        risk_id=RiskId.BATTERY_LOW,
        severity=Severity.WARNING,
        placeholders={
            # Which battery: the lock's own, or its separate keypad's.
            "battery": ctx.weaker_battery.part.value,
            "battery_level": str(round(level)),
            "threshold": str(ctx.low_threshold),
        },
    )


def battery_critical(ctx: LockContext) -> Risk | None:
    """Flag a battery at or below the critical threshold, or a low flag that is on.

    A silent source keeps its last known level and flag: silence hides nothing.
    """
    if ctx.lock_missing or not _critical(ctx):
        return None
    level = ctx.battery_level
    return Risk(
        risk_id=RiskId.BATTERY_CRITICAL,
        severity=ctx.escalated(Severity.ERROR, Severity.CRITICAL),
        placeholders={
            "battery": ctx.weaker_battery.part.value,
            "battery_level": (
                str(round(level))
                if level is not None and _level_critical(ctx)
                else "low"
            ),
            "threshold": str(ctx.options.critical_battery),
        },
    )


def battery_not_reporting(ctx: LockContext) -> Risk | None:
    """Flag a missing battery source, a silent one, or no report for too long."""
    battery = ctx.readings.battery
    if ctx.lock_missing or not (
        battery.source is BatterySource.NONE
        or ctx.elapsed(battery.silent_since, ctx.unavailable_grace)
        or ctx.elapsed(battery.last_reported, ctx.battery_silence)
    ):
        return None
    return Risk(
        risk_id=RiskId.BATTERY_NOT_REPORTING,
        severity=Severity.WARNING,
        placeholders={"hours": str(ctx.options.battery_silence_hours)},
    )
