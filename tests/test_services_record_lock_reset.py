"""lockout_guard.record_lock_reset: a reset opens the post-reset checklist (admins)."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import Unauthorized
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockUser,
    async_capture_events,
)

from custom_components.lockout_guard.repair_flows.reset import CHECKLIST

from .lock_fixtures import LockFixture
from .service_calls import call_action
from .setup_helpers import (
    answer_fix_flow,
    issue,
    setup_lock,
    start_fix_flow,
    state_of,
)

PLAN = "sensor.front_door_lockout_plan"


async def test_a_reset_stays_open_until_the_checklist_is_confirmed(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_admin_user: MockUser,
) -> None:
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    issue_id = f"codes_cleared_{subentry_id}"

    await call_action(
        hass,
        "record_lock_reset",
        {"entity_id": front_door.lock_entity_id},
        user_id=hass_admin_user.id,
    )

    found = issue(hass, issue_id)
    assert found is not None
    assert found.severity is ir.IssueSeverity.ERROR
    assert state_of(hass, PLAN).state == "at_risk"
    assert [(e.data["entity_id"], e.data["risk"]) for e in raised] == [
        (front_door.lock_entity_id, "codes_cleared")
    ]
    # It survives a reload: the pending checklist is stored.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert issue(hass, issue_id) is not None

    # The post-reset checklist is confirmed step by step; the issue stays until the end.
    result = await start_fix_flow(hass, issue_id)
    steps = []
    while result["type"] == "form":
        steps.append(result["step_id"])
        assert issue(hass, issue_id) is not None
        result = await answer_fix_flow(hass, result["flow_id"], {})
    assert steps == list(CHECKLIST)
    assert result["type"] == "create_entry"
    assert issue(hass, issue_id) is None
    assert state_of(hass, PLAN).state == "ready"


async def test_only_admins_may_record_a_reset(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    front_door: LockFixture,
    hass_read_only_user: MockUser,
) -> None:
    entry, subentry_id = await setup_lock(
        hass, hass_storage, front_door.lock_entity_id, "Front Door"
    )
    with pytest.raises(Unauthorized):
        await call_action(
            hass,
            "record_lock_reset",
            {"entity_id": front_door.lock_entity_id},
            user_id=hass_read_only_user.id,
        )
    assert entry.runtime_data.store.lock(subentry_id).reset_pending is False
    assert issue(hass, f"codes_cleared_{subentry_id}") is None
