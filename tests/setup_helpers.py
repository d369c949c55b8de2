"""Set up Lockout Guard around a lock whose plan is ready, then break one thing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from homeassistant.components.repairs import repairs_flow_manager
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry

READY_FACTS: dict[str, Any] = {
    "main_entrance": True,
    "design": "retrofit",
    "key_override": True,
    "keyway": "standard",
    "key_location": "trusted_person",
    "emergency_power": "usb",
    "backup_pin": "yes",
    "app_users": 2,
    "model_number": "BE469ZP",
    "support_phone": "+1 877 671 7011",
    "locksmith_contact": "Ace Locks +1 555 0100",
    "private_note": "Spare key with Anna next door",
    # Key control: an unused factory-cut key is kept, few keys are out.
    "factory_key_kept": "yes",
    "keys_in_circulation": 3,
}


def ready_record(**changes: Any) -> dict[str, Any]:
    """A stored record with every confirmation fresh."""
    today = dt_util.now().date().isoformat()
    return {
        "key_verified": today,
        "key_tested": True,
        "drill_confirmed": today,
    } | changes


def seed_store(hass_storage: dict[str, Any], records: dict[str, Any]) -> None:
    """Stored confirmations as Lockout Guard writes them, one record per subentry."""
    hass_storage[DOMAIN] = {
        "version": 1,
        "minor_version": 1,
        "key": DOMAIN,
        "data": {"locks": records},
    }


async def setup_lock(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    entity_id: str,
    name: str,
    *,
    record: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    **facts: Any,
) -> tuple[MockConfigEntry, str]:
    """Set up the hub monitoring one lock; facts override the ready ones."""
    entry = hub_entry(
        lock_subentry(entity_id, name, **(READY_FACTS | facts)), options=options
    )
    (subentry_id,) = entry.subentries
    seed_store(
        hass_storage, {subentry_id: record if record is not None else ready_record()}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    return entry, subentry_id


async def settle(hass: HomeAssistant) -> None:
    """Let the home's view settle (it is evaluated a second after a change)."""
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=2))
    await hass.async_block_till_done()


def issue(hass: HomeAssistant, issue_id: str) -> ir.IssueEntry | None:
    """The repair issue of Lockout Guard with this id, if open."""
    return ir.async_get(hass).async_get_issue(DOMAIN, issue_id)


def assert_drill_failed(hass: HomeAssistant, subentry_id: str) -> None:
    """The alert_never_tested issue of the lock is open and says the drill failed."""
    # One repair for the home; the lock's plan lists the risk.
    plan = state_of(hass, _plan_of(hass, subentry_id))
    assert "alert_never_tested" in plan.attributes["risks"]
    failed = issue(hass, "alert_never_tested")
    assert failed is not None
    assert failed.translation_placeholders is not None
    assert failed.translation_placeholders["drill"] == "failed"


def open_issue_ids(hass: HomeAssistant) -> set[str]:
    """Every open issue of Lockout Guard."""
    return {
        issue_id for domain, issue_id in ir.async_get(hass).issues if domain == DOMAIN
    }


async def update_facts(
    hass: HomeAssistant, entry: MockConfigEntry, subentry_id: str, **changes: Any
) -> None:
    """Change facts of the lock as the reconfigure flow would (reloads the hub)."""
    subentry = entry.subentries[subentry_id]
    data = {**subentry.data, **changes}
    for key in [key for key, value in changes.items() if value is None]:
        data.pop(key)
    hass.config_entries.async_update_subentry(entry, subentry, data=data)
    await hass.async_block_till_done()
    await settle(hass)


def days_ago(days: int) -> str:
    """An ISO date some days back."""
    return date.fromordinal(dt_util.now().date().toordinal() - days).isoformat()


def _plan_of(hass: HomeAssistant, subentry_id: str) -> str:
    """The lockout plan sensor of a lock, found by its unique id."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "sensor", DOMAIN, f"{subentry_id}_lockout_plan"
    )
    assert entity_id is not None
    return entity_id


async def confirm_home_drill(hass: HomeAssistant) -> dict[str, Any]:
    """Say in the home's alert repair that the test alert arrived."""
    result = await start_fix_flow(hass, "alert_never_tested")
    assert result["type"] == "menu", result
    return await answer_fix_flow(hass, result["flow_id"], {"next_step_id": "arrived"})


async def start_fix_flow(hass: HomeAssistant, issue_id: str) -> dict[str, Any]:
    """Open the repair flow of an issue, as the Repairs dialog does."""
    manager = repairs_flow_manager(hass)
    assert manager is not None
    result = await manager.async_init(DOMAIN, data={"issue_id": issue_id})
    return dict(result)


async def answer_fix_flow(
    hass: HomeAssistant, flow_id: str, user_input: dict[str, Any]
) -> dict[str, Any]:
    """Answer the current step of a repair flow."""
    manager = repairs_flow_manager(hass)
    assert manager is not None
    result = await manager.async_configure(flow_id, user_input)
    await hass.async_block_till_done()
    await settle(hass)
    return dict(result)


async def run_fix_flow(
    hass: HomeAssistant, issue_id: str, user_input: dict[str, Any]
) -> dict[str, Any]:
    """Open a repair flow and answer its first step."""
    result = await start_fix_flow(hass, issue_id)
    assert result["type"] == "form", result
    return await answer_fix_flow(hass, result["flow_id"], user_input)


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The state of an entity that must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} has no state"
    return state
