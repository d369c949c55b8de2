"""The hub's runtime: stored confirmations, the lock monitors and the home's risks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
import logging
from typing import Any

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
    ConfigSubentry,
)
from homeassistant.const import (
    EVENT_SERVICE_REGISTERED,
    EVENT_SERVICE_REMOVED,
    Platform,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    CoreState,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
    valid_entity_id,
)
from homeassistant.data_entry_flow import AbortFlow
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import (
    async_track_state_added_domain,
    async_track_state_removed_domain,
)
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.typing import UNDEFINED, UndefinedType

from .alerts.events import fire_risk_transitions
from .alerts.home_alert_issue import ISSUE_ID as HOME_ALERT_ISSUE_ID, HomeAlertIssue
from .alerts.issues import HUB_RISKS, sync_hub_issues, sync_lock_issues
from .alerts.notifier import missing_notify_targets, notify_targets
from .battery.history import BatterySampleStore
from .codes.counter import SLOT_PLATFORMS
from .const import (
    CONF_BATTERY_ENTITY_ID,
    CONF_IGNORED_LOCKS,
    CONF_KEY_CHECKED,
    CONF_KEYPAD_BATTERY_ENTITY_ID,
    CONF_LOCK_ENTITY_ID,
    DOMAIN,
    HUB_TITLE,
    SUBENTRY_TYPE_LOCK,
)
from .core.models import PlanState, Risk
from .core.risks import evaluate_home, home_plan, unmonitored_locks
from .device_cleanup import async_move_lock_entities
from .drill import AlertDrills
from .monitoring.device_events import DeviceEventRouter
from .monitoring.lock_lookup import lock_name, present_lock_entity_ids
from .monitoring.monitor import LockMonitor
from .monitoring.updates import UpdateSignal
from .storage.facts import options_from_mapping
from .storage.guarded_store import STORAGE_ISSUE_IDS
from .storage.store import LockoutGuardStore, iso_date

_LOGGER = logging.getLogger(__name__)

HOME_SETTLE_SECONDS = 1.0

type LockoutGuardConfigEntry = ConfigEntry[LockoutGuardHub]


def running_hub(hass: HomeAssistant) -> LockoutGuardHub | None:
    """The hub of the loaded entry, or None while it is not set up or reloading."""
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        hub: LockoutGuardHub = entry.runtime_data
        return hub
    return None


def _has_valid_lock(data: Mapping[str, Any]) -> bool:
    """A subentry without a usable lock entity id is skipped, not fatal."""
    entity_id = data.get(CONF_LOCK_ENTITY_ID)
    if isinstance(entity_id, str) and valid_entity_id(entity_id):
        return True
    _LOGGER.warning("Skipping a lock entry without a valid lock entity: %s", entity_id)
    return False


class LockoutGuardHub:
    """Everything the hub entry runs, kept in ``entry.runtime_data``.

    Changes of the entry (a lock added, reconfigured or removed, options changed)
    are applied in place by ``async_apply_entry_changes``: only the lock concerned
    gets a new monitor, and no entity is re-added or written as unavailable.
    """

    def __init__(self, hass: HomeAssistant, entry: LockoutGuardConfigEntry) -> None:
        """Prepare; nothing runs until async_start."""
        self.hass = hass
        self.entry = entry
        self.options = options_from_mapping(entry.options)
        self.store = LockoutGuardStore(hass)
        self.battery_samples = BatterySampleStore(hass)
        self.monitors: dict[str, LockMonitor] = {}
        self.device_events = DeviceEventRouter(hass)
        self.drills = AlertDrills(self)
        self.home_alert = HomeAlertIssue(hass)
        self.hub_risks: tuple[Risk, ...] = ()
        # The home's entities listen here; each lock's entities to its own signal.
        self.home_signal = UpdateSignal()
        self._lock_signals: dict[str, UpdateSignal] = {}
        # The platforms add each new lock's entities through these.
        self._entity_factories: list[Callable[[LockMonitor], None]] = []
        # 'starting' counts as running for hass.is_running, but integrations are
        # still adding their entities then.
        self.startup_done = hass.state is CoreState.running
        # Which locks exist settles a moment after a change: a renamed entity's old
        # state goes only after the registry moved it. Looking a second later keeps
        # a rename from passing for a new lock.
        self._home_debouncer = Debouncer(
            hass,
            _LOGGER,
            cooldown=HOME_SETTLE_SECONDS,
            immediate=False,
            function=self.async_evaluate_home,
        )
        self._unsubs: list[CALLBACK_TYPE] = []
        self._stopped = False
        # Events reach only the monitors concerned: indexes by entity id, device
        # id and the lock's config entry, kept per monitor as its sources change.
        self._by_entity: dict[str, set[str]] = {}
        self._by_device: dict[str, set[str]] = {}
        self._by_config_entry: dict[str, set[str]] = {}
        self._by_lock: dict[str, str] = {}
        self._indexed: dict[str, tuple[frozenset[str], str | None, str | None]] = {}
        # The home sensors, kept from each lock's change instead of re-reading all.
        self._tallied: dict[str, tuple[PlanState, int]] = {}
        self._plans: Counter[PlanState] = Counter()
        self._lock_risk_count = 0
        self._at_risk: dict[str, str] = {}
        self._at_risk_changes = 0
        self._home_view: tuple[object, ...] | None = None

    async def async_start(self) -> None:
        """Load the store, start one monitor per lock, evaluate the home."""
        if not await self.store.async_load():
            # First start: the locks left unpicked in the setup flow were a choice.
            self.store.ignored_locks |= set(self.entry.data.get(CONF_IGNORED_LOCKS, []))
        lock_subentries = self._lock_subentries()
        for subentry_id in self.store.lock_ids() - set(lock_subentries):
            # Removed while the hub was not loaded.
            self._forget_lock(subentry_id)
        self._delete_orphaned_issues(set(lock_subentries))
        await self.battery_samples.async_load(set(lock_subentries))
        for subentry in lock_subentries.values():
            # Checked in a flow while the hub was not running: it counts too.
            self._confirm_key_check(
                subentry.subentry_id, self._take_key_check(subentry)
            )
            self._create_monitor(subentry)
        for monitor in self.monitors.values():
            monitor.async_start()
        self.drills.async_start()
        self._home_debouncer.async_schedule_call()

        self._unsubs.append(
            self.hass.bus.async_listen(
                er.EVENT_ENTITY_REGISTRY_UPDATED,
                self._async_registry_updated,
                event_filter=self._registry_event_matters,
            )
        )
        self._unsubs.append(
            async_dispatcher_connect(
                self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, self._async_config_entry_changed
            )
        )
        self._unsubs.append(
            async_track_state_added_domain(
                self.hass, Platform.LOCK, self._async_lock_state_came_or_went
            )
        )
        self._unsubs.append(
            async_track_state_removed_domain(
                self.hass, Platform.LOCK, self._async_lock_state_came_or_went
            )
        )
        self._follow_notify_targets()
        if not self.startup_done:
            self._unsubs.append(async_at_started(self.hass, self._async_started))

    def _follow_notify_targets(self) -> None:
        """Notify entities and services come and go: the targets may be gone."""
        for track in (async_track_state_added_domain, async_track_state_removed_domain):
            self._unsubs.append(
                track(self.hass, Platform.NOTIFY, self._async_notify_target_changed)
            )
        for event_type in (EVENT_SERVICE_REGISTERED, EVENT_SERVICE_REMOVED):
            self._unsubs.append(
                self.hass.bus.async_listen(
                    event_type,
                    self._async_notify_target_changed,
                    event_filter=_is_notify_service,
                )
            )

    @callback
    def _async_notify_target_changed(self, _event: Event[Any]) -> None:
        if notify_targets(self.entry.options):
            self._home_debouncer.async_schedule_call()

    @callback
    def async_stop(self) -> None:
        """Stop every monitor and listener; a second call does nothing."""
        if self._stopped:
            return
        self._stopped = True
        self._home_debouncer.async_cancel()
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self.drills.async_stop()
        for monitor in self.monitors.values():
            monitor.async_stop()
        self.device_events.async_stop()

    # ---- entities -------------------------------------------------------------

    @callback
    def async_add_entity_factory(self, factory: Callable[[LockMonitor], None]) -> None:
        """A platform adds a lock's entities with ``factory``, now and for new locks."""
        self._entity_factories.append(factory)
        for monitor in self.monitors.values():
            factory(monitor)

    def lock_signal(self, subentry_id: str) -> UpdateSignal:
        """The signal a lock's entities listen to (it outlives the lock's monitors)."""
        return self._lock_signals.setdefault(subentry_id, UpdateSignal())

    def monitor_of_lock(self, entity_id: str) -> LockMonitor | None:
        """The monitor watching this lock entity, if any."""
        subentry_id = self._by_lock.get(entity_id)
        return self.monitors.get(subentry_id) if subentry_id is not None else None

    # ---- changes of the entry, applied in place --------------------------------

    @callback
    def async_apply_entry_changes(self) -> None:
        """Bring the monitors in line with the entry's options and subentries."""
        options = options_from_mapping(self.entry.options)
        options_changed = options != self.options
        self.options = options
        wanted = self._lock_subentries()
        for subentry_id in set(self.monitors) - set(wanted):
            self._remove_lock(subentry_id)
        for subentry_id, subentry in wanted.items():
            checked = self._take_key_check(subentry)
            monitor = self.monitors.get(subentry_id)
            if monitor is None:
                self._confirm_key_check(subentry_id, checked)
                self._add_lock(subentry)
            elif _watches_other_entities(monitor, subentry):
                # A different lock starts with a fresh record: the check is its.
                self._replace_monitor(monitor, subentry)
                if self._confirm_key_check(subentry_id, checked):
                    self.monitors[subentry_id].async_evaluate()
            elif (
                subentry.data != monitor.subentry_data
                or subentry.title != monitor.title
            ):
                self._confirm_key_check(subentry_id, checked)
                monitor.async_set_facts(subentry)
        if options_changed:
            for monitor in self.monitors.values():
                monitor.async_options_changed()
        self._home_debouncer.async_schedule_call()

    def _take_key_check(self, subentry: ConfigSubentry) -> date | None:
        """The day a key was checked in the lock flow, taken out of the subentry.

        The flow cannot know the id of the subentry it creates, so it leaves the day
        in the subentry; the hub makes it the record's key_verified (a confirmation
        belongs in the store) and removes it from the subentry a moment later (the
        entry is being applied right now).
        """
        if CONF_KEY_CHECKED not in subentry.data:
            return None
        data = dict(subentry.data)
        day = iso_date(data.pop(CONF_KEY_CHECKED))
        entry = self.entry

        @callback
        def forget_from_subentry() -> None:
            if (current := entry.subentries.get(subentry.subentry_id)) is not None:
                self.hass.config_entries.async_update_subentry(
                    entry, current, data=data
                )

        self.hass.loop.call_soon(forget_from_subentry)
        return day

    def _confirm_key_check(self, subentry_id: str, day: date | None) -> bool:
        """Record a key check; True if it is newer than the one on record."""
        record = self.store.lock(subentry_id)
        if day is None or (
            record.key_verified is not None and day <= record.key_verified
        ):
            return False
        record.key_verified = day
        self.store.async_schedule_save()
        return True

    def _lock_subentries(self) -> dict[str, ConfigSubentry]:
        return {
            subentry_id: subentry
            for subentry_id, subentry in self.entry.subentries.items()
            if subentry.subentry_type == SUBENTRY_TYPE_LOCK
            and _has_valid_lock(subentry.data)
        }

    def _create_monitor(
        self, subentry: ConfigSubentry, *, renamed: bool = False
    ) -> LockMonitor:
        monitor = LockMonitor(
            self, subentry, self.lock_signal(subentry.subentry_id), renamed=renamed
        )
        self.monitors[subentry.subentry_id] = monitor
        self._by_lock[monitor.entity_id] = subentry.subentry_id
        return monitor

    def _add_lock(self, subentry: ConfigSubentry) -> None:
        """A lock was added: watch it and add its entities."""
        monitor = self._create_monitor(subentry)
        self.store.ignored_locks.discard(monitor.entity_id)
        monitor.async_start()
        for factory in self._entity_factories:
            factory(monitor)

    def _replace_monitor(self, old: LockMonitor, subentry: ConfigSubentry) -> None:
        """The lock entity or its battery entity changed: a new monitor, same entities.

        A rename (the same registry entry under a new id) and a new battery entity
        keep the lock's history; a different lock starts fresh, and the old one's
        open risks are cleared with events.
        """
        subentry_id = subentry.subentry_id
        new_entity_id: str = subentry.data[CONF_LOCK_ENTITY_ID]
        same_lock = new_entity_id == old.entity_id or (
            old.registry_id is not None
            and (entry := er.async_get(self.hass).async_get(new_entity_id)) is not None
            and entry.id == old.registry_id
        )
        self._retire(old)
        if not same_lock:
            self._forget_lock(subentry_id, name=old.name, ignore_lock=False)
        monitor = self._create_monitor(
            subentry, renamed=same_lock and new_entity_id != old.entity_id
        )
        self.store.ignored_locks.discard(monitor.entity_id)
        monitor.async_start()
        if monitor.device_id != old.device_id:
            async_move_lock_entities(self.hass, self.entry, monitor)

    def _remove_lock(self, subentry_id: str) -> None:
        """The owner stopped monitoring a lock: its risks clear, with events."""
        monitor = self.monitors.pop(subentry_id)
        self._retire(monitor)
        self._forget_lock(subentry_id, name=monitor.name, ignore_lock=True)
        sync_lock_issues(self.hass, subentry_id, monitor.entity_id, monitor.name, ())
        self._lock_signals.pop(subentry_id, None)
        self.async_publish_home()

    def _retire(self, monitor: LockMonitor) -> None:
        """Stop a monitor and take it out of the indexes and the home's tallies."""
        subentry_id = monitor.subentry_id
        monitor.async_stop()
        self._untally(subentry_id)
        self._unindex(subentry_id)
        if self._by_lock.get(monitor.entity_id) == subentry_id:
            del self._by_lock[monitor.entity_id]

    def _forget_lock(
        self, subentry_id: str, *, name: str | None = None, ignore_lock: bool = True
    ) -> None:
        """Drop a lock's record, samples and drill; its open risks clear, with events.

        ``ignore_lock``: a lock the owner stopped monitoring is not "new" from now
        on; one replaced by another lock in its entry is left to be found again.
        """
        record = self.store.lock(subentry_id)
        if (entity_id := record.entity_id) is not None:
            if ignore_lock:
                self.store.ignored_locks.add(entity_id)
            if record.open_risks:
                fire_risk_transitions(
                    self.hass,
                    entity_id,
                    name or lock_name(self.hass, entity_id),
                    record.open_risks,
                    (),
                )
        self.drills.async_forget(subentry_id)
        self.store.forget_lock(subentry_id)
        self.battery_samples.forget(subentry_id)
        self.store.async_schedule_save()

    # ---- indexes: which monitor an event concerns ------------------------------

    @callback
    def async_sources_changed(self, monitor: LockMonitor) -> None:
        """A monitor found other entities or another device: index it again."""
        subentry_id = monitor.subentry_id
        key = (
            frozenset(monitor.watched_entity_ids | monitor.code_counter.trigger_ids),
            monitor.device_id,
            monitor.lock_config_entry_id,
        )
        if self._indexed.get(subentry_id) == key:
            return
        self._unindex(subentry_id)
        self._indexed[subentry_id] = key
        entity_ids, device_id, config_entry_id = key
        for entity_id in entity_ids:
            self._by_entity.setdefault(entity_id, set()).add(subentry_id)
        if device_id is not None:
            self._by_device.setdefault(device_id, set()).add(subentry_id)
        if config_entry_id is not None:
            self._by_config_entry.setdefault(config_entry_id, set()).add(subentry_id)

    def _unindex(self, subentry_id: str) -> None:
        if (key := self._indexed.pop(subentry_id, None)) is None:
            return
        entity_ids, device_id, config_entry_id = key
        for entity_id in entity_ids:
            _discard(self._by_entity, entity_id, subentry_id)
        if device_id is not None:
            _discard(self._by_device, device_id, subentry_id)
        if config_entry_id is not None:
            _discard(self._by_config_entry, config_entry_id, subentry_id)

    def _monitors_concerned(self, entity_id: str) -> list[LockMonitor]:
        """Monitors that watch the entity or whose lock shares its device."""
        subentry_ids = set(self._by_entity.get(entity_id, ()))
        if self._by_device:
            entry = er.async_get(self.hass).async_get(entity_id)
            if entry is not None and entry.device_id is not None:
                subentry_ids |= self._by_device.get(entry.device_id, set())
        return [
            self.monitors[subentry_id]
            for subentry_id in subentry_ids
            if subentry_id in self.monitors
        ]

    @callback
    def _registry_event_matters(self, data: er.EventEntityRegistryUpdatedData) -> bool:
        """Locks, code managers' slots and entities of monitored locks' devices."""
        entity_id = data["entity_id"]
        if entity_id.startswith(f"{Platform.LOCK}.") or entity_id in self._by_entity:
            return True
        if data["action"] == "remove":
            return False
        if (
            data["action"] == "update"
            and "old_entity_id" in data
            and data["old_entity_id"] in self._by_entity
        ):
            return True
        entry = er.async_get(self.hass).async_get(entity_id)
        if entry is None or entry.platform == DOMAIN:
            # Our own entities join the locks' devices: nothing to watch there.
            return False
        return entry.platform in SLOT_PLATFORMS or (
            entry.device_id is not None and entry.device_id in self._by_device
        )

    @callback
    def _async_registry_updated(
        self, event: Event[er.EventEntityRegistryUpdatedData]
    ) -> None:
        data = event.data
        entity_id = data["entity_id"]
        concerned: dict[str, LockMonitor] = {}
        if data["action"] == "update" and "old_entity_id" in data:
            old_entity_id = data["old_entity_id"]
            if old_entity_id in self.store.ignored_locks:
                self.store.ignored_locks.discard(old_entity_id)
                self.store.ignored_locks.add(entity_id)
                self.store.async_schedule_save()
            for monitor in self._monitors_concerned(old_entity_id):
                if old_entity_id in (monitor.entity_id, monitor.battery_override):
                    self._follow_rename(monitor, old_entity_id, entity_id)
                    return
                # A renamed battery entity is no longer under its watched id.
                concerned[monitor.subentry_id] = monitor
        for monitor in self._monitors_concerned(entity_id):
            concerned[monitor.subentry_id] = monitor
        for monitor in concerned.values():
            monitor.async_refresh_sources()
            if entity_id in monitor.code_counter.trigger_ids:
                # One of its code manager's slots went or changed.
                monitor.code_counter.async_slot_entity_changed()
        if data["action"] != "remove" and (
            (entry := er.async_get(self.hass).async_get(entity_id)) is not None
            and entry.platform in SLOT_PLATFORMS
        ):
            # A code manager's slot: which lock it serves is the manager's own
            # business, so every counter looks whether its best source changed.
            for monitor in self.monitors.values():
                monitor.code_counter.async_slot_entity_changed()
        if entity_id.startswith(f"{Platform.LOCK}."):
            self._home_debouncer.async_schedule_call()

    @callback
    def _async_config_entry_changed(
        self, _change: ConfigEntryChange, entry: ConfigEntry
    ) -> None:
        """A lock's own integration or a code manager loaded, unloaded or failed."""
        if entry.domain in SLOT_PLATFORMS:
            subentry_ids: set[str] = set(self.monitors)
        else:
            subentry_ids = self._by_config_entry.get(entry.entry_id, set())
        for subentry_id in list(subentry_ids):
            if (monitor := self.monitors.get(subentry_id)) is not None:
                monitor.code_counter.async_integration_changed(entry)

    def _follow_rename(
        self, monitor: LockMonitor, old_entity_id: str, new_entity_id: str
    ) -> None:
        """The lock or its battery override was renamed: store the new id.

        The subentry's change comes back through async_apply_entry_changes, which
        gives the lock a new monitor with the same record and entities.
        """
        if old_entity_id == monitor.entity_id:
            changes = {CONF_LOCK_ENTITY_ID: new_entity_id}
            unique_id: str | UndefinedType = new_entity_id
        else:
            changes = {CONF_BATTERY_ENTITY_ID: new_entity_id}
            unique_id = UNDEFINED
        try:
            monitor.async_update_facts(changes, unique_id=unique_id)
        except AbortFlow:
            _LOGGER.warning(
                "%s was renamed to %s, which another lock entry already uses",
                old_entity_id,
                new_entity_id,
            )

    # ---- the home ------------------------------------------------------------------

    @callback
    def _async_lock_state_came_or_went(
        self, _event: Event[EventStateChangedData]
    ) -> None:
        # A lock entity without registry entry (YAML) shows up and goes only as a state.
        self._home_debouncer.async_schedule_call()

    async def _async_started(self, _hass: HomeAssistant) -> None:
        # Entities still missing now really are missing.
        self.startup_done = True
        for monitor in self.monitors.values():
            monitor.async_evaluate()
        self._home_debouncer.async_schedule_call()

    def _delete_orphaned_issues(self, subentry_ids: set[str]) -> None:
        """Delete issues of locks that are no longer monitored."""
        registry = ir.async_get(self.hass)
        for domain, issue_id in list(registry.issues):
            if domain != DOMAIN or issue_id in _HOME_ISSUE_IDS:
                continue
            # ``<risk>_<subentry id>``; subentry ids (ULIDs) have no underscore.
            if issue_id.rpartition("_")[2] not in subentry_ids:
                ir.async_delete_issue(self.hass, DOMAIN, issue_id)

    @callback
    def async_lock_evaluated(self, monitor: LockMonitor) -> None:
        """A lock's plan changed: the home's tallies take the difference.

        The hub's own risks depend on the locks' facts and on which locks exist,
        not on readings, so they are not evaluated again here.
        """
        subentry_id = monitor.subentry_id
        self._untally_counts(subentry_id)
        assessment = monitor.assessment
        if assessment is not None:
            tally = (assessment.plan, len(assessment.risks))
            self._tallied[subentry_id] = tally
            self._plans[tally[0]] += 1
            self._lock_risk_count += tally[1]
        self._set_at_risk(
            subentry_id,
            monitor.entity_id if assessment is not None and assessment.risks else None,
        )
        self.async_publish_home()

    def _untally(self, subentry_id: str) -> None:
        """Take a lock out of the home's tallies (it stops or gets a new monitor)."""
        self._untally_counts(subentry_id)
        self._set_at_risk(subentry_id, None)
        self.async_alert_untested(subentry_id, None)

    @callback
    def async_alert_untested(self, subentry_id: str, drill: str | None) -> None:
        """A lock's drill state, for the home's one alert_never_tested repair."""
        self.home_alert.async_set(subentry_id, drill, str(self.options.reverify_days))

    def _untally_counts(self, subentry_id: str) -> None:
        if (tally := self._tallied.pop(subentry_id, None)) is not None:
            self._plans[tally[0]] -= 1
            self._lock_risk_count -= tally[1]

    def _set_at_risk(self, subentry_id: str, entity_id: str | None) -> None:
        """Note a lock's place in locks_at_risk; count changes instead of comparing."""
        if self._at_risk.get(subentry_id) == entity_id:
            return
        if entity_id is None:
            self._at_risk.pop(subentry_id)
        else:
            self._at_risk[subentry_id] = entity_id
        self._at_risk_changes += 1

    @callback
    def async_evaluate_home(self) -> None:
        """Evaluate the hub-level risks and publish them."""
        self.hub_risks = evaluate_home(
            [monitor.facts for monitor in self.monitors.values()],
            present_lock_entity_ids(self.hass),
            self._monitored_entity_ids(),
            self.store.ignored_locks,
            # While Home Assistant starts, the companion apps may not have
            # registered their notify services yet.
            missing_notify_targets(self.hass, self.entry.options)
            if self.startup_done
            else (),
        )
        sync_hub_issues(self.hass, self.hub_risks)
        open_risks = fire_risk_transitions(
            self.hass, None, HUB_TITLE, self.store.open_hub_risks, self.hub_risks
        )
        if open_risks != self.store.open_hub_risks:
            self.store.open_hub_risks = open_risks
            self.store.async_schedule_save()
        self.async_publish_home()

    @callback
    def async_publish_home(self) -> None:
        """Write the home's entities, only when what they show changed."""
        view = (
            self.plan,
            self.open_risk_count,
            self.hub_risks,
            len(self.monitors),
            self._at_risk_changes,
        )
        if view == self._home_view:
            return
        self._home_view = view
        self.home_signal.async_notify()

    def unmonitored_locks(self) -> list[str]:
        """Locks that are neither monitored nor ignored (new_lock_found)."""
        return unmonitored_locks(
            present_lock_entity_ids(self.hass),
            self._monitored_entity_ids(),
            self.store.ignored_locks,
        )

    def _monitored_entity_ids(self) -> set[str]:
        return set(self._by_lock)

    @property
    def plan(self) -> PlanState:
        """The home's plan: the worst of all locks and of the hub's own risks."""
        return home_plan(
            (plan for plan, count in self._plans.items() if count > 0),
            self.hub_risks,
        )

    @property
    def open_risk_count(self) -> int:
        """Open risks of all locks plus the hub's."""
        return len(self.hub_risks) + self._lock_risk_count

    @property
    def locks_at_risk(self) -> list[str]:
        """The lock entities with an open risk, sorted."""
        return sorted(self._at_risk.values())

    @staticmethod
    async def async_remove_everything(hass: HomeAssistant) -> None:
        """Forget stored data and delete every issue of the integration."""
        await LockoutGuardStore(hass).async_remove()
        await BatterySampleStore(hass).async_remove()
        registry = ir.async_get(hass)
        for domain, issue_id in list(registry.issues):
            if domain == DOMAIN:
                ir.async_delete_issue(hass, DOMAIN, issue_id)


# Issues of the home, not of one lock: they have no subentry id to outlive.
_HOME_ISSUE_IDS = frozenset({*HUB_RISKS, *STORAGE_ISSUE_IDS, HOME_ALERT_ISSUE_ID})


def _watches_other_entities(monitor: LockMonitor, subentry: ConfigSubentry) -> bool:
    """Whether the subentry names another lock or battery entity than the monitor's."""
    data = subentry.data
    return data.get(CONF_LOCK_ENTITY_ID) != monitor.entity_id or any(
        data.get(key) != monitor.subentry_data.get(key)
        for key in (CONF_BATTERY_ENTITY_ID, CONF_KEYPAD_BATTERY_ENTITY_ID)
    )


def _discard(index: dict[str, set[str]], key: str, subentry_id: str) -> None:
    if (members := index.get(key)) is not None:
        members.discard(subentry_id)
        if not members:
            del index[key]


@callback
def _is_notify_service(data: Mapping[str, Any]) -> bool:
    return data.get("domain") == Platform.NOTIFY
