"""Tests of the battery risks."""

from __future__ import annotations

from dataclasses import replace
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
from custom_components.lockout_guard.core.risks.battery import (
    battery_critical,
    battery_low,
    battery_not_reporting,
)

from .helpers import NOW, make_ctx, risk

KEYED = LockFacts(name="Front door", design=Design.RETROFIT)
KEYLESS = LockFacts(name="Front door", design=Design.KEYLESS)
KEYLESS_9V = LockFacts(
    name="Front door",
    design=Design.KEYLESS,
    emergency_power=EmergencyPower.NINE_VOLT_TERMINAL,
)


def _sensor(level: float | None = None, low_flag: bool | None = None) -> Readings:
    return Readings(
        battery=BatteryReading(
            source=BatterySource.SENSOR,
            level=level,
            low_flag=low_flag,
            last_reported=NOW,
        )
    )


def _low(level: str, threshold: str = "30", battery: str = "lock") -> Risk:
    return risk(
        RiskId.BATTERY_LOW,
        Severity.WARNING,
        battery=battery,
        battery_level=level,
        threshold=threshold,
    )


def _critical(
    level: str, severity: Severity, threshold: str = "15", battery: str = "lock"
) -> Risk:
    return risk(
        RiskId.BATTERY_CRITICAL,
        severity,
        battery=battery,
        battery_level=level,
        threshold=threshold,
    )


@pytest.mark.parametrize(
    ("facts", "readings", "options", "expected"),
    [
        pytest.param(KEYED, _sensor(80), Options(), None, id="healthy"),
        pytest.param(KEYED, _sensor(31), Options(), None, id="31-above-low"),
        pytest.param(KEYED, _sensor(30.4), Options(), None, id="30.4-above-low"),
        pytest.param(KEYED, _sensor(30), Options(), _low("30"), id="30-at-low"),
        pytest.param(KEYED, _sensor(29.6), Options(), _low("30"), id="29.6-rounded"),
        pytest.param(KEYED, _sensor(16), Options(), _low("16"), id="16-low"),
        pytest.param(KEYED, _sensor(15), Options(), None, id="15-critical-not-low"),
        pytest.param(
            KEYED, _sensor(25, low_flag=True), Options(), None, id="flag-supersedes"
        ),
        pytest.param(
            KEYED, _sensor(25, low_flag=False), Options(), _low("25"), id="flag-off"
        ),
        pytest.param(
            LockFacts(name="Front door", low_battery=40),
            _sensor(40),
            Options(),
            _low("40", "40"),
            id="lock-override-at",
        ),
        pytest.param(
            LockFacts(name="Front door", low_battery=40),
            _sensor(41),
            Options(),
            None,
            id="lock-override-above",
        ),
        pytest.param(
            LockFacts(name="Front door", low_battery=20),
            _sensor(25),
            Options(),
            None,
            id="lock-override-lower",
        ),
        pytest.param(
            KEYED,
            _sensor(45),
            Options(low_battery=50),
            _low("45", "50"),
            id="hub-threshold",
        ),
        pytest.param(KEYED, _sensor(None), Options(), None, id="level-unknown"),
        pytest.param(
            KEYED,
            Readings(presence=LockPresence.MISSING, battery=_sensor(20).battery),
            Options(),
            None,
            id="lock-missing",
        ),
    ],
)
def test_battery_low(
    facts: LockFacts, readings: Readings, options: Options, expected: Risk | None
) -> None:
    assert battery_low(make_ctx(facts, readings, options=options)) == expected


@pytest.mark.parametrize(
    ("facts", "readings", "options", "expected"),
    [
        pytest.param(KEYED, _sensor(16), Options(), None, id="16-not-critical"),
        pytest.param(
            KEYED, _sensor(15), Options(), _critical("15", Severity.ERROR), id="15-at"
        ),
        pytest.param(
            KEYED, _sensor(0), Options(), _critical("0", Severity.ERROR), id="empty"
        ),
        pytest.param(
            KEYED,
            _sensor(20),
            Options(critical_battery=20),
            _critical("20", Severity.ERROR, "20"),
            id="hub-threshold",
        ),
        pytest.param(
            LockFacts(name="Front door", design=Design.RETROFIT, low_battery=10),
            _sensor(12),
            Options(),
            _critical("12", Severity.ERROR),
            id="lock-low-below-critical",
        ),
        pytest.param(
            KEYED,
            _sensor(None, low_flag=True),
            Options(),
            _critical("low", Severity.ERROR),
            id="flag-only-nuki",
        ),
        pytest.param(
            KEYED,
            _sensor(50, low_flag=True),
            Options(),
            _critical("low", Severity.ERROR),
            id="flag-level-above",
        ),
        pytest.param(
            KEYED,
            _sensor(10, low_flag=True),
            Options(),
            _critical("10", Severity.ERROR),
            id="flag-level-below",
        ),
        pytest.param(
            KEYED, _sensor(None, low_flag=False), Options(), None, id="flag-off"
        ),
        pytest.param(KEYED, _sensor(None), Options(), None, id="nothing-known"),
        pytest.param(
            KEYLESS,
            _sensor(15),
            Options(),
            _critical("15", Severity.CRITICAL),
            id="keyless-escalated",
        ),
        pytest.param(
            LockFacts(name="Front door"),
            _sensor(15),
            Options(),
            _critical("15", Severity.CRITICAL),
            id="unknown-design-escalated",
        ),
        pytest.param(
            KEYLESS_9V,
            _sensor(15),
            Options(),
            _critical("15", Severity.ERROR),
            id="keyless-emergency-power",
        ),
        pytest.param(
            LockFacts(name="Front door", design=Design.KEYLESS, key_override=True),
            _sensor(15),
            Options(),
            _critical("15", Severity.ERROR),
            id="declared-override",
        ),
        pytest.param(
            KEYED,
            Readings(presence=LockPresence.MISSING, battery=_sensor(5).battery),
            Options(),
            None,
            id="lock-missing",
        ),
    ],
)
def test_battery_critical(
    facts: LockFacts, readings: Readings, options: Options, expected: Risk | None
) -> None:
    assert battery_critical(make_ctx(facts, readings, options=options)) == expected


NOT_REPORTING = risk(RiskId.BATTERY_NOT_REPORTING, Severity.WARNING, hours="48")


@pytest.mark.parametrize(
    ("readings", "options", "expected"),
    [
        pytest.param(_sensor(80), Options(), None, id="fresh"),
        pytest.param(Readings(), Options(), NOT_REPORTING, id="no-source"),
        pytest.param(
            Readings(presence=LockPresence.MISSING),
            Options(),
            None,
            id="no-source-lock-missing",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.SENSOR,
                    silent_since=NOW - timedelta(minutes=29, seconds=59),
                )
            ),
            Options(),
            None,
            id="silent-29m59s",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.SENSOR,
                    silent_since=NOW - timedelta(minutes=30),
                )
            ),
            Options(),
            NOT_REPORTING,
            id="silent-30m",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.SENSOR,
                    silent_since=NOW - timedelta(minutes=10),
                )
            ),
            Options(unavailable_minutes=10),
            NOT_REPORTING,
            id="silent-custom-grace",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.ATTRIBUTE,
                    level=50,
                    last_reported=NOW - timedelta(hours=47, minutes=59, seconds=59),
                )
            ),
            Options(),
            None,
            id="last-report-47h59m59s",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.ATTRIBUTE,
                    level=50,
                    last_reported=NOW - timedelta(hours=48),
                )
            ),
            Options(),
            NOT_REPORTING,
            id="last-report-48h",
        ),
        pytest.param(
            Readings(
                battery=BatteryReading(
                    source=BatterySource.LOW_FLAG,
                    low_flag=False,
                    last_reported=NOW - timedelta(hours=24),
                )
            ),
            Options(battery_silence_hours=24),
            risk(RiskId.BATTERY_NOT_REPORTING, Severity.WARNING, hours="24"),
            id="last-report-custom-silence",
        ),
        pytest.param(
            Readings(
                presence=LockPresence.MISSING,
                battery=BatteryReading(
                    source=BatterySource.SENSOR,
                    last_reported=NOW - timedelta(days=5),
                ),
            ),
            Options(),
            None,
            id="stale-lock-missing",
        ),
    ],
)
def test_battery_not_reporting(
    readings: Readings, options: Options, expected: Risk | None
) -> None:
    assert battery_not_reporting(make_ctx(KEYED, readings, options=options)) == expected


@pytest.mark.parametrize(
    ("reported_minutes_after_replacement", "low_raised"),
    [(None, False), (-60, False), (0, False), (1, True)],
    ids=["no-report-yet", "report-before", "report-at-replacement", "report-after"],
)
def test_replaced_batteries_wait_for_the_next_report(
    reported_minutes_after_replacement: int | None, low_raised: bool
) -> None:
    replaced = NOW - timedelta(hours=1)
    reported = (
        None
        if reported_minutes_after_replacement is None
        else replaced + timedelta(minutes=reported_minutes_after_replacement)
    )
    ctx = make_ctx(
        readings=Readings(
            battery=BatteryReading(
                source=BatterySource.SENSOR, level=10, last_reported=reported
            )
        ),
        confirmations=Confirmations(battery_replaced_at=replaced),
    )
    assert (battery_critical(ctx) is not None) is low_raised
    assert battery_low(ctx) is None


def _with_keypad(
    lock: Readings, level: float | None = None, low_flag: bool | None = None
) -> Readings:
    return replace(
        lock,
        keypad_battery=BatteryReading(
            source=BatterySource.OVERRIDE,
            level=level,
            low_flag=low_flag,
            last_reported=NOW,
        ),
    )


@pytest.mark.parametrize(
    ("readings", "low", "critical"),
    [
        pytest.param(_with_keypad(_sensor(80), 90), None, None, id="both-healthy"),
        pytest.param(
            _with_keypad(_sensor(80), 20),
            _low("20", battery="keypad"),
            None,
            id="keypad-low",
        ),
        pytest.param(
            _with_keypad(_sensor(20), 80), _low("20"), None, id="lock-low-keypad-fine"
        ),
        pytest.param(
            _with_keypad(_sensor(25), 20),
            _low("20", battery="keypad"),
            None,
            id="both-low-keypad-weaker",
        ),
        pytest.param(
            _with_keypad(_sensor(20), 20), _low("20"), None, id="tie-names-the-lock"
        ),
        pytest.param(
            _with_keypad(_sensor(80), 10),
            None,
            _critical("10", Severity.ERROR, battery="keypad"),
            id="keypad-critical",
        ),
        pytest.param(
            _with_keypad(_sensor(80), low_flag=True),
            None,
            _critical("low", Severity.ERROR, battery="keypad"),
            id="keypad-flag-only",
        ),
        pytest.param(
            _with_keypad(_sensor(10), low_flag=False),
            None,
            _critical("10", Severity.ERROR),
            id="lock-critical-keypad-flag-off",
        ),
        pytest.param(
            _with_keypad(_sensor(20)), _low("20"), None, id="keypad-silent-lock-counts"
        ),
    ],
)
def test_the_weaker_of_lock_and_keypad_counts(
    readings: Readings, low: Risk | None, critical: Risk | None
) -> None:
    ctx = make_ctx(KEYED, readings)
    assert battery_low(ctx) == low
    assert battery_critical(ctx) == critical


def test_new_lock_batteries_do_not_hide_a_weak_keypad() -> None:
    # The lock's old 10 % does not count after new cells; the keypad is its own.
    replaced = NOW - timedelta(hours=1)
    lock = Readings(
        battery=BatteryReading(
            source=BatterySource.SENSOR, level=10, last_reported=replaced
        )
    )
    ctx = make_ctx(
        KEYED,
        _with_keypad(lock, 12),
        confirmations=Confirmations(battery_replaced_at=replaced),
    )
    assert battery_critical(ctx) == _critical("12", Severity.ERROR, battery="keypad")
