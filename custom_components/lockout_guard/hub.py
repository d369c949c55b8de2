"""The hub's runtime: stored confirmations, the lock monitors and the home's risks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
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
from homeassistant.helpers.event import (
    async_track_state_added_domain,
    async_track_state_removed_domain,
)
from homeassistant.helpers.start import async_at_started
from homeassistant.helpers.typing import UNDEFINED, UndefinedType

from .battery_history import BatterySampleStore
from .const import (
    CONF_BATTERY_ENTITY_ID,
    CONF_IGNORED_LOCKS,
    CONF_LOCK_ENTITY_ID,
    DOMAIN,
    HUB_TITLE,
    SUBENTRY_TYPE_LOCK,
)
from .drill import AlertDrills
from .events import fire_risk_transitions
from .facts import options_from_mapping
from .issues import HUB_RISKS, sync_hub_issues
from .lock_lookup import present_lock_entity_ids
from .models import PlanState, Risk
from .monitor import LockMonitor
from .risks import evaluate_home, home_plan, unmonitored_locks
from .store import LockoutGuardStore

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
    """Everything the hub entry runs, kept in ``entry.runtime_data``."""

    def __init__(self, hass: HomeAssistant, entry: LockoutGuardConfigEntry) -> None:
        """Prepare; nothing runs until async_start."""
        self.hass = hass
        self.entry = entry
        self.options = options_from_mapping(entry.options)
        self.store = LockoutGuardStore(hass)
        self.battery_samples = BatterySampleStore(hass)
        self.monitors: dict[str, LockMonitor] = {}
        self.drills = AlertDrills(self)
        self.hub_risks: tuple[Risk, ...] = ()
        # 'starting' counts as running for hass.is_running, but integrations are
        # still adding their entities then.
        self.startup_done = hass.state is CoreState.running
        self._renamed_locks: set[str] = set()
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
        self._listeners: list[Callable[[], None]] = []
        self._home_view: tuple[object, ...] | None = None

    async def async_start(self) -> None:
        """Load the store, start one monitor per lock, evaluate the home."""
        if not await self.store.async_load():
            # First start: the locks left unpicked in the setup flow were a choice.
            self.store.ignored_locks |= set(self.entry.data.get(CONF_IGNORED_LOCKS, []))
        lock_subentries = {
            subentry_id: subentry
            for subentry_id, subentry in self.entry.subentries.items()
            if subentry.subentry_type == SUBENTRY_TYPE_LOCK
            and _has_valid_lock(subentry.data)
        }
        for subentry_id in self.store.lock_ids() - set(lock_subentries):
            # A lock the owner stopped monitoring is not "new" from now on.
            if (entity_id := self.store.lock(subentry_id).entity_id) is not None:
                self.store.ignored_locks.add(entity_id)
            self.store.forget_lock(subentry_id)
        self._delete_orphaned_issues(set(lock_subentries))
        await self.battery_samples.async_load(set(lock_subentries))
        for subentry_id, subentry in lock_subentries.items():
            self.monitors[subentry_id] = LockMonitor(self, subentry)
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
            async_track_state_added_domain(
                self.hass, Platform.LOCK, self._async_lock_state_came_or_went
            )
        )
        self._unsubs.append(
            async_track_state_removed_domain(
                self.hass, Platform.LOCK, self._async_lock_state_came_or_went
            )
        )
        if not self.startup_done:
            self._unsubs.append(async_at_started(self.hass, self._async_started))

    @callback
    def async_stop(self) -> None:
        """Stop every monitor and listener."""
        self._home_debouncer.async_cancel()
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self.drills.async_stop()
        for monitor in self.monitors.values():
            monitor.async_stop()

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` whenever the home's view may have changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

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

    def _delete_orphaned_issues(self, subentry_ids: set[str]) -> None:
        """Delete issues of locks that are no longer monitored."""
        registry = ir.async_get(self.hass)
        for domain, issue_id in list(registry.issues):
            if domain != DOMAIN or issue_id in HUB_RISKS:
                continue
            if not any(issue_id.endswith(f"_{sid}") for sid in subentry_ids):
                ir.async_delete_issue(self.hass, DOMAIN, issue_id)

    @callback
    def _registry_event_matters(self, data: er.EventEntityRegistryUpdatedData) -> bool:
        """Only locks and the entities of monitored locks' devices matter."""
        entity_id = data["entity_id"]
        return entity_id.startswith(f"{Platform.LOCK}.") or bool(
            self._monitors_concerned(entity_id)
        )

    def _monitors_concerned(self, entity_id: str) -> list[LockMonitor]:
        """Monitors that watch the entity or whose lock shares its device."""
        entry = er.async_get(self.hass).async_get(entity_id)
        device_id = entry.device_id if entry is not None else None
        return [
            monitor
            for monitor in self.monitors.values()
            if entity_id in monitor.watched_entity_ids
            or (device_id is not None and monitor.device_id == device_id)
        ]

    @callback
    def _async_registry_updated(
        self, event: Event[er.EventEntityRegistryUpdatedData]
    ) -> None:
        data = event.data
        if data["action"] == "update" and "old_entity_id" in data:
            old_entity_id = data["old_entity_id"]
            new_entity_id = data["entity_id"]
            if old_entity_id in self.store.ignored_locks:
                self.store.ignored_locks.discard(old_entity_id)
                self.store.ignored_locks.add(new_entity_id)
                self.store.async_schedule_save()
            for monitor in self.monitors.values():
                if old_entity_id in (monitor.entity_id, monitor.battery_override):
                    self._follow_rename(monitor, old_entity_id, new_entity_id)
                    return
            # A renamed battery entity is no longer under its watched id.
            for monitor in self._monitors_concerned(old_entity_id):
                monitor.async_refresh_sources()
        for monitor in self._monitors_concerned(data["entity_id"]):
            monitor.async_refresh_sources()
        self._home_debouncer.async_schedule_call()

    def _follow_rename(
        self, monitor: LockMonitor, old_entity_id: str, new_entity_id: str
    ) -> None:
        """The lock or its battery override was renamed: store the new id.

        Updating the subentry reloads the hub; until then the new id counts as
        monitored, so the renamed lock is not reported as a new one meanwhile.
        """
        if old_entity_id == monitor.entity_id:
            self._renamed_locks.add(new_entity_id)
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

    @callback
    def async_lock_evaluated(self) -> None:
        """A lock's plan changed: the home plan and risk count follow.

        The hub's own risks depend on the locks' facts and on which locks exist,
        not on readings, so they are not evaluated again here.
        """
        for listener in list(self._listeners):
            listener()

    @callback
    def async_evaluate_home(self) -> None:
        """Evaluate the hub-level risks and publish them."""
        self.hub_risks = evaluate_home(
            [monitor.facts for monitor in self.monitors.values()],
            present_lock_entity_ids(self.hass),
            self._monitored_entity_ids(),
            self.store.ignored_locks,
        )
        sync_hub_issues(self.hass, self.hub_risks)
        open_risks = fire_risk_transitions(
            self.hass, None, HUB_TITLE, self.store.open_hub_risks, self.hub_risks
        )
        if open_risks != self.store.open_hub_risks:
            self.store.open_hub_risks = open_risks
            self.store.async_schedule_save()
        # Registry events and rechecks come often; the hub's entities are written
        # only when what they show changed (a lock's own change comes through
        # async_lock_evaluated).
        view = (self.plan, self.open_risk_count, self.hub_risks)
        if view == self._home_view:
            return
        self._home_view = view
        for listener in list(self._listeners):
            listener()

    def unmonitored_locks(self) -> list[str]:
        """Locks that are neither monitored nor ignored (new_lock_found)."""
        return unmonitored_locks(
            present_lock_entity_ids(self.hass),
            self._monitored_entity_ids(),
            self.store.ignored_locks,
        )

    def _monitored_entity_ids(self) -> set[str]:
        """Monitored locks, including the new ids of locks renamed before a reload."""
        return {
            monitor.entity_id for monitor in self.monitors.values()
        } | self._renamed_locks

    @property
    def plan(self) -> PlanState:
        """The home's plan: the worst of all locks and of the hub's own risks."""
        return home_plan(
            (
                monitor.assessment.plan
                for monitor in self.monitors.values()
                if monitor.assessment is not None
            ),
            self.hub_risks,
        )

    @property
    def open_risk_count(self) -> int:
        """Open risks of all locks plus the hub's."""
        return len(self.hub_risks) + sum(
            len(monitor.assessment.risks)
            for monitor in self.monitors.values()
            if monitor.assessment is not None
        )

    @staticmethod
    async def async_remove_everything(hass: HomeAssistant) -> None:
        """Forget stored data and delete every issue of the integration."""
        await LockoutGuardStore(hass).async_remove()
        await BatterySampleStore(hass).async_remove()
        registry = ir.async_get(hass)
        for domain, issue_id in list(registry.issues):
            if domain == DOMAIN:
                ir.async_delete_issue(hass, DOMAIN, issue_id)
