"""The repairs platform: each Lockout Guard issue opens the flow that fixes its risk.

The flows themselves live in ``repair_flows``; this module only picks one.
"""

from __future__ import annotations

from homeassistant.components.repairs import ConfirmRepairFlow, RepairsFlow
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .core.models import RiskId
from .repair_flows.flows import FLOWS_BY_RISK
from .repair_flows.reset import ResetChecklistRepairFlow
from .storage.guarded_store import STORAGE_ISSUE_IDS


async def async_create_fix_flow(
    hass: HomeAssistant,
    issue_id: str,
    data: dict[str, str | int | float | None] | None,
) -> RepairsFlow:
    """Pick the flow that repairs the issue's risk."""
    if issue_id in STORAGE_ISSUE_IDS:
        # What was lost is told; the owner confirms having read it.
        return ConfirmRepairFlow()
    risk, subentry_id = _parse_issue_id(issue_id)
    if risk is RiskId.CODES_CLEARED:
        return ResetChecklistRepairFlow(risk, subentry_id)
    return FLOWS_BY_RISK[risk](risk, subentry_id)


def _parse_issue_id(issue_id: str) -> tuple[RiskId, str | None]:
    """``<risk>_<subentry_id>`` or ``<risk>``: issue data is not kept across restarts."""
    for risk in RiskId:
        if issue_id == risk.value:
            return risk, None
        if issue_id.startswith(f"{risk.value}_"):
            return risk, issue_id.removeprefix(f"{risk.value}_")
    raise ValueError(f"Not an issue of {DOMAIN}: {issue_id}")
