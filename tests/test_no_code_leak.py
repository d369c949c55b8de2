"""PIN codes are counted, never kept: a known code appears nowhere a user could see."""

from __future__ import annotations

from collections.abc import Generator
import json
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest

from custom_components.lockout_guard.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .code_sources import KNOWN_PIN, mark_loaded, register_entity_response_service
from .conftest import hub_entry, lock_subentry
from .lock_fixtures import add_lock_stack
from .setup_helpers import settle
from .zwave_lock import add_be469, mock_server_client, setup_zwave_js


@pytest.fixture(name="client")
def client_fixture() -> Generator[Any]:
    """The mocked Z-Wave JS server connection."""
    yield from mock_server_client()


async def test_known_code_appears_nowhere(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    client: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="custom_components.lockout_guard")
    add_be469(client, [True, False, True])
    await setup_zwave_js(hass)
    (zwave_lock,) = [
        entry.entity_id
        for entry in er.async_get(hass).entities.values()
        if entry.platform == "zwave_js" and entry.domain == "lock"
    ]
    schlage = add_lock_stack(
        hass,
        "schlage",
        "back_door",
        "Back Door",
        lock_attributes={"code_format": "^\\d+$"},
    )
    schlage_entry = hass.config_entries.async_entries("schlage")[0]
    mark_loaded(hass, schlage_entry)  # type: ignore[arg-type]
    failing = {"now": True}

    def get_codes() -> dict[str, Any]:
        if failing["now"]:
            # A failing service may quote what it read.
            raise HomeAssistantError(f"Lock answered garbage: {KNOWN_PIN}")
        return {"a": {"name": "Guest", "code": KNOWN_PIN}}

    register_entity_response_service(hass, "schlage", "get_codes", get_codes)
    entry = hub_entry(
        lock_subentry(zwave_lock, "Front Door", backup_pin="auto"),
        lock_subentry(schlage.lock_entity_id, "Back Door", backup_pin="auto"),
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await settle(hass)
    failing["now"] = False
    for monitor in entry.runtime_data.monitors.values():
        await monitor.async_recheck()
    await hass.async_block_till_done()

    plans = {
        state.attributes["codes"]
        for state in hass.states.async_all("sensor")
        if state.entity_id.endswith("_lockout_plan")
    }
    # Both were counted: the codes passed through, and were dropped.
    assert plans == {2, 1}
    assert "Cannot count the codes of" in caplog.text

    shown = {
        "states": [
            (state.entity_id, state.state, dict(state.attributes))
            for state in hass.states.async_all()
        ],
        "issues": [
            (issue.issue_id, issue.translation_placeholders)
            for issue in ir.async_get(hass).issues.values()
        ],
        "diagnostics": await async_get_config_entry_diagnostics(hass, entry),
        "stored": hass_storage.get("lockout_guard"),
    }
    assert KNOWN_PIN not in json.dumps(shown, default=str)
    assert KNOWN_PIN not in caplog.text
