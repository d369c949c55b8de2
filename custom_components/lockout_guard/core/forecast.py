"""Battery forecast: how many days until a battery reaches the critical threshold.

Pure: nothing here imports Home Assistant. The input is the battery's recent history
as (time, level) samples; the output a drain fit, or None while the history says
too little. Battery reports are coarse (whole or ten-point steps), jitter a few
points with temperature and load, and sometimes stick at one value for weeks, so the
fit is built to shrug all of that off rather than to be precise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from typing import NamedTuple

# Cells warm up or recover a few points after a load, and coarse reporters step by
# ten; a rise of 20 points or more does not happen without fresh cells. It is
# measured from the highest of the last few reports: a lock that reports a sag under
# the motor's load and then its real level again has not had its cells replaced.
REPLACEMENT_JUMP = 20.0
REPLACEMENT_LOOKBACK = 3

# Only the recent drain counts: the discharge curve bends, and older samples describe
# a battery that no longer exists.
WINDOW = timedelta(days=60)

# Below this the "trend" is jitter: at least three different levels over two days,
# and a fitted drop of five points (reports wander by a few points either way).
MIN_LEVELS = 3
MIN_SPAN = timedelta(days=2)
MIN_DROP = 5.0

# Theil-Sen compares every pair of samples; thinning keeps that cheap for a sensor
# that reports every few minutes, without changing the median noticeably.
MAX_FIT_POINTS = 200

_DAY_SECONDS = 86400.0


class BatterySample(NamedTuple):
    """One battery report: when, and the level in percent."""

    at: datetime
    level: float


@dataclass(frozen=True, kw_only=True)
class DrainFit:
    """A robust straight line through the recent levels.

    ``level`` is the fitted level at ``at`` (the last sample used); the battery loses
    ``drain_per_day`` points a day (always positive).
    """

    level: float
    at: datetime
    drain_per_day: float

    def days_until(self, threshold: float, now: datetime) -> float:
        """Days from ``now`` until the fitted line crosses ``threshold`` (>= 0)."""
        days_from_fit = (self.level - threshold) / self.drain_per_day
        elapsed = (now - self.at).total_seconds() / _DAY_SECONDS
        return max(0.0, days_from_fit - elapsed)


def is_replacement(previous: Sequence[float], level: float) -> bool:
    """Whether ``level`` after the ``previous`` levels means fresh batteries went in.

    Without earlier levels (a first report) there is nothing to jump from.
    """
    recent = previous[-REPLACEMENT_LOOKBACK:]
    return bool(recent) and level - max(recent) >= REPLACEMENT_JUMP


def current_batteries(samples: Sequence[BatterySample]) -> list[BatterySample]:
    """The samples since the last jump upwards (the batteries now in the lock)."""
    start = 0
    levels = [sample.level for sample in samples]
    for index in range(1, len(samples)):
        if is_replacement(levels[start:index], levels[index]):
            start = index
    return list(samples[start:])


def _level_changes(samples: Sequence[BatterySample]) -> list[BatterySample]:
    """Where each level was first reported, plus the last report.

    A sensor that repeats its level every hour and one that reports only changes
    then give the same fit, and a level stuck for weeks counts as two points (when
    it started and that it still holds), not as hundreds that drown the drain.
    """
    changes = [
        sample
        for index, sample in enumerate(samples)
        if index == 0 or sample.level != samples[index - 1].level
    ]
    if samples and changes[-1] is not samples[-1]:
        changes.append(samples[-1])
    return changes


def _thinned(samples: list[BatterySample]) -> list[BatterySample]:
    if len(samples) <= MAX_FIT_POINTS:
        return samples
    step = (len(samples) - 1) / (MAX_FIT_POINTS - 1)
    return [samples[round(index * step)] for index in range(MAX_FIT_POINTS)]


def _theil_sen(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Median slope of all pairs, and the median intercept for that slope."""
    slopes = [
        (y2 - y1) / (x2 - x1)
        for index, (x1, y1) in enumerate(points)
        for x2, y2 in points[index + 1 :]
        if x2 != x1
    ]
    slope = median(slopes)
    intercept = median(y - slope * x for x, y in points)
    return slope, intercept


def fit_drain(
    samples: Iterable[BatterySample],
    *,
    now: datetime,
    since: datetime | None = None,
) -> DrainFit | None:
    """Fit the drain of the batteries now in the lock; None without a clear drain.

    Samples up to ``since`` (the last moment of the old batteries) and outside the
    window are ignored; a jump upwards in the samples themselves also starts afresh. A flat,
    stuck or rising series has no drain to extrapolate: None.
    """
    start = now - WINDOW
    recent = sorted(
        sample
        for sample in samples
        if start <= sample.at <= now and (since is None or sample.at > since)
    )
    used = _thinned(_level_changes(current_batteries(recent)))
    if (
        len({sample.level for sample in used}) < MIN_LEVELS
        or used[-1].at - used[0].at < MIN_SPAN
    ):
        return None
    origin = used[0].at
    points = [
        ((sample.at - origin).total_seconds() / _DAY_SECONDS, sample.level)
        for sample in used
    ]
    slope, intercept = _theil_sen(points)
    span_days = points[-1][0]
    if -slope * span_days < MIN_DROP:
        return None
    return DrainFit(
        level=intercept + slope * span_days, at=used[-1].at, drain_per_day=-slope
    )
