"""Lock stacks as real integrations register them.

Each builder creates what the integration would: a config entry of that integration,
a device in the device registry, registry entries for the lock and its battery
entities (with the integration's platform and device classes), and their states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    PERCENTAGE,
    EntityCategory,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
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
    jam_entity_id: str | None = None
    jam_attributes: dict[str, Any] = field(default_factory=dict)
    zwave_node_id: int | None = None
    keypad_battery_entity_id: str | None = None

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

    def set_keypad_battery(self, value: Any) -> None:
        """The separate keypad reports its battery level."""
        assert self.keypad_battery_entity_id is not None
        self.hass.states.async_set(
            self.keypad_battery_entity_id,
            str(value),
            {
                ATTR_DEVICE_CLASS: "battery",
                ATTR_UNIT_OF_MEASUREMENT: PERCENTAGE,
                "friendly_name": f"{self.name} Keypad Battery",
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

    def set_jam_signal(self, state: str, **attributes: Any) -> None:
        """Report a state of the jam sensor (attributes are merged)."""
        assert self.jam_entity_id is not None
        self.jam_attributes.update(attributes)
        self.hass.states.async_set(self.jam_entity_id, state, self.jam_attributes)

    def fire_jam_event(self, event_type: str = "lock_jammed") -> None:
        """An event entity fires: its state becomes the time, the type an attribute."""
        assert self.jam_entity_id is not None
        when = dt_util.utcnow()
        previous = self.hass.states.get(self.jam_entity_id)
        if previous is not None and (last := dt_util.parse_datetime(previous.state)):
            # Two events in the same millisecond are still two events.
            when = max(when, last + timedelta(milliseconds=1))
        self.set_jam_signal(
            when.isoformat(timespec="milliseconds"), event_type=event_type
        )

    def zwave_notification(self, **changes: Any) -> dict[str, Any]:
        """The data of zwave_js_notification for a jam of this lock (Z-Wave JS)."""
        assert self.zwave_node_id is not None
        return {
            "domain": "zwave_js",
            "node_id": self.zwave_node_id,
            "home_id": ZWAVE_HOME_ID,
            "endpoint": 0,
            "device_id": self.device_id,
            "command_class": 113,
            "command_class_name": "Notification",
            "label": "Access Control",
            "type": 6,
            "event": 11,
            "event_label": "Lock jammed",
            "parameters": None,
        } | changes


# Z-Wave JS prefixes value unique ids with the controller's home id.
ZWAVE_HOME_ID = 3967834127
# Matter prefixes unique ids with the fabric and node ("operational instance name").
MATTER_NODE_DEVICE_ID = "00000000000004D2-0000000000000005"
# Event types of a Matter door lock alarm (DoorLockAlarm alarm codes 0-7).
MATTER_LOCK_ALARM_TYPES = [
    "lock_jammed",
    "lock_factory_reset",
    "lock_radio_power_cycled",
    "wrong_code_entry_limit",
    "front_escutcheon_removed",
    "door_forced_open",
    "door_ajar",
    "forced_user",
]


def _device(
    hass: HomeAssistant,
    platform: str,
    key: str,
    name: str,
    model: str,
    maker: str,
    model_id: str | None = None,
) -> tuple[MockConfigEntry, dr.DeviceEntry]:
    source = MockConfigEntry(domain=platform, title=f"{platform} {key}")
    source.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=source.entry_id,
        identifiers={(platform, key)},
        manufacturer=maker,
        model=model,
        model_id=model_id,
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
    model_id: str | None = None,
    battery: Any = None,
    low_flag: bool | None = None,
    battery_attribute: Any = None,
    state: str = "locked",
    lock_attributes: dict[str, Any] | None = None,
) -> LockFixture:
    """A lock on its own device, with a battery sensor and/or a low flag."""
    source, device = _device(hass, platform, key, name, model, manufacturer, model_id)
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


def add_august_lock_with_keypad(
    hass: HomeAssistant, key: str, name: str, *, battery: Any = 90, keypad: Any = 90
) -> LockFixture:
    """August: the lock and its keypad are two devices, each with a battery sensor.

    The August integration names the maker "August Home Inc." and the model from
    the API (an AUG-SL05 for a 4th generation Wi-Fi lock); the keypad is a device of
    its own, "<lock> Keypad", whose battery is not on the lock's device.
    """
    fixture = add_lock_stack(
        hass,
        "august",
        key,
        name,
        model="AUG-SL05-M01-S01",
        manufacturer="August Home Inc.",
        battery=battery,
    )
    source, keypad_device = _device(
        hass, "august", f"{key}_keypad", f"{name} Keypad", "AK-R1", "August Home Inc."
    )
    fixture.keypad_battery_entity_id = _register(
        hass,
        "sensor",
        "august",
        f"{key}_keypad_battery",
        f"{key}_keypad_battery",
        source,
        keypad_device,
        "battery",
    )
    fixture.set_keypad_battery(keypad)
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
        # Z-Wave JS names the maker as the device file does: Schlage is Allegion.
        model="BE469ZP",
        manufacturer="Allegion",
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


def add_jam_signal(
    fixture: LockFixture,
    domain: str,
    unique_id: str,
    object_id: str,
    *,
    original_name: str,
    state: str,
    attributes: dict[str, Any],
    device_class: str | None = None,
    translation_key: str | None = None,
    capabilities: dict[str, Any] | None = None,
    entity_category: EntityCategory | None = None,
) -> LockFixture:
    """Register a jam signal entity on the lock's device, as its integration does."""
    hass = fixture.hass
    registry = er.async_get(hass)
    lock_entry = registry.async_get(fixture.lock_entity_id)
    assert lock_entry is not None
    assert lock_entry.config_entry_id is not None
    fixture.jam_entity_id = registry.async_get_or_create(
        domain,
        lock_entry.platform,
        unique_id,
        suggested_object_id=object_id,
        config_entry=hass.config_entries.async_get_entry(lock_entry.config_entry_id),
        device_id=fixture.device_id,
        original_device_class=device_class,
        original_name=original_name,
        has_entity_name=True,
        translation_key=translation_key,
        capabilities=capabilities,
        entity_category=entity_category,
    ).entity_id
    fixture.jam_attributes = {"friendly_name": f"{fixture.name} {original_name}"}
    fixture.set_jam_signal(state, **attributes)
    return fixture


def add_zwave_jam_lock(
    hass: HomeAssistant, key: str, name: str, *, node_id: int = 12, jam: str = "off"
) -> LockFixture:
    """Z-Wave JS with the binary sensor of Access Control "Lock state" 11.

    As zwave_js creates it: named after the notification state ("Lock jammed"),
    device class problem, diagnostic, unique id ``<home>.<value id>.<state>``.
    """
    fixture = add_zwave_lock(hass, key, name)
    fixture.zwave_node_id = node_id
    return add_jam_signal(
        fixture,
        "binary_sensor",
        f"{ZWAVE_HOME_ID}.{node_id}-113-0-Access Control-Lock state.11",
        f"{key}_lock_jammed",
        original_name="Lock jammed",
        state=jam,
        attributes={ATTR_DEVICE_CLASS: "problem"},
        device_class="problem",
        entity_category=EntityCategory.DIAGNOSTIC,
    )


def add_z2m_lock(
    hass: HomeAssistant,
    key: str,
    name: str,
    *,
    ieee: str = "0x000d6f000a1b2c3d",
    door_state: str = "closed",
) -> LockFixture:
    """Zigbee2MQTT: the MQTT sensor of the ``door_state`` expose ("Door state").

    Its unique id is ``<ieee>_<object id>_<base topic>``; the expose is a state-only
    enum, so it is a sensor without device class.
    """
    fixture = add_lock_stack(
        hass,
        "mqtt",
        key,
        name,
        model="YRD226HA2619",
        manufacturer="Yale",
        battery=70,
    )
    return add_jam_signal(
        fixture,
        "sensor",
        f"{ieee}_door_state_zigbee2mqtt",
        f"{key}_door_state",
        original_name="Door state",
        state=door_state,
        attributes={},
    )


def add_matter_jam_lock(hass: HomeAssistant, key: str, name: str) -> LockFixture:
    """Matter with a lock alarm event entity (event types of DoorLockAlarm).

    Home Assistant 2025.4 to 2026.10 have no Matter lock event entities yet; this
    follows Matter's entity layout (unique id ``<node>-<endpoint>-<key>-<cluster>-
    <attribute>``, DoorLock is cluster 257) with a key and name of our choosing.
    Event entities keep their event types in the registry's capabilities.
    """
    fixture = add_matter_lock(hass, key, name)
    return add_jam_signal(
        fixture,
        "event",
        f"{MATTER_NODE_DEVICE_ID}-1-LockAlarmEvent-257-0",
        f"{key}_lock_alarm",
        original_name="Lock alarm",
        state="unknown",
        attributes={"event_types": MATTER_LOCK_ALARM_TYPES, "event_type": None},
        translation_key="lock_alarm",
        capabilities={"event_types": MATTER_LOCK_ALARM_TYPES},
    )
