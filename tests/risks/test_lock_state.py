"""Tests of the lock state risks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from custom_components.lockout_guard.core.models import (
    BatteryReading,
    BatterySource,
    Confirmations,
    Design,
    EmergencyPower,
    LockFacts,
    LockPresence,
    Options,
    Readings,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks import evaluate_lock
from custom_components.lockout_guard.core.risks.lock_state import (
    lock_jammed,
    lock_unavailable,
    monitored_lock_missing,
)

from .helpers import NOW, make_ctx, risk

KEYED = LockFacts(name="Front door", design=Design.DEADBOLT_WITH_KEY)
KEYLESS = LockFacts(name="Front door", design=Design.KEYLESS)
KEYLESS_USB = LockFacts(
    name="Front door", design=Design.KEYLESS, emergency_power=EmergencyPower.USB
)
JAMMED = risk(RiskId.LOCK_JAMMED, Severity.ERROR)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        pytest.param(Readings(state="jammed"), JAMMED, id="jammed"),
        pytest.param(Readings(state="locked"), None, id="locked"),
        pytest.param(Readings(state="unlocking"), None, id="unlocking"),
        pytest.param(Readings(state=None), None, id="no-state"),
        pytest.param(
            Readings(state="jammed", presence=LockPresence.MISSING),
            None,
            id="lock-missing",
        ),
        pytest.param(
            Readings(state="locked", jam_reported=True), JAMMED, id="jam-signal"
        ),
        pytest.param(
            Readings(state="jammed", jam_reported=True), JAMMED, id="state-and-signal"
        ),
        pytest.param(
            Readings(state=None, unavailable_since=NOW, jam_reported=True),
            JAMMED,
            id="jam-signal-lock-unavailable",
        ),
        pytest.param(
            Readings(state="locked", jam_reported=True, presence=LockPresence.MISSING),
            None,
            id="jam-signal-lock-missing",
        ),
    ],
)
def test_lock_jammed(readings: Readings, expected: Risk | None) -> None:
    assert lock_jammed(make_ctx(KEYED, readings)) == expected


def _unavailable_for(
    elapsed: timedelta, presence: LockPresence = LockPresence.PRESENT
) -> Readings:
    return Readings(unavailable_since=NOW - elapsed, presence=presence)


@pytest.mark.parametrize(
    ("facts", "readings", "options", "expected"),
    [
        pytest.param(KEYED, Readings(state="locked"), Options(), None, id="available"),
        pytest.param(
            KEYED,
            _unavailable_for(timedelta(minutes=29, seconds=59)),
            Options(),
            None,
            id="29m59s",
        ),
        pytest.param(
            KEYED,
            _unavailable_for(timedelta(minutes=30)),
            Options(),
            risk(RiskId.LOCK_UNAVAILABLE, Severity.WARNING, minutes="30"),
            id="30m-keyed",
        ),
        pytest.param(
            KEYLESS,
            _unavailable_for(timedelta(minutes=30)),
            Options(),
            risk(RiskId.LOCK_UNAVAILABLE, Severity.ERROR, minutes="30"),
            id="30m-keyless-escalated",
        ),
        pytest.param(
            KEYLESS_USB,
            _unavailable_for(timedelta(hours=3)),
            Options(),
            risk(RiskId.LOCK_UNAVAILABLE, Severity.WARNING, minutes="30"),
            id="keyless-emergency-power",
        ),
        pytest.param(
            KEYED,
            _unavailable_for(timedelta(minutes=5)),
            Options(unavailable_minutes=5),
            risk(RiskId.LOCK_UNAVAILABLE, Severity.WARNING, minutes="5"),
            id="custom-grace",
        ),
        pytest.param(
            KEYED,
            _unavailable_for(timedelta(hours=3), LockPresence.MISSING),
            Options(),
            None,
            id="lock-missing",
        ),
    ],
)
def test_lock_unavailable(
    facts: LockFacts, readings: Readings, options: Options, expected: Risk | None
) -> None:
    assert lock_unavailable(make_ctx(facts, readings, options=options)) == expected


@pytest.mark.parametrize(
    ("presence", "expected"),
    [
        pytest.param(LockPresence.PRESENT, None, id="present"),
        pytest.param(
            LockPresence.MISSING,
            risk(RiskId.MONITORED_LOCK_MISSING, Severity.ERROR),
            id="missing",
        ),
    ],
)
def test_monitored_lock_missing(presence: LockPresence, expected: Risk | None) -> None:
    assert monitored_lock_missing(make_ctx(readings=Readings(presence=presence))) == (
        expected
    )


@pytest.mark.parametrize("facts", [KEYED, KEYLESS, KEYLESS_USB])
def test_jam_signal_has_the_severity_of_a_jammed_state(facts: LockFacts) -> None:
    """Where the jam was reported does not change how bad it is."""
    by_state = lock_jammed(make_ctx(facts, Readings(state="jammed")))
    by_signal = lock_jammed(
        make_ctx(facts, Readings(state="unlocked", jam_reported=True))
    )
    assert by_signal == by_state == JAMMED


def test_missing_lock_keeps_only_facts_based_risks() -> None:
    """A removed lock's last readings raise nothing; the owner's facts still count."""
    readings = Readings(
        presence=LockPresence.MISSING,
        state="jammed",
        jam_reported=True,
        unavailable_since=NOW - timedelta(days=1),
        battery=BatteryReading(source=BatterySource.NONE, level=5, low_flag=True),
        users=3,
        codes=3,
    )
    assessment = evaluate_lock(KEYED, readings, Confirmations(), Options(), NOW)
    assert [found.risk_id for found in assessment.risks] == [
        RiskId.NO_OFFSITE_KEY,
        RiskId.ALERT_NEVER_TESTED,
        RiskId.SUPPORT_INFO_MISSING,
        RiskId.MONITORED_LOCK_MISSING,
        RiskId.NO_FACTORY_KEY,
    ]
