"""The alert path is the home's: one repair for every untested lock, sent on request."""

from __future__ import annotations

from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant, ServiceCall
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import add_matter_lock, add_zwave_lock
from .notify_fixtures import PHONE, add_notify_service
from .service_calls import setup_locks
from .setup_helpers import (
    answer_fix_flow,
    issue,
    open_issue_ids,
    seed_store,
    settle,
    start_fix_flow,
    state_of,
)

DRILL_EVENT = "lockout_guard_battery_low"
LOCKS: dict[str, dict[str, Any]] = {
    "lock.front_door": {},
    "lock.back_door": {},
    "lock.garage": {},
}


async def _three_untested_locks(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> list[ServiceCall]:
    """Three locks whose alerts were never tested; the calls the phone receives."""
    add_zwave_lock(hass, "front_door", "Front Door")
    add_matter_lock(hass, "back_door", "Back Door")
    add_matter_lock(hass, "garage", "Garage")
    phone = add_notify_service(hass, PHONE)
    entry = await setup_locks(hass, hass_storage, LOCKS)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "notify_targets": [PHONE]}
    )
    store = entry.runtime_data.store
    for subentry_id in entry.subentries:
        store.lock(subentry_id).drill_confirmed = None
        entry.runtime_data.monitors[subentry_id].async_evaluate()
    await hass.async_block_till_done()
    return phone


async def test_untested_locks_share_one_repair_and_keep_their_own_risk(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    await _three_untested_locks(hass, hass_storage)
    alert_issues = {i for i in open_issue_ids(hass) if i.startswith("alert_never")}
    assert alert_issues == {"alert_never_tested"}
    home = issue(hass, "alert_never_tested")
    assert home is not None
    assert home.translation_placeholders == {
        "drill": "none",
        "locks": "3",
        "days": "180",
    }
    for plan in ("front_door", "back_door", "garage"):
        risks = state_of(hass, f"sensor.{plan}_lockout_plan").attributes["risks"]
        assert "alert_never_tested" in risks


async def test_the_repair_sends_one_message_only_when_asked(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    phone = await _three_untested_locks(hass, hass_storage)
    drills = async_capture_events(hass, DRILL_EVENT)
    result = await start_fix_flow(hass, "alert_never_tested")
    assert (result["type"], result["menu_options"]) == (
        "menu",
        ["send", "arrived", "not_arrived"],
    )
    assert drills == []
    assert phone == []
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "send"})
    assert result["step_id"] == "sent"
    # Each lock's automations get their drill event; the phone gets one message.
    assert sorted(event.data["lock_name"] for event in drills) == [
        "Back Door",
        "Front Door",
        "Garage",
    ]
    assert all(event.data["drill"] is True for event in drills)
    (message,) = phone
    assert message.data["title"] == "Alert drill: Front Door, Back Door, Garage"
    result = await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "arrived"})
    assert result["type"] == "create_entry"
    await hass.async_block_till_done()
    assert issue(hass, "alert_never_tested") is None


async def test_not_arrived_records_a_failed_drill_and_keeps_the_repair(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    await _three_untested_locks(hass, hass_storage)
    result = await start_fix_flow(hass, "alert_never_tested")
    result = await answer_fix_flow(
        hass, result["flow_id"], {"next_step_id": "not_arrived"}
    )
    assert (result["type"], result["step_id"]) == ("form", "not_arrived")
    result = await answer_fix_flow(hass, result["flow_id"], {})
    assert result["type"] == "create_entry"
    await hass.async_block_till_done()
    home = issue(hass, "alert_never_tested")
    assert home is not None
    assert home.translation_placeholders is not None
    assert home.translation_placeholders["drill"] == "failed"
    # Opened again, it starts with what to check.
    result = await start_fix_flow(hass, "alert_never_tested")
    assert result["step_id"] == "failed"


async def test_the_home_message_button_confirms_every_pending_drill(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    await _three_untested_locks(hass, hass_storage)
    result = await start_fix_flow(hass, "alert_never_tested")
    await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "send"})
    hass.bus.async_fire(
        "mobile_app_notification_action", {"action": "LOCKOUT_GUARD_DRILL_OK_home"}
    )
    await hass.async_block_till_done()
    assert issue(hass, "alert_never_tested") is None
    for plan in ("front_door", "back_door", "garage"):
        risks = state_of(hass, f"sensor.{plan}_lockout_plan").attributes["risks"]
        assert "alert_never_tested" not in risks


async def test_per_lock_repairs_of_earlier_versions_are_removed(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    add_zwave_lock(hass, "front_door", "Front Door")
    entry = await setup_locks(hass, hass_storage, {"lock.front_door": {}})
    (subentry_id,) = entry.subentries
    await hass.config_entries.async_unload(entry.entry_id)
    ir.async_create_issue(
        hass,
        DOMAIN,
        f"alert_never_tested_{subentry_id}",
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="alert_never_tested",
    )
    seed_store(hass_storage, {subentry_id: {"drill_confirmed": None}})
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert issue(hass, f"alert_never_tested_{subentry_id}") is None
    assert issue(hass, "alert_never_tested") is not None


async def test_a_vanished_target_raises_an_error_repair_that_picks_another(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    old_phone = "notify.mobile_app_old_phone"
    add_notify_service(hass, old_phone)
    add_zwave_lock(hass, "front_door", "Front Door")
    entry = await setup_locks(hass, hass_storage, {"lock.front_door": {}})
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "notify_targets": [old_phone, PHONE]}
    )
    add_notify_service(hass, PHONE)
    await hass.async_block_till_done()
    await settle(hass)
    assert issue(hass, "alert_target_missing") is None

    # The phone is renamed in the companion app: its notify service gets a new name.
    hass.services.async_remove("notify", "mobile_app_old_phone")
    add_notify_service(hass, "notify.mobile_app_new_phone")
    await settle(hass)
    missing = issue(hass, "alert_target_missing")
    assert missing is not None
    assert missing.severity is ir.IssueSeverity.ERROR
    assert missing.translation_placeholders == {"targets": old_phone}
    assert state_of(hass, "sensor.lockout_guard_home_plan").state == "at_risk"

    result = await start_fix_flow(hass, "alert_target_missing")
    assert result["step_id"] == "pick"
    result = await answer_fix_flow(
        hass, result["flow_id"], {"replacement": "notify.mobile_app_gone"}
    )
    assert result["errors"] == {"replacement": "unknown_notify_target"}
    result = await answer_fix_flow(
        hass, result["flow_id"], {"replacement": "notify.mobile_app_new_phone"}
    )
    assert result["type"] == "create_entry"
    await settle(hass)
    assert entry.options["notify_targets"] == [PHONE, "notify.mobile_app_new_phone"]
    assert issue(hass, "alert_target_missing") is None


async def test_targets_are_not_missing_while_home_assistant_starts(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    hass.set_state(CoreState.starting)
    add_zwave_lock(hass, "front_door", "Front Door")
    entry = await setup_locks(hass, hass_storage, {"lock.front_door": {}})
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "notify_targets": [PHONE]}
    )
    await settle(hass)
    # The companion app registers its service later in the start.
    assert issue(hass, "alert_target_missing") is None
    add_notify_service(hass, PHONE)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await settle(hass)
    assert issue(hass, "alert_target_missing") is None
