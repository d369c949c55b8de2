"""Diagnostics: what Lockout Guard sees and concludes, with private text redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .battery.battery_type import find_battery_type
from .const import CONF_BATTERY_TYPE, PRIVATE_FIELDS
from .hub import LockoutGuardConfigEntry
from .monitoring.lock_lookup import knowledge_facts, lock_knowledge


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: LockoutGuardConfigEntry
) -> dict[str, Any]:
    """Options, and per lock its facts, readings, confirmations and open risks."""
    hub = entry.runtime_data
    locks: dict[str, Any] = {}
    for subentry_id, monitor in hub.monitors.items():
        assessment = monitor.assessment
        data = entry.subentries[subentry_id].data
        known = lock_knowledge(hass, monitor.entity_id)
        suggested = knowledge_facts(hass, monitor.entity_id)
        locks[subentry_id] = {
            "facts": async_redact_data(dict(data), PRIVATE_FIELDS),
            # Which facts are the registry's and the knowledge base's, not answers.
            "knowledge_base": {
                "model": known.key if known else None,
                "facts": sorted(
                    key for key, value in suggested.items() if data.get(key) == value
                ),
            },
            "battery_entities": sorted(monitor.battery.entity_ids),
            # What to buy and who says so (owner, Battery Notes, Matter, the model).
            "battery_type": asdict(found)
            if (
                found := find_battery_type(
                    hass, monitor.device_id, data.get(CONF_BATTERY_TYPE)
                )
            )
            else None,
            "jam_entities": sorted(monitor.jam.entity_ids),
            # Counts and where they came from; the codes themselves are never read.
            "users_source": monitor.users_source,
            "battery_forecast": monitor.battery_care.diagnostics,
            "readings": asdict(monitor.readings),
            "confirmations": monitor.record.as_dict(),
            "plan": assessment.plan if assessment else None,
            "risks": [asdict(risk) for risk in assessment.risks] if assessment else [],
            "next_due": assessment.next_due if assessment else None,
        }
    return {
        "options": dict(entry.options),
        "home_plan": hub.plan,
        "hub_risks": [asdict(risk) for risk in hub.hub_risks],
        "ignored_locks": sorted(hub.store.ignored_locks),
        "locks": locks,
    }
