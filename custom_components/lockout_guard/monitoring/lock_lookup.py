"""Look up lock entities, their names and devices in Home Assistant's registries."""

from __future__ import annotations

from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, split_entity_id
from homeassistant.helpers import device_registry as dr, entity_registry as er

from custom_components.lockout_guard.const import (
    CONF_DESIGN,
    CONF_EMERGENCY_POWER,
    CONF_KEY_OVERRIDE,
    CONF_MODEL_NUMBER,
    CONF_SMARTKEY,
    CONF_SUPPORT_PHONE,
    CONF_SUPPORT_URL,
)
from custom_components.lockout_guard.core.lock_models import LockModel, match_lock_model


def is_lock_entity_id(entity_id: str) -> bool:
    """Whether the id names an entity of the lock domain."""
    try:
        domain, _ = split_entity_id(entity_id)
    except ValueError:
        return False
    return domain == Platform.LOCK


def lock_exists(hass: HomeAssistant, entity_id: str) -> bool:
    """Whether a lock entity with this id is known (registered or with a state)."""
    if not is_lock_entity_id(entity_id):
        return False
    return (
        er.async_get(hass).async_get(entity_id) is not None
        or hass.states.get(entity_id) is not None
    )


def present_lock_entity_ids(hass: HomeAssistant) -> set[str]:
    """Every lock entity Home Assistant knows of, registered or not."""
    registered = {
        entry.entity_id
        for entry in er.async_get(hass).entities.values()
        if entry.domain == Platform.LOCK and entry.disabled_by is None
    }
    return registered | set(hass.states.async_entity_ids(Platform.LOCK))


def lock_name(hass: HomeAssistant, entity_id: str) -> str:
    """A human name for the lock: its friendly name, else the registry's, else the id."""
    if (state := hass.states.get(entity_id)) is not None and state.name:
        return state.name
    if (entry := er.async_get(hass).async_get(entity_id)) is not None and (
        name := entry.name or entry.original_name
    ):
        return name
    return entity_id


def lock_device(hass: HomeAssistant, entity_id: str) -> dr.DeviceEntry | None:
    """The device the lock entity belongs to, if any."""
    entry = er.async_get(hass).async_get(entity_id)
    if entry is None or entry.device_id is None:
        return None
    return dr.async_get(hass).async_get(entry.device_id)


def lock_model(hass: HomeAssistant, entity_id: str) -> str | None:
    """The model the lock's device reports, to suggest as model number."""
    if (device := lock_device(hass, entity_id)) is None:
        return None
    return device.model_id or device.model


def lock_knowledge(hass: HomeAssistant, entity_id: str) -> LockModel | None:
    """What the knowledge base knows of the lock's model, from its device."""
    if (device := lock_device(hass, entity_id)) is None:
        return None
    return match_lock_model(device.manufacturer, device.model, device.model_id)


def knowledge_facts(hass: HomeAssistant, entity_id: str) -> dict[str, Any]:
    """What the registry and the knowledge base settle about the lock, as facts.

    The model number always (the device's model id or model); design, key
    override, emergency power and the support phone where the model is known.
    They are suggestions: the owner's answers replace them.
    """
    facts: dict[str, Any] = {}
    if model := lock_model(hass, entity_id):
        facts[CONF_MODEL_NUMBER] = model
    if (known := lock_knowledge(hass, entity_id)) is None:
        return facts
    if known.design is not None:
        facts[CONF_DESIGN] = known.design
    if known.key_override is not None:
        facts[CONF_KEY_OVERRIDE] = known.key_override
    if known.emergency_power is not None:
        facts[CONF_EMERGENCY_POWER] = known.emergency_power
    if known.support_phone is not None:
        facts[CONF_SUPPORT_PHONE] = known.support_phone
    if known.support_url is not None:
        facts[CONF_SUPPORT_URL] = known.support_url
    if known.smartkey is not None:
        facts[CONF_SMARTKEY] = known.smartkey
    return facts
