"""Entries come from lockout_sim only (an import flow per lock), never from the UI."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from .const import CONF_LOCK_ENTITY_ID, DOMAIN


class KeymasterStandInFlow(ConfigFlow, domain=DOMAIN):
    """One entry per lock, like the real Keymaster."""

    VERSION = 1

    async def async_step_import(self, import_data: dict[str, Any]) -> ConfigFlowResult:
        lock_entity_id = str(import_data[CONF_LOCK_ENTITY_ID])
        await self.async_set_unique_id(lock_entity_id)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(
            title=f"Keymaster {lock_entity_id}", data=import_data
        )
