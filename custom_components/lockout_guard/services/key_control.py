"""Events in a key's life: a lost key, a tenant change, a rekey.

``lockout_guard.report_key_lost``, ``record_tenant_change`` and ``record_rekey``
record the days (confirmations, in the store) that drive ``rekey_recommended``.
A lost key's note is private: it is kept with the lock's facts, never in states,
events, logs or diagnostics. A rekey makes every old key useless, the spare key
included: its last check no longer counts (``backup_key_unverified`` until the
new spare is confirmed), and ``keys_issued`` becomes the keys in circulation.

The buttons and the rekey repair record through the same functions.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.const import (
    CONF_KEY_LOST_NOTE,
    CONF_KEYS_IN_CIRCULATION,
    DOMAIN,
)
from custom_components.lockout_guard.hub import LockoutGuardHub
from custom_components.lockout_guard.monitoring.monitor import LockMonitor
from custom_components.lockout_guard.storage.facts import whole_number

from .common import (
    ATTR_ENTITY_ID,
    LOCK_ENTITY_ID,
    calendar_day,
    check_past_day,
    loaded_hub,
    monitor_of,
    require_key_cylinder,
)

SERVICE_REPORT_KEY_LOST: Final = "report_key_lost"
SERVICE_RECORD_TENANT_CHANGE: Final = "record_tenant_change"
SERVICE_RECORD_REKEY: Final = "record_rekey"
ATTR_NOTE: Final = "note"
ATTR_DATE: Final = "date"
ATTR_KEYS_ISSUED: Final = "keys_issued"
MAX_KEYS_ISSUED: Final = 100


def _keys(value: object) -> int:
    """A whole number of keys (2.0 is 2; 2.5, True or "two" are refused)."""
    keys = whole_number(value)
    if keys is None or not 0 <= keys <= MAX_KEYS_ISSUED:
        raise vol.Invalid(
            f"expected a whole number of keys from 0 to {MAX_KEYS_ISSUED}"
        )
    return keys


REPORT_KEY_LOST_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_ENTITY_ID): LOCK_ENTITY_ID,
        vol.Optional(ATTR_NOTE): vol.All(cv.string, vol.Length(max=500)),
    }
)
RECORD_TENANT_CHANGE_SCHEMA: Final = vol.Schema(
    {vol.Optional(ATTR_ENTITY_ID): LOCK_ENTITY_ID}
)
RECORD_REKEY_SCHEMA: Final = vol.Schema(
    {
        vol.Required(ATTR_ENTITY_ID): LOCK_ENTITY_ID,
        vol.Optional(ATTR_DATE): calendar_day,
        vol.Optional(ATTR_KEYS_ISSUED): _keys,
    }
)


def keyed_monitors(hub: LockoutGuardHub) -> list[LockMonitor]:
    """The locks a key can open (or might: an unknown design counts)."""
    return [m for m in hub.monitors.values() if m.facts.has_key_override is not False]


@callback
def async_record_key_lost(
    hub: LockoutGuardHub, monitor: LockMonitor, note: str | None = None
) -> None:
    """A key of the lock was lost today; the note (who had it) stays private."""
    monitor.record.key_lost = dt_util.now().date()
    hub.store.async_schedule_save()
    if not (note and note.strip()) or not monitor.async_update_facts(
        {CONF_KEY_LOST_NOTE: note.strip()}
    ):
        monitor.async_evaluate()


@callback
def async_record_tenant_change(
    hub: LockoutGuardHub, monitors: list[LockMonitor]
) -> None:
    """The people living here changed today: every key they had is out of reach."""
    today = dt_util.now().date()
    for monitor in monitors:
        monitor.record.tenant_changed = today
        monitor.async_evaluate()
    hub.store.async_schedule_save()
    hub.async_evaluate_home()


@callback
def async_record_rekey(
    hub: LockoutGuardHub,
    monitor: LockMonitor,
    day: date | None = None,
    keys_issued: int | None = None,
) -> None:
    """The cylinder was rekeyed (or replaced) on ``day``: old keys are useless."""
    record = monitor.record
    record.rekeyed = day or dt_util.now().date()
    if record.key_verified is not None and record.key_verified <= record.rekeyed:
        # The spare checked then was an old key: the new one needs checking.
        record.key_verified = None
        record.key_tested = False
    hub.store.async_schedule_save()
    if keys_issued is None or not monitor.async_update_facts(
        {CONF_KEYS_IN_CIRCULATION: keys_issued}
    ):
        monitor.async_evaluate()


async def _async_report_key_lost(call: ServiceCall) -> None:
    monitor = monitor_of(call.hass, call.data[ATTR_ENTITY_ID])
    require_key_cylinder(monitor)
    async_record_key_lost(loaded_hub(call.hass), monitor, call.data.get(ATTR_NOTE))


async def _async_record_tenant_change(call: ServiceCall) -> None:
    hub = loaded_hub(call.hass)
    if (entity_id := call.data.get(ATTR_ENTITY_ID)) is not None:
        monitor = monitor_of(call.hass, entity_id)
        require_key_cylinder(monitor)
        monitors = [monitor]
    elif not (monitors := keyed_monitors(hub)):
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="no_keyed_locks"
        )
    async_record_tenant_change(hub, monitors)


async def _async_record_rekey(call: ServiceCall) -> None:
    monitor = monitor_of(call.hass, call.data[ATTR_ENTITY_ID])
    require_key_cylinder(monitor)
    day: date = call.data.get(ATTR_DATE, dt_util.now().date())
    check_past_day(day, in_future="rekey_date_in_future", too_old="rekey_date_too_old")
    async_record_rekey(
        loaded_hub(call.hass), monitor, day, call.data.get(ATTR_KEYS_ISSUED)
    )


@callback
def async_register_key_control(hass: HomeAssistant) -> None:
    """Register the three actions: they change stored facts, so admins only."""
    for service, handler, schema in (
        (SERVICE_REPORT_KEY_LOST, _async_report_key_lost, REPORT_KEY_LOST_SCHEMA),
        (
            SERVICE_RECORD_TENANT_CHANGE,
            _async_record_tenant_change,
            RECORD_TENANT_CHANGE_SCHEMA,
        ),
        (SERVICE_RECORD_REKEY, _async_record_rekey, RECORD_REKEY_SCHEMA),
    ):
        async_register_admin_service(hass, DOMAIN, service, handler, schema=schema)
