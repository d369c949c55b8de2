"""Reading stored subentry data and hub options tolerantly."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.lockout_guard.core.models import (
    BackupPin,
    Design,
    KeyLocation,
    Options,
)
from custom_components.lockout_guard.storage.facts import (
    lock_facts_from_data,
    options_from_mapping,
    parse_app_users,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("auto", None),
        (2, 2),
        (2.0, 2),
        (2.5, None),
        (True, None),
        (-1, None),
        ("3", None),
    ],
)
def test_app_users(value: Any, expected: int | None) -> None:
    assert parse_app_users(value) == expected


def test_nonsense_facts_read_as_unknown() -> None:
    facts = lock_facts_from_data(
        {
            "main_entrance": "yes",
            "design": "castle",
            "key_override": "maybe",
            "key_location": 7,
            "backup_pin": None,
            "model_number": "   ",
            "support_phone": 12345,
            "low_battery": 150,
        },
        "Front Door",
    )
    assert facts.main_entrance is False
    assert facts.design is Design.UNKNOWN
    assert facts.key_override is None
    assert facts.key_location is KeyLocation.UNKNOWN
    assert facts.backup_pin is BackupPin.AUTO
    assert facts.model_number is None
    assert facts.support_phone is None
    assert facts.low_battery is None


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({}, Options()),
        (
            {"low_battery": 40, "critical_battery": 10, "reverify_days": 90},
            Options(low_battery=40, critical_battery=10, reverify_days=90),
        ),
        # Refused by the options flow; if stored anyway, critical stays below low.
        (
            {"low_battery": 20, "critical_battery": 25},
            Options(low_battery=20, critical_battery=19),
        ),
        ({"low_battery": "high", "unavailable_minutes": -5}, Options()),
    ],
)
def test_options(stored: dict[str, Any], expected: Options) -> None:
    assert options_from_mapping(stored) == expected
