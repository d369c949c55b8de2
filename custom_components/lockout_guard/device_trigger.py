"""Device triggers: Lockout Guard's events, offered on the lock's own device.

An automation made from a lock's device can start when a lockout risk of that
lock is raised or cleared (optionally one chosen risk), or when its battery gets
low or critical; the hub device offers the home's risks. The triggers listen to
the events automations already use (``lockout_guard_risk_raised`` and so on) and
match the device when an event arrives, so a lock renamed since the automation
was made still triggers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.const import CONF_DEVICE_ID, CONF_DOMAIN, CONF_PLATFORM, CONF_TYPE
from homeassistant.core import CALLBACK_TYPE, Event, HassJob, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType
import voluptuous as vol

from .alerts.events import (
    BATTERY_LEVEL_CRITICAL,
    BATTERY_LEVEL_LOW,
    EVENT_BATTERY_LOW,
    EVENT_RISK_CLEARED,
    EVENT_RISK_RAISED,
)
from .alerts.issues import HUB_RISKS, LOCK_RISKS
from .const import CONF_RISK, DOMAIN
from .hub import running_hub

TRIGGER_RISK_RAISED: Final = "risk_raised"
TRIGGER_RISK_CLEARED: Final = "risk_cleared"
TRIGGER_BATTERY_LOW: Final = "battery_low"
TRIGGER_BATTERY_CRITICAL: Final = "battery_critical"

LOCK_TRIGGERS: Final = (
    TRIGGER_RISK_RAISED,
    TRIGGER_RISK_CLEARED,
    TRIGGER_BATTERY_LOW,
    TRIGGER_BATTERY_CRITICAL,
)
HUB_TRIGGERS: Final = (TRIGGER_RISK_RAISED, TRIGGER_RISK_CLEARED)
# Which event each trigger listens to, and what its data must say.
# An alert drill fires the battery event too (``drill: true``): it tests the alert
# path, the battery is fine, so the device's battery triggers leave it out.
_EVENTS: Final[Mapping[str, tuple[str, Mapping[str, object]]]] = {
    TRIGGER_RISK_RAISED: (EVENT_RISK_RAISED, {}),
    TRIGGER_RISK_CLEARED: (EVENT_RISK_CLEARED, {}),
    TRIGGER_BATTERY_LOW: (
        EVENT_BATTERY_LOW,
        {"level": BATTERY_LEVEL_LOW, "drill": False},
    ),
    TRIGGER_BATTERY_CRITICAL: (
        EVENT_BATTERY_LOW,
        {"level": BATTERY_LEVEL_CRITICAL, "drill": False},
    ),
}
ALL_RISKS: Final = sorted({*LOCK_RISKS, *HUB_RISKS})

TRIGGER_SCHEMA: Final = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {
        vol.Required(CONF_TYPE): vol.In(LOCK_TRIGGERS),
        vol.Optional(CONF_RISK): vol.In(ALL_RISKS),
    }
)


def _device_of_entity(hass: HomeAssistant, unique_id: str) -> str | None:
    """The device one of Lockout Guard's sensors is on, by its unique id."""
    registry = er.async_get(hass)
    if (entity_id := registry.async_get_entity_id("sensor", DOMAIN, unique_id)) and (
        entry := registry.async_get(entity_id)
    ):
        return entry.device_id
    return None


def hub_device_id(hass: HomeAssistant) -> str | None:
    """The "Lockout Guard" device of the running hub (where its home plan is)."""
    if (hub := running_hub(hass)) is None:
        return None
    return _device_of_entity(hass, f"{hub.entry.entry_id}_home_plan")


def lock_device_id(hass: HomeAssistant, entity_id: str) -> str | None:
    """The device a monitored lock's plan is on: the lock's own, or ours for it."""
    hub = running_hub(hass)
    if hub is None or (monitor := hub.monitor_of_lock(entity_id)) is None:
        return None
    return _device_of_entity(hass, f"{monitor.subentry_id}_lockout_plan")


def _monitors_device(hass: HomeAssistant, device_id: str) -> bool:
    hub = running_hub(hass)
    return hub is not None and any(
        lock_device_id(hass, monitor.entity_id) == device_id
        for monitor in hub.monitors.values()
    )


async def async_get_triggers(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """The triggers of a monitored lock's device, or of the hub device."""
    if device_id == hub_device_id(hass):
        kinds: tuple[str, ...] = HUB_TRIGGERS
    elif _monitors_device(hass, device_id):
        kinds = LOCK_TRIGGERS
    else:
        return []
    return [
        {
            CONF_PLATFORM: "device",
            CONF_DOMAIN: DOMAIN,
            CONF_DEVICE_ID: device_id,
            CONF_TYPE: kind,
        }
        for kind in kinds
    ]


async def async_get_trigger_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """A risk trigger can be narrowed to one risk."""
    if config[CONF_TYPE] not in (TRIGGER_RISK_RAISED, TRIGGER_RISK_CLEARED):
        return {}
    risks = HUB_RISKS if config[CONF_DEVICE_ID] == hub_device_id(hass) else LOCK_RISKS
    return {
        "extra_fields": vol.Schema(
            {vol.Optional(CONF_RISK): vol.In(sorted(str(risk) for risk in risks))}
        )
    }


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen to the trigger's event; keep those of the device (and risk)."""
    device_id: str = config[CONF_DEVICE_ID]
    kind: str = config[CONF_TYPE]
    risk: str | None = config.get(CONF_RISK)
    event_type, required = _EVENTS[kind]
    job = HassJob(action, f"{DOMAIN} device trigger {kind}")
    trigger_data = trigger_info["trigger_data"]

    @callback
    def concerns_the_device(data: Mapping[str, Any]) -> bool:
        if any(data.get(key) != value for key, value in required.items()):
            return False
        if risk is not None and data.get(CONF_RISK) != risk:
            return False
        entity_id = data.get("entity_id")
        if entity_id is None:
            # The home's risks are the hub device's.
            return device_id == hub_device_id(hass)
        return (
            isinstance(entity_id, str) and lock_device_id(hass, entity_id) == device_id
        )

    @callback
    def fire(event: Event[Mapping[str, Any]]) -> None:
        hass.async_run_hass_job(
            job,
            {
                "trigger": {
                    **trigger_data,
                    CONF_PLATFORM: "device",
                    CONF_DOMAIN: DOMAIN,
                    CONF_DEVICE_ID: device_id,
                    CONF_TYPE: kind,
                    CONF_RISK: risk,
                    "event": event,
                    "description": f"{DOMAIN} {kind}",
                }
            },
            event.context,
        )

    return hass.bus.async_listen(event_type, fire, event_filter=concerns_the_device)
