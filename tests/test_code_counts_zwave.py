"""Z-Wave JS: codes counted from the real zwave_js integration's lock node."""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from zwave_js_server.const.command_class.notification import (
    AccessControlNotificationEvent as AccessControl,
)

from custom_components.lockout_guard.codes.providers import CodeSourceError
from custom_components.lockout_guard.codes.providers.zwave_js import count_in_use
from custom_components.lockout_guard.core import zwave_notification

from .setup_helpers import issue, setup_lock
from .zwave_lock import (
    add_be469,
    mock_server_client,
    set_slot,
    setup_zwave_js,
    user_code_notification,
)

AUTO: dict[str, Any] = {"backup_pin": "auto", "app_users": None}


@pytest.fixture(name="client")
def client_fixture() -> Generator[Any]:
    """The mocked Z-Wave JS server connection."""
    yield from mock_server_client()


async def _zwave_lock(hass: HomeAssistant) -> str:
    await setup_zwave_js(hass)
    (lock,) = [
        entry.entity_id
        for entry in er.async_get(hass).entities.values()
        if entry.platform == "zwave_js" and entry.domain == "lock"
    ]
    return lock


def _plan(hass: HomeAssistant, lock: str) -> dict[str, Any]:
    plans = [
        state
        for state in hass.states.async_all("sensor")
        if state.entity_id.endswith("_lockout_plan")
    ]
    assert len(plans) == 1, plans
    attributes = plans[0].attributes
    return {key: attributes[key] for key in ("users", "codes", "users_source")}


async def _later(hass: HomeAssistant, **delta: float) -> None:
    await hass.async_block_till_done()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(**delta))
    await hass.async_block_till_done()


async def test_codes_in_use_on_the_node(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    node = add_be469(client, [True, True, False, False, False, False])
    lock = await _zwave_lock(hass)
    _, subentry_id = await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    assert _plan(hass, lock) == {"users": None, "codes": 2, "users_source": "zwave_js"}
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None

    # The lock tells a code was deleted: counted again, without waiting an hour.
    set_slot(node, 2, in_use=False)
    user_code_notification(node, AccessControl.SINGLE_USER_CODE_DELETED)
    await _later(hass, seconds=3)
    assert _plan(hass, lock)["codes"] == 1
    assert issue(hass, f"no_backup_pin_{subentry_id}") is not None

    # A factory reset: every slot is free, and the lock says so once.
    set_slot(node, 1, in_use=False)
    user_code_notification(node, AccessControl.ALL_USER_CODES_DELETED)
    await _later(hass, seconds=3)
    assert _plan(hass, lock)["codes"] == 0
    assert issue(hass, f"codes_cleared_{subentry_id}") is not None

    set_slot(node, 1, in_use=True)
    set_slot(node, 4, in_use=True)
    user_code_notification(node, AccessControl.NEW_USER_CODE_ADDED)
    await _later(hass, seconds=3)
    assert _plan(hass, lock)["codes"] == 2
    assert issue(hass, f"no_backup_pin_{subentry_id}") is None


@pytest.mark.parametrize(
    "event",
    [
        AccessControl.ALL_USERS_DELETED,
        AccessControl.MULTIPLE_CREDENTIALS_DELETED,
        AccessControl.USER_DELETED,
        AccessControl.CREDENTIAL_ADDED,
        AccessControl.CREDENTIAL_MODIFIED,
        AccessControl.CREDENTIAL_DELETED,
    ],
    ids=lambda event: event.name.lower(),
)
async def test_user_and_credential_notifications_recount(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    client: Any,
    event: AccessControl,
) -> None:
    node = add_be469(client, [True, True])
    lock = await _zwave_lock(hass)
    await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    set_slot(node, 2, in_use=False)
    user_code_notification(node, event)
    await _later(hass, seconds=3)
    assert _plan(hass, lock)["codes"] == 1


def test_access_control_events_are_the_specification_s() -> None:
    # Named as zwave_js_server names them, with the same numbers.
    for name in (
        "LOCK_STATE_LOCK_JAMMED",
        "ALL_USER_CODES_DELETED",
        "SINGLE_USER_CODE_DELETED",
        "NEW_USER_CODE_ADDED",
        "ALL_USERS_DELETED",
        "MULTIPLE_CREDENTIALS_DELETED",
        "USER_ADDED",
        "USER_MODIFIED",
        "USER_DELETED",
        "CREDENTIAL_ADDED",
        "CREDENTIAL_MODIFIED",
        "CREDENTIAL_DELETED",
    ):
        assert getattr(zwave_notification, name) == AccessControl[name].value, name


async def test_notifications_of_other_nodes_are_ignored(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    node = add_be469(client, [True, True])
    lock = await _zwave_lock(hass)
    await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    set_slot(node, 2, in_use=False)
    hass.bus.async_fire(
        "zwave_js_notification",
        {"device_id": "other", "command_class": 113, "type": 6, "event": 13},
    )
    await _later(hass, seconds=3)
    # Nothing said this lock changed: the count waits for the hourly recount.
    assert _plan(hass, lock)["codes"] == 2
    await _later(hass, minutes=61)
    assert _plan(hass, lock)["codes"] == 1


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (AUTO, {"users": None, "codes": None, "users_source": "zwave_js"}),
        ({"app_users": 1}, {"users": 1, "codes": None, "users_source": "manual"}),
    ],
    ids=["nothing-declared", "app-users-declared"],
)
async def test_slots_never_read_are_unknown_not_a_failure(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    client: Any,
    caplog: pytest.LogCaptureFixture,
    facts: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    # Z-Wave JS reads every user code only when told to: this lock's never were.
    add_be469(client, [None, None, None])
    lock = await _zwave_lock(hass)
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock, "Front Door", record={"codes_seen": 2}, **facts
    )
    await _later(hass, minutes=61)
    assert _plan(hass, lock) == expected
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
    # Not a failure: nothing to warn about at every start.
    assert not [
        record
        for record in caplog.records
        if record.name.startswith("custom_components.lockout_guard")
        and record.levelno >= logging.WARNING
    ]


async def test_zwave_js_unloaded_is_not_a_source(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    add_be469(client, [True, True])
    lock = await _zwave_lock(hass)
    zwave = hass.config_entries.async_entries("zwave_js")[0]
    await hass.config_entries.async_unload(zwave.entry_id)
    await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    assert _plan(hass, lock)["users_source"] is None


async def test_node_gone_from_the_network(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    add_be469(client, [True, True])
    lock = await _zwave_lock(hass)
    if hass.services.has_service("zwave_js", "get_lock_usercode"):
        pytest.skip("newer Home Assistant asks the lock entity, which keeps its node")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, lock, "Front Door", **AUTO
    )
    client.driver.controller.nodes.clear()
    await entry.runtime_data.monitors[subentry_id].async_recheck()
    await hass.async_block_till_done()
    assert _plan(hass, lock) == {
        "users": None,
        "codes": None,
        "users_source": "zwave_js",
    }


async def test_slots_read_later_are_counted_on_the_lock_s_notification(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    node = add_be469(client, [None, None, None])
    lock = await _zwave_lock(hass)
    await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    assert _plan(hass, lock)["codes"] is None
    # The owner reads the codes in Z-Wave JS, then adds one at the keypad.
    set_slot(node, 1, in_use=True)
    set_slot(node, 2, in_use=True)
    user_code_notification(node, AccessControl.NEW_USER_CODE_ADDED)
    await _later(hass, seconds=3)
    assert _plan(hass, lock)["codes"] == 2


async def test_slots_read_later_are_counted_within_the_hour(
    hass: HomeAssistant, hass_storage: dict[str, Any], client: Any
) -> None:
    node = add_be469(client, [None, None, None])
    lock = await _zwave_lock(hass)
    await setup_lock(hass, hass_storage, lock, "Front Door", **AUTO)
    set_slot(node, 1, in_use=True)
    await _later(hass, minutes=61)
    assert _plan(hass, lock)["codes"] == 1


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ([{"in_use": True}, {"in_use": False}, {"in_use": None}], 1),
        ([{"in_use": True}, "735190"], None),
        ([{"in_use": "yes"}], None),
        ([], None),
    ],
    ids=["counted", "slot-text", "in-use-text", "no-slots"],
)
def test_slot_answers(slots: list[Any], expected: int | None) -> None:
    if expected is None:
        with pytest.raises(CodeSourceError) as err:
            count_in_use(slots)
        assert "735190" not in str(err.value)
    else:
        assert count_in_use(slots) == expected
