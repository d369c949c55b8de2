"""One entry holds all simulated locks; created from YAML (`lockout_sim:`) or the UI."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from .const import DOMAIN


class SimConfigFlow(ConfigFlow, domain=DOMAIN):
    """Create the single entry without questions."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        return self.async_create_entry(title="Simulated locks", data={})

    async def async_step_import(self, import_data: dict[str, Any]) -> ConfigFlowResult:
        return await self.async_step_user()
