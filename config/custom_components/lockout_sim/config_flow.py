"""One entry holds all simulated locks; created for `lockout_sim:` in YAML or from the UI."""

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
