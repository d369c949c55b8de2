"""Entries come from lockout_sim only (one per lock), never from the UI.

lockout_sim starts the user step with the entry's data: an import would count as a
discovery and leave a "New devices discovered" notification behind.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from .const import CONF_LOCK_ENTITY_ID, DOMAIN


class KeymasterStandInFlow(ConfigFlow, domain=DOMAIN):
    """One entry per lock, like the real Keymaster."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        if user_input is None:
            return self.async_abort(reason="simulation_only")
        lock_entity_id = str(user_input[CONF_LOCK_ENTITY_ID])
        await self.async_set_unique_id(lock_entity_id)
        self._abort_if_unique_id_configured()
        return self.async_create_entry(
            title=f"Keymaster {lock_entity_id}", data=user_input
        )
