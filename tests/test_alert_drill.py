"""Alert drills end to end: the message, the confirmation, the 24 h deadline, restarts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.const import Platform
from homeassistant.core import CoreState, HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
    async_test_home_assistant,
)

from custom_components.lockout_guard.alerts import notifier
from custom_components.lockout_guard.const import DOMAIN

from .conftest import lock_subentry
from .lock_fixtures import LockFixture
from .notify_fixtures import (
    DISPLAY,
    EMAIL,
    PHONE,
    add_notify_entity,
    add_notify_service,
    sent,
)
from .setup_helpers import (
    READY_FACTS,
    answer_fix_flow,
    assert_drill_failed,
    issue,
    ready_record,
    setup_lock,
    start_fix_flow,
    state_of,
)

TITLE = "Alert drill: Front Door"
MESSAGE = (
    "This is a test of the low-battery alert of Front Door; the lock is fine. "
    'Confirm that it reached you: tap "I got it" (if the message has the button), '
    "or open Settings → Repairs in Home Assistant. An unconfirmed drill counts as "
    "failed after 24 hours."
)
DRILL_EVENT = "lockout_guard_battery_low"
ACTION_EVENT = "mobile_app_notification_action"


async def _start(hass: HomeAssistant, entity_id: str) -> None:
    await hass.services.async_call(
        DOMAIN, "start_alert_drill", {"entity_id": entity_id}, blocking=True
    )


async def _pass_time(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, delta: timedelta
) -> None:
    freezer.tick(delta)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def _drill_issue(hass: HomeAssistant, subentry_id: str) -> ir.IssueEntry | None:
    # One repair for the home, whichever lock's drill is open.
    assert subentry_id
    return issue(hass, "alert_never_tested")


async def test_drill_reaches_every_kind_of_target(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    display = await add_notify_entity(hass, "Kitchen display")
    phone = add_notify_service(hass, PHONE)
    email = add_notify_service(hass, EMAIL)
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE, DISPLAY, EMAIL]},
    )
    drills = async_capture_events(hass, DRILL_EVENT)

    await _start(hass, front_door.lock_entity_id)

    # Automations get the drill event, every target gets the message.
    assert [(e.data["entity_id"], e.data["drill"]) for e in drills] == [
        (front_door.lock_entity_id, True)
    ]
    assert display.messages == [(TITLE, MESSAGE)]
    # The phone gets a button that confirms the drill; a new drill replaces the old.
    assert sent(phone) == [
        {
            "title": TITLE,
            "message": MESSAGE,
            "data": {
                "tag": f"lockout_guard_drill_{subentry_id}",
                "actions": [
                    {
                        "action": f"LOCKOUT_GUARD_DRILL_OK_{subentry_id}",
                        "title": "I got it",
                    }
                ],
            },
        }
    ]
    assert sent(email) == [{"title": TITLE, "message": MESSAGE}]
    # A pending drill is no risk yet: the plan stays ready.
    assert entry.runtime_data.store.lock(subentry_id).drill_started == dt_util.utcnow()
    assert _drill_issue(hass, subentry_id) is None
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "ready"


@pytest.mark.parametrize(
    ("language", "title", "button"),
    [
        ("de", "Warnungstest: Front Door", "Angekommen"),
        # A language without a translation gets English.
        ("fr", TITLE, "I got it"),
    ],
)
async def test_drill_message_is_in_the_home_language(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    language: str,
    title: str,
    button: str,
) -> None:
    hass.config.language = language
    phone = add_notify_service(hass, PHONE)
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE]},
    )
    await _start(hass, front_door.lock_entity_id)
    (call,) = phone
    assert call.data["title"] == title
    assert call.data["data"]["actions"][0]["title"] == button


async def test_tapping_i_got_it_confirms_the_drill(
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
        record=ready_record(drill_confirmed=None),
    )
    assert _drill_issue(hass, subentry_id) is not None
    await _start(hass, front_door.lock_entity_id)
    # Other buttons, other locks' ids and bare ids confirm nothing.
    for action in ("OPEN_GARAGE", "LOCKOUT_GUARD_DRILL_OK_elsewhere", subentry_id, 7):
        hass.bus.async_fire(ACTION_EVENT, {"action": action})
    hass.bus.async_fire(ACTION_EVENT, {})
    await hass.async_block_till_done()
    assert _drill_issue(hass, subentry_id) is not None

    hass.bus.async_fire(
        ACTION_EVENT,
        {
            "action": f"LOCKOUT_GUARD_DRILL_OK_{subentry_id}",
            "tag": f"lockout_guard_drill_{subentry_id}",
        },
    )
    await hass.async_block_till_done()

    assert _drill_issue(hass, subentry_id) is None
    record = entry.runtime_data.store.lock(subentry_id)
    assert record.drill_confirmed == dt_util.now().date()
    assert record.drill_started is None
    # The confirmed drill cannot fail later.
    await _pass_time(hass, freezer, timedelta(hours=25))
    assert _drill_issue(hass, subentry_id) is None
    assert entry.runtime_data.store.lock(subentry_id).drill_failed is False


async def test_unconfirmed_drill_fails_after_a_day_and_the_repair_says_what_to_check(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    await _start(hass, front_door.lock_entity_id)
    await _pass_time(hass, freezer, timedelta(hours=23, minutes=59))
    assert _drill_issue(hass, subentry_id) is None

    await _pass_time(hass, freezer, timedelta(minutes=2))

    assert_drill_failed(hass, subentry_id)
    assert [e.data["risk"] for e in raised] == ["alert_never_tested"]
    assert state_of(hass, "sensor.front_door_lockout_plan").state == "attention"
    record = entry.runtime_data.store.lock(subentry_id)
    assert (record.drill_failed, record.drill_started) == (True, None)

    # The repair first says what to check; it sends only when asked.
    drills = async_capture_events(hass, DRILL_EVENT)
    result = await start_fix_flow(hass, "alert_never_tested")
    assert (result["type"], result["step_id"]) == ("menu", "failed")
    assert result["description_placeholders"]["locks"] == "1"
    assert drills == []
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "send"})
    assert result["step_id"] == "sent"
    assert len(drills) == 1
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "arrived"})
    assert result["type"] == "create_entry"
    assert _drill_issue(hass, subentry_id) is None
    assert record.drill_failed is False
    assert record.drill_confirmed == dt_util.now().date()


async def test_repair_drill_sends_the_message_and_logs_a_failing_target(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    phone = add_notify_service(hass, PHONE)
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(drill_confirmed=None),
        options={"notify_targets": [PHONE, "notify.old_phone"]},
    )
    result = await start_fix_flow(hass, "alert_never_tested")
    assert result["step_id"] == "confirm"
    # Opening the repair sends nothing; choosing to send does.
    assert phone == []
    with caplog.at_level(logging.WARNING):
        result = await answer_fix_flow(
            hass, result["flow_id"], {"next_step_id": "send"}
        )
    assert result["step_id"] == "sent"
    assert [call.data["title"] for call in phone] == [TITLE]
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.startswith("custom_components")
    ]
    assert warnings == ["The alert drill could not be sent to notify.old_phone"]


async def test_failing_targets_are_named_once_and_the_drill_still_runs(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phone = add_notify_service(hass, PHONE)
    add_notify_service(hass, "notify.broken", HomeAssistantError("API down"))
    add_notify_service(hass, "notify.buggy", RuntimeError("bug in a platform"))

    async def _hang(_call: ServiceCall) -> None:
        await asyncio.Event().wait()

    hass.services.async_register(Platform.NOTIFY, "hanging", _hang)
    hass.states.async_set("notify.hallway_tv", "unavailable")
    monkeypatch.setattr(notifier, "NOTIFY_TIMEOUT_SECONDS", 0.01)
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={
            "notify_targets": [
                "notify.gone",
                PHONE,
                "notify.broken",
                "notify.buggy",
                "notify.hanging",
                "notify.hallway_tv",
            ]
        },
    )
    drills = async_capture_events(hass, DRILL_EVENT)

    with pytest.raises(HomeAssistantError) as err:
        await _start(hass, front_door.lock_entity_id)

    assert err.value.translation_key == "drill_notify_failed"
    targets = (
        "notify.broken, notify.buggy, notify.gone, notify.hallway_tv, notify.hanging"
    )
    assert str(err.value) == (
        f"The alert drill started, but its message could not be sent to {targets}. "
        "Check these notification targets in Lockout Guard's options"
    )
    # The rest of the drill went out and is waiting for a confirmation.
    assert len(drills) == 1
    assert len(phone) == 1
    assert entry.runtime_data.store.lock(subentry_id).drill_started is not None


@asynccontextmanager
async def _restarted(
    hass: HomeAssistant, entry: MockConfigEntry, subentry_id: str, lock: LockFixture
) -> AsyncIterator[HomeAssistant]:
    """Stop Home Assistant and start a new one on the same storage.

    Both instances share the test's event loop: the hub is unloaded first so the
    stopped instance's timers cannot fire into the new one.
    """
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_stop()
    assert hass.state is CoreState.stopped
    async with async_test_home_assistant() as restarted:
        restarted.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        await restarted.config_entries.async_initialize()
        MockConfigEntry(
            domain=DOMAIN,
            entry_id=entry.entry_id,
            title=entry.title,
            subentries_data=[
                {
                    **lock_subentry(lock.lock_entity_id, lock.name, **READY_FACTS),
                    "subentry_id": subentry_id,
                }
            ],
        ).add_to_hass(restarted)
        restarted.states.async_set(lock.lock_entity_id, "locked")
        assert await async_setup_component(restarted, DOMAIN, {})
        await restarted.async_block_till_done()
        yield restarted
        (restarted_entry,) = restarted.config_entries.async_entries(DOMAIN)
        assert await restarted.config_entries.async_unload(restarted_entry.entry_id)
        await restarted.async_stop(force=True)


async def test_pending_drill_fails_on_time_after_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _start(hass, front_door.lock_entity_id)
    freezer.tick(timedelta(hours=12))

    async with _restarted(hass, entry, subentry_id, front_door) as restarted:
        assert _drill_issue(restarted, subentry_id) is None
        await _pass_time(restarted, freezer, timedelta(hours=11, minutes=59))
        assert _drill_issue(restarted, subentry_id) is None
        await _pass_time(restarted, freezer, timedelta(minutes=2))
        assert_drill_failed(restarted, subentry_id)


async def test_drill_that_expired_while_down_fails_at_startup(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await _start(hass, front_door.lock_entity_id)
    freezer.tick(timedelta(hours=30))

    async with _restarted(hass, entry, subentry_id, front_door) as restarted:
        assert_drill_failed(restarted, subentry_id)


async def test_drill_confirmed_on_the_phone_after_a_restart(
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
        record=ready_record(drill_confirmed=None),
    )
    await _start(hass, front_door.lock_entity_id)
    freezer.tick(timedelta(hours=2))

    async with _restarted(hass, entry, subentry_id, front_door) as restarted:
        assert _drill_issue(restarted, subentry_id) is not None
        restarted.bus.async_fire(
            ACTION_EVENT, {"action": f"LOCKOUT_GUARD_DRILL_OK_{subentry_id}"}
        )
        await restarted.async_block_till_done()
        assert _drill_issue(restarted, subentry_id) is None
        confirmed_on = dt_util.now().date()
        # The deadline restored at startup was cancelled with the confirmation.
        await _pass_time(restarted, freezer, timedelta(hours=30))
        assert _drill_issue(restarted, subentry_id) is None
        (hub_entry,) = restarted.config_entries.async_entries(DOMAIN)
        record = hub_entry.runtime_data.store.lock(subentry_id)
        assert record.drill_confirmed == confirmed_on
        assert record.drill_failed is False


@pytest.mark.parametrize(
    ("stored", "targets"),
    [
        (None, []),
        ("notify.phone", []),
        (
            ["notify.phone", "notify.phone", 3, "light.kitchen", "notify.tv"],
            ["notify.phone", "notify.tv"],
        ),
    ],
)
def test_stored_targets_are_read_tolerantly(stored: Any, targets: list[str]) -> None:
    assert notifier.notify_targets({"notify_targets": stored}) == targets
