"""Reading stored records field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime

from custom_components.lockout_guard.storage.store import LockRecord


def test_record_round_trips() -> None:
    record = LockRecord(
        key_verified=date(2026, 1, 2),
        key_tested=True,
        drill_confirmed=date(2026, 2, 3),
        drill_started=datetime(2026, 2, 3, 10, tzinfo=UTC),
        battery_replaced=date(2026, 3, 4),
        reset_pending=True,
        codes_seen=4,
        codes_source="matter",
        open_risks={"battery_low": "warning"},
        battery_alert_level="low",
    )
    assert LockRecord.from_dict(record.as_dict()) == record


def test_record_drops_only_the_bad_fields() -> None:
    record = LockRecord.from_dict(
        {
            "key_verified": 20260102,
            "drill_confirmed": "2026-02-03",
            "codes_seen": True,
            "codes_source": 3,
            "open_risks": {"battery_low": "warning", "lock_jammed": "bad", "7": 7},
            "battery_alert_level": "critical",
        }
    )
    assert record.key_verified is None
    assert record.drill_confirmed == date(2026, 2, 3)
    assert record.codes_seen is None
    assert record.codes_source is None
    assert record.open_risks == {"battery_low": "warning"}
    assert record.battery_alert_level == "critical"
