"""Device conditions: is the lock's plan at least this bad, is this risk open.

They read the plan sensor of the lock's device (the home plan on the hub device):
``plan_is`` holds when the plan is the chosen state or worse (``ready`` <
``attention`` < ``at_risk`` < ``critical``), ``risk_open`` while the chosen risk is
among the plan's open risks.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.const import (
    CONF_CONDITION,
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_ENTITY_ID,
    CONF_STATE,
    CONF_TYPE,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import (
    condition,
    config_validation as cv,
    entity_registry as er,
)
from homeassistant.helpers.config_validation import DEVICE_CONDITION_BASE_SCHEMA
from homeassistant.helpers.typing import ConfigType, TemplateVarsType
import voluptuous as vol

from .alerts.issues import LOCK_RISKS
from .const import CONF_RISK, DOMAIN
from .core.models import PlanState

CONDITION_PLAN_IS: Final = "plan_is"
CONDITION_RISK_OPEN: Final = "risk_open"
_PLAN_KEYS: Final = ("lockout_plan", "home_plan")
_RANK: Final = {state.value: rank for rank, state in enumerate(PlanState)}

CONDITION_SCHEMA: Final = vol.Any(
    DEVICE_CONDITION_BASE_SCHEMA.extend(
        {
            vol.Required(CONF_ENTITY_ID): cv.entity_id_or_uuid,
            vol.Required(CONF_TYPE): CONDITION_PLAN_IS,
            vol.Required(CONF_STATE): vol.In(list(_RANK)),
        }
    ),
    DEVICE_CONDITION_BASE_SCHEMA.extend(
        {
            vol.Required(CONF_ENTITY_ID): cv.entity_id_or_uuid,
            vol.Required(CONF_TYPE): CONDITION_RISK_OPEN,
            vol.Required(CONF_RISK): vol.In([str(risk) for risk in LOCK_RISKS]),
        }
    ),
)


def _plan_entities(hass: HomeAssistant, device_id: str) -> list[er.RegistryEntry]:
    return [
        entry
        for entry in er.async_entries_for_device(er.async_get(hass), device_id)
        if entry.platform == DOMAIN and entry.translation_key in _PLAN_KEYS
    ]


async def async_get_conditions(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """``plan_is`` for each plan on the device; ``risk_open`` for a lock's plan."""
    conditions: list[dict[str, Any]] = []
    for entry in _plan_entities(hass, device_id):
        base = {
            CONF_CONDITION: "device",
            CONF_DEVICE_ID: device_id,
            CONF_DOMAIN: DOMAIN,
            CONF_ENTITY_ID: entry.id,
        }
        conditions.append({**base, CONF_TYPE: CONDITION_PLAN_IS})
        if entry.translation_key == "lockout_plan":
            conditions.append({**base, CONF_TYPE: CONDITION_RISK_OPEN})
    return conditions


async def async_get_condition_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """The plan state to compare with, or the risk to look for."""
    if config[CONF_TYPE] == CONDITION_PLAN_IS:
        return {
            "extra_fields": vol.Schema({vol.Required(CONF_STATE): vol.In(list(_RANK))})
        }
    return {
        "extra_fields": vol.Schema(
            {vol.Required(CONF_RISK): vol.In(sorted(str(risk) for risk in LOCK_RISKS))}
        )
    }


@callback
def async_condition_from_config(
    hass: HomeAssistant, config: ConfigType
) -> condition.ConditionCheckerType:
    """Check the plan sensor as it is now."""
    entity_id = er.async_resolve_entity_id(er.async_get(hass), config[CONF_ENTITY_ID])
    kind = config[CONF_TYPE]

    @callback
    def test(hass: HomeAssistant, variables: TemplateVarsType = None) -> bool:
        if entity_id is None or (state := hass.states.get(entity_id)) is None:
            return False
        if kind == CONDITION_PLAN_IS:
            rank = _RANK.get(state.state)
            return rank is not None and rank >= _RANK[config[CONF_STATE]]
        risks = state.attributes.get("risks")
        return isinstance(risks, list) and config[CONF_RISK] in risks

    return test
