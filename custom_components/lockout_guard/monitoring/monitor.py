"""Watch one lock: react to its entities, re-evaluate, publish the findings.

Event-driven: the monitor listens only to the lock, its battery entities and its jam
signals, and keeps one timer of its own, set to the next moment a time-based risk can
change (unavailable grace, battery silence, re-verification ages). Counting codes
(code_counter.py) and the battery forecast (battery_care.py) keep their own schedules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Protocol

from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    EventStateReportedData,
    callback,
    valid_entity_id,
)
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import (
    async_call_later,
    async_track_point_in_utc_time,
    async_track_state_change_event,
    async_track_state_report_event,
)
from homeassistant.helpers.typing import UNDEFINED, UndefinedType
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.alerts.battery_alert import (
    AlertHost,
    async_send_battery_alert,
)
from custom_components.lockout_guard.alerts.events import (
    BATTERY_LEVEL_CRITICAL,
    BATTERY_LEVEL_LOW,
    fire_battery_low,
    fire_risk_transitions,
)
from custom_components.lockout_guard.alerts.issues import sync_lock_issues
from custom_components.lockout_guard.battery.battery_notes import BatteryNotesLink
from custom_components.lockout_guard.battery.battery_type import find_battery_type
from custom_components.lockout_guard.battery.care import BatteryCare, level_source
from custom_components.lockout_guard.battery.history import BatterySampleStore
from custom_components.lockout_guard.battery.readings import (
    BatteryEntities,
    find_battery_entities,
)
from custom_components.lockout_guard.codes.counter import CodeCounter
from custom_components.lockout_guard.codes.providers.manual import (
    SOURCE as MANUAL_SOURCE,
)
from custom_components.lockout_guard.const import (
    CONF_BATTERY_ENTITY_ID,
    CONF_BATTERY_TYPE,
    CONF_KEYPAD_BATTERY_ENTITY_ID,
    CONF_LOCK_ENTITY_ID,
)
from custom_components.lockout_guard.core.last_known_battery import (
    LastKnownBattery,
    carry_last_known,
)
from custom_components.lockout_guard.core.models import (
    BatteryPart,
    BatteryReading,
    Confirmations,
    LockAssessment,
    Options,
    Readings,
    RiskId,
    WeakerBattery,
)
from custom_components.lockout_guard.core.risks import (
    awaiting_new_battery_report,
    battery_report_awaited,
    current_battery_level,
    current_low_flag,
    evaluate_lock,
    keypad_battery,
    lock_battery,
    weaker_battery,
)
from custom_components.lockout_guard.storage.facts import lock_facts_from_data
from custom_components.lockout_guard.storage.store import LockoutGuardStore

from .device_events import DeviceEventRouter
from .jam import JamWatch
from .lock_lookup import lock_name
from .readings import read_lock
from .updates import UpdateSignal


class MonitorHost(AlertHost, Protocol):
    """What a lock's monitor needs of the hub that runs it, and nothing more.

    The hub satisfies it; the monitor never sees the other locks.
    """

    @property
    def options(self) -> Options:
        """The hub's thresholds and periods (they change in place)."""

    @property
    def store(self) -> LockoutGuardStore:
        """The confirmations: this lock's record, and a way to save it."""

    @property
    def battery_samples(self) -> BatterySampleStore:
        """Battery samples kept where the recorder cannot help."""

    @property
    def device_events(self) -> DeviceEventRouter:
        """Events of one device (Z-Wave notifications), routed by device id."""

    def async_lock_evaluated(self, monitor: LockMonitor) -> None:
        """What the lock's entities show changed (the home's tallies follow)."""

    def async_sources_changed(self, monitor: LockMonitor) -> None:
        """The lock's watched entities, device or integration changed."""

    def async_alert_untested(self, subentry_id: str, drill: str | None) -> None:
        """The lock's alert drill state (None: tested), for the home's repair."""


# How far above a threshold the battery must be before it can alert at that
# threshold again: lock batteries move by a point or two with temperature and load.
BATTERY_REARM_POINTS = 5
# How long a renamed lock may take to show its state under the new id.
RENAME_SETTLE_SECONDS = 10
_ALERT_RANK: dict[str | None, int] = {
    None: 0,
    BATTERY_LEVEL_LOW: 1,
    BATTERY_LEVEL_CRITICAL: 2,
}


class LockMonitor:
    """The live view of one monitored lock."""

    def __init__(
        self,
        hub: MonitorHost,
        subentry: ConfigSubentry,
        signal: UpdateSignal,
        *,
        renamed: bool = False,
    ) -> None:
        """Read the lock's facts; nothing is watched until async_start.

        ``signal`` belongs to the lock's entities and outlives this monitor when
        the lock is reconfigured. ``renamed``: the lock entity just got a new id,
        whose state comes a moment later; until then (or RENAME_SETTLE_SECONDS)
        nothing is evaluated, so a rename clears and raises nothing.
        """
        self._hub = hub
        self.hass = hub.hass
        self.signal = signal
        self.subentry_id = subentry.subentry_id
        # What the monitor was built from: a change of these means a new monitor.
        self.subentry_data: Mapping[str, Any] = subentry.data
        self.entity_id: str = subentry.data[CONF_LOCK_ENTITY_ID]
        self._title = subentry.title
        # A malformed override is ignored: the device's own battery is used instead.
        self.battery_override = _entity_id_or_none(
            subentry.data.get(CONF_BATTERY_ENTITY_ID)
        )
        # A separate keypad's battery is named by the owner (it is another device).
        keypad = _entity_id_or_none(subentry.data.get(CONF_KEYPAD_BATTERY_ENTITY_ID))
        self.keypad_battery: BatteryEntities | None = (
            None if keypad is None else find_battery_entities(self.hass, None, keypad)
        )
        self.facts = lock_facts_from_data(subentry.data, subentry.title)
        self.record = hub.store.lock(self.subentry_id)
        self.record.entity_id = self.entity_id
        self.jam = JamWatch(
            self.hass,
            self.entity_id,
            self.record,
            self._async_jam,
            hub.device_events,
        )
        self.battery = BatteryEntities()
        self.battery_notes = BatteryNotesLink(
            self.hass,
            hub.entry,
            lambda: self.name,
            hub.device_events.async_listen,
            self._async_battery_notes_replaced,
        )
        self.battery_care = BatteryCare(
            hub.hass,
            hub.entry,
            self.subentry_id,
            self.record,
            hub.battery_samples,
            hub.store.async_schedule_save,
            on_forecast_changed=signal.async_notify,
        )
        self.readings = Readings()
        # Where the shown users come from, as of the last evaluation.
        self.users_source: str | None = None
        self.assessment: LockAssessment | None = None
        self.last_checked: datetime | None = None
        self._watching_since = dt_util.utcnow()
        self._gone_since: dict[str, datetime] = {}
        # The lock's issues as last synced (None: not yet, any may exist).
        self._open_issue_ids: set[str] | None = None
        self._last_known_battery = LastKnownBattery()
        self._last_known_keypad_battery = LastKnownBattery()
        # The lock's device, as last seen in the registry (kept when the lock goes).
        self.device_id: str | None = None
        # The lock's registry entry: it stays the same when the entity is renamed.
        self.registry_id: str | None = None
        # The config entry of the lock's own integration (its reloads matter).
        self.lock_config_entry_id: str | None = None
        self._stopped = False
        self._unsub_state: CALLBACK_TYPE | None = None
        # Unchanged battery reports (only last_reported moves), followed only while
        # new batteries are awaited: then a repeated value is news.
        self._unsub_battery_reports: CALLBACK_TYPE | None = None
        self._unsub_timer: CALLBACK_TYPE | None = None
        self._awaiting_renamed_state = renamed
        self._unsub_rename_wait: CALLBACK_TYPE | None = None
        self.code_counter = CodeCounter(
            self.hass,
            self.entity_id,
            self.facts,
            self.record,
            on_counted=self.async_evaluate,
            on_source_changed=self._async_index,
            save=hub.store.async_schedule_save,
            listen_device_event=hub.device_events.async_listen,
        )

    @property
    def name(self) -> str:
        """The lock's current name (its friendly name follows renames)."""
        name = lock_name(self._hub.hass, self.entity_id)
        return self._title if name == self.entity_id else name

    @property
    def title(self) -> str:
        """The subentry's title, as the monitor was given it."""
        return self._title

    @property
    def low_threshold(self) -> int:
        """The lock's own low-battery threshold, else the hub's."""
        return self.facts.low_battery or self._hub.options.low_battery

    @property
    def watched_entity_ids(self) -> set[str]:
        """The lock, its battery entities (its keypad's too) and its jam signals."""
        keypad = self.keypad_battery.entity_ids if self.keypad_battery else set()
        return {self.entity_id} | self.battery.entity_ids | keypad | self.jam.entity_ids

    @callback
    def async_start(self) -> None:
        """Find the battery, subscribe to the entities involved, evaluate."""
        self.async_refresh_sources()
        self.code_counter.async_start()

    @callback
    def async_refresh_sources(self) -> None:
        """Find the battery entities again (the device's entities changed).

        A stopped monitor (its lock was reconfigured or removed) stays stopped:
        whoever still holds it must not bring its listeners back.
        """
        if self._stopped:
            return
        # A lock whose entity was just removed keeps the device it had: its
        # battery entities are still there and say nothing new about the battery.
        if (entry := er.async_get(self.hass).async_get(self.entity_id)) is not None:
            self.device_id = entry.device_id
            self.registry_id = entry.id
            self.lock_config_entry_id = entry.config_entry_id
        self.battery = find_battery_entities(
            self.hass, self.device_id, self.battery_override
        )
        self.jam.async_refresh(self.device_id)
        self.battery_notes.async_refresh(self.device_id)
        self.battery_care.async_set_source(
            level_source(self.battery, self.entity_id),
            self._hub.options.critical_battery,
        )
        if self._unsub_state is not None:
            self._unsub_state()
        self._unsub_state = async_track_state_change_event(
            self._hub.hass, sorted(self.watched_entity_ids), self._async_state_changed
        )
        # The battery entities may have changed: follow the new ones' reports.
        self._follow_battery_reports(follow=False)
        self._async_index()
        self.async_evaluate()

    @callback
    def _async_index(self) -> None:
        """Tell the hub which entities, device and integration concern this lock."""
        if not self._stopped:
            self._hub.async_sources_changed(self)

    @callback
    def async_update_facts(
        self,
        changes: Mapping[str, Any],
        *,
        unique_id: str | UndefinedType = UNDEFINED,
    ) -> bool:
        """Store facts in the lock's subentry; True when they changed.

        The hub applies a change at once, in place (async_set_facts, or a new
        monitor when the lock itself changed); an unchanged answer leaves the
        caller to evaluate.
        """
        entry = self._hub.entry
        subentry = entry.subentries[self.subentry_id]
        return self.hass.config_entries.async_update_subentry(
            entry, subentry, data={**subentry.data, **changes}, unique_id=unique_id
        )

    @callback
    def async_set_facts(self, subentry: ConfigSubentry) -> None:
        """Take new facts of the same lock (same lock and battery entity), evaluate."""
        self.subentry_data = subentry.data
        self._title = subentry.title
        self.facts = lock_facts_from_data(subentry.data, subentry.title)
        self.code_counter.async_set_facts(self.facts)
        self.async_evaluate()

    @callback
    def async_options_changed(self) -> None:
        """The hub's thresholds or periods changed: forecast and risks follow."""
        self.battery_care.async_set_source(
            level_source(self.battery, self.entity_id),
            self._hub.options.critical_battery,
        )
        self.async_evaluate()

    async def async_recheck(self) -> None:
        """Read everything again: the battery sources, the lock, the codes, the risks.

        The ``recheck`` action and the repair checks come through here. The plan
        shows when it was checked, even when nothing else changed.
        """
        if self._stopped:
            return
        self.async_refresh_sources()
        await self.code_counter.async_recount()
        self.async_evaluate(force_write=True)

    @callback
    def async_stop(self) -> None:
        """Stop listening and cancel the timer."""
        self._stopped = True
        self._stop_waiting_for_rename()
        self.jam.async_stop()
        self.battery_notes.async_stop()
        self.battery_care.async_stop()
        self.code_counter.async_stop()
        if self._unsub_state is not None:
            self._unsub_state()
            self._unsub_state = None
        self._follow_battery_reports(follow=False)
        self._cancel_timer()

    @callback
    def _async_state_changed(self, event: Event[EventStateChangedData]) -> None:
        entity_id = event.data["entity_id"]
        if event.data["new_state"] is None:
            self._gone_since[entity_id] = dt_util.utcnow()
        else:
            self._gone_since.pop(entity_id, None)
        if self.jam.async_state_changed(
            entity_id, event.data["old_state"], event.data["new_state"]
        ):
            self._hub.store.async_schedule_save()
        self.async_evaluate()

    @callback
    def _async_jam(self) -> None:
        """A jam notification came (not a state change): keep it, evaluate."""
        self._hub.store.async_schedule_save()
        self.async_evaluate()

    @callback
    def _async_timer_fired(self, _now: datetime) -> None:
        self._unsub_timer = None
        self.async_evaluate()

    def _cancel_timer(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    def _gone_since_of(self, entity_id: str) -> datetime:
        return self._gone_since.get(entity_id, self._watching_since)

    def _waiting_for_startup(self) -> bool:
        """Entities of integrations that load after this one have no state yet."""
        return not self._hub.startup_done and any(
            self.hass.states.get(entity_id) is None
            for entity_id in self.watched_entity_ids
        )

    def _waiting_for_renamed_state(self) -> bool:
        """A renamed lock's new state is on its way: evaluating now would miss it."""
        if not self._awaiting_renamed_state:
            return False
        if self.hass.states.get(self.entity_id) is not None:
            self._stop_waiting_for_rename()
            return False
        if self._unsub_rename_wait is None:
            self._unsub_rename_wait = async_call_later(
                self.hass, RENAME_SETTLE_SECONDS, self._async_rename_settled
            )
        return True

    @callback
    def _async_rename_settled(self, _now: datetime) -> None:
        # No state under the new id after all: evaluate what there is.
        self._unsub_rename_wait = None
        self._awaiting_renamed_state = False
        self.async_evaluate()

    def _stop_waiting_for_rename(self) -> None:
        self._awaiting_renamed_state = False
        if self._unsub_rename_wait is not None:
            self._unsub_rename_wait()
            self._unsub_rename_wait = None

    def _with_last_known_battery(self, readings: Readings) -> Readings:
        """While the battery is silent, it is as low as it last said, not recovered."""
        battery, self._last_known_battery = carry_last_known(
            readings.battery, self._last_known_battery
        )
        keypad = readings.keypad_battery
        if keypad is not None:
            keypad, self._last_known_keypad_battery = carry_last_known(
                keypad, self._last_known_keypad_battery
            )
        return replace(readings, battery=battery, keypad_battery=keypad)

    @callback
    def async_evaluate(self, *, force_write: bool = False) -> None:
        """Read, evaluate and publish: issues, events, entities, the next timer.

        ``force_write`` writes the entities even when only ``last_checked`` moved.
        """
        if (
            self._stopped
            or self._waiting_for_startup()
            or self._waiting_for_renamed_state()
        ):
            return
        hass = self.hass
        # Local time: confirmations are dated in the home's time zone.
        now = dt_util.now()
        # Before anything is read: counts and levels show in the attributes too.
        previous_view = self._public_view()
        self.readings = replace(
            self._with_last_known_battery(
                read_lock(
                    hass,
                    self.entity_id,
                    self.battery,
                    self._gone_since_of,
                    startup_done=self._hub.startup_done,
                    keypad_battery=self.keypad_battery,
                )
            ),
            jam_reported=self.jam.reported,
            users=self.code_counter.users,
            codes=self.code_counter.codes,
        )
        # What the owner declared is what the plan shows, so it names the source.
        self.users_source = (
            MANUAL_SOURCE
            if self.facts.app_users is not None
            else self.code_counter.source_name
        )
        # First: a battery swap it detects is a confirmation the risks must see.
        self.battery_care.async_reading(self.readings.battery)
        record = self.record
        assessment = evaluate_lock(
            self.facts,
            self.readings,
            Confirmations(
                key_verified=record.key_verified,
                drill_confirmed=record.drill_confirmed,
                drill_failed=record.drill_failed,
                reset_pending=record.reset_pending,
                battery_replaced_at=record.battery_replaced_at,
                key_lost=record.key_lost,
                tenant_changed=record.tenant_changed,
                rekeyed=record.rekeyed,
            ),
            self._hub.options,
            now,
        )
        self.assessment = assessment
        self.last_checked = now
        name = self.name
        self._open_issue_ids = sync_lock_issues(
            hass,
            self.subentry_id,
            self.entity_id,
            name,
            assessment.risks,
            self._open_issue_ids,
            keypad_battery_name=self._keypad_battery_name(),
        )
        self._hub.async_alert_untested(
            self.subentry_id,
            next(
                (
                    risk.placeholders["drill"]
                    for risk in assessment.risks
                    if risk.risk_id is RiskId.ALERT_NEVER_TESTED
                ),
                None,
            ),
        )
        open_risks = fire_risk_transitions(
            hass, self.entity_id, name, record.open_risks, assessment.risks
        )
        changed = open_risks != record.open_risks
        record.open_risks = open_risks
        changed |= self._fire_battery_alert(name, assessment)
        if changed:
            self._hub.store.async_schedule_save()

        self._follow_battery_reports(
            follow=battery_report_awaited(
                record.battery_replaced_at, self.readings.battery
            )
        )
        self._cancel_timer()
        if assessment.next_due is not None:
            self._unsub_timer = async_track_point_in_utc_time(
                hass, self._async_timer_fired, assessment.next_due
            )
        # Entities are written only when what they show changed.
        if force_write or self._public_view() != previous_view:
            self.signal.async_notify()
            self._hub.async_lock_evaluated(self)

    def _follow_battery_reports(self, *, follow: bool) -> None:
        if not follow:
            if self._unsub_battery_reports is not None:
                self._unsub_battery_reports()
                self._unsub_battery_reports = None
            return
        if self._unsub_battery_reports is None and self.battery.entity_ids:
            self._unsub_battery_reports = async_track_state_report_event(
                self.hass, sorted(self.battery.entity_ids), self._async_battery_reported
            )

    @callback
    def _async_battery_reported(self, _event: Event[EventStateReportedData]) -> None:
        self.async_evaluate()

    def _public_view(self) -> tuple[object, ...]:
        view = self.plan_attributes()
        view.pop("last_checked")
        return (self.assessment.plan if self.assessment else None, *view.values())

    def _battery_values(self, part: BatteryPart) -> WeakerBattery | None:
        """The level and flag that count for one of the lock's batteries."""
        if part is BatteryPart.LOCK:
            return lock_battery(self.record.battery_replaced_at, self.readings.battery)
        return keypad_battery(self.readings.keypad_battery)

    def _alert_level(self, values: WeakerBattery | None) -> str | None:
        """How bad one battery is: low, critical, or neither."""
        if values is None:
            return None
        critical = self._hub.options.critical_battery
        if values.low_flag is True or (
            values.level is not None and values.level <= critical
        ):
            return BATTERY_LEVEL_CRITICAL
        if values.level is not None and values.level <= self.low_threshold:
            return BATTERY_LEVEL_LOW
        return None

    def _recovered_from(self, part: BatteryPart, alerted: str | None) -> bool:
        """Whether one battery is clearly above the threshold it last alerted at.

        New lock batteries (recorded, not reported yet) count as recovered; a
        silent battery has not; a flag-only battery has once its flag is off.
        """
        threshold = (
            self._hub.options.critical_battery
            if alerted == BATTERY_LEVEL_CRITICAL
            else self.low_threshold
        ) + BATTERY_REARM_POINTS
        if part is BatteryPart.KEYPAD:
            return _keypad_recovered(self.readings.keypad_battery, threshold)
        battery = self.readings.battery
        replaced_at = self.record.battery_replaced_at
        if awaiting_new_battery_report(replaced_at, battery):
            # New batteries, not reported yet: their first report may alert again.
            return True
        if battery.silent_since is not None:
            return False
        level = current_battery_level(replaced_at, battery)
        if level is None:
            return current_low_flag(replaced_at, battery) is False
        return level >= threshold

    def _fire_battery_alert(self, name: str, assessment: LockAssessment) -> bool:
        """Fire the event and alert the targets when a battery gets worse.

        The lock and its keypad step down (none → low → critical) each on their
        own: a keypad going low after the lock was alerted is news too. True if a
        stored alert level changed.
        """
        risk_ids = {risk.risk_id for risk in assessment.risks}
        battery_risk = bool({RiskId.BATTERY_LOW, RiskId.BATTERY_CRITICAL} & risk_ids)
        record = self.record
        changed = False
        for part in (BatteryPart.LOCK, BatteryPart.KEYPAD):
            # No battery risk (a missing lock, no report): nothing to alert.
            level = (
                self._alert_level(self._battery_values(part)) if battery_risk else None
            )
            previous = (
                record.battery_alert_level
                if part is BatteryPart.LOCK
                else record.keypad_battery_alert_level
            )
            if level == previous:
                continue
            if _ALERT_RANK[level] < _ALERT_RANK[previous]:
                # Better than last alerted: re-armed (quietly) only once clearly
                # back up, so a level wobbling by a point around a threshold
                # alerts once, not at every dip.
                if not self._recovered_from(part, previous):
                    continue
            elif level is not None:
                self._send_battery_alert(name, part, level)
            if part is BatteryPart.LOCK:
                record.battery_alert_level = level
            else:
                record.keypad_battery_alert_level = level
            changed = True
        return changed

    def _send_battery_alert(self, name: str, part: BatteryPart, level: str) -> None:
        """A step down of one battery: the event, and the message to the targets."""
        values = self._battery_values(part)
        battery_level = values.level if values else None
        threshold = (
            self._hub.options.critical_battery
            if level == BATTERY_LEVEL_CRITICAL
            else self.low_threshold
        )
        keypad = part is BatteryPart.KEYPAD
        fire_battery_low(
            self._hub.hass,
            self.entity_id,
            name,
            battery_level=battery_level,
            threshold=threshold,
            level=level,
            drill=False,
        )
        async_send_battery_alert(
            self._hub,
            self.subentry_id,
            name,
            level=level,
            battery_level=battery_level,
            threshold=threshold,
            # The lock's battery type says nothing about what its keypad takes.
            battery_type=None if keypad else self.battery_type_text,
            keypad_battery_name=self._keypad_battery_name() if keypad else None,
        )

    @callback
    def async_fire_alert_drill(self) -> datetime:
        """Send a test low-battery alert (drill: true); note and return when."""
        fire_battery_low(
            self.hass,
            self.entity_id,
            self.name,
            battery_level=self.readings.battery.level,
            threshold=self.low_threshold,
            level=BATTERY_LEVEL_LOW,
            drill=True,
        )
        started = self.record.drill_started = dt_util.utcnow()
        self._hub.store.async_schedule_save()
        return started

    @property
    def weaker_battery(self) -> WeakerBattery:
        """The battery the battery risks are about: the lock's or its keypad's."""
        return weaker_battery(
            self.record.battery_replaced_at,
            self.readings.battery,
            self.readings.keypad_battery,
        )

    @property
    def battery_type_text(self) -> str | None:
        """What to buy for the lock, where a source knows it."""
        found = find_battery_type(
            self.hass, self.device_id, self.subentry_data.get(CONF_BATTERY_TYPE)
        )
        return found.text if found else None

    @callback
    def async_battery_replaced(self, day: date) -> None:
        """New batteries, as the owner says: record them, and tell Battery Notes."""
        self.battery_care.async_mark_replaced(day)
        self.battery_notes.async_tell_replaced(day)

    @callback
    def _async_battery_notes_replaced(self, day: date) -> None:
        """Battery Notes recorded new batteries for the lock's device."""
        self.battery_care.async_mark_replaced(day)
        self.async_evaluate()

    def _keypad_battery_name(self) -> str | None:
        """The keypad battery's name, as the owner sees it (None without one)."""
        if self.keypad_battery is None:
            return None
        (entity_id,) = self.keypad_battery.entity_ids
        return lock_name(self.hass, entity_id)

    @property
    def risk_ids(self) -> list[str]:
        """The open risks, in the engine's order (none before the first evaluation)."""
        assessment = self.assessment
        return [risk.risk_id.value for risk in assessment.risks] if assessment else []

    @property
    def recovery_step_ids(self) -> list[str]:
        """The ways back in, cheapest first (none before the first evaluation)."""
        assessment = self.assessment
        return [step.value for step in assessment.recovery_steps] if assessment else []

    def plan_attributes(self) -> dict[str, object]:
        """The public, non-private view of the plan (sensor attributes)."""
        keypad = self.readings.keypad_battery
        return {
            "risks": self.risk_ids,
            "recovery_steps": self.recovery_step_ids,
            "battery_level": self.readings.battery.level,
            # Only for a lock with a separate keypad whose battery the owner named.
            **({} if keypad is None else {"keypad_battery_level": keypad.level}),
            "users": self.facts.app_users
            if self.facts.app_users is not None
            else self.readings.users,
            "codes": self.readings.codes,
            "users_source": self.users_source,
            "keys_in_circulation": self.facts.keys_in_circulation,
            "factory_key_kept": self.facts.factory_key_kept.value,
            "last_checked": self.last_checked.isoformat()
            if self.last_checked
            else None,
        }


def _keypad_recovered(keypad: BatteryReading | None, threshold: float) -> bool:
    """Whether the keypad's battery is back above ``threshold`` (or gone)."""
    if keypad is None:
        return True
    if keypad.silent_since is not None or keypad.low_flag is True:
        return False
    return keypad.level is None or keypad.level >= threshold


def _entity_id_or_none(value: object) -> str | None:
    """An entity id from stored data; anything malformed counts as not set."""
    return value if isinstance(value, str) and valid_entity_id(value) else None
