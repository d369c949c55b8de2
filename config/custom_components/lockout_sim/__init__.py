"""Simulated locks for the development instance of Lockout Guard (never shipped).

Each scenario of scenarios.py becomes a device with a lock and a battery sensor (or a
battery-low binary sensor), like a real lock integration makes them. On the first start
the Lockout Guard hub is set up through its real config flow with these locks, and the
owner's facts of each scenario are written into the lock subentries, and the
developer phone (notify.py) becomes the hub's notification target. Locks whose codes
a Keymaster counts get an entry of the Keymaster stand-in (../keymaster) on every
start that does not have one yet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.start import async_at_started
import voluptuous as vol

from .const import DOMAIN, GUARD_DOMAIN, KEYMASTER_DOMAIN, SIGNAL_GUARD_READY
from .device import SimConfigEntry, SimDevice
from .event import JAMMED
from .notify import ENTITY_ID as DEVELOPER_PHONE
from .scenarios import SCENARIOS

if TYPE_CHECKING:
    from homeassistant.helpers.typing import ConfigType

LOGGER = logging.getLogger(__name__)
PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.EVENT,
    Platform.LOCK,
    Platform.NOTIFY,
    Platform.SENSOR,
]
CONFIG_SCHEMA = cv.empty_config_schema(DOMAIN)
GUARD_CONFIGURED = "guard_configured"

SET_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_ENTITY_ID): cv.entity_id,
        vol.Optional("state"): cv.string,
        vol.Optional("battery"): vol.All(vol.Coerce(int), vol.Range(0, 100)),
        vol.Optional("battery_low"): cv.boolean,
        vol.Optional("available"): cv.boolean,
        vol.Optional("report_jam"): cv.boolean,
    }
)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    if DOMAIN in config and not hass.config_entries.async_entries(DOMAIN):
        # The user step, not an import: an import counts as a discovery and leaves
        # a "New devices discovered" notification behind.
        hass.async_create_task(
            hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
        )

    async def set_lock(call: ServiceCall) -> None:
        device = _device_of(hass, call.data[ATTR_ENTITY_ID])
        changes = dict(call.data)
        del changes[ATTR_ENTITY_ID]
        if changes.pop("report_jam", False):
            if device.scenario.jam_after is None:
                raise ServiceValidationError(
                    f"{call.data[ATTR_ENTITY_ID]} has no lock alarm event entity"
                )
            device.async_fire_event(JAMMED)
        device.async_update(**changes)

    hass.services.async_register(DOMAIN, "set", set_lock, SET_SCHEMA)
    return True


def _device_of(hass: HomeAssistant, entity_id: str) -> SimDevice:
    entry = er.async_get(hass).async_get(entity_id)
    for sim in hass.config_entries.async_loaded_entries(DOMAIN):
        devices: dict[str, SimDevice] = sim.runtime_data
        if entry and entry.platform == DOMAIN and entry.unique_id in devices:
            return devices[entry.unique_id]
    raise ServiceValidationError(f"{entity_id} is not a simulated lock")


async def async_setup_entry(hass: HomeAssistant, entry: SimConfigEntry) -> bool:
    entry.runtime_data = {s.key: SimDevice(s) for s in SCENARIOS}
    for device in entry.runtime_data.values():
        if device.scenario.offline_after is not None:
            entry.async_on_unload(
                async_call_later(
                    hass, device.scenario.offline_after, _go_offline(device)
                )
            )
        if device.scenario.removed_after is not None:
            entry.async_on_unload(
                async_call_later(
                    hass, device.scenario.removed_after, _remove(hass, entry, device)
                )
            )
        if device.scenario.jam_after is not None:
            entry.async_on_unload(
                async_call_later(hass, device.scenario.jam_after, _jam(device))
            )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)

    async def configure_guard(hass: HomeAssistant) -> None:
        await _async_add_keymasters(hass, entry)
        await _async_configure_guard(hass, entry)
        async_dispatcher_send(hass, SIGNAL_GUARD_READY)

    entry.async_on_unload(async_at_started(hass, configure_guard))
    return True


def _go_offline(device: SimDevice) -> Any:
    @callback
    def offline(_now: Any) -> None:
        LOGGER.info("%s goes offline (simulated)", device.scenario.name)
        device.async_update(available=False)

    return offline


def _jam(device: SimDevice) -> Any:
    @callback
    def jam(_now: Any) -> None:
        LOGGER.info(
            "%s reports a jam beside its state %s (simulated)",
            device.scenario.name,
            device.state,
        )
        device.async_fire_event(JAMMED)

    return jam


def _remove(hass: HomeAssistant, entry: SimConfigEntry, device: SimDevice) -> Any:
    @callback
    def remove(_now: Any) -> None:
        # As when a lock is re-paired: its old entity disappears from the registry.
        registry = er.async_get(hass)
        for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
            if (
                entity.domain == Platform.LOCK
                and entity.unique_id == device.scenario.key
            ):
                LOGGER.info("%s is removed (simulated)", device.scenario.name)
                registry.async_remove(entity.entity_id)

    return remove


async def async_unload_entry(hass: HomeAssistant, entry: SimConfigEntry) -> bool:
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


def _lock_entity_ids(hass: HomeAssistant, entry: SimConfigEntry) -> dict[str, str]:
    """The simulated locks' entity ids by scenario key."""
    registry = er.async_get(hass)
    return {
        e.unique_id: e.entity_id
        for e in er.async_entries_for_config_entry(registry, entry.entry_id)
        if e.domain == Platform.LOCK
    }


async def _async_add_keymasters(hass: HomeAssistant, entry: SimConfigEntry) -> None:
    """Let the Keymaster stand-in manage the codes of the locks that have slots."""
    entity_ids = _lock_entity_ids(hass, entry)
    managed = {e.unique_id for e in hass.config_entries.async_entries(KEYMASTER_DOMAIN)}
    for scenario in SCENARIOS:
        entity_id = entity_ids.get(scenario.key)
        if (
            scenario.keymaster_active_slots is None
            or entity_id is None
            or entity_id in managed
        ):
            continue
        try:
            result = await hass.config_entries.flow.async_init(
                KEYMASTER_DOMAIN,
                context={"source": SOURCE_USER},
                data={
                    "lock_entity_id": entity_id,
                    "slots": max(scenario.keymaster_active_slots, 4),
                    "active_slots": scenario.keymaster_active_slots,
                    "reset_after": scenario.codes_reset_after,
                },
            )
        except Exception:  # noqa: BLE001 - a development stand-in may break
            LOGGER.warning("Keymaster was not set up for %s", entity_id, exc_info=True)
            continue
        if result["type"] is not FlowResultType.CREATE_ENTRY:
            LOGGER.warning("Keymaster was not set up for %s: %s", entity_id, result)


async def _async_configure_guard(hass: HomeAssistant, entry: SimConfigEntry) -> None:
    """Set up Lockout Guard once with the simulated locks, as a newcomer would."""
    if entry.data.get(GUARD_CONFIGURED) or hass.config_entries.async_entries(
        GUARD_DOMAIN
    ):
        return
    entity_ids = _lock_entity_ids(hass, entry)
    scenarios = {
        entity_ids[s.key]: s for s in SCENARIOS if s.key in entity_ids and s.monitored
    }
    flow_id: str | None = None
    try:
        result = await hass.config_entries.flow.async_init(
            GUARD_DOMAIN, context={"source": SOURCE_USER}
        )
        flow_id = result.get("flow_id")
        if result["type"] is FlowResultType.FORM and result["step_id"] == "user":
            result = await hass.config_entries.flow.async_configure(
                result["flow_id"], {"locks": list(scenarios)}
            )
        if result["type"] is not FlowResultType.CREATE_ENTRY:
            LOGGER.warning("Lockout Guard was not set up: its flow gave %s", result)
            if result["type"] in (FlowResultType.FORM, FlowResultType.MENU):
                hass.config_entries.flow.async_abort(result["flow_id"])
            return
        flow_id = None
        guard = result["result"]
        # A short grace so that the offline lock becomes a finding within minutes;
        # drills go to the developer phone (a persistent notification).
        hass.config_entries.async_update_entry(
            guard,
            options={
                **guard.options,
                "unavailable_minutes": 2,
                "notify_targets": [DEVELOPER_PHONE],
            },
        )
        for subentry in list(guard.subentries.values()):
            entity_id = subentry.data.get("lock_entity_id", subentry.unique_id)
            if (scenario := scenarios.get(entity_id)) is None:
                continue
            hass.config_entries.async_update_subentry(
                guard, subentry, data={**subentry.data, **scenario.facts}
            )
    except Exception:  # noqa: BLE001 - the integration under development may break
        LOGGER.warning(
            "Setting up Lockout Guard with the simulated locks failed", exc_info=True
        )
        if flow_id is not None and flow_id in {
            f["flow_id"] for f in hass.config_entries.flow.async_progress()
        }:
            hass.config_entries.flow.async_abort(flow_id)
        return
    LOGGER.info("Lockout Guard set up with %d simulated locks", len(scenarios))
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, GUARD_CONFIGURED: True}
    )
