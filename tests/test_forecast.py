"""The battery forecast on synthetic histories: drain, noise, stuck, replacement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import math

import pytest

from custom_components.lockout_guard.core.forecast import (
    BatterySample,
    current_batteries,
    fit_drain,
    is_replacement,
)

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
CRITICAL = 15


def history(
    days: float, level: Callable[[float], float], every_hours: float = 6
) -> list[BatterySample]:
    """Samples over the last ``days`` up to NOW, level as a function of the day."""
    count = int(days * 24 / every_hours)
    return [
        BatterySample(
            NOW - timedelta(days=days) + timedelta(hours=index * every_hours),
            level(index * every_hours / 24),
        )
        for index in range(count + 1)
    ]


def jitter(day: float) -> float:
    """Deterministic report noise of up to +-3 points."""
    return 3 * math.sin(day * 7.3) * math.cos(day * 2.1)


@dataclass(frozen=True)
class Case:
    """A synthetic history and the forecast it must give (None: unknown)."""

    samples: list[BatterySample]
    days: tuple[float, float] | None
    drain: tuple[float, float] | None = None


CASES = {
    # 1 point a day from 95 to 65 over 30 days: 50 points above 15 → 50 days.
    "linear drain": Case(history(30, lambda d: 95 - d), (49.5, 50.5), (0.99, 1.01)),
    "whole-point steps": Case(
        history(30, lambda d: float(95 - math.floor(d)), every_hours=1),
        (48.0, 51.0),
        (0.95, 1.05),
    ),
    "ten-point steps": Case(
        history(40, lambda d: 90 - 10 * math.floor(d / 8), every_hours=12),
        (14.0, 24.0),
    ),
    "noisy drain": Case(
        history(30, lambda d: 95 - d + jitter(d), every_hours=2), (46.0, 54.0)
    ),
    "outliers": Case(
        history(30, lambda d: 5.0 if int(d * 4) % 17 == 0 else 95 - d),
        (49.0, 51.0),
    ),
    "stuck value": Case(history(30, lambda d: 57.0), None),
    "noise around a stuck value": Case(
        history(30, lambda d: 57 + jitter(d), every_hours=2), None
    ),
    "rising": Case(history(10, lambda d: 40 + d), None),
    "drain then replacement": Case(
        [
            *history(30, lambda d: 60 - d)[:60],
            *history(15, lambda d: 100 - 2 * d)[1:],
        ],
        # 100 - 2 * 15 = 70 now, 55 points above critical at 2 a day.
        (27.0, 28.0),
        (1.9, 2.1),
    ),
    "replacement too recent": Case(
        [*history(30, lambda d: 60 - d)[:-4], *history(1, lambda d: 100 - d)[-4:]],
        None,
    ),
    "too short": Case(history(1.5, lambda d: 95 - 5 * d, every_hours=1), None),
    "too few levels": Case(history(10, lambda d: 80.0 if d < 5 else 79.0), None),
    "no samples": Case([], None),
    "already below critical": Case(history(10, lambda d: 20 - d), (0.0, 0.0)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_forecast_on_synthetic_histories(case: Case) -> None:
    fit = fit_drain(case.samples, now=NOW)
    if case.days is None:
        assert fit is None
        return
    assert fit is not None
    low, high = case.days
    assert low <= fit.days_until(CRITICAL, NOW) <= high
    if case.drain is not None:
        assert case.drain[0] <= fit.drain_per_day <= case.drain[1]


def test_samples_in_any_order_and_outside_the_window() -> None:
    recent = history(30, lambda d: 95 - d)
    # A discharge curve of long ago and reports from the future are ignored.
    ancient = [BatterySample(NOW - timedelta(days=200), 20.0)]
    future = [BatterySample(NOW + timedelta(days=1), 99.0)]
    fit = fit_drain([*reversed(recent), *ancient, *future], now=NOW)
    assert fit is not None
    assert 49.5 <= fit.days_until(CRITICAL, NOW) <= 50.5


def test_forecast_counts_down_from_the_last_report() -> None:
    fit = fit_drain(history(30, lambda d: 95 - d), now=NOW)
    assert fit is not None
    assert 39.5 <= fit.days_until(CRITICAL, NOW + timedelta(days=10)) <= 40.5
    assert fit.days_until(CRITICAL, NOW + timedelta(days=80)) == 0


def test_recorded_replacement_starts_afresh() -> None:
    samples = history(30, lambda d: 95 - d)
    assert fit_drain(samples, now=NOW, since=NOW - timedelta(days=1)) is None
    fit = fit_drain(samples, now=NOW, since=NOW - timedelta(days=10))
    assert fit is not None
    assert 0.95 <= fit.drain_per_day <= 1.05


def test_many_samples_stay_cheap_and_right() -> None:
    # Two months of a noisy report every ten minutes: thinned before fitting.
    samples = history(59, lambda d: 95 - d + jitter(d), every_hours=1 / 6)
    fit = fit_drain(samples, now=NOW)
    assert fit is not None
    assert 0.95 <= fit.drain_per_day <= 1.05


@pytest.mark.parametrize(
    ("previous", "level", "replaced"),
    [
        ([], 100, False),
        ([20], 100, True),
        ([60], 80, True),
        ([60], 79, False),
        ([80], 20, False),
        # A sag under load and back is no replacement; an old peak is forgotten.
        ([90, 5], 89, False),
        ([90, 30, 29, 28], 100, True),
    ],
)
def test_a_jump_of_twenty_points_is_a_replacement(
    previous: list[float], level: float, replaced: bool
) -> None:
    assert is_replacement(previous, level) is replaced


def test_current_batteries_are_those_after_the_last_jump() -> None:
    at = [NOW + timedelta(days=day) for day in range(6)]
    samples = [
        BatterySample(when, level)
        for when, level in zip(at, [30, 90, 60, 50, 40, 95], strict=True)
    ]
    assert current_batteries(samples) == samples[5:]
    # A sag between two normal reports does not start a new set of batteries.
    sag = [BatterySample(at[0], 80), BatterySample(at[1], 3), BatterySample(at[2], 79)]
    assert current_batteries(sag) == sag
