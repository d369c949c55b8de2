"""Events for automations, fired once per transition (SPEC §6)."""

from __future__ import annotations

from collections.abc import Iterable

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant

from custom_components.lockout_guard.core.models import Risk

EVENT_RISK_RAISED = "lockout_guard_risk_raised"
EVENT_RISK_CLEARED = "lockout_guard_risk_cleared"
EVENT_BATTERY_LOW = "lockout_guard_battery_low"

BATTERY_LEVEL_LOW = "low"
BATTERY_LEVEL_CRITICAL = "critical"


def fire_risk_transitions(
    hass: HomeAssistant,
    entity_id: str | None,
    lock_name: str,
    previously_open: dict[str, str],
    risks: Iterable[Risk],
) -> dict[str, str]:
    """Fire raised/cleared for what changed; return the open risks with severities.

    ``previously_open`` maps risk id to the severity it was raised with, so a
    cleared event reports the severity the user saw.
    """
    now_open = {risk.risk_id.value: risk.severity.value for risk in risks}
    for risk_id, severity in now_open.items():
        if risk_id not in previously_open:
            _fire(hass, EVENT_RISK_RAISED, entity_id, lock_name, risk_id, severity)
    for risk_id, severity in previously_open.items():
        if risk_id not in now_open:
            _fire(hass, EVENT_RISK_CLEARED, entity_id, lock_name, risk_id, severity)
    return now_open


def _fire(
    hass: HomeAssistant,
    event_type: str,
    entity_id: str | None,
    lock_name: str,
    risk_id: str,
    severity: str,
) -> None:
    hass.bus.async_fire(
        event_type,
        {
            ATTR_ENTITY_ID: entity_id,
            "lock_name": lock_name,
            "risk": risk_id,
            "severity": severity,
        },
    )


def fire_battery_low(
    hass: HomeAssistant,
    entity_id: str,
    lock_name: str,
    *,
    battery_level: float | None,
    threshold: int,
    level: str,
    drill: bool,
) -> None:
    """Tell automations a lock's battery needs replacing (or that this is a drill)."""
    hass.bus.async_fire(
        EVENT_BATTERY_LOW,
        {
            ATTR_ENTITY_ID: entity_id,
            "lock_name": lock_name,
            "battery_level": battery_level,
            "threshold": threshold,
            "level": level,
            "drill": drill,
        },
    )
