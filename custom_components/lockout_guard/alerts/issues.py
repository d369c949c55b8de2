"""Keep Home Assistant's repair issues in step with the open risks.

One issue per risk per lock (``<risk>_<subentry_id>``) and one per hub risk
(``<risk>``). An issue is created while its risk is open and deleted as soon as it
clears; re-creating an open issue keeps the user's "ignore", deleting it resets it,
so an ignored issue stays quiet until its condition clears and returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.core.models import (
    BatteryPart,
    Risk,
    RiskId,
    Severity,
)

HUB_RISKS = frozenset(
    {RiskId.NO_FALLBACK_ENTRY, RiskId.NEW_LOCK_FOUND, RiskId.ALERT_TARGET_MISSING}
)
LOCK_RISKS = tuple(risk_id for risk_id in RiskId if risk_id not in HUB_RISKS)

_SEVERITY = {
    Severity.WARNING: ir.IssueSeverity.WARNING,
    Severity.ERROR: ir.IssueSeverity.ERROR,
    Severity.CRITICAL: ir.IssueSeverity.CRITICAL,
}


def lock_issue_id(risk_id: str, subentry_id: str) -> str:
    """The repair issue id of a lock's risk."""
    return f"{risk_id}_{subentry_id}"


# A battery risk about a separate keypad's battery has texts of its own: the issue
# id stays the risk's, only the words say which battery it is.
KEYPAD_TEXT_SUFFIX = "_keypad"


def is_keypad_issue(translation_key: str | None) -> bool:
    """Whether an issue's texts are those of a keypad's battery."""
    return translation_key is not None and translation_key.endswith(KEYPAD_TEXT_SUFFIX)


def _translation_key(risk: Risk) -> str:
    if risk.placeholders.get("battery") == BatteryPart.KEYPAD:
        return f"{risk.risk_id.value}{KEYPAD_TEXT_SUFFIX}"
    return risk.risk_id.value


def _create(
    hass: HomeAssistant,
    issue_id: str,
    risk: Risk,
    placeholders: Mapping[str, str],
    data: dict[str, str | int | float | None],
) -> None:
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=True,
        is_persistent=False,
        severity=_SEVERITY[risk.severity],
        translation_key=_translation_key(risk),
        translation_placeholders=dict(risk.placeholders) | dict(placeholders),
        data=data,
    )


def sync_lock_issues(
    hass: HomeAssistant,
    subentry_id: str,
    entity_id: str,
    lock_name: str,
    risks: Iterable[Risk],
    previously_open: set[str] | None = None,
    *,
    keypad_battery_name: str | None = None,
) -> set[str]:
    """Create the issues of the open risks of one lock and delete the others.

    Open issues are created every time (a repair flow that finished deleted its
    issue, and an open risk must bring it back). Of the rest, only those open at
    the last sync (``previously_open``) can exist; without it, every possible
    issue of the lock is deleted. Returns the open issue ids for the next sync.
    ``keypad_battery_name`` names the lock's keypad battery in its texts.
    """
    open_ids: set[str] = set()
    placeholders = {"lock_name": lock_name, "entity_id": entity_id}
    if keypad_battery_name is not None:
        placeholders["keypad_battery"] = keypad_battery_name
    for risk in risks:
        if risk.risk_id is RiskId.ALERT_NEVER_TESTED:
            # One repair for the home (home_alert_issue); a per-lock issue of an
            # earlier version is deleted below with the other closed ones.
            continue
        issue_id = lock_issue_id(risk.risk_id, subentry_id)
        open_ids.add(issue_id)
        _create(
            hass,
            issue_id,
            risk,
            placeholders,
            {"subentry_id": subentry_id, "risk": risk.risk_id.value},
        )
    candidates = (
        previously_open
        if previously_open is not None
        else {lock_issue_id(risk_id, subentry_id) for risk_id in LOCK_RISKS}
    )
    for issue_id in candidates - open_ids:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
    return open_ids


def sync_hub_issues(hass: HomeAssistant, risks: Iterable[Risk]) -> None:
    """Create the issues of the open hub risks and delete the others."""
    open_ids = set()
    for risk in risks:
        open_ids.add(risk.risk_id.value)
        _create(hass, risk.risk_id.value, risk, {}, {"risk": risk.risk_id.value})
    for risk_id in HUB_RISKS:
        if risk_id not in open_ids:
            ir.async_delete_issue(hass, DOMAIN, risk_id)
