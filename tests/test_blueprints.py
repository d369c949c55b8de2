"""The blueprints of blueprints/automation/lockout_guard, loaded and run by Home Assistant.

The repository's blueprint files are copied into the test instance's config directory,
used by automations through `use_blueprint` (which validates them with Home Assistant's
blueprint schema) and driven by the events Lockout Guard fires.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
import re
import shutil
from typing import Any
from urllib.parse import parse_qs, urlparse

from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import dump, load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.lockout_guard.core.models import RiskId

from .lock_fixtures import LockFixture
from .setup_helpers import setup_lock

ROOT = Path(__file__).parent.parent
FOLDER = "blueprints/automation/lockout_guard"
BATTERY = "lockout_guard/lock_low_battery_alert.yaml"
RISK = "lockout_guard/risk_notification.yaml"
RAISED = "lockout_guard_risk_raised"
CLEARED = "lockout_guard_risk_cleared"
BATTERY_LOW = "lockout_guard_battery_low"
FRONT = "lock.front_door"


@pytest.fixture(autouse=True)
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """A config directory of its own with the repository's blueprints installed."""
    hass.config.config_dir = str(tmp_path)
    shutil.copytree(ROOT / FOLDER, tmp_path / FOLDER)
    return tmp_path


@pytest.fixture
def send_message(hass: HomeAssistant) -> list[ServiceCall]:
    """notify.send_message, as notify entities receive it."""
    return async_mock_service(hass, "notify", "send_message")


@pytest.fixture
def phone(hass: HomeAssistant) -> list[ServiceCall]:
    """A legacy notify action, as the mobile app registers one per phone."""
    return async_mock_service(hass, "notify", "mobile_app_annas_phone")


Notifications = Callable[[], Awaitable[dict[str, dict[str, Any]]]]


@pytest.fixture
async def notifications(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> Notifications:
    """Home Assistant's persistent notifications, as the frontend reads them."""
    assert await async_setup_component(hass, "persistent_notification", {})
    clients: list[Any] = []

    async def read() -> dict[str, dict[str, Any]]:
        # Connected on first use: the web server starts with the first client, and
        # Lockout Guard's repairs must have registered their views by then.
        if not clients:
            clients.append(await hass_ws_client(hass))
        client = clients[0]
        await client.send_json_auto_id({"type": "persistent_notification/get"})
        response = await client.receive_json()
        assert response["success"], response
        return {item["notification_id"]: item for item in response["result"]}

    return read


async def automate(
    hass: HomeAssistant, *blueprints: tuple[str, dict[str, Any]]
) -> None:
    """One automation per blueprint and inputs, set up as automations.yaml would."""
    configs = [
        {
            "alias": f"Blueprint {index}",
            "use_blueprint": {"path": path, "input": inputs},
        }
        for index, (path, inputs) in enumerate(blueprints)
    ]
    assert await async_setup_component(hass, "automation", {"automation": configs})
    await hass.async_block_till_done()
    for index in range(len(configs)):
        state = hass.states.get(f"automation.blueprint_{index}")
        assert state is not None
        assert state.state == "on", state


async def delivered(hass: HomeAssistant) -> None:
    """Wait until a lock's change has reached the automations.

    A state change reaches Lockout Guard, whose event reaches the automation, in
    callbacks scheduled one after another; one wait can return between them.
    """
    await hass.async_block_till_done()
    await hass.async_block_till_done()


def battery_event(
    hass: HomeAssistant,
    entity_id: str = FRONT,
    level: str = "low",
    *,
    drill: bool = False,
    battery_level: float | None = 20.0,
) -> None:
    hass.bus.async_fire(
        BATTERY_LOW,
        {
            "entity_id": entity_id,
            "lock_name": "Back Door" if entity_id != FRONT else "Front Door",
            "battery_level": battery_level,
            "threshold": 15 if level == "critical" else 30,
            "level": level,
            "drill": drill,
        },
    )


def risk_event(
    hass: HomeAssistant,
    risk: str,
    severity: str,
    entity_id: str | None = FRONT,
    event_type: str = RAISED,
) -> None:
    hass.bus.async_fire(
        event_type,
        {
            "entity_id": entity_id,
            "lock_name": "Front Door" if entity_id else "Lockout Guard",
            "risk": risk,
            "severity": severity,
        },
    )


def messages(calls: list[ServiceCall]) -> list[tuple[str, str]]:
    return [(call.data["title"], call.data["message"]) for call in calls]


async def test_a_lock_running_low_is_announced_everywhere_chosen(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
    phone: list[ServiceCall],
    notifications: Notifications,
) -> None:
    recorded = async_mock_service(hass, "test", "record")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    await automate(
        hass,
        (
            BATTERY,
            {
                "notify_entities": ["notify.kitchen_display"],
                "notify_services": ["mobile_app_annas_phone"],
                "actions": [
                    {
                        "action": "test.record",
                        "data": {"text": "{{ title }} | {{ message }}"},
                    }
                ],
            },
        ),
    )

    front_door.set_battery(20)
    await delivered(hass)

    low = (
        "Lock battery low: Front Door",
        "Front Door: the battery is at 20 % (low threshold 30 %). "
        "Replace the batteries soon.",
    )
    assert messages(send_message) == [low]
    assert send_message[0].data["entity_id"] == ["notify.kitchen_display"]
    assert messages(phone) == [low]
    assert [call.data["text"] for call in recorded] == [" | ".join(low)]
    shown = await notifications()
    assert shown["lockout_guard_battery_lock_front_door"]["message"] == low[1]

    front_door.set_battery(9)
    await delivered(hass)

    assert messages(send_message)[1] == (
        "Lock battery critical: Front Door",
        "Front Door: the battery is at 9 % (critical threshold 15 %). "
        "Replace the batteries now: a dead battery is the most common smart-lock "
        "lockout.",
    )
    assert len(phone) == len(recorded) == 2


async def test_a_drill_says_it_is_a_test_and_how_to_confirm_it(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
    notifications: Notifications,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    await automate(
        hass,
        (
            BATTERY,
            {"notify_entities": "notify.phone", "minimum_level": "critical"},
        ),
    )

    # What lockout_guard.start_alert_drill does for the lock.
    entry.runtime_data.monitors[subentry_id].async_fire_alert_drill()
    await hass.async_block_till_done()

    expected = (
        "Test alert: Front Door battery",
        "This is a test of your lock battery alerts for Front Door; nothing is wrong. "
        "It arrived, so confirm it: run the action lockout_guard.confirm_alert_drill "
        "for lock.front_door (Developer tools → Actions).",
    )
    assert messages(send_message) == [expected]
    shown = await notifications()
    assert shown["lockout_guard_battery_lock_front_door_drill"]["title"] == expected[0]


async def test_battery_alert_filters(
    hass: HomeAssistant, send_message: list[ServiceCall], phone: list[ServiceCall]
) -> None:
    await automate(
        hass,
        (
            BATTERY,
            {
                "notify_entities": ["notify.phone"],
                "locks": [FRONT],
                "include_drills": False,
                "persistent_notification": False,
            },
        ),
        (
            BATTERY,
            {
                "notify_services": "notify.mobile_app_annas_phone",
                "minimum_level": "critical",
                "persistent_notification": False,
            },
        ),
    )

    battery_event(hass, "lock.back_door")
    battery_event(hass, drill=True)
    battery_event(hass, battery_level=None)
    battery_event(hass, level="critical", battery_level=8.5)
    await hass.async_block_till_done()

    # The first: only the front door, no drills. The second: critical and drills.
    assert [message for _, message in messages(send_message)] == [
        "Front Door: the lock reports a low battery. Replace the batteries soon.",
        "Front Door: the battery is at 8.5 % (critical threshold 15 %). "
        "Replace the batteries now: a dead battery is the most common smart-lock "
        "lockout.",
    ]
    assert [title for title, _ in messages(phone)] == [
        "Test alert: Front Door battery",
        "Lock battery critical: Front Door",
    ]


async def test_a_new_risk_is_announced_and_its_notification_dismissed_when_fixed(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
    notifications: Notifications,
) -> None:
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    await automate(hass, (RISK, {"notify_entities": ["notify.phone"]}))

    front_door.set_battery(20)
    await delivered(hass)

    raised = (
        "Lockout risk: Front Door",
        "Front Door: Battery low (warning). "
        "Settings → Repairs says why it matters and how to fix it.",
    )
    assert messages(send_message) == [raised]
    shown = await notifications()
    assert shown["lockout_guard_battery_low_lock_front_door"]["message"] == raised[1]

    front_door.set_battery(95)
    await delivered(hass)

    # Cleared: the notification goes, and no message unless asked for.
    assert "lockout_guard_battery_low_lock_front_door" not in await notifications()
    assert len(send_message) == 1


async def test_risk_notification_filters(
    hass: HomeAssistant,
    send_message: list[ServiceCall],
    phone: list[ServiceCall],
    notifications: Notifications,
) -> None:
    await automate(
        hass,
        (
            RISK,
            {
                "notify_entities": ["notify.phone"],
                "minimum_severity": "error",
                "locks": FRONT,
                "notify_cleared": True,
                "persistent_notification": False,
            },
        ),
        (
            RISK,
            {
                "notify_services": ["notify.mobile_app_annas_phone"],
                "risks": ["lock_jammed", "no_fallback_entry"],
            },
        ),
    )

    risk_event(hass, "battery_low", "warning")
    risk_event(hass, "lock_jammed", "error", "lock.back_door")
    risk_event(hass, "lock_jammed", "error")
    risk_event(hass, "no_fallback_entry", "error", None)
    risk_event(hass, "battery_critical", "critical", "lock.back_door", CLEARED)
    risk_event(hass, "lock_jammed", "error", event_type=CLEARED)
    await hass.async_block_till_done()

    # The first: errors and worse of the front door (and of the home), also cleared.
    assert messages(send_message) == [
        (
            "Lockout risk: Front Door",
            "Front Door: Lock jammed (error). "
            "Settings → Repairs says why it matters and how to fix it.",
        ),
        (
            "Lockout risk: Lockout Guard",
            "Lockout Guard: No way in without electronics (error). "
            "Settings → Repairs says why it matters and how to fix it.",
        ),
        ("Lockout risk cleared: Front Door", "Front Door: resolved: Lock jammed."),
    ]
    # The second: only jams and the home's fallback, of any lock; cleared ones dismissed.
    assert [message.split(" (")[0] for _, message in messages(phone)] == [
        "Front Door: Lock jammed",
        "Front Door: Lock jammed",
        "Lockout Guard: No way in without electronics",
    ]
    assert set(await notifications()) == {
        "lockout_guard_lock_jammed_lock_back_door",
        "lockout_guard_no_fallback_entry_home",
    }


async def test_a_risk_it_does_not_know_yet_is_still_told(
    hass: HomeAssistant, send_message: list[ServiceCall]
) -> None:
    await automate(
        hass,
        (RISK, {"notify_entities": ["notify.phone"], "persistent_notification": False}),
    )

    risk_event(hass, "door_left_open", "warning")
    await hass.async_block_till_done()

    assert messages(send_message)[0][1].startswith(
        "Front Door: Door left open (warning)."
    )


def test_the_risk_notification_knows_every_risk() -> None:
    blueprint = load_yaml_dict(str(ROOT / FOLDER / "risk_notification.yaml"))
    every_risk = {risk.value for risk in RiskId}
    options = blueprint["blueprint"]["input"]["filters"]["input"]["risks"]["selector"]
    assert {option["value"] for option in options["select"]["options"]} == every_risk
    assert set(blueprint["variables"]["risk_texts"]) == every_risk


async def test_readme_links_import_the_blueprints(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    aioclient_mock: AiohttpClientMocker,
    config_dir: Path,
    send_message: list[ServiceCall],
) -> None:
    """The README's my.home-assistant.io links import, save and run each blueprint."""
    assert await async_setup_component(hass, "persistent_notification", {})
    assert await async_setup_component(hass, "automation", {})
    client = await hass_ws_client(hass)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(
        r"https://my\.home-assistant\.io/redirect/blueprint_import/\?[^)\s]+", readme
    )
    urls = [parse_qs(urlparse(link).query)["blueprint_url"][0] for link in links]
    files = [url.rsplit("/", 1)[1] for url in urls]
    assert sorted(files) == sorted(path.name for path in (ROOT / FOLDER).glob("*.yaml"))

    automations = []
    for url, file in zip(urls, files, strict=True):
        raw = (ROOT / FOLDER / file).read_text(encoding="utf-8")
        # GitHub answers with the file as it is in the repository.
        aioclient_mock.get(url, text=raw)  # type: ignore[no-untyped-call]
        await client.send_json_auto_id({"type": "blueprint/import", "url": url})
        imported = await client.receive_json()
        assert imported["success"], imported
        result = imported["result"]
        assert result["validation_errors"] is None
        assert result["blueprint"]["metadata"]["source_url"] == url
        path = f"{result['suggested_filename']}.yaml"
        await client.send_json_auto_id(
            {
                "type": "blueprint/save",
                "domain": "automation",
                "path": path,
                "yaml": result["raw_data"],
                "source_url": url,
            }
        )
        assert (await client.receive_json())["success"]
        automations.append(
            {
                "alias": file,
                "use_blueprint": {
                    "path": path,
                    "input": {"notify_entities": ["notify.phone"]},
                },
            }
        )

    # Automations made from the imported blueprints, as the editor saves them.
    (config_dir / "configuration.yaml").write_text(
        dump({"automation": automations}), encoding="utf-8"
    )
    await hass.services.async_call("automation", "reload", blocking=True)
    battery_event(hass)
    risk_event(hass, "battery_low", "warning")
    await hass.async_block_till_done()

    assert sorted(title for title, _ in messages(send_message)) == [
        "Lock battery low: Front Door",
        "Lockout risk: Front Door",
    ]


DEPARTURE = "lockout_guard/departure_check.yaml"
DEPARTURE_TITLE = "Before you go: a lock is at risk"
JAMMED_LINE = (
    "Front Door: Lock jammed. First way back in: power the keypad from outside "
    "(emergency terminal)."
)


async def test_leaving_with_a_lock_at_risk_is_caught(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
    notifications: Notifications,
) -> None:
    hass.states.async_set("zone.home", "2")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    await automate(hass, (DEPARTURE, {"notify_entities": ["notify.phone"]}))

    # One person leaves: someone is still home.
    hass.states.async_set("zone.home", "1")
    await delivered(hass)
    front_door.set_state("jammed")
    await delivered(hass)
    assert send_message == []

    hass.states.async_set("zone.home", "0")
    await delivered(hass)
    assert messages(send_message) == [(DEPARTURE_TITLE, JAMMED_LINE)]
    shown = await notifications()
    assert shown["lockout_guard_departure_check"]["message"] == JAMMED_LINE


async def test_leaving_with_every_plan_ready_says_nothing(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
) -> None:
    hass.states.async_set("zone.home", "1")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    # A warning is not a lockout in the making: only at_risk and critical count.
    front_door.set_battery(25)
    await delivered(hass)
    await automate(hass, (DEPARTURE, {"notify_entities": ["notify.phone"]}))
    hass.states.async_set("zone.home", "0")
    await delivered(hass)
    assert send_message == []


async def test_the_main_entrance_locking_while_the_persons_are_away(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    send_message: list[ServiceCall],
) -> None:
    hass.states.async_set("zone.home", "1")
    hass.states.async_set("person.anna", "home")
    hass.states.async_set("person.ben", "not_home")
    front_door.set_state("unlocked")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    front_door.set_battery(9)
    await delivered(hass)
    await automate(
        hass,
        (
            DEPARTURE,
            {
                "notify_entities": ["notify.phone"],
                "persistent_notification": False,
                "persons": ["person.anna", "person.ben"],
                "main_entrance": front_door.lock_entity_id,
            },
        ),
    )
    # Anna is home: the door locking is no departure.
    front_door.set_state("locked")
    await delivered(hass)
    assert send_message == []
    front_door.set_state("unlocked")
    await delivered(hass)

    hass.states.async_set("person.anna", "not_home")
    await delivered(hass)
    assert len(send_message) == 1
    front_door.set_state("locked")
    await delivered(hass)
    assert messages(send_message)[-1] == (
        DEPARTURE_TITLE,
        "Front Door: Battery critical. First way back in: power the keypad from "
        "outside (emergency terminal).",
    )
    assert len(send_message) == 2


def test_the_departure_check_knows_every_risk_of_a_lock() -> None:
    blueprint = load_yaml_dict(str(ROOT / FOLDER / "departure_check.yaml"))
    lock_risks = {
        risk.value
        for risk in RiskId
        if risk
        not in (
            RiskId.NO_FALLBACK_ENTRY,
            RiskId.NEW_LOCK_FOUND,
            RiskId.ALERT_TARGET_MISSING,
        )
    }
    assert set(blueprint["variables"]["risk_texts"]) == lock_risks
