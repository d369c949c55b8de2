"""Battery forecast from the recorder's history, when the recorder runs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder.core import Recorder
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from sqlalchemy.exc import OperationalError

from custom_components.lockout_guard.battery.care import LevelSource

from .lock_fixtures import add_homekit_lock, add_zwave_lock
from .setup_helpers import ready_record, setup_lock, state_of
from .test_battery_care import FORECAST, stored_samples


@pytest.fixture
async def mock_recorder_before_hass(async_test_recorder: Any) -> None:
    """The recorder's database must exist before Home Assistant starts."""


async def test_forecast_from_the_recorder_at_setup(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    front_door = add_zwave_lock(hass, "front_door", "Front Door", battery=90)
    back_door = add_homekit_lock(hass, "back_door", "Back Door", level=90)
    # Five days of history recorded before Lockout Guard was set up.
    for step in range(1, 21):
        freezer.tick(timedelta(hours=6))
        front_door.set_battery(90 - step / 2)
        back_door.set_state("locked", battery_level=90 - step / 2)
        await hass.async_block_till_done()
    await async_wait_recording_done(hass)

    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await hass.async_block_till_done()
    assert state_of(hass, FORECAST).state == "32"

    # New reports extend the recorded history; nothing of it is stored twice.
    freezer.tick(timedelta(days=1))
    front_door.set_battery(78)
    await hass.async_block_till_done()
    assert state_of(hass, FORECAST).state == "31"
    await hass.config_entries.async_unload(entry.entry_id)
    assert stored_samples(hass_storage, subentry_id) == []

    # The lock's battery_level attribute is read from the recorded lock states.
    sub = hass_storage["lockout_guard"]["data"]["locks"]
    assert sub  # the confirmations of the first lock
    _, back_id = await setup_lock(
        hass,
        hass_storage,
        back_door.lock_entity_id,
        "Back Door",
        record=ready_record(),
    )
    await hass.async_block_till_done()
    assert back_id
    assert state_of(hass, "sensor.back_door_battery_forecast").state == "31"


async def test_history_of_a_replaced_source_is_not_mixed_in(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    front_door = add_zwave_lock(hass, "front_door", "Front Door", battery=90)
    for step in range(1, 21):
        freezer.tick(timedelta(hours=6))
        front_door.set_battery(90 - step / 2)
        await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    care = entry.runtime_data.monitors[subentry_id].battery_care
    assert care.days_left == 32
    # The source changes while its history is still being read: only the new
    # source's (empty) history counts.
    care.async_set_source(LevelSource("sensor.keypad_battery"), 15)
    care.async_set_source(LevelSource(front_door.battery_entity_id or ""), 15)
    care.async_set_source(LevelSource("sensor.keypad_battery"), 15)
    await hass.async_block_till_done()
    assert care.days_left is None


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("SELECT", {}, Exception("database is locked")),
        # Not a database error: the recorder stopping, or a row it cannot decode.
        RuntimeError("recorder is shutting down"),
        ValueError("bad state row"),
    ],
    ids=["database-locked", "recorder-stopping", "bad-row"],
)
async def test_a_failing_history_query_falls_back_to_own_samples(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    failure: Exception,
) -> None:
    front_door = add_zwave_lock(hass, "front_door", "Front Door", battery=90)
    with patch(
        "custom_components.lockout_guard.battery.care._history",
        side_effect=failure,
    ):
        entry, subentry_id = await setup_lock(
            hass, hass_storage, front_door.lock_entity_id, "Front Door"
        )
        await hass.async_block_till_done()
    assert "Cannot read the battery history of sensor.front_door_battery" in caplog.text
    assert state_of(hass, FORECAST).state == "unknown"

    # From now on Lockout Guard keeps the samples itself, and the forecast comes.
    for step in range(1, 21):
        freezer.tick(timedelta(hours=6))
        front_door.set_battery(90 - step / 2)
        await hass.async_block_till_done()
    assert state_of(hass, FORECAST).state == "32"
    await hass.config_entries.async_unload(entry.entry_id)
    # Every report is kept, the one at setup (left to the recorder) included.
    assert len(stored_samples(hass_storage, subentry_id)) == 21
