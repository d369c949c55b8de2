"""Tests of the lockout plan: state, recovery steps, next check and the engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import partial

import pytest

from custom_components.lockout_guard.core.models import (
    BackupPin,
    BatteryReading,
    BatterySource,
    Confirmations,
    Design,
    EmergencyPower,
    FactoryKey,
    KeyLocation,
    Keyway,
    LockAssessment,
    LockFacts,
    LockPresence,
    Options,
    PlanState,
    Readings,
    RecoveryStep,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks import (
    LOCK_RULES,
    Rule,
    evaluate_lock,
    home_plan,
    plan_state,
)
from custom_components.lockout_guard.core.risks.backup_access import (
    alert_never_tested,
    backup_key_unverified,
)
from custom_components.lockout_guard.core.risks.plan import next_due, recovery_steps

from .helpers import NOW, TODAY, make_ctx, risk

_lock = partial(LockFacts, name="Front door")
KEY_OFFSITE = _lock(design=Design.RETROFIT, key_location=KeyLocation.OFFSITE)
WARNING = risk(RiskId.SINGLE_APP_USER, Severity.WARNING, app_users="1")
ERROR = risk(RiskId.LOCK_JAMMED, Severity.ERROR)
CRITICAL = risk(RiskId.BATTERY_CRITICAL, Severity.CRITICAL)


@pytest.mark.parametrize(
    ("risks", "expected"),
    [
        pytest.param((), PlanState.READY, id="no-risks"),
        pytest.param((WARNING,), PlanState.ATTENTION, id="warning"),
        pytest.param((WARNING, ERROR), PlanState.AT_RISK, id="error"),
        pytest.param((CRITICAL, WARNING), PlanState.CRITICAL, id="critical"),
    ],
)
def test_plan_state(risks: tuple[Risk, ...], expected: PlanState) -> None:
    assert plan_state(risks) == expected


@pytest.mark.parametrize(
    ("lock_plans", "hub_risks", "expected"),
    [
        pytest.param([], [], PlanState.READY, id="empty"),
        pytest.param(
            [PlanState.READY, PlanState.ATTENTION], [], PlanState.ATTENTION, id="lock"
        ),
        pytest.param([PlanState.READY], [ERROR], PlanState.AT_RISK, id="hub-risk"),
        pytest.param(
            [PlanState.CRITICAL, PlanState.READY],
            [WARNING],
            PlanState.CRITICAL,
            id="lock-worse-than-hub",
        ),
    ],
)
def test_home_plan(
    lock_plans: list[PlanState], hub_risks: list[Risk], expected: PlanState
) -> None:
    assert home_plan(lock_plans, hub_risks) == expected


@pytest.mark.parametrize(
    ("facts", "readings", "expected"),
    [
        pytest.param(
            _lock(),
            Readings(),
            (RecoveryStep.APP_UNLOCK, RecoveryStep.LOCKSMITH),
            id="nothing-known",
        ),
        pytest.param(
            _lock(
                design=Design.RETROFIT,
                key_location=KeyLocation.OFFSITE,
                emergency_power=EmergencyPower.USB,
                app_users=2,
                model_number="SL-1",
                support_phone="+1 800 000 0000",
            ),
            Readings(),
            tuple(RecoveryStep),
            id="everything-in-order",
        ),
        pytest.param(
            _lock(emergency_power=EmergencyPower.NINE_VOLT_TERMINAL),
            Readings(users=3),
            (
                RecoveryStep.EMERGENCY_POWER,
                RecoveryStep.APP_UNLOCK,
                RecoveryStep.SECOND_APP_USER,
                RecoveryStep.LOCKSMITH,
            ),
            id="counted-users",
        ),
        pytest.param(
            _lock(app_users=0), Readings(), (RecoveryStep.LOCKSMITH,), id="no-users"
        ),
        pytest.param(
            _lock(), Readings(users=0), (RecoveryStep.LOCKSMITH,), id="counted-0"
        ),
        pytest.param(
            _lock(app_users=0),
            Readings(users=3),
            (RecoveryStep.LOCKSMITH,),
            id="declared-0-wins",
        ),
        pytest.param(
            _lock(app_users=1),
            Readings(),
            (RecoveryStep.APP_UNLOCK, RecoveryStep.LOCKSMITH),
            id="one-user",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.INSIDE_ONLY),
            Readings(),
            (RecoveryStep.APP_UNLOCK, RecoveryStep.LOCKSMITH),
            id="key-inside",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, key_location=KeyLocation.LOCKBOX),
            Readings(),
            (RecoveryStep.APP_UNLOCK, RecoveryStep.LOCKSMITH),
            id="keyless-with-key-location",
        ),
        pytest.param(
            _lock(
                design=Design.DEADBOLT_WITH_KEY,
                key_location=KeyLocation.HIDDEN_OUTSIDE,
                model_number="SL-1",
                support_phone=" ",
            ),
            Readings(),
            (
                RecoveryStep.APP_UNLOCK,
                RecoveryStep.PHYSICAL_KEY,
                RecoveryStep.LOCKSMITH,
            ),
            id="hidden-key-no-support-phone",
        ),
    ],
)
def test_recovery_steps(
    facts: LockFacts, readings: Readings, expected: tuple[RecoveryStep, ...]
) -> None:
    assert recovery_steps(make_ctx(facts, readings)) == expected


def _midnight(days_from_today: int) -> datetime:
    return datetime.combine(
        TODAY + timedelta(days=days_from_today), datetime.min.time(), tzinfo=UTC
    )


def _battery(
    silent_since: datetime | None = None, last_reported: datetime | None = None
) -> Readings:
    return Readings(
        battery=BatteryReading(
            source=BatterySource.SENSOR,
            silent_since=silent_since,
            last_reported=last_reported,
        )
    )


@pytest.mark.parametrize(
    ("facts", "readings", "confirmations", "expected"),
    [
        pytest.param(_lock(), Readings(), Confirmations(), None, id="nothing-timed"),
        pytest.param(
            _lock(),
            Readings(unavailable_since=NOW - timedelta(minutes=10)),
            Confirmations(),
            NOW + timedelta(minutes=20),
            id="unavailable-grace",
        ),
        pytest.param(
            _lock(),
            Readings(unavailable_since=NOW - timedelta(minutes=30)),
            Confirmations(),
            None,
            id="unavailable-already-due",
        ),
        pytest.param(
            _lock(),
            Readings(
                unavailable_since=NOW - timedelta(minutes=10),
                presence=LockPresence.MISSING,
            ),
            Confirmations(),
            None,
            id="unavailable-lock-missing",
        ),
        pytest.param(
            _lock(),
            _battery(silent_since=NOW - timedelta(minutes=5)),
            Confirmations(),
            NOW + timedelta(minutes=25),
            id="battery-silent-grace",
        ),
        pytest.param(
            _lock(),
            _battery(last_reported=NOW - timedelta(hours=1)),
            Confirmations(),
            NOW + timedelta(hours=47),
            id="battery-silence",
        ),
        pytest.param(
            _lock(),
            Readings(battery=BatteryReading(last_reported=NOW - timedelta(hours=1))),
            Confirmations(),
            None,
            id="battery-without-source",
        ),
        pytest.param(
            KEY_OFFSITE,
            Readings(),
            Confirmations(key_verified=TODAY - timedelta(days=10)),
            _midnight(170),
            id="key-reverify",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, key_location=KeyLocation.OFFSITE),
            Readings(),
            Confirmations(key_verified=TODAY),
            None,
            id="key-on-keyless-lock",
        ),
        pytest.param(
            _lock(),
            Readings(),
            Confirmations(drill_confirmed=TODAY - timedelta(days=179)),
            _midnight(1),
            id="drill-reverify",
        ),
        pytest.param(
            _lock(),
            Readings(),
            Confirmations(drill_confirmed=TODAY, drill_failed=True),
            None,
            id="drill-failed",
        ),
        pytest.param(
            KEY_OFFSITE,
            Readings(
                unavailable_since=NOW - timedelta(minutes=1),
                battery=BatteryReading(source=BatterySource.SENSOR, last_reported=NOW),
            ),
            Confirmations(key_verified=TODAY, drill_confirmed=TODAY),
            NOW + timedelta(minutes=29),
            id="earliest-wins",
        ),
    ],
)
def test_next_due(
    facts: LockFacts,
    readings: Readings,
    confirmations: Confirmations,
    expected: datetime | None,
) -> None:
    assert next_due(make_ctx(facts, readings, confirmations)) == expected


def test_next_due_is_midnight_in_the_zone_of_now() -> None:
    """A confirmation expires when the owner's day changes, not UTC's."""
    new_york = timezone(timedelta(hours=-4))
    now = datetime(2025, 6, 15, 22, 0, tzinfo=new_york)  # already the 16th in UTC
    ctx = make_ctx(
        confirmations=Confirmations(drill_confirmed=now.date()),
        options=Options(reverify_days=1),
        now=now,
    )
    assert next_due(ctx) == datetime(2025, 6, 16, tzinfo=new_york)


@pytest.mark.parametrize(
    ("confirmations", "rule"),
    [
        pytest.param(
            Confirmations(key_verified=TODAY), backup_key_unverified, id="key"
        ),
        pytest.param(
            Confirmations(drill_confirmed=TODAY), alert_never_tested, id="drill"
        ),
    ],
)
def test_next_due_is_when_the_rule_flips(
    confirmations: Confirmations, rule: Rule
) -> None:
    """The rule holds until just before next_due and fires exactly at it."""
    due = next_due(make_ctx(KEY_OFFSITE, confirmations=confirmations))
    assert due is not None
    just_before = make_ctx(
        KEY_OFFSITE, confirmations=confirmations, now=due - timedelta(microseconds=1)
    )
    at_due = make_ctx(KEY_OFFSITE, confirmations=confirmations, now=due)
    assert rule(just_before) is None
    assert rule(at_due) is not None


def test_lock_rules_follow_spec_order() -> None:
    """Findings come out in SPEC order: the order of RiskId without hub risks."""
    per_lock = [
        risk_id
        for risk_id in RiskId
        if risk_id
        not in (
            RiskId.NO_FALLBACK_ENTRY,
            RiskId.NEW_LOCK_FOUND,
            RiskId.ALERT_TARGET_MISSING,
        )
    ]
    assert [rule.__name__ for rule in LOCK_RULES] == [str(r) for r in per_lock]


def test_evaluate_lock_ready() -> None:
    """A lock set up with every recommended backup has a ready plan."""
    facts = _lock(
        main_entrance=True,
        design=Design.DEADBOLT_WITH_KEY,
        keyway=Keyway.STANDARD,
        key_location=KeyLocation.TRUSTED_PERSON,
        emergency_power=EmergencyPower.USB,
        backup_pin=BackupPin.AUTO,
        model_number="BE489WB",
        support_phone="+1 888 805 9837",
        factory_key_kept=FactoryKey.YES,
        keys_in_circulation=2,
    )
    readings = Readings(
        state="locked",
        has_keypad=True,
        battery=BatteryReading(
            source=BatterySource.SENSOR, level=80, last_reported=NOW
        ),
        users=2,
        codes=2,
    )
    confirmations = Confirmations(
        key_verified=TODAY - timedelta(days=100),
        drill_confirmed=TODAY - timedelta(days=10),
    )
    assert evaluate_lock(facts, readings, confirmations, Options(), NOW) == (
        LockAssessment(
            risks=(),
            plan=PlanState.READY,
            recovery_steps=tuple(RecoveryStep),
            next_due=NOW + timedelta(hours=48),
        )
    )


def test_evaluate_lock_worst_case() -> None:
    """A keyless lock knowing nothing, flat and jammed, is critical."""
    readings = Readings(
        state="jammed",
        battery=BatteryReading(source=BatterySource.SENSOR, level=3),
    )
    assessment = evaluate_lock(
        _lock(design=Design.KEYLESS),
        readings,
        Confirmations(reset_pending=True),
        Options(),
        NOW,
    )
    assert [(found.risk_id, found.severity) for found in assessment.risks] == [
        (RiskId.BATTERY_CRITICAL, Severity.CRITICAL),
        (RiskId.LOCK_JAMMED, Severity.ERROR),
        (RiskId.SINGLE_APP_USER, Severity.WARNING),
        (RiskId.NO_BACKUP_PIN, Severity.WARNING),
        (RiskId.ALERT_NEVER_TESTED, Severity.WARNING),
        (RiskId.SUPPORT_INFO_MISSING, Severity.WARNING),
        (RiskId.LOCKSMITH_NOT_RESEARCHED, Severity.WARNING),
        (RiskId.CODES_CLEARED, Severity.ERROR),
    ]
    assert assessment.plan is PlanState.CRITICAL
    assert assessment.recovery_steps == (
        RecoveryStep.APP_UNLOCK,
        RecoveryStep.LOCKSMITH,
    )
    assert assessment.next_due is None
