"""Real low-battery alerts reach the notification targets of the options."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STARTED, Platform
from homeassistant.core import CoreState, HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.lockout_guard.alerts import notifier

from .lock_fixtures import LockFixture, add_nuki_opener
from .notify_fixtures import DISPLAY, PHONE, add_notify_entity, add_notify_service
from .setup_helpers import issue, ready_record, setup_lock

BATTERY_EVENT = "lockout_guard_battery_low"
LOW_TITLE = "Battery low: Front Door"
# The front door is a Connect BE469ZP: the knowledge base says what to buy.
LOW_MESSAGE = (
    "The battery of Front Door is at 28%, at or below the warning level of 30%. "
    "Replace the batteries soon. You need: 4\u00d7 AA."
)
CRITICAL_TITLE = "Battery critical: Front Door"
CRITICAL_MESSAGE = (
    "The battery of Front Door is at 12%, at or below the critical level of "
    "15%. Replace the batteries now: when they die, the lock no longer opens "
    "electronically. You need: 4\u00d7 AA."
)


async def _report(hass: HomeAssistant, lock: LockFixture, level: Any) -> None:
    """The lock reports a battery level; wait for the alert to be sent."""
    lock.set_battery(level)
    await hass.async_block_till_done(wait_background_tasks=True)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("custom_components")
    ]


async def test_low_then_critical_reach_every_target_once(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    display = await add_notify_entity(hass, "Kitchen display")
    phone = add_notify_service(hass, PHONE)
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE, DISPLAY]},
    )
    events = async_capture_events(hass, BATTERY_EVENT)

    for level in (50, 28, 25):
        await _report(hass, front_door, level)
    await _report(hass, front_door, 12)
    await _report(hass, front_door, 8)

    assert [e.data["level"] for e in events] == ["low", "critical"]
    assert display.messages == [
        (LOW_TITLE, LOW_MESSAGE),
        (CRITICAL_TITLE, CRITICAL_MESSAGE),
    ]
    # No button (nothing to confirm); one tag per lock: critical replaces low.
    tag = {"tag": f"lockout_guard_battery_{subentry_id}"}
    assert [dict(call.data) for call in phone] == [
        {"title": LOW_TITLE, "message": LOW_MESSAGE, "data": tag},
        {"title": CRITICAL_TITLE, "message": CRITICAL_MESSAGE, "data": tag},
    ]

    # Reloading while critical (as after a restart) sends nothing again.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await _report(hass, front_door, 7)
    assert len(phone) == 2
    assert len(display.messages) == 2


async def test_no_alert_again_after_a_restart_at_the_same_level(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # The store remembers the alert sent before the restart.
    front_door.set_battery(12)
    phone = add_notify_service(hass, PHONE)
    events = async_capture_events(hass, BATTERY_EVENT)
    _entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(battery_alert_level="critical"),
        options={"notify_targets": [PHONE]},
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert issue(hass, f"battery_critical_{subentry_id}") is not None
    assert events == []
    assert phone == []


async def test_without_targets_only_the_event_fires(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    phone = add_notify_service(hass, PHONE)
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    events = async_capture_events(hass, BATTERY_EVENT)
    await _report(hass, front_door, 12)
    assert [e.data["level"] for e in events] == ["critical"]
    assert phone == []


async def test_failing_targets_are_logged_once_and_never_hold_the_lock(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phone = add_notify_service(hass, PHONE)
    add_notify_service(hass, "notify.broken", HomeAssistantError("API down"))
    hanging = asyncio.Event()

    async def _hang(_call: ServiceCall) -> None:
        await hanging.wait()

    hass.services.async_register(Platform.NOTIFY, "hanging", _hang)
    monkeypatch.setattr(notifier, "NOTIFY_TIMEOUT_SECONDS", 0.05)
    _entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": ["notify.broken", "notify.hanging", PHONE]},
    )
    events = async_capture_events(hass, BATTERY_EVENT)

    front_door.set_battery(28)
    await hass.async_block_till_done()
    # The lock is evaluated while a target still hangs.
    assert [e.data["level"] for e in events] == ["low"]
    assert issue(hass, f"battery_low_{subentry_id}") is not None
    await hass.async_block_till_done(wait_background_tasks=True)

    assert [call.data["title"] for call in phone] == [LOW_TITLE]
    assert _warnings(caplog) == [
        "The low battery alert of Front Door could not be sent to "
        "notify.broken, notify.hanging"
    ]


async def test_a_lock_that_only_says_low_is_named_without_a_level(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    opener = add_nuki_opener(hass, "gate", "Gate")
    phone = add_notify_service(hass, PHONE)
    await setup_lock(
        hass,
        hass_storage,
        opener.lock_entity_id,
        "Gate",
        options={"notify_targets": [PHONE]},
    )
    opener.set_low_flag(True)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert [(call.data["title"], call.data["message"]) for call in phone] == [
        (
            "Battery critical: Gate",
            "Gate reports a low battery. Replace the batteries now: when they "
            "die, the lock no longer opens electronically.",
        )
    ]


async def test_alert_is_in_the_home_language(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    hass.config.language = "de"
    phone = add_notify_service(hass, PHONE)
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE]},
    )
    await _report(hass, front_door, 28)
    (call,) = phone
    assert call.data["title"] == "Batteriestand niedrig: Front Door"
    assert call.data["message"].startswith(
        "Die Batterie von Front Door ist auf 28 % gefallen"
    )


async def test_alert_at_startup_waits_for_targets_that_load_later(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    # The battery ran low while Home Assistant was down; the companion app's
    # notify service registers only later in the startup.
    front_door.set_battery(28)
    hass.set_state(CoreState.starting)
    await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        options={"notify_targets": [PHONE]},
    )
    phone = add_notify_service(hass, PHONE)
    assert phone == []

    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert [call.data["title"] for call in phone] == [LOW_TITLE]
