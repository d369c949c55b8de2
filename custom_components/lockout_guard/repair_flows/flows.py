"""Fix flows: every lockout risk can be repaired from Settings → Repairs.

A flow either asks for the missing fact and stores it (in the lock's subentry, which
the hub applies in place, or in the store of confirmations) or walks a check. When a flow
finishes, Home Assistant deletes the issue; the lock is then evaluated again, so an
issue whose condition still holds comes straight back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
import logging
from types import MappingProxyType
from typing import Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigSubentry
from homeassistant.const import Platform
from homeassistant.core import callback
from homeassistant.data_entry_flow import AbortFlow, FlowResult
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.alerts.battery_alert import (
    async_battery_buy_text,
)
from custom_components.lockout_guard.alerts.issues import is_keypad_issue
from custom_components.lockout_guard.alerts.notifier import (
    notify_targets,
    notify_targets_available,
)
from custom_components.lockout_guard.config_flow import new_lock_subentry
from custom_components.lockout_guard.const import (
    CONF_APP_USERS,
    CONF_BACKUP_PIN,
    CONF_BATTERY_ENTITY_ID,
    CONF_FACTORY_KEY_KEPT,
    CONF_KEY_CARD_LOCATION,
    CONF_KEY_LOCATION,
    CONF_KEY_OVERRIDE,
    CONF_KEYS_IN_CIRCULATION,
    CONF_LOCK_ENTITY_ID,
    CONF_LOCKS,
    CONF_LOCKSMITH_CONTACT,
    CONF_MODEL_NUMBER,
    CONF_NOTIFY_TARGETS,
    CONF_SMARTKEY,
    CONF_SUPPORT_PHONE,
    DOMAIN,
)
from custom_components.lockout_guard.core.models import (
    KEY_REACHABLE_FROM_OUTSIDE,
    BackupPin,
    FactoryKey,
    KeyLocation,
    RiskId,
    SmartKey,
)
from custom_components.lockout_guard.hub import LockoutGuardHub, running_hub
from custom_components.lockout_guard.monitoring.lock_lookup import lock_exists
from custom_components.lockout_guard.monitoring.monitor import LockMonitor
from custom_components.lockout_guard.services.key_control import async_record_rekey
from custom_components.lockout_guard.storage.facts import whole_number
from custom_components.lockout_guard.validation import support_field_errors

CONF_KEY_TESTED = "key_tested"
CONF_KEYS_ISSUED = "keys_issued"
CONF_LOCK = "lock"
CONF_REPLACEMENT = "replacement"

_LOGGER = logging.getLogger(__name__)


class LockoutGuardRepairFlow(RepairsFlow):
    """Shared plumbing: find the hub and the lock the issue is about."""

    # The step that asks the question; the flow's init data is not an answer to it.
    first_step: str

    def __init__(self, risk: RiskId, subentry_id: str | None) -> None:
        """Remember which risk of which lock is being repaired."""
        self.risk = risk
        self.subentry_id = subentry_id

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Go to the first question, ignoring the init data."""
        step: Callable[[], Awaitable[FlowResult]] = getattr(
            self, f"async_step_{self.first_step}"
        )
        return await step()

    @property
    def hub(self) -> LockoutGuardHub | None:
        """The running hub, or None if it was unloaded meanwhile."""
        return running_hub(self.hass)

    @property
    def monitor(self) -> LockMonitor | None:
        """The monitor of the lock, if it is still monitored."""
        if (hub := self.hub) is None or self.subentry_id is None:
            return None
        return hub.monitors.get(self.subentry_id)

    def _placeholders(self) -> dict[str, str]:
        issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
        if issue is None or issue.translation_placeholders is None:
            return {}
        return dict(issue.translation_placeholders)

    def _gone(self) -> FlowResult:
        if self.hub is None:
            return self.async_abort(reason="hub_not_loaded")
        return self.async_abort(reason="lock_not_monitored")

    def _lock_menu(self, step_id: str, options: list[str]) -> FlowResult:
        """A menu about the issue's lock, named as in the issue; gone if it is."""
        if self.monitor is None:
            return self._gone()
        return self.async_show_menu(
            step_id=step_id,
            menu_options=options,
            description_placeholders=self._placeholders(),
        )

    async def async_step_not_yet(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """A menu's "Not yet": nothing is recorded, the issue stays."""
        return self.async_abort(reason="nothing_recorded")

    def _update_lock(self, monitor: LockMonitor, changes: Mapping[str, Any]) -> None:
        """Store facts in the lock's subentry; the hub applies them in place.

        Repairs deletes the issue when the flow finishes, after the facts were
        applied: evaluating once more then brings back an issue whose risk the
        answer did not settle.
        """
        hub = self._require_hub()
        monitor.async_update_facts(changes)
        subentry_id = monitor.subentry_id

        @callback
        def evaluate_again() -> None:
            if (current := hub.monitors.get(subentry_id)) is not None:
                current.async_evaluate()
            hub.async_evaluate_home()

        self.hass.loop.call_soon(evaluate_again)

    def _confirmed(self, monitor: LockMonitor) -> FlowResult:
        """A confirmation was stored: save, and evaluate once the issue is deleted."""
        hub = self._require_hub()
        hub.store.async_schedule_save()
        self.hass.loop.call_soon(monitor.async_evaluate)
        return self.async_create_entry(data={})

    def _require_hub(self) -> LockoutGuardHub:
        if (hub := self.hub) is None:
            raise AbortFlow("hub_not_loaded")
        return hub


class FactRepairFlow(LockoutGuardRepairFlow):
    """Ask for one or two missing facts and store them in the lock's subentry."""

    first_step = "fact"

    async def async_step_fact(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Show the question that fixes the risk."""
        if (monitor := self.monitor) is None:
            return self._gone()
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = support_field_errors(self.hass, user_input, phone_required=True)
            for count in _COUNTS:
                if count in user_input and whole_number(user_input[count]) is None:
                    errors[count] = "not_a_whole_number"
            if not errors:
                return self._store(monitor, user_input)
        schema = vol.Schema(_FACT_FIELDS[self.risk])
        subentry = self._require_hub().entry.subentries[monitor.subentry_id]
        return self.async_show_form(
            step_id="fact",
            data_schema=self.add_suggested_values_to_schema(
                schema, user_input or dict(subentry.data)
            ),
            errors=errors,
            description_placeholders=self._placeholders(),
        )

    def _store(self, monitor: LockMonitor, user_input: dict[str, Any]) -> FlowResult:
        changes = {
            key: value.strip() if isinstance(value, str) else value
            for key, value in user_input.items()
            if key != CONF_KEY_TESTED
        }
        for count in _COUNTS:
            if count in changes:
                changes[count] = whole_number(changes[count])
        if CONF_KEY_LOCATION in changes:
            # Telling where the key is means it was just checked.
            record = monitor.record
            record.key_verified = dt_util.now().date()
            record.key_tested = bool(user_input.get(CONF_KEY_TESTED))
            self._require_hub().store.async_schedule_save()
        self._update_lock(monitor, changes)
        return self.async_create_entry(data={})


def _select(options: list[str], key: str) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(
            options=options, translation_key=key, mode=SelectSelectorMode.LIST
        )
    )


_KEY_FIELDS: dict[vol.Marker, Any] = {
    vol.Required(CONF_KEY_LOCATION): _select(list(KeyLocation), CONF_KEY_LOCATION),
    vol.Required(CONF_KEY_TESTED, default=False): BooleanSelector(),
}

_FACT_FIELDS: Mapping[RiskId, dict[vol.Marker, Any]] = {
    RiskId.NO_OFFSITE_KEY: _KEY_FIELDS,
    RiskId.KEY_HIDDEN_OUTSIDE: _KEY_FIELDS,
    RiskId.BACKUP_KEY_UNVERIFIED: _KEY_FIELDS,
    RiskId.SINGLE_APP_USER: {
        vol.Required(CONF_APP_USERS): NumberSelector(
            NumberSelectorConfig(min=0, max=50, step=1, mode=NumberSelectorMode.BOX)
        )
    },
    RiskId.NO_BACKUP_PIN: {
        vol.Required(CONF_BACKUP_PIN): _select(
            [BackupPin.YES, BackupPin.NO], CONF_BACKUP_PIN
        )
    },
    RiskId.SUPPORT_INFO_MISSING: {
        vol.Required(CONF_MODEL_NUMBER): TextSelector(),
        vol.Required(CONF_SUPPORT_PHONE): TextSelector(
            TextSelectorConfig(type=TextSelectorType.TEL)
        ),
    },
    RiskId.LOCKSMITH_NOT_RESEARCHED: {
        vol.Required(CONF_LOCKSMITH_CONTACT): TextSelector()
    },
    RiskId.RESTRICTED_KEY_CARD: {vol.Required(CONF_KEY_CARD_LOCATION): TextSelector()},
    RiskId.BATTERY_NOT_REPORTING: {
        vol.Required(CONF_BATTERY_ENTITY_ID): EntitySelector(
            EntitySelectorConfig(domain=[Platform.SENSOR, Platform.BINARY_SENSOR])
        )
    },
    RiskId.NO_FACTORY_KEY: {
        vol.Required(CONF_FACTORY_KEY_KEPT): _select(
            [FactoryKey.YES, FactoryKey.NO], CONF_FACTORY_KEY_KEPT
        )
    },
    RiskId.MANY_KEYS_IN_CIRCULATION: {
        vol.Required(CONF_KEYS_IN_CIRCULATION): NumberSelector(
            NumberSelectorConfig(min=0, max=100, step=1, mode=NumberSelectorMode.BOX)
        )
    },
    RiskId.SMARTKEY_FIRST_GENERATION: {
        vol.Required(CONF_SMARTKEY): _select(list(SmartKey), CONF_SMARTKEY)
    },
}

# Facts that are counts: a fraction or NaN is refused, 2.0 is stored as 2.
_COUNTS = (CONF_APP_USERS, CONF_KEYS_IN_CIRCULATION)


class CheckRepairFlow(LockoutGuardRepairFlow):
    """Walk a check: the owner confirms, the lock is read again."""

    first_step = "confirm"

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Explain the check and ask for confirmation."""
        if (monitor := self.monitor) is None:
            return self._gone()
        errors: dict[str, str] = {}
        if user_input is not None:
            monitor.async_evaluate()
            still_open = monitor.assessment is not None and any(
                risk.risk_id is self.risk for risk in monitor.assessment.risks
            )
            if self.risk in _RECHECKED and still_open:
                errors["base"] = _RECHECKED[self.risk]
            else:
                self._record(monitor)
                return self._confirmed(monitor)
        return self.async_show_form(
            step_id="confirm",
            data_schema=vol.Schema({}),
            errors=errors,
            description_placeholders=self._placeholders(),
        )

    def _record(self, monitor: LockMonitor) -> None:
        """What the confirmed check records (nothing, for a plain check)."""


class BatteryRepairFlow(LockoutGuardRepairFlow):
    """Low batteries: new ones are recorded only when the owner says so.

    Opening the repair and pressing Submit out of habit must not tell the engine
    that fresh cells are in: the choice is a menu, and "not yet" records nothing.
    The text says what to buy. A keypad's battery (a device of its own) is not
    recorded: the keypad's next report shows the new cells.
    """

    first_step = "confirm"

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Ask whether the batteries were replaced."""
        if (monitor := self.monitor) is None:
            return self._gone()
        placeholders = self._placeholders()
        if not self._about_keypad():
            placeholders["battery_buy"] = await async_battery_buy_text(
                self.hass, monitor.battery_type_text
            )
        return self.async_show_menu(
            step_id="confirm",
            menu_options=["replaced", "not_yet"],
            description_placeholders=placeholders,
        )

    async def async_step_replaced(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Record new batteries, as mark_battery_replaced does (forecast afresh)."""
        if (monitor := self.monitor) is None:
            return self._gone()
        if self._about_keypad():
            return self.async_abort(reason="keypad_reports")
        monitor.async_battery_replaced(dt_util.now().date())
        return self._confirmed(monitor)

    def _about_keypad(self) -> bool:
        """Whether the issue is about the lock's separate keypad (its own texts)."""
        issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
        return issue is not None and is_keypad_issue(issue.translation_key)


# Checks whose condition is read from the lock itself: refuse while it still holds.
_RECHECKED: Mapping[RiskId, str] = {
    RiskId.LOCK_JAMMED: "still_jammed",
    RiskId.LOCK_UNAVAILABLE: "still_unavailable",
}


class AlertDrillRepairFlow(LockoutGuardRepairFlow):
    """The home's alert drill: nothing is sent until the owner asks.

    A menu offers to send a test alert (one message for the home, and each lock's
    drill event for the automations), to say it arrived (every lock's alert path
    is confirmed: it is the same path), or to say it did not (what to check).
    """

    first_step = "confirm"

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """What the drill tests, and the three choices."""
        hub = self._require_hub()
        return self.async_show_menu(
            step_id="failed" if hub.home_alert.worst == "failed" else "confirm",
            menu_options=["send", "arrived", "not_arrived"],
            description_placeholders=self._home_placeholders(),
        )

    async def async_step_failed(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """The menu after a failed drill (its text says what to check)."""
        return await self.async_step_confirm(user_input)

    async def async_step_sent(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """The menu after sending: whether it arrived."""
        return self.async_show_menu(
            step_id="sent",
            menu_options=["arrived", "not_arrived"],
            description_placeholders=self._home_placeholders(),
        )

    async def async_step_send(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Send the test alert now, then ask whether it arrived."""
        hub = self._require_hub()
        result = await hub.drills.async_start_home_drill(list(hub.monitors.values()))
        if result.failed:
            # The dialog cannot carry a per-target error: the log names them.
            _LOGGER.warning(
                "The alert drill could not be sent to %s", ", ".join(result.failed)
            )
        return await self.async_step_sent()

    async def async_step_arrived(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """The test alert arrived: every lock's alert path is confirmed."""
        hub = self._require_hub()
        for monitor in list(hub.monitors.values()):
            hub.drills.async_confirm(monitor)
        # Repairs deletes the issue when the flow ends: a lock still untested
        # (added meanwhile) brings it back.
        self.hass.loop.call_soon(hub.home_alert.async_reshow)
        return self.async_create_entry(data={})

    async def async_step_not_arrived(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """It did not arrive: the drill failed, and here is what to check."""
        hub = self._require_hub()
        if user_input is not None:
            # The drill failed and stays open: back once Repairs deleted it.
            self.hass.loop.call_soon(hub.home_alert.async_reshow)
            return self.async_create_entry(data={})
        for monitor in list(hub.monitors.values()):
            hub.drills.async_fail(monitor)
        return self.async_show_form(
            step_id="not_arrived",
            data_schema=vol.Schema({}),
            description_placeholders=self._home_placeholders(),
        )

    def _home_placeholders(self) -> dict[str, str]:
        hub = self._require_hub()
        return {
            "locks": str(len(hub.monitors)),
            "days": str(hub.options.reverify_days),
        }


class MissingLockRepairFlow(LockoutGuardRepairFlow):
    """The monitored entity is gone: point at its replacement or stop monitoring."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Offer the two ways out."""
        return self._lock_menu("init", ["replace", "stop_monitoring"])

    async def async_step_replace(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Pick the lock entity that replaced the missing one."""
        if (monitor := self.monitor) is None:
            return self._gone()
        hub = self._require_hub()
        errors: dict[str, str] = {}
        if user_input is not None:
            entity_id = user_input[CONF_REPLACEMENT]
            monitored = {m.entity_id for m in hub.monitors.values()}
            if not lock_exists(self.hass, entity_id):
                errors[CONF_REPLACEMENT] = "not_a_lock"
            elif entity_id in monitored:
                errors[CONF_REPLACEMENT] = "already_monitored"
            else:
                monitor.async_update_facts(
                    {CONF_LOCK_ENTITY_ID: entity_id}, unique_id=entity_id
                )
                return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="replace",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_REPLACEMENT): EntitySelector(
                        EntitySelectorConfig(domain=Platform.LOCK)
                    )
                }
            ),
            errors=errors,
            description_placeholders=self._placeholders(),
        )

    async def async_step_stop_monitoring(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Remove the lock from Lockout Guard."""
        if (monitor := self.monitor) is None:
            return self._gone()
        hub = self._require_hub()
        self.hass.config_entries.async_remove_subentry(hub.entry, monitor.subentry_id)
        return self.async_create_entry(data={})


class NewLockRepairFlow(LockoutGuardRepairFlow):
    """New locks appeared: monitor the picked ones, ignore the rest."""

    first_step = "pick"

    async def async_step_pick(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """List the new locks to pick from."""
        if (hub := self.hub) is None:
            return self._gone()
        new_locks = hub.unmonitored_locks()
        if user_input is not None:
            picked = [
                lock for lock in user_input.get(CONF_LOCKS, []) if lock in new_locks
            ]
            hub.store.ignored_locks.update(set(new_locks) - set(picked))
            hub.store.async_schedule_save()
            for entity_id in picked:
                data = new_lock_subentry(self.hass, entity_id)
                self.hass.config_entries.async_add_subentry(
                    hub.entry,
                    ConfigSubentry(
                        data=MappingProxyType(dict(data["data"])),
                        subentry_type=data["subentry_type"],
                        title=data["title"],
                        unique_id=data["unique_id"],
                    ),
                )
            if not picked:
                self.hass.loop.call_soon(hub.async_evaluate_home)
            return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="pick",
            data_schema=vol.Schema(
                {
                    vol.Optional(CONF_LOCKS, default=new_locks): SelectSelector(
                        SelectSelectorConfig(
                            options=[
                                SelectOptionDict(value=lock, label=lock)
                                for lock in new_locks
                            ],
                            multiple=True,
                            mode=SelectSelectorMode.LIST,
                        )
                    )
                }
            ),
            description_placeholders=self._placeholders(),
        )


class AlertTargetRepairFlow(LockoutGuardRepairFlow):
    """A notification target is gone: pick the one that replaces it."""

    first_step = "pick"

    async def async_step_pick(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Offer the targets that exist; the chosen one takes the missing ones' place."""
        hub = self._require_hub()
        available = notify_targets_available(self.hass)
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = user_input[CONF_REPLACEMENT]
            if chosen not in available:
                errors[CONF_REPLACEMENT] = "unknown_notify_target"
            else:
                kept = [
                    target
                    for target in notify_targets(hub.entry.options)
                    if target in available
                ]
                self.hass.config_entries.async_update_entry(
                    hub.entry,
                    options={
                        **hub.entry.options,
                        CONF_NOTIFY_TARGETS: list(dict.fromkeys([*kept, chosen])),
                    },
                )
                self.hass.loop.call_soon(hub.async_evaluate_home)
                return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="pick",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_REPLACEMENT): SelectSelector(
                        SelectSelectorConfig(
                            options=available, custom_value=True, sort=True
                        )
                    )
                }
            ),
            errors=errors,
            description_placeholders=self._placeholders(),
        )


class FallbackEntryRepairFlow(LockoutGuardRepairFlow):
    """No door opens without electronics: record the one that has a key outside."""

    first_step = "pick"

    async def async_step_pick(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Pick the door with a key override and say where its key is."""
        if (hub := self.hub) is None or not hub.monitors:
            return self._gone()
        if user_input is not None and (
            monitor := hub.monitors.get(user_input[CONF_LOCK])
        ):
            record = monitor.record
            record.key_verified = dt_util.now().date()
            hub.store.async_schedule_save()
            self._update_lock(
                monitor,
                {
                    CONF_KEY_OVERRIDE: True,
                    CONF_KEY_LOCATION: user_input[CONF_KEY_LOCATION],
                },
            )
            return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="pick",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_LOCK): SelectSelector(
                        SelectSelectorConfig(
                            options=[
                                SelectOptionDict(value=subentry_id, label=monitor.name)
                                for subentry_id, monitor in hub.monitors.items()
                            ],
                            mode=SelectSelectorMode.DROPDOWN,
                        )
                    ),
                    vol.Required(CONF_KEY_LOCATION): _select(
                        [
                            location
                            for location in KeyLocation
                            if location in KEY_REACHABLE_FROM_OUTSIDE
                        ],
                        CONF_KEY_LOCATION,
                    ),
                }
            ),
            description_placeholders=self._placeholders(),
        )


class RekeyRepairFlow(LockoutGuardRepairFlow):
    """A key may be in the wrong hands: the three ways out, then the rekey.

    The guides' choice: rekey it yourself (a SmartKey cylinder, with a working
    key), have a locksmith rekey it, or replace the cylinder when many keys are
    out. Each way is explained in a step of its own; nothing is recorded until the
    owner says the lock is rekeyed.
    """

    first_step = "confirm"
    _WAYS = ("smartkey", "locksmith", "replace_cylinder")

    async def async_step_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Why a rekey, and the ways to do it."""
        return self._lock_menu("confirm", [*self._WAYS, "rekeyed", "not_yet"])

    async def async_step_smartkey(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Rekeying a SmartKey cylinder yourself, with a key that still works."""
        return self._way("smartkey")

    async def async_step_locksmith(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Having a locksmith rekey the cylinder."""
        return self._way("locksmith")

    async def async_step_replace_cylinder(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """A new cylinder, when many keys are out or the cylinder is worn."""
        return self._way("replace_cylinder")

    def _way(self, step_id: str) -> FlowResult:
        return self._lock_menu(step_id, ["rekeyed", "not_yet"])

    async def async_step_rekeyed(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Record the rekey (today) and how many new keys are out."""
        if (monitor := self.monitor) is None:
            return self._gone()
        errors: dict[str, str] = {}
        if user_input is not None:
            entered = user_input.get(CONF_KEYS_ISSUED)
            keys = None if entered is None else whole_number(entered)
            if entered is not None and keys is None:
                errors[CONF_KEYS_ISSUED] = "not_a_whole_number"
            else:
                async_record_rekey(self._require_hub(), monitor, keys_issued=keys)
                return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="rekeyed",
            data_schema=vol.Schema(
                {
                    vol.Optional(CONF_KEYS_ISSUED): NumberSelector(
                        NumberSelectorConfig(
                            min=0, max=100, step=1, mode=NumberSelectorMode.BOX
                        )
                    )
                }
            ),
            errors=errors,
            description_placeholders=self._placeholders(),
        )


FLOWS_BY_RISK: Mapping[RiskId, type[LockoutGuardRepairFlow]] = {
    **dict.fromkeys(_FACT_FIELDS, FactRepairFlow),
    **dict.fromkeys(
        (RiskId.LOCK_JAMMED, RiskId.LOCK_UNAVAILABLE),
        CheckRepairFlow,
    ),
    **dict.fromkeys((RiskId.BATTERY_LOW, RiskId.BATTERY_CRITICAL), BatteryRepairFlow),
    RiskId.ALERT_NEVER_TESTED: AlertDrillRepairFlow,
    RiskId.MONITORED_LOCK_MISSING: MissingLockRepairFlow,
    RiskId.NEW_LOCK_FOUND: NewLockRepairFlow,
    RiskId.NO_FALLBACK_ENTRY: FallbackEntryRepairFlow,
    RiskId.ALERT_TARGET_MISSING: AlertTargetRepairFlow,
    RiskId.REKEY_RECOMMENDED: RekeyRepairFlow,
}
