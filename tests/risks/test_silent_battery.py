"""A silent battery keeps its last known level and flag, before and after new cells.

Every combination of level, low flag, replacement and silence: the battery risk a
lock ends up with after its battery went quiet is the one its last report earned,
unless that report is older than the new batteries.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import itertools

import pytest

from custom_components.lockout_guard.core.last_known_battery import (
    LastKnownBattery,
    carry_last_known,
)
from custom_components.lockout_guard.core.models import (
    BatteryReading,
    BatterySource,
    Confirmations,
    Readings,
    RiskId,
)
from custom_components.lockout_guard.core.risks import awaiting_new_battery_report
from custom_components.lockout_guard.core.risks.battery import (
    battery_critical,
    battery_low,
)

from .helpers import NOW, make_ctx

REPORTED = NOW - timedelta(minutes=20)
WENT_SILENT = NOW - timedelta(minutes=10)

# What a report earns, with the default thresholds (low 30, critical 15).
# Keys: (level, low flag); None is "this source has no such value".
EARNED: dict[tuple[float | None, bool | None], RiskId | None] = {
    (9, True): RiskId.BATTERY_CRITICAL,
    (9, False): RiskId.BATTERY_CRITICAL,
    (9, None): RiskId.BATTERY_CRITICAL,
    (25, True): RiskId.BATTERY_CRITICAL,
    (25, False): RiskId.BATTERY_LOW,
    (25, None): RiskId.BATTERY_LOW,
    (80, True): RiskId.BATTERY_CRITICAL,
    (80, False): None,
    (80, None): None,
    (None, True): RiskId.BATTERY_CRITICAL,
    (None, False): None,
    (None, None): None,
}

# When new batteries went in, relative to the report; whether the report counts.
REPLACEMENTS: dict[str, tuple[datetime | None, bool]] = {
    "never-replaced": (None, True),
    "replaced-before-the-report": (REPORTED - timedelta(minutes=1), True),
    "replaced-after-the-report": (REPORTED + timedelta(minutes=1), False),
}

# What went quiet after the report: the level, the flag, or both.
SILENCES: dict[str, tuple[bool, bool]] = {
    "still-reporting": (False, False),
    "level-silent": (True, False),
    "flag-silent": (False, True),
    "all-silent": (True, True),
}


def _source(level: float | None, low_flag: bool | None) -> BatterySource:
    if level is not None:
        return BatterySource.SENSOR
    return BatterySource.NONE if low_flag is None else BatterySource.LOW_FLAG


def _after_silence(
    level: float | None, low_flag: bool | None, silence: tuple[bool, bool]
) -> BatteryReading:
    """The report, then the reading once the silent parts went quiet."""
    level_silent, flag_silent = silence
    source = _source(level, low_flag)
    report = BatteryReading(
        source=source,
        level=level,
        low_flag=low_flag,
        last_reported=REPORTED if source is not BatterySource.NONE else None,
        low_flag_reported=REPORTED if low_flag is not None else None,
    )
    _, known = carry_last_known(report, LastKnownBattery())
    # The source is silent when its main value is: the level, or a lone flag's.
    source_silent = (
        level_silent if level is not None else flag_silent and low_flag is not None
    )
    quiet = BatteryReading(
        source=source,
        level=None if level_silent else level,
        low_flag=None if flag_silent else low_flag,
        silent_since=WENT_SILENT if source_silent else None,
        last_reported=None if source_silent else report.last_reported,
        low_flag_reported=None if flag_silent else report.low_flag_reported,
    )
    reading, _ = carry_last_known(quiet, known)
    return reading


def _battery_risk(
    reading: BatteryReading, replaced_at: datetime | None
) -> RiskId | None:
    ctx = make_ctx(
        readings=Readings(battery=reading),
        confirmations=Confirmations(battery_replaced_at=replaced_at),
    )
    raised = [risk for risk in (battery_low(ctx), battery_critical(ctx)) if risk]
    assert len(raised) <= 1, "one battery issue at a time"
    return raised[0].risk_id if raised else None


@pytest.mark.parametrize(
    ("values", "replacement", "silence"),
    list(itertools.product(EARNED, REPLACEMENTS, SILENCES)),
    ids=lambda part: "-".join(str(v) for v in part)
    if isinstance(part, tuple)
    else part,
)
def test_silence_keeps_what_the_last_report_earned(
    values: tuple[float | None, bool | None], replacement: str, silence: str
) -> None:
    level, low_flag = values
    replaced_at, report_counts = REPLACEMENTS[replacement]
    reading = _after_silence(level, low_flag, SILENCES[silence])
    expected = EARNED[values] if report_counts else None
    assert _battery_risk(reading, replaced_at) is expected
    # Silence keeps the values and the times they were reported.
    assert reading.level == level
    assert reading.low_flag is low_flag
    if level is not None:
        assert reading.last_reported == REPORTED
    # Awaiting new cells' report: replaced, and nothing reported since.
    reported_since = report_counts and values != (None, None)
    assert awaiting_new_battery_report(replaced_at, reading) is (
        replaced_at is not None and not reported_since
    )


def test_a_flag_cleared_while_the_level_was_silent_is_not_brought_back() -> None:
    # 1. Level 80 with the flag on; 2. the level goes quiet and the flag goes off;
    # 3. the flag goes quiet too: the last thing it said is "off".
    known = LastKnownBattery()
    on = BatteryReading(
        source=BatterySource.SENSOR,
        level=80,
        low_flag=True,
        last_reported=REPORTED,
        low_flag_reported=REPORTED,
    )
    reading, known = carry_last_known(on, known)
    assert _battery_risk(reading, None) is RiskId.BATTERY_CRITICAL
    off_while_silent = BatteryReading(
        source=BatterySource.SENSOR,
        low_flag=False,
        silent_since=WENT_SILENT,
        low_flag_reported=WENT_SILENT,
    )
    reading, known = carry_last_known(off_while_silent, known)
    assert reading.level == 80
    assert _battery_risk(reading, None) is None
    all_quiet = BatteryReading(source=BatterySource.SENSOR, silent_since=WENT_SILENT)
    reading, known = carry_last_known(all_quiet, known)
    assert reading.low_flag is False
    assert reading.low_flag_reported == WENT_SILENT
    assert _battery_risk(reading, None) is None


def test_an_old_flag_does_not_count_once_new_cells_report_a_level() -> None:
    # The flag said "low" before the swap and has not spoken since; the level has.
    replaced_at = REPORTED
    reading = BatteryReading(
        source=BatterySource.SENSOR,
        level=95,
        low_flag=True,
        last_reported=REPORTED + timedelta(minutes=5),
        low_flag_reported=REPORTED - timedelta(hours=3),
    )
    assert _battery_risk(reading, replaced_at) is None
    # A flag that says "low" after the swap is a danger again.
    fresh_flag = BatteryReading(
        source=BatterySource.SENSOR,
        level=95,
        low_flag=True,
        last_reported=REPORTED + timedelta(minutes=5),
        low_flag_reported=REPORTED + timedelta(minutes=6),
    )
    assert _battery_risk(fresh_flag, replaced_at) is RiskId.BATTERY_CRITICAL


def test_a_new_value_replaces_the_known_one_with_its_time() -> None:
    known = LastKnownBattery(
        level=9, level_reported=REPORTED, low_flag=True, low_flag_reported=REPORTED
    )
    later = REPORTED + timedelta(minutes=1)
    reading, now_known = carry_last_known(
        BatteryReading(
            source=BatterySource.SENSOR,
            level=60,
            low_flag=False,
            last_reported=later,
            low_flag_reported=later,
        ),
        known,
    )
    assert now_known == LastKnownBattery(
        level=60, level_reported=later, low_flag=False, low_flag_reported=later
    )
    assert (reading.level, reading.low_flag) == (60, False)
