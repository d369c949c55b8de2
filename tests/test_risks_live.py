"""Every lock risk, driven through real states, registries and config entries.

For each risk: start from a lock whose plan is ready, break one thing, and check
what the user sees (repair issue with severity and placeholders, plan sensor, risk
binary sensor, event); then mend it and check that all of it clears.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from .lock_fixtures import LockFixture
from .setup_helpers import (
    answer_fix_flow,
    confirm_home_drill,
    issue,
    ready_record,
    run_fix_flow,
    settle,
    setup_lock,
    start_fix_flow,
    state_of,
    update_facts,
)

PLAN = "sensor.front_door_lockout_plan"
RISK = "binary_sensor.front_door_lockout_risk"
HOME_PLAN = "sensor.lockout_guard_home_plan"
OPEN_RISKS = "sensor.lockout_guard_open_risks"


@dataclass
class Scene:
    """What a step can act on."""

    hass: HomeAssistant
    lock: LockFixture
    entry: MockConfigEntry
    subentry_id: str
    freezer: FrozenDateTimeFactory

    async def settle(self, minutes: float = 0) -> None:
        """Let time pass (timers fire) and Home Assistant catch up."""
        if minutes:
            self.freezer.tick(timedelta(minutes=minutes))
            async_fire_time_changed(self.hass)
        await self.hass.async_block_till_done()

    async def facts(self, **changes: Any) -> None:
        """Change the lock's facts as the reconfigure flow does."""
        await update_facts(self.hass, self.entry, self.subentry_id, **changes)


Step = Callable[[Scene], Awaitable[None]]


def _battery(value: Any, minutes: float = 0) -> Step:
    async def step(scene: Scene) -> None:
        scene.lock.set_battery(value)
        await scene.settle(minutes)

    return step


def _state(value: str, minutes: float = 0) -> Step:
    async def step(scene: Scene) -> None:
        scene.lock.set_state(value)
        await scene.settle(minutes)

    return step


def _facts(**changes: Any) -> Step:
    async def step(scene: Scene) -> None:
        await scene.facts(**changes)

    return step


async def _home_drill_arrived(scene: Scene) -> None:
    """The home's alert repair: the owner says the test alert arrived."""
    result = await confirm_home_drill(scene.hass)
    assert result["type"] == "create_entry"
    await scene.hass.async_block_till_done()


def _repair(**user_input: Any) -> Step:
    """Clear a confirmation-based risk the way a user does: through its repair."""

    async def step(scene: Scene) -> None:
        open_ids = [
            issue_id
            for (_, issue_id) in ir.async_get(scene.hass).issues
            if issue_id.endswith(scene.subentry_id)
        ]
        assert len(open_ids) == 1
        result = await run_fix_flow(scene.hass, open_ids[0], user_input)
        assert result["type"] == "create_entry"

    return step


def _checklist() -> Step:
    """Confirm every step of the post-reset checklist."""

    async def step(scene: Scene) -> None:
        result = await start_fix_flow(scene.hass, f"codes_cleared_{scene.subentry_id}")
        steps = []
        while result["type"] == "form":
            steps.append(result["step_id"])
            result = await answer_fix_flow(scene.hass, result["flow_id"], {})
        assert steps == [
            "reenter_pins",
            "readd_app_users",
            "change_master_pin",
            "review_codes",
            "check_cloud_logins",
        ]
        assert result["type"] == "create_entry"

    return step


@dataclass(frozen=True)
class Case:
    """One risk: how to raise it, how to clear it, what the user sees."""

    risk: str
    severity: ir.IssueSeverity
    raise_it: Step
    clear_it: Step
    placeholders: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)
    plan: str = "attention"


CASES = [
    Case(
        "battery_low",
        ir.IssueSeverity.WARNING,
        _battery(25),
        _battery(95),
        {"battery_level": "25", "threshold": "30"},
    ),
    Case(
        "battery_critical",
        ir.IssueSeverity.ERROR,
        _battery(15),
        _battery(95),
        {"battery_level": "15", "threshold": "15"},
        plan="at_risk",
    ),
    Case(
        "battery_not_reporting",
        ir.IssueSeverity.WARNING,
        _battery("unavailable", minutes=31),
        _battery(95),
        {"hours": "48"},
    ),
    Case(
        "lock_jammed",
        ir.IssueSeverity.ERROR,
        _state("jammed"),
        _state("locked"),
        plan="at_risk",
    ),
    Case(
        "lock_unavailable",
        ir.IssueSeverity.WARNING,
        _state("unavailable", minutes=31),
        _state("locked"),
        {"minutes": "30"},
    ),
    Case(
        "no_offsite_key",
        ir.IssueSeverity.WARNING,
        _facts(key_location="inside_only"),
        _facts(key_location="offsite"),
    ),
    Case(
        "key_hidden_outside",
        ir.IssueSeverity.WARNING,
        _facts(key_location="hidden_outside"),
        _facts(key_location="lockbox"),
    ),
    Case(
        "single_app_user",
        ir.IssueSeverity.WARNING,
        _facts(app_users=1),
        _facts(app_users=3),
        {"app_users": "1"},
    ),
    Case(
        "no_backup_pin",
        ir.IssueSeverity.WARNING,
        _facts(backup_pin="no"),
        _facts(backup_pin="yes"),
    ),
    Case(
        "support_info_missing",
        ir.IssueSeverity.WARNING,
        _facts(support_phone=None),
        _facts(support_phone="0800 100 200"),
        {"missing": "support_phone"},
    ),
    Case(
        "locksmith_not_researched",
        ir.IssueSeverity.WARNING,
        _facts(locksmith_contact=None),
        _facts(locksmith_contact="Brand locksmith 0800 1"),
        facts={"keyway": "restricted", "key_card_location": "safe"},
    ),
    Case(
        "restricted_key_card",
        ir.IssueSeverity.WARNING,
        _facts(keyway="restricted"),
        _facts(key_card_location="Folder in the study"),
    ),
    Case(
        "alert_never_tested",
        ir.IssueSeverity.WARNING,
        _facts(),
        _home_drill_arrived,
        {"days": "180", "drill": "none"},
        record={"drill_confirmed": None},
    ),
    Case(
        "backup_key_unverified",
        ir.IssueSeverity.WARNING,
        _facts(),
        _repair(key_location="offsite", key_tested=True),
        {"days": "180"},
        record={"key_verified": "2025-01-01"},
    ),
    Case(
        "codes_cleared",
        ir.IssueSeverity.ERROR,
        _facts(),
        _checklist(),
        record={"reset_pending": True},
        plan="at_risk",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.risk for case in CASES])
async def test_risk_is_raised_and_cleared(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
    case: Case,
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    entry, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        record=ready_record(**case.record),
        **case.facts,
    )
    scene = Scene(hass, front_door, entry, subentry_id, freezer)
    if not case.record:
        # The baseline is a ready plan with nothing open.
        assert state_of(hass, PLAN).state == "ready"
        assert state_of(hass, RISK).state == "off"
        assert raised == []

    await case.raise_it(scene)

    # The alert path is the home's: one repair for all locks, without a lock name.
    home_repair = case.risk == "alert_never_tested"
    issue_id = case.risk if home_repair else f"{case.risk}_{subentry_id}"
    found = issue(hass, issue_id)
    assert found is not None, f"{issue_id} not raised"
    assert found.severity is case.severity
    assert found.translation_key == case.risk
    assert found.is_fixable
    assert found.translation_placeholders is not None
    if not home_repair:
        assert found.translation_placeholders["lock_name"] == "Front Door"
    assert case.placeholders.items() <= found.translation_placeholders.items()
    plan = state_of(hass, PLAN)
    assert plan.state == case.plan
    assert plan.attributes["risks"] == [case.risk]
    assert state_of(hass, RISK).state == "on"
    assert state_of(hass, HOME_PLAN).state == case.plan
    assert state_of(hass, OPEN_RISKS).state == "1"
    assert [e.data for e in raised] == [
        {
            "entity_id": front_door.lock_entity_id,
            "lock_name": "Front Door",
            "risk": case.risk,
            "severity": case.severity.value,
        }
    ]

    await case.clear_it(scene)

    assert issue(hass, issue_id) is None
    assert state_of(hass, PLAN).state == "ready"
    assert state_of(hass, PLAN).attributes["risks"] == []
    assert state_of(hass, RISK).state == "off"
    assert state_of(hass, HOME_PLAN).state == "ready"
    assert state_of(hass, OPEN_RISKS).state == "0"
    assert [e.data["risk"] for e in cleared] == [case.risk]
    # Once per transition: nothing was raised twice on the way.
    assert len(raised) == 1


async def test_critical_battery_without_mechanical_fallback_is_critical(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    _, subentry_id = await setup_lock(
        hass,
        hass_storage,
        front_door.lock_entity_id,
        "Front Door",
        main_entrance=False,
        design="keyless",
        key_override=False,
        key_location="none",
        emergency_power="none",
        locksmith_contact="Keyless experts",
    )
    front_door.set_battery(5)
    await hass.async_block_till_done()
    found = issue(hass, f"battery_critical_{subentry_id}")
    assert found is not None
    assert found.severity is ir.IssueSeverity.CRITICAL
    assert state_of(hass, PLAN).state == "critical"


async def test_monitored_lock_missing_when_entity_is_removed(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    er.async_get(hass).async_remove(front_door.lock_entity_id)
    hass.states.async_remove(front_door.lock_entity_id)
    await hass.async_block_till_done()

    found = issue(hass, f"monitored_lock_missing_{subentry_id}")
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["entity_id"] == front_door.lock_entity_id
    assert "monitored_lock_missing" in [e.data["risk"] for e in raised]


async def test_monitored_lock_missing_is_raised_and_cleared(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    _, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    registry = er.async_get(hass)
    original = registry.async_get(front_door.lock_entity_id)
    assert original is not None
    registry.async_remove(front_door.lock_entity_id)
    hass.states.async_remove(front_door.lock_entity_id)
    await hass.async_block_till_done()

    issue_id = f"monitored_lock_missing_{subentry_id}"
    found = issue(hass, issue_id)
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["entity_id"] == front_door.lock_entity_id
    # A missing lock has no state or battery to judge: only the missing lock counts.
    assert state_of(hass, PLAN).attributes["risks"] == ["monitored_lock_missing"]
    assert state_of(hass, PLAN).state == "at_risk"
    assert state_of(hass, RISK).state == "on"
    assert [e.data["risk"] for e in raised] == ["monitored_lock_missing"]

    # The integration adds the entity back (re-paired with the same id).
    registry.async_get_or_create(
        "lock",
        original.platform,
        original.unique_id,
        suggested_object_id="front_door",
        device_id=original.device_id,
    )
    front_door.set_state("locked")
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is None
    assert state_of(hass, PLAN).state == "ready"
    assert state_of(hass, RISK).state == "off"
    assert [e.data["risk"] for e in cleared] == ["monitored_lock_missing"]


async def test_no_fallback_entry_is_raised_and_cleared(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    freezer: FrozenDateTimeFactory,
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    scene = Scene(hass, front_door, entry, subentry_id, freezer)
    # The only door loses its key override: nothing opens without electronics.
    await scene.facts(design="keyless", key_override=False, key_location="none")
    found = issue(hass, "no_fallback_entry")
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders == {"main_entrance": "Front Door"}
    home = state_of(hass, HOME_PLAN)
    assert home.state == "at_risk"
    assert home.attributes["fallback_entry"] is False
    hub_raised = [e.data for e in raised if e.data["entity_id"] is None]
    assert hub_raised == [
        {
            "entity_id": None,
            "lock_name": "Lockout Guard",
            "risk": "no_fallback_entry",
            "severity": "error",
        }
    ]

    await scene.facts(design="retrofit", key_override=True, key_location="offsite")
    assert issue(hass, "no_fallback_entry") is None
    assert state_of(hass, HOME_PLAN).attributes["fallback_entry"] is True
    assert "no_fallback_entry" in [e.data["risk"] for e in cleared]


async def test_new_lock_found_is_raised_and_cleared(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    cleared = async_capture_events(hass, "lockout_guard_risk_cleared")
    await setup_lock(hass, hass_storage, front_door.lock_entity_id, "Front Door")
    assert state_of(hass, HOME_PLAN).state == "ready"
    # A YAML lock without a unique id appears: only its state tells.
    hass.states.async_set("lock.shed", "locked", {"friendly_name": "Shed"})
    await settle(hass)

    found = issue(hass, "new_lock_found")
    assert found is not None
    assert found.severity is ir.IssueSeverity.WARNING
    assert found.translation_placeholders == {"locks": "lock.shed"}
    assert state_of(hass, HOME_PLAN).state == "attention"
    assert state_of(hass, OPEN_RISKS).state == "1"
    # The monitored lock's own plan is untouched.
    assert state_of(hass, PLAN).state == "ready"
    assert [e.data["risk"] for e in raised] == ["new_lock_found"]

    # It is taken out of the YAML again.
    hass.states.async_remove("lock.shed")
    await settle(hass)
    assert issue(hass, "new_lock_found") is None
    assert state_of(hass, HOME_PLAN).state == "ready"
    assert state_of(hass, OPEN_RISKS).state == "0"
    assert [e.data["risk"] for e in cleared] == ["new_lock_found"]
