"""The lockout plan: its state, the ways back in, and when to look again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import (
    KEY_REACHABLE_FROM_OUTSIDE,
    BatterySource,
    PlanState,
    RecoveryStep,
    Severity,
)
from .context import recorded

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

    from ..models import Risk
    from .context import LockContext

_PLAN_BY_SEVERITY = {
    Severity.WARNING: PlanState.ATTENTION,
    Severity.ERROR: PlanState.AT_RISK,
    Severity.CRITICAL: PlanState.CRITICAL,
}
# PlanState lists its members from best to worst.
_PLAN_ORDER = tuple(PlanState)


def _worst(states: Iterable[PlanState]) -> PlanState:
    return max(states, key=_PLAN_ORDER.index, default=PlanState.READY)


def plan_state(risks: Iterable[Risk]) -> PlanState:
    """Return the plan state that the worst of ``risks`` leads to."""
    return _worst(_PLAN_BY_SEVERITY[risk.severity] for risk in risks)


def home_plan(lock_plans: Iterable[PlanState], hub_risks: Iterable[Risk]) -> PlanState:
    """Return the home's plan state: the worst of all locks and the hub's risks."""
    return _worst((*lock_plans, plan_state(hub_risks)))


def recovery_steps(ctx: LockContext) -> tuple[RecoveryStep, ...]:
    """Return the ways back in that this lock offers, cheapest first."""
    facts = ctx.facts
    users = ctx.app_users
    available = {
        RecoveryStep.EMERGENCY_POWER: facts.has_emergency_power,
        # An unknown user count still leaves the owner's own app to try.
        RecoveryStep.APP_UNLOCK: users != 0,
        RecoveryStep.SECOND_APP_USER: users is not None and users >= 2,
        RecoveryStep.PHYSICAL_KEY: facts.has_key_override is True
        and facts.key_location in KEY_REACHABLE_FROM_OUTSIDE,
        RecoveryStep.MANUFACTURER_SUPPORT: recorded(facts.model_number)
        and recorded(facts.support_phone),
        RecoveryStep.LOCKSMITH: True,
    }
    return tuple(step for step in RecoveryStep if available[step])


def _deadlines(ctx: LockContext) -> Iterator[datetime]:
    """Yield the moments at which a time-based rule that applies may change."""
    readings = ctx.readings
    battery = readings.battery
    # A missing lock's readings are not evaluated; a battery without a source is
    # reported as not reporting whatever its timestamps say.
    if not ctx.lock_missing:
        if readings.unavailable_since is not None:
            yield readings.unavailable_since + ctx.unavailable_grace
        if battery.source is not BatterySource.NONE:
            if battery.silent_since is not None:
                yield battery.silent_since + ctx.unavailable_grace
            if battery.last_reported is not None:
                yield battery.last_reported + ctx.battery_silence
    confirmations = ctx.confirmations
    if ctx.backup_key_declared and (verified := ctx.key_verified_since_rekey):
        yield ctx.reverify_at(verified)
    # A failed drill keeps its risk open until a new drill, whatever the date.
    if not confirmations.drill_failed and confirmations.drill_confirmed is not None:
        yield ctx.reverify_at(confirmations.drill_confirmed)


def next_due(ctx: LockContext) -> datetime | None:
    """Return the next moment after ``now`` to re-evaluate the lock, if any."""
    return min((due for due in _deadlines(ctx) if due > ctx.now), default=None)
