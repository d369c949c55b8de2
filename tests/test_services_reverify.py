"""Re-verification ages: a checked key and a received drill fall due on the right day.

The monitor keeps one timer at the next due moment; nothing polls. With the clock
frozen, the issues must appear exactly when ``reverify_days`` have passed since the
confirmation (local midnight), and no evaluation may happen in between.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from .lock_fixtures import LockFixture
from .service_calls import call_action
from .setup_helpers import (
    confirm_home_drill,
    open_issue_ids,
    ready_record,
    setup_lock,
)

REVERIFY_DAYS = 30


async def _at(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, day: date, offset: timedelta
) -> None:
    """Move the clock to local midnight of ``day`` plus ``offset``; timers fire."""
    freezer.move_to(dt_util.start_of_local_day(day) + offset)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def test_key_and_drill_fall_due_on_their_day_without_polling(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(key_verified=None, drill_confirmed=None),
        options={"reverify_days": REVERIFY_DAYS},
    )
    drill_issue = "alert_never_tested"
    key_issue = f"backup_key_unverified_{subentry_id}"
    day0 = dt_util.now().date()

    # Day 0: the owner confirms in the repair that the test alert arrived.
    assert (await confirm_home_drill(hass))["type"] == "create_entry"
    # Day 10: the owner checks the spare key.
    await _at(hass, freezer, day0 + timedelta(days=10), timedelta(hours=9))
    await call_action(
        hass,
        "confirm_backup_key",
        {"entity_id": front_door.lock_entity_id, "location": "trusted_person"},
    )
    issues = open_issue_ids(hass)
    assert drill_issue not in issues
    assert key_issue not in issues

    # The drill falls due at midnight 30 days after day 0, not a minute earlier.
    await _at(
        hass, freezer, day0 + timedelta(days=REVERIFY_DAYS), -timedelta(minutes=1)
    )
    assert drill_issue not in open_issue_ids(hass)
    await _at(hass, freezer, day0 + timedelta(days=REVERIFY_DAYS), timedelta(minutes=1))
    assert drill_issue in open_issue_ids(hass)
    assert key_issue not in open_issue_ids(hass)

    # Nothing looks at the lock between two due dates.
    monitor = entry.runtime_data.monitors[subentry_id]
    checked = monitor.last_checked
    await _at(hass, freezer, day0 + timedelta(days=35), timedelta(hours=12))
    key_due = day0 + timedelta(days=10 + REVERIFY_DAYS)
    await _at(hass, freezer, key_due, -timedelta(minutes=1))
    assert monitor.last_checked == checked
    assert key_issue not in open_issue_ids(hass)

    # The key falls due 30 days after it was checked, on the timer alone.
    await _at(hass, freezer, key_due, timedelta(minutes=1))
    assert key_issue in open_issue_ids(hass)
    assert monitor.last_checked is not None
    assert checked is not None
    assert monitor.last_checked > checked
