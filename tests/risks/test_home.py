"""Tests of the home (hub-level) risks."""

from __future__ import annotations

from functools import partial

import pytest

from custom_components.lockout_guard.core.models import (
    Design,
    KeyLocation,
    LockFacts,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks import evaluate_home, unmonitored_locks
from custom_components.lockout_guard.core.risks.home import (
    alert_target_missing,
    new_lock_found,
    no_fallback_entry,
)

from .helpers import risk

_front = partial(LockFacts, name="Front door", main_entrance=True)
_back = partial(LockFacts, name="Patio door")


def _no_fallback(main_entrance: str = "Front door") -> Risk:
    return risk(RiskId.NO_FALLBACK_ENTRY, Severity.ERROR, main_entrance=main_entrance)


@pytest.mark.parametrize(
    ("locks", "expected"),
    [
        pytest.param([], None, id="no-locks"),
        pytest.param(
            [_front(design=Design.RETROFIT, key_location=KeyLocation.INSIDE_ONLY)],
            None,
            id="keyed-main-entrance",
        ),
        pytest.param(
            [_front(design=Design.KEYLESS)], _no_fallback(), id="keyless-main-entrance"
        ),
        pytest.param([_front()], _no_fallback(), id="main-entrance-design-unknown"),
        pytest.param(
            [
                _front(design=Design.KEYLESS),
                _back(design=Design.RETROFIT, key_location=KeyLocation.OFFSITE),
            ],
            None,
            id="keyless-main-keyed-back-key-offsite",
        ),
        pytest.param(
            [
                _front(design=Design.KEYLESS),
                _back(design=Design.RETROFIT, key_location=KeyLocation.INSIDE_ONLY),
            ],
            _no_fallback(),
            id="keyless-main-keyed-back-key-inside",
        ),
        pytest.param(
            [
                _front(design=Design.KEYLESS),
                _back(design=Design.KEYLESS, key_location=KeyLocation.OFFSITE),
            ],
            _no_fallback(),
            id="keyless-main-keyless-back",
        ),
        pytest.param(
            [
                _front(design=Design.KEYLESS),
                _back(
                    design=Design.COMMERCIAL,
                    key_override=True,
                    key_location=KeyLocation.LOCKBOX,
                ),
            ],
            None,
            id="declared-override-back-lockbox",
        ),
        pytest.param(
            [_back(design=Design.DEADBOLT_WITH_KEY, key_location=KeyLocation.OFFSITE)],
            None,
            id="no-main-entrance-keyed-offsite",
        ),
        pytest.param(
            [_back(design=Design.KEYLESS)], _no_fallback(""), id="no-main-entrance"
        ),
        pytest.param(
            [
                _front(design=Design.KEYLESS),
                _front(name="Garage door", design=Design.KEYLESS),
            ],
            _no_fallback("Front door, Garage door"),
            id="two-main-entrances",
        ),
    ],
)
def test_no_fallback_entry(locks: list[LockFacts], expected: Risk | None) -> None:
    assert no_fallback_entry(locks) == expected


@pytest.mark.parametrize(
    ("present", "monitored", "ignored", "expected"),
    [
        pytest.param([], [], [], [], id="no-locks"),
        pytest.param(["lock.front"], ["lock.front"], [], [], id="monitored"),
        pytest.param(["lock.shed"], [], ["lock.shed"], [], id="ignored"),
        pytest.param(
            ["lock.shed", "lock.front", "lock.back", "lock.garage"],
            ["lock.front"],
            ["lock.garage"],
            ["lock.back", "lock.shed"],
            id="new-sorted",
        ),
        pytest.param(
            ["lock.front"], ["lock.front", "lock.removed"], [], [], id="monitored-gone"
        ),
    ],
)
def test_unmonitored_locks(
    present: list[str], monitored: list[str], ignored: list[str], expected: list[str]
) -> None:
    assert unmonitored_locks(present, monitored, ignored) == expected
    expected_risk = (
        risk(RiskId.NEW_LOCK_FOUND, Severity.WARNING, locks=", ".join(expected))
        if expected
        else None
    )
    assert new_lock_found(present, monitored, ignored) == expected_risk


def test_unmonitored_locks_takes_one_shot_iterables() -> None:
    """Generators from entity registries are read once only."""
    found = unmonitored_locks(
        (entity for entity in ("lock.a", "lock.b")),
        (entity for entity in ("lock.a",)),
        iter(()),
    )
    assert found == ["lock.b"]


@pytest.mark.parametrize(
    ("locks", "present", "expected"),
    [
        pytest.param(
            [_front(design=Design.RETROFIT)], ["lock.front"], (), id="nothing"
        ),
        pytest.param(
            [_front(design=Design.KEYLESS)],
            ["lock.front", "lock.new"],
            (
                _no_fallback(),
                risk(RiskId.NEW_LOCK_FOUND, Severity.WARNING, locks="lock.new"),
            ),
            id="both-in-spec-order",
        ),
        pytest.param(
            [],
            ["lock.new"],
            (risk(RiskId.NEW_LOCK_FOUND, Severity.WARNING, locks="lock.new"),),
            id="nothing-monitored-yet",
        ),
    ],
)
def test_evaluate_home(
    locks: list[LockFacts], present: list[str], expected: tuple[Risk, ...]
) -> None:
    assert evaluate_home(locks, present, ["lock.front"], []) == expected


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ([], None),
        (
            ["notify.mobile_app_old_phone"],
            risk(
                RiskId.ALERT_TARGET_MISSING,
                Severity.ERROR,
                targets="notify.mobile_app_old_phone",
            ),
        ),
        (
            ["notify.a", "notify.b"],
            risk(
                RiskId.ALERT_TARGET_MISSING,
                Severity.ERROR,
                targets="notify.a, notify.b",
            ),
        ),
    ],
)
def test_alert_target_missing(missing: list[str], expected: Risk | None) -> None:
    assert alert_target_missing(missing) == expected
    found = evaluate_home([], [], [], [], missing)
    assert found == (() if expected is None else (expected,))
