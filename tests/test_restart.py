"""What the owner entered survives a restart of Home Assistant."""

from __future__ import annotations

from typing import Any

from homeassistant import loader
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import async_test_home_assistant

from custom_components.lockout_guard.const import DOMAIN

from .lock_fixtures import LockFixture
from .setup_helpers import confirm_home_drill, run_fix_flow


async def test_facts_and_confirmations_survive_a_restart(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    result: Any = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"locks": [front_door.lock_entity_id]}
    )
    await hass.async_block_till_done()
    entry = result["result"]
    (subentry_id,) = entry.subentries
    # A fact goes to the subentry, a confirmation to the store.
    result = await run_fix_flow(
        hass, f"single_app_user_{subentry_id}", {"app_users": 2}
    )
    assert result["type"] == "create_entry"
    result = await confirm_home_drill(hass)
    assert result["type"] == "create_entry"
    await hass.async_block_till_done()
    facts_before = dict(entry.subentries[subentry_id].data)
    assert facts_before["app_users"] == 2

    await hass.async_stop()
    assert hass.state is CoreState.stopped

    async with async_test_home_assistant() as restarted:
        restarted.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        await restarted.config_entries.async_initialize()
        restarted.states.async_set(front_door.lock_entity_id, "locked")
        assert await async_setup_component(restarted, DOMAIN, {})
        await restarted.async_block_till_done()

        (entry_after,) = restarted.config_entries.async_entries(DOMAIN)
        assert dict(entry_after.subentries[subentry_id].data) == facts_before
        record = entry_after.runtime_data.store.lock(subentry_id)
        assert record.drill_confirmed == dt_util.now().date()
        assert await restarted.config_entries.async_unload(entry_after.entry_id)
        await restarted.async_stop(force=True)
