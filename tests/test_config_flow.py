"""The hub setup flow, the options flow and the lock subentry flow."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigEntry,
    ConfigSubentry,
)
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.lockout_guard.const import DOMAIN

from .conftest import hub_entry, lock_subentry
from .lock_fixtures import (
    LockFixture,
    add_lock_stack,
    add_matter_lock,
    add_template_lock,
)


async def _setup(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def test_hub_flow_creates_one_subentry_per_picked_lock(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"locks": [front_door.lock_entity_id, back.lock_entity_id]},
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Lockout Guard"
    entry = result["result"]
    assert entry.options == {
        "low_battery": 30,
        "critical_battery": 15,
        "unavailable_minutes": 30,
        "battery_silence_hours": 48,
        "reverify_days": 180,
        "max_keys_in_circulation": 4,
        "notify_targets": [],
    }
    subentries = sorted(entry.subentries.values(), key=lambda s: s.title)
    assert [(s.title, s.unique_id, s.subentry_type) for s in subentries] == [
        ("Back Door", back.lock_entity_id, "lock"),
        ("Front Door", front_door.lock_entity_id, "lock"),
    ]
    assert subentries[1].data == {
        "lock_entity_id": front_door.lock_entity_id,
        "main_entrance": False,
        "design": "unknown",
        "keyway": "unknown",
        "key_location": "unknown",
        "emergency_power": "unknown",
        "backup_pin": "auto",
        "app_users": "auto",
        "factory_key_kept": "unknown",
        "smartkey": "unknown",
        # What Home Assistant and the knowledge base know: the model and its
        # support line (Z-Wave JS names Schlage "Allegion"); the rest stays unknown.
        "model_number": "BE469ZP",
        "support_phone": "+1 888 805 9837",
        "support_url": "https://kc.allegion.com",
    }


async def test_hub_flow_allows_no_locks(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].subentries == {}


async def test_hub_flow_refuses_unknown_lock(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"locks": ["lock.nowhere"]}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"locks": "not_a_lock"}


async def test_second_hub_is_aborted(hass: HomeAssistant) -> None:
    await _setup(hass, hub_entry())
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "single_instance_allowed"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"critical_battery": 30}, {"critical_battery": "critical_not_below_low"}),
        ({"critical_battery": 40}, {"critical_battery": "critical_not_below_low"}),
        (
            {"notify_targets": ["notify.nobody"]},
            {"notify_targets": "unknown_notify_target"},
        ),
        # The number fields let these through; stored, they would crash or be cut.
        ({"low_battery": "nan"}, {"low_battery": "not_a_whole_number"}),
        ({"reverify_days": "NaN"}, {"reverify_days": "not_a_whole_number"}),
        ({"critical_battery": 15.5}, {"critical_battery": "not_a_whole_number"}),
    ],
    ids=[
        "critical-equal-low",
        "critical-above-low",
        "unknown-target",
        "nan",
        "nan-days",
        "fraction",
    ],
)
async def test_options_flow_refuses_bad_values(
    hass: HomeAssistant, changes: dict[str, Any], errors: dict[str, str]
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["step_id"] == "init"
    user_input = {
        "low_battery": 30,
        "critical_battery": 15,
        "unavailable_minutes": 30,
        "battery_silence_hours": 48,
        "reverify_days": 180,
        "notify_targets": [],
    } | changes
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], user_input
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors


async def test_options_flow_saves_and_reloads(hass: HomeAssistant) -> None:
    def _noop(call: ServiceCall) -> None:
        return None

    hass.services.async_register("notify", "mobile_app_phone", _noop)
    hass.states.async_set("notify.kitchen_display", "unknown")
    entry = hub_entry()
    await _setup(hass, entry)
    result: Any = await hass.config_entries.options.async_init(entry.entry_id)
    schema_keys = [str(key) for key in result["data_schema"].schema]
    assert schema_keys == [
        "low_battery",
        "critical_battery",
        "unavailable_minutes",
        "battery_silence_hours",
        "reverify_days",
        "max_keys_in_circulation",
        "notify_targets",
    ]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "low_battery": 40.0,
            "critical_battery": 10.0,
            "unavailable_minutes": 5,
            "battery_silence_hours": 24,
            "reverify_days": 90,
            "notify_targets": ["notify.mobile_app_phone", "notify.kitchen_display"],
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        "low_battery": 40,
        "critical_battery": 10,
        "unavailable_minutes": 5,
        "battery_silence_hours": 24,
        "reverify_days": 90,
        "max_keys_in_circulation": 4,
        "notify_targets": ["notify.mobile_app_phone", "notify.kitchen_display"],
    }
    assert entry.runtime_data.options.low_battery == 40


def _field(result: Any, name: str, *, selector: bool = False) -> Any:
    """The schema key of a form field (it carries the suggested value).

    ``selector``: the field's selector instead (it carries the options).
    """
    schema = result["data_schema"].schema
    key = next(key for key in schema if key == name)
    return schema[key] if selector else key


def _asked(result: Any) -> list[str]:
    """The fields a form asks for, in order."""
    return [str(key) for key in result["data_schema"].schema]


async def _start_lock_flow(hass: HomeAssistant, entry: ConfigEntry) -> Any:
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "lock"), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return result


async def test_add_lock_walks_three_steps_and_stores_every_field(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": front_door.lock_entity_id,
            "main_entrance": True,
            "design": "retrofit",
        },
    )
    assert result["step_id"] == "access"
    # A retrofit lock keeps its cylinder: the key override is suggested.
    key_override = _field(result, "key_override")
    assert key_override.description == {"suggested_value": "yes"}

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "key_override": "yes",
            "keyway": "restricted",
            "key_location": "trusted_person",
            "emergency_power": "usb",
            "backup_pin": "yes",
            "app_users": 2.0,
            "keys_in_circulation": 3.0,
            "factory_key_kept": "yes",
            "smartkey": "no",
        },
    )
    assert result["step_id"] == "support"
    # The form names the battery entities it found on the lock's device.
    assert result["description_placeholders"] == {
        "lock_name": "Front Door",
        "battery": "binary_sensor.front_door_battery_low, sensor.front_door_battery",
    }
    model = _field(result, "model_number")
    assert model.description == {"suggested_value": "BE469ZP"}

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "model_number": "BE469ZP ",
            "support_phone": "+1 (877) 671-7011",
            "locksmith_contact": "Ace Locks, 555 0100",
            "battery_entity_id": front_door.battery_entity_id,
            "low_battery": 35.0,
            "private_note": "Spare key with Anna next door",
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = entry.subentries.values()
    assert subentry.title == "Front Door"
    assert subentry.unique_id == front_door.lock_entity_id
    assert dict(subentry.data) == {
        "lock_entity_id": front_door.lock_entity_id,
        "main_entrance": True,
        "design": "retrofit",
        "key_override": True,
        "keyway": "restricted",
        "key_location": "trusted_person",
        "emergency_power": "usb",
        "backup_pin": "yes",
        "app_users": 2,
        "keys_in_circulation": 3,
        "factory_key_kept": "yes",
        "smartkey": "no",
        "model_number": "BE469ZP",
        "support_phone": "+1 (877) 671-7011",
        "locksmith_contact": "Ace Locks, 555 0100",
        "battery_entity_id": front_door.battery_entity_id,
        "low_battery": 35,
        "private_note": "Spare key with Anna next door",
        # Not asked: the knowledge base knows the maker's support site.
        "support_url": "https://kc.allegion.com",
    }


async def test_add_keyless_lock_asks_no_key_questions_and_keeps_auto(
    hass: HomeAssistant,
) -> None:
    door = add_template_lock(hass, "side_door", "Side Door")
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": door.lock_entity_id,
            "main_entrance": False,
            "design": "keyless",
        },
    )
    # No key: no key override, keyway, spare key or key check to ask about.
    asked = _asked(result)
    assert asked == ["emergency_power", "backup_pin", "app_users"]
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"emergency_power": "9v_terminal", "backup_pin": "auto"}
    )
    # A lock without a device suggests no model.
    model = _field(result, "model_number")
    assert model.description is None
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = entry.subentries.values()
    assert subentry.data["key_override"] is False
    assert subentry.data["app_users"] == "auto"
    assert "model_number" not in subentry.data


async def test_add_lock_refuses_an_unknown_lock(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {"lock_entity_id": "lock.ghost", "main_entrance": False, "design": "unknown"},
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"lock_entity_id": "not_a_lock"}


async def test_the_lock_picker_offers_only_locks_not_yet_monitored(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    entry = hub_entry(lock_subentry(front_door.lock_entity_id, "Front Door"))
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    picker = _field(result, "lock_entity_id", selector=True)
    assert picker.config["exclude_entities"] == [front_door.lock_entity_id]
    with pytest.raises(InvalidData):
        await hass.config_entries.subentries.async_configure(
            result["flow_id"],
            {
                "lock_entity_id": front_door.lock_entity_id,
                "main_entrance": False,
                "design": "unknown",
            },
        )
    # Monitored meanwhile (another flow added it): refused with a reason.
    result = await _start_lock_flow(hass, entry)
    hass.config_entries.async_add_subentry(
        entry,
        ConfigSubentry(
            data=MappingProxyType({"lock_entity_id": back.lock_entity_id}),
            subentry_type="lock",
            title="Back Door",
            unique_id=back.lock_entity_id,
        ),
    )
    await hass.async_block_till_done()
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": back.lock_entity_id,
            "main_entrance": False,
            "design": "unknown",
        },
    )
    assert result["errors"] == {"lock_entity_id": "already_monitored"}


@pytest.mark.parametrize(
    ("support", "errors"),
    [
        ({"support_phone": "call me maybe"}, {"support_phone": "invalid_phone"}),
        (
            {"battery_entity_id": "sensor.hall_temperature"},
            {"battery_entity_id": "not_a_battery"},
        ),
        (
            {"battery_entity_id": "binary_sensor.front_door_open"},
            {"battery_entity_id": "not_a_battery"},
        ),
        ({"low_battery": 15}, {"low_battery": "low_not_above_critical"}),
        (
            {"keypad_battery_entity_id": "sensor.hall_temperature"},
            {"keypad_battery_entity_id": "not_a_battery"},
        ),
        (
            {
                "battery_entity_id": "sensor.front_door_battery",
                "keypad_battery_entity_id": "sensor.front_door_battery",
            },
            {"keypad_battery_entity_id": "keypad_is_lock_battery"},
        ),
    ],
    ids=[
        "phone",
        "temperature-sensor",
        "door-sensor",
        "low-below-critical",
        "keypad-temperature-sensor",
        "keypad-is-the-lock-battery",
    ],
)
async def test_support_step_validates(
    hass: HomeAssistant,
    front_door: LockFixture,
    support: dict[str, Any],
    errors: dict[str, str],
) -> None:
    hass.states.async_set(
        "sensor.hall_temperature", "21", {"unit_of_measurement": "°C"}
    )
    hass.states.async_set(
        "binary_sensor.front_door_open", "off", {"device_class": "door"}
    )
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _to_support_step(hass, entry, front_door)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], support
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "support"
    assert result["errors"] == errors


async def test_reconfigure_changes_facts_and_follows_new_entity(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    replacement = add_matter_lock(hass, "front_door_new", "Front Door (new)")
    entry = hub_entry(
        lock_subentry(
            front_door.lock_entity_id,
            "Front Door",
            design="keyless",
            key_override=False,
            key_location="none",
            support_phone="0800 123",
            private_note="keep me",
        )
    )
    await _setup(hass, entry)
    (subentry,) = entry.subentries.values()

    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "lock"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry.subentry_id},
    )
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": replacement.lock_entity_id,
            "main_entrance": True,
            "design": "deadbolt_with_key",
        },
    )
    # The design changed, so the stored "no key" gives way to the new design's key.
    key_override = _field(result, "key_override")
    assert key_override.description == {"suggested_value": "yes"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "key_override": "yes",
            "keyway": "standard",
            "key_location": "lockbox",
            "emergency_power": "none",
            "backup_pin": "yes",
            "app_users": 3,
        },
    )
    # Suggested values are what is stored; emptying the phone forgets it.
    phone = _field(result, "support_phone")
    assert phone.description == {"suggested_value": "0800 123"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"model_number": "U200", "private_note": "keep me"}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    subentry = entry.subentries[subentry.subentry_id]
    assert subentry.unique_id == replacement.lock_entity_id
    assert subentry.title == "Front Door (new)"
    assert dict(subentry.data) == {
        "lock_entity_id": replacement.lock_entity_id,
        "main_entrance": True,
        "design": "deadbolt_with_key",
        "key_override": True,
        "keyway": "standard",
        "key_location": "lockbox",
        "emergency_power": "none",
        "backup_pin": "yes",
        "app_users": 3,
        "factory_key_kept": "unknown",
        "smartkey": "unknown",
        "model_number": "U200",
        "private_note": "keep me",
    }


async def test_reconfigure_keeps_stored_key_answer_when_design_unchanged(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry(
        lock_subentry(
            front_door.lock_entity_id,
            "Front Door",
            design="retrofit",
            key_override=False,
        )
    )
    await _setup(hass, entry)
    (subentry,) = entry.subentries.values()
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "lock"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry.subentry_id},
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": front_door.lock_entity_id,
            "main_entrance": False,
            "design": "retrofit",
        },
    )
    key_override = _field(result, "key_override")
    assert key_override.description == {"suggested_value": "no"}


async def test_reconfigure_does_not_offer_a_lock_monitored_elsewhere(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    back = add_matter_lock(hass, "back_door", "Back Door")
    entry = hub_entry(
        lock_subentry(front_door.lock_entity_id, "Front Door"),
        lock_subentry(back.lock_entity_id, "Back Door"),
    )
    await _setup(hass, entry)
    front = next(s for s in entry.subentries.values() if s.title == "Front Door")
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "lock"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": front.subentry_id},
    )
    # Its own lock stays selectable; the other monitored one is not offered.
    picker = _field(result, "lock_entity_id", selector=True)
    assert picker.config["exclude_entities"] == [back.lock_entity_id]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("low_battery", 96),
        ("critical_battery", 0),
        ("unavailable_minutes", 0),
        ("battery_silence_hours", 721),
        ("reverify_days", 6),
    ],
)
async def test_options_flow_refuses_values_out_of_range(
    hass: HomeAssistant, key: str, value: int
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    user_input = {
        "low_battery": 30,
        "critical_battery": 15,
        "unavailable_minutes": 30,
        "battery_silence_hours": 48,
        "reverify_days": 180,
    } | {key: value}
    with pytest.raises(InvalidData) as error:
        await hass.config_entries.options.async_configure(result["flow_id"], user_input)
    assert key in str(error.value.path)
    # Nothing was stored.
    assert entry.options == {}


async def test_lock_flow_refuses_numbers_that_are_not_whole(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": front_door.lock_entity_id,
            "main_entrance": True,
            "design": "retrofit",
        },
    )
    access = {
        "key_override": "yes",
        "keyway": "restricted",
        "key_location": "trusted_person",
        "emergency_power": "usb",
        "backup_pin": "yes",
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], access | {"app_users": "nan"}
    )
    assert result["step_id"] == "access"
    assert result["errors"] == {"app_users": "not_a_whole_number"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], access | {"app_users": 2}
    )
    assert result["step_id"] == "support"

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"low_battery": 15.5}
    )
    assert result["step_id"] == "support"
    assert result["errors"] == {"low_battery": "not_a_whole_number"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"low_battery": 35}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = entry.subentries.values()
    assert subentry.data["low_battery"] == 35
    assert subentry.data["app_users"] == 2


async def test_setup_asks_for_notification_targets_and_refuses_unknown_ones(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    def _noop(call: ServiceCall) -> None:
        return None

    hass.services.async_register("notify", "mobile_app_phone", _noop)
    result: Any = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert [str(key) for key in result["data_schema"].schema] == [
        "locks",
        "notify_targets",
    ]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"locks": [front_door.lock_entity_id], "notify_targets": ["notify.old_phone"]},
    )
    assert result["errors"] == {"notify_targets": "unknown_notify_target"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            "locks": [front_door.lock_entity_id],
            "notify_targets": ["notify.mobile_app_phone"],
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].options["notify_targets"] == ["notify.mobile_app_phone"]


async def test_add_lock_fills_in_what_its_model_settles(hass: HomeAssistant) -> None:
    # Z-Wave JS's device file names it "Obsidian 954" by Kwikset: keyless, 9 V.
    lock = add_lock_stack(
        hass,
        "zwave_js",
        "side_door",
        "Side Door",
        model="Obsidian 954",
        manufacturer="Kwikset",
        battery=80,
    )
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": lock.lock_entity_id,
            "main_entrance": False,
            "design": "unknown",
        },
    )
    # The model is keyless: no key questions; its 9 V terminal is suggested.
    asked = _asked(result)
    assert "key_override" not in asked
    assert "keyway" not in asked
    assert _field(result, "emergency_power").description == {
        "suggested_value": "9v_terminal"
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"emergency_power": "9v_terminal", "backup_pin": "yes"}
    )
    assert _field(result, "model_number").description == {
        "suggested_value": "Obsidian 954"
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"model_number": "Obsidian 954"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = entry.subentries.values()
    assert subentry.data["design"] == "keyless"
    assert subentry.data["key_override"] is False
    assert subentry.data["emergency_power"] == "9v_terminal"


async def test_a_lock_without_keypad_is_not_asked_for_a_backup_pin(
    hass: HomeAssistant,
) -> None:
    lock = add_lock_stack(
        hass,
        "nuki",
        "front_door",
        "Front Door",
        model="Nuki smart lock 3.0 (pro)",
        manufacturer="Nuki Home Solutions GmbH",
        battery=80,
    )
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": lock.lock_entity_id,
            "main_entrance": True,
            "design": "unknown",
        },
    )
    asked = _asked(result)
    assert "backup_pin" not in asked
    # A retrofit on the door's own cylinder: the key still opens it.
    assert _field(result, "key_override").description == {"suggested_value": "yes"}
    assert _field(result, "emergency_power").description == {"suggested_value": "none"}


async def test_a_spare_key_checked_while_adding_the_lock_needs_no_repair(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    raised = async_capture_events(hass, "lockout_guard_risk_raised")
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": front_door.lock_entity_id,
            "main_entrance": True,
            "design": "deadbolt_with_key",
        },
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "key_override": "yes",
            "keyway": "standard",
            "key_location": "trusted_person",
            "key_checked_today": True,
            "emergency_power": "none",
            "backup_pin": "yes",
            "app_users": 2,
        },
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"model_number": "BE469ZP"}
    )
    await hass.async_block_till_done()
    (subentry,) = entry.subentries.values()
    # A confirmation: it is in the store, and no longer in the lock's facts.
    record = entry.runtime_data.store.lock(subentry.subentry_id)
    assert record.key_verified == dt_util.now().date()
    assert "key_checked" not in subentry.data
    registry = ir.async_get(hass)
    assert (
        registry.async_get_issue(
            DOMAIN, f"backup_key_unverified_{subentry.subentry_id}"
        )
        is None
    )
    assert (
        registry.async_get_issue(DOMAIN, f"no_offsite_key_{subentry.subentry_id}")
        is None
    )
    # Not even for a moment.
    assert "backup_key_unverified" not in [event.data["risk"] for event in raised]


async def test_a_key_check_left_in_the_subentry_counts_at_the_next_start(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    today = dt_util.now().date()
    entry = hub_entry(
        lock_subentry(
            front_door.lock_entity_id,
            "Front Door",
            key_location="trusted_person",
            key_checked=today.isoformat(),
        )
    )
    await _setup(hass, entry)
    await hass.async_block_till_done()
    (subentry,) = entry.subentries.values()
    assert entry.runtime_data.store.lock(subentry.subentry_id).key_verified == today
    assert "key_checked" not in subentry.data


async def _to_support_step(
    hass: HomeAssistant, entry: ConfigEntry, lock: LockFixture
) -> Any:
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": lock.lock_entity_id,
            "main_entrance": True,
            "design": "retrofit",
        },
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "key_override": "yes",
            "keyway": "standard",
            "key_location": "offsite",
            "emergency_power": "none",
            "backup_pin": "yes",
        },
    )
    assert result["step_id"] == "support"
    return result


async def test_the_battery_type_is_suggested_and_stays_a_suggestion(
    hass: HomeAssistant, hass_storage: dict[str, Any], front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _to_support_step(hass, entry, front_door)
    # A Connect BE469ZP: the knowledge base knows its four AA cells.
    assert _field(result, "battery_type").description == {
        "suggested_value": "4\u00d7 AA"
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"battery_type": "4\u00d7 AA"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = entry.subentries.values()
    # Taken as suggested: not stored, so a better source later still counts.
    assert "battery_type" not in subentry.data


async def test_the_owner_s_battery_type_wins_and_nonsense_is_refused(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _to_support_step(hass, entry, front_door)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"battery_type": "<b>AA</b>"}
    )
    assert result["errors"] == {"battery_type": "not_a_battery_type"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"battery_type": " 4\u00d7 AA lithium "}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    (subentry,) = entry.subentries.values()
    assert subentry.data["battery_type"] == "4\u00d7 AA lithium"
    monitor = entry.runtime_data.monitors[subentry.subentry_id]
    assert monitor.battery_type_text == "4\u00d7 AA lithium"


async def test_a_keyed_lock_is_asked_about_its_keys_and_its_cylinder(
    hass: HomeAssistant,
) -> None:
    # A keyed Yale Assure Lock 2: its own cylinder, and Yale makes no SmartKey.
    lock = add_lock_stack(
        hass,
        "zwave_js",
        "front_door",
        "Front Door",
        model="YRD420-ZW3",
        manufacturer="Yale",
        battery=80,
    )
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": lock.lock_entity_id,
            "main_entrance": True,
            "design": "unknown",
        },
    )
    asked = _asked(result)
    assert {"keys_in_circulation", "factory_key_kept", "smartkey"} <= set(asked)
    assert _field(result, "smartkey").description == {"suggested_value": "no"}
    assert _field(result, "factory_key_kept").description == {
        "suggested_value": "unknown"
    }
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "key_override": "yes",
            "keyway": "standard",
            "key_location": "offsite",
            "emergency_power": "none",
            "backup_pin": "yes",
            "keys_in_circulation": 2.5,
        },
    )
    assert result["errors"] == {"keys_in_circulation": "not_a_whole_number"}


async def test_a_keyless_lock_is_not_asked_about_keys(
    hass: HomeAssistant, front_door: LockFixture
) -> None:
    entry = hub_entry()
    await _setup(hass, entry)
    result = await _start_lock_flow(hass, entry)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {
            "lock_entity_id": front_door.lock_entity_id,
            "main_entrance": True,
            "design": "keyless",
        },
    )
    asked = set(_asked(result))
    assert not asked & {"keys_in_circulation", "factory_key_kept", "smartkey"}
