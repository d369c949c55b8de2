"""Lock stacks as real integrations register them (HA_FACTS.md).

Each builder creates what the integration would: a config entry of that integration,
a device in the device registry, registry entries for the lock and its battery
entities (with the integration's platform and device classes), and their states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_UNIT_OF_MEASUREMENT, PERCENTAGE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry


@dataclass
class LockFixture:
    """Handles to a lock stack built for a test."""

    hass: HomeAssistant
    lock_entity_id: str
    name: str
    device_id: str | None = None
    battery_entity_id: str | None = None
    low_flag_entity_id: str | None = None
    lock_attributes: dict[str, Any] = field(default_factory=dict)

    def set_state(self, state: str, **attributes: Any) -> None:
        """Report a new lock state (attributes are merged)."""
        self.lock_attributes.update(attributes)
        self.hass.states.async_set(
            self.lock_entity_id,
            state,
            {"friendly_name": self.name, **self.lock_attributes},
        )

    def set_battery(self, value: Any) -> None:
        """Report a battery level (any value: real sensors send text too)."""
        assert self.battery_entity_id is not None
        self.hass.states.async_set(
            self.battery_entity_id,
            str(value),
            {
                ATTR_DEVICE_CLASS: "battery",
                ATTR_UNIT_OF_MEASUREMENT: PERCENTAGE,
                "friendly_name": f"{self.name} Battery",
            },
            force_update=True,
        )

    def set_low_flag(self, low: bool | str) -> None:
        """Report the battery-low binary sensor (on means low)."""
        assert self.low_flag_entity_id is not None
        state = ("on" if low else "off") if isinstance(low, bool) else low
        self.hass.states.async_set(
            self.low_flag_entity_id,
            state,
            {ATTR_DEVICE_CLASS: "battery", "friendly_name": f"{self.name} Battery low"},
        )


def _device(
    hass: HomeAssistant, platform: str, key: str, name: str, model: str, maker: str
) -> tuple[MockConfigEntry, dr.DeviceEntry]:
    source = MockConfigEntry(domain=platform, title=f"{platform} {key}")
    source.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=source.entry_id,
        identifiers={(platform, key)},
        manufacturer=maker,
        model=model,
        name=name,
    )
    return source, device


def _register(
    hass: HomeAssistant,
    domain: str,
    platform: str,
    unique_id: str,
    object_id: str,
    source: MockConfigEntry,
    device: dr.DeviceEntry,
    device_class: str | None = None,
) -> str:
    return (
        er.async_get(hass)
        .async_get_or_create(
            domain,
            platform,
            unique_id,
            suggested_object_id=object_id,
            config_entry=source,
            device_id=device.id,
            original_device_class=device_class,
        )
        .entity_id
    )


def add_lock_stack(
    hass: HomeAssistant,
    platform: str,
    key: str,
    name: str,
    *,
    model: str = "Model",
    manufacturer: str = "Maker",
    battery: Any = None,
    low_flag: bool | None = None,
    battery_attribute: Any = None,
    state: str = "locked",
    lock_attributes: dict[str, Any] | None = None,
) -> LockFixture:
    """A lock on its own device, with a battery sensor and/or a low flag."""
    source, device = _device(hass, platform, key, name, model, manufacturer)
    fixture = LockFixture(
        hass=hass,
        lock_entity_id=_register(hass, "lock", platform, key, key, source, device),
        name=name,
        device_id=device.id,
        lock_attributes=dict(lock_attributes or {}),
    )
    if battery_attribute is not None:
        fixture.lock_attributes["battery_level"] = battery_attribute
    if battery is not None:
        fixture.battery_entity_id = _register(
            hass,
            "sensor",
            platform,
            f"{key}-battery",
            f"{key}_battery",
            source,
            device,
            "battery",
        )
        fixture.set_battery(battery)
    if low_flag is not None:
        fixture.low_flag_entity_id = _register(
            hass,
            "binary_sensor",
            platform,
            f"{key}-battery-low",
            f"{key}_battery_low",
            source,
            device,
            "battery",
        )
        fixture.set_low_flag(low_flag)
    fixture.set_state(state)
    return fixture


def add_zwave_lock(
    hass: HomeAssistant, key: str, name: str, *, battery: Any = 90
) -> LockFixture:
    """Z-Wave JS: a Battery CC level sensor and an is-low binary sensor."""
    return add_lock_stack(
        hass,
        "zwave_js",
        key,
        name,
        model="BE469ZP",
        manufacturer="Schlage",
        battery=battery,
        low_flag=False,
    )


def add_matter_lock(
    hass: HomeAssistant, key: str, name: str, *, battery: Any = 80
) -> LockFixture:
    """Matter: a PowerSource percentage sensor only."""
    return add_lock_stack(
        hass,
        "matter",
        key,
        name,
        model="Aqara U200",
        manufacturer="Aqara",
        battery=battery,
    )


def add_nuki_opener(
    hass: HomeAssistant, key: str, name: str, *, low: bool = False
) -> LockFixture:
    """Nuki opener: nothing but a battery-critical binary sensor."""
    return add_lock_stack(
        hass, "nuki", key, name, model="Opener", manufacturer="Nuki", low_flag=low
    )


def add_homekit_lock(
    hass: HomeAssistant, key: str, name: str, *, level: Any = 70
) -> LockFixture:
    """HomeKit Controller without a battery sensor: the lock's battery_level attribute."""
    return add_lock_stack(
        hass,
        "homekit_controller",
        key,
        name,
        model="Level Lock",
        manufacturer="Level",
        battery_attribute=level,
    )


def add_template_lock(hass: HomeAssistant, key: str, name: str) -> LockFixture:
    """A YAML lock without unique id: a state, no registry entry, no device."""
    fixture = LockFixture(hass=hass, lock_entity_id=f"lock.{key}", name=name)
    fixture.set_state("locked")
    return fixture
