"""The pure risk engine: turns facts, readings and confirmations into risks.

Nothing here imports Home Assistant; the integration adapts its state to these
functions and their findings back to repairs, entities and events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import LockAssessment
from .backup_access import (
    alert_never_tested,
    backup_key_unverified,
    key_hidden_outside,
    locksmith_not_researched,
    no_backup_pin,
    no_offsite_key,
    restricted_key_card,
    single_app_user,
    support_info_missing,
)
from .battery import battery_critical, battery_low, battery_not_reporting
from .codes import codes_cleared
from .context import (
    LockContext,
    Rule,
    awaiting_new_battery_report,
    battery_report_awaited,
    current_battery_level,
    current_low_flag,
    keypad_battery,
    lock_battery,
    weaker_battery,
)
from .home import (
    alert_target_missing,
    new_lock_found,
    no_fallback_entry,
    unmonitored_locks,
)
from .key_control import (
    many_keys_in_circulation,
    no_factory_key,
    rekey_recommended,
    smartkey_first_generation,
)
from .lock_state import lock_jammed, lock_unavailable, monitored_lock_missing
from .plan import home_plan, next_due, plan_state, recovery_steps

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from ..models import (
        Confirmations,
        LockFacts,
        Options,
        Readings,
        Risk,
    )

__all__ = [
    "LOCK_RULES",
    "LockContext",
    "Rule",
    "awaiting_new_battery_report",
    "battery_report_awaited",
    "current_battery_level",
    "current_low_flag",
    "evaluate_home",
    "evaluate_lock",
    "home_plan",
    "keypad_battery",
    "lock_battery",
    "plan_state",
    "unmonitored_locks",
    "weaker_battery",
]

# Per-lock rules in the order of SPEC §4; findings keep this order.
LOCK_RULES: tuple[Rule, ...] = (
    battery_low,
    battery_critical,
    battery_not_reporting,
    lock_jammed,
    lock_unavailable,
    no_offsite_key,
    key_hidden_outside,
    single_app_user,
    no_backup_pin,
    alert_never_tested,
    support_info_missing,
    locksmith_not_researched,
    restricted_key_card,
    backup_key_unverified,
    codes_cleared,
    monitored_lock_missing,
    rekey_recommended,
    no_factory_key,
    many_keys_in_circulation,
    smartkey_first_generation,
)


def evaluate_lock(
    facts: LockFacts,
    readings: Readings,
    confirmations: Confirmations,
    options: Options,
    now: datetime,
) -> LockAssessment:
    """Assess one lock at ``now`` (timezone-aware): risks, plan, steps, next check."""
    ctx = LockContext(facts, readings, confirmations, options, now)
    risks = tuple(risk for rule in LOCK_RULES if (risk := rule(ctx)) is not None)
    return LockAssessment(
        risks=risks,
        plan=plan_state(risks),
        recovery_steps=recovery_steps(ctx),
        next_due=next_due(ctx),
    )


def evaluate_home(
    locks: Sequence[LockFacts],
    present_locks: Iterable[str],
    monitored: Iterable[str],
    ignored: Iterable[str],
    missing_targets: Sequence[str] = (),
) -> tuple[Risk, ...]:
    """Return the hub-level risks of the home.

    ``locks`` are the facts of every monitored lock; ``present_locks`` every lock
    entity id that exists; ``monitored`` and ``ignored`` the entity ids the owner
    has already decided about; ``missing_targets`` the configured notification
    targets that no longer exist.
    """
    risks = (
        no_fallback_entry(locks),
        new_lock_found(present_locks, monitored, ignored),
        alert_target_missing(missing_targets),
    )
    return tuple(risk for risk in risks if risk is not None)
