"""Keep one lock's user and code counts current, from the best source there is.

Counts are taken at setup (once Home Assistant has started, so the sources'
integrations are there), on ``recheck``, when the source says codes changed
(its entities or events, bursts debounced), when the best source for the lock
changes (a code manager's slots appear or go, an integration loads or unloads),
and hourly otherwise. One timer at a time: the hourly recount, or the retry after
a failure with a growing backoff. A failing source is logged once per failing
streak; its counts are unknown meanwhile. A source that cannot count this lock at
all is passed over until the owner asks again or its integration reloads. Only
counts are kept: never a code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import Any, Protocol

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.event import async_call_later, async_track_state_change_event
from homeassistant.helpers.start import async_at_started

from custom_components.lockout_guard.core.models import LockFacts
from custom_components.lockout_guard.storage.store import LockRecord

from .providers import (
    CodeCount,
    CodeSource,
    CodeSourceError,
    CodeSourceNotReadyError,
    CodeSourceUnsupportedError,
    find_code_source,
    keymaster,
    lock_code_manager,
)
from .providers.base import EventMatcher

_LOGGER = logging.getLogger(__name__)

RECOUNT_INTERVAL = timedelta(hours=1)
FIRST_RETRY = timedelta(minutes=1)
# Several slot entities or notifications in a row are counted once.
SETTLE_SECONDS = 2.0


class DeviceEventListen(Protocol):
    """Listen to one device's events of a type (routed, not filtered per lock)."""

    def __call__(
        self,
        event_type: str,
        device_id: str,
        handler: Callable[[Event[Mapping[str, Any]]], None],
    ) -> CALLBACK_TYPE:
        """Start listening; returns the function that stops it."""


# A lock that does not answer (asleep, out of range, a hung integration) must not
# hang ``recheck`` or the reset checklist: past this it counts as a failure and
# the usual backoff retries it.
COUNT_TIMEOUT_SECONDS = 30.0
# Code managers whose slot entities may appear after the lock's monitor started.
SLOT_PLATFORMS = frozenset({keymaster.DOMAIN, lock_code_manager.DOMAIN})


def _source_key(source: CodeSource | None) -> tuple[object, ...] | None:
    if source is None:
        return None
    triggers = source.triggers()
    return (source.source, triggers.entity_ids, tuple(sorted(triggers.events)))


class CodeCounter:
    """Counts users and codes of one lock for its monitor."""

    def __init__(
        self,
        hass: HomeAssistant,
        lock_entity_id: str,
        facts: LockFacts,
        record: LockRecord,
        *,
        on_counted: Callable[[], None],
        on_source_changed: Callable[[], None],
        save: Callable[[], None],
        listen_device_event: DeviceEventListen,
    ) -> None:
        """Prepare; nothing is counted until async_start."""
        self.hass = hass
        self.lock_entity_id = lock_entity_id
        self._facts = facts
        self._record = record
        self._on_counted = on_counted
        self._on_source_changed = on_source_changed
        self._listen_device_event = listen_device_event
        self._save = save
        self.source: CodeSource | None = None
        self.count: CodeCount | None = None
        self._published: tuple[object, ...] = (None, None, None)
        self._failures = 0
        self._started = False
        self._stopped = False
        # Sources that said they cannot count this lock (by public name).
        self._unsupported: set[str] = set()
        self._unsub_triggers: list[CALLBACK_TYPE] = []
        self._unsubs: list[CALLBACK_TYPE] = []
        self._unsub_timer: CALLBACK_TYPE | None = None
        # One count at a time per lock: a recheck during an hourly count waits for
        # it and then counts again, instead of racing it to publish.
        self._counting = asyncio.Lock()
        self._debouncer = Debouncer(
            hass,
            _LOGGER,
            cooldown=SETTLE_SECONDS,
            immediate=False,
            function=self._async_count,
        )

    @property
    def source_name(self) -> str | None:
        """Which source the counts come from (the plan's ``users_source``)."""
        return self.source.source if self.source is not None else None

    @property
    def users(self) -> int | None:
        """Users as last counted; None when unknown or failing."""
        return self.count.users if self.count is not None else None

    @property
    def codes(self) -> int | None:
        """Active codes as last counted; None when unknown or failing."""
        return self.count.codes if self.count is not None else None

    @callback
    def async_start(self) -> None:
        """Count once Home Assistant has started.

        Sources come and go with registry entries and config entries: the hub
        routes those events here (async_slot_entity_changed,
        async_integration_changed) only for the locks they concern. A periodic
        lookup would find a source up to an hour late and run for locks that
        have none.
        """
        self._unsubs.append(async_at_started(self.hass, self._async_started))

    async def _async_started(self, _hass: HomeAssistant) -> None:
        self._started = True
        await self._async_count()

    @callback
    def async_stop(self) -> None:
        """Stop listening and counting."""
        self._stopped = True
        self._debouncer.async_cancel()
        for unsub in (*self._unsubs, *self._unsub_triggers):
            unsub()
        self._unsubs.clear()
        self._unsub_triggers.clear()
        self._cancel_timer()

    @callback
    def async_set_facts(self, facts: LockFacts) -> None:
        """The owner's facts changed (declared users): the best source may differ."""
        if facts == self._facts:
            return
        self._facts = facts
        if self._started:
            self._debouncer.async_schedule_call()

    async def async_recount(self) -> None:
        """The owner asks: try every source again, even one that could not count."""
        self._unsupported.clear()
        await self._async_count()

    async def _async_count(self) -> None:
        """Find the best source again and count now, one count at a time."""
        async with self._counting:
            await self._async_count_now()

    async def _async_count_now(self) -> None:
        if self._stopped:
            return
        self._cancel_timer()
        self._refresh_source()
        source = self.source
        if source is None:
            self._publish(None)
            return
        try:
            async with asyncio.timeout(COUNT_TIMEOUT_SECONDS):
                count = await source.async_count()
        except TimeoutError:
            if not self._stopped and source is self.source:
                self._failed(
                    source,
                    CodeSourceError(f"no answer in {COUNT_TIMEOUT_SECONDS:.0f} s"),
                )
            return
        except CodeSourceError as err:
            if not self._stopped and source is self.source:
                await self._async_not_counted(source, err)
            return
        if self._stopped or source is not self.source:
            return
        if self._failures:
            _LOGGER.info(
                "Counting codes of %s from %s works again",
                self.lock_entity_id,
                source.source,
            )
        self._failures = 0
        self._note_reset(source, count)
        if source.reads_device:
            self._schedule(RECOUNT_INTERVAL)
        self._publish(count)

    async def _async_not_counted(
        self, source: CodeSource, err: CodeSourceError
    ) -> None:
        if isinstance(err, CodeSourceNotReadyError):
            # Normal, not a failure: unknown for now, asked again hourly, and the
            # source's change notifications still trigger a count.
            _LOGGER.debug(
                "%s has no codes of %s to count yet (%s)",
                source.source,
                self.lock_entity_id,
                err,
            )
            self._schedule(RECOUNT_INTERVAL)
            self._publish(None)
            return
        if not isinstance(err, CodeSourceUnsupportedError):
            self._failed(source, err)
            return
        # Not a failure: nothing to warn about or retry. The next source (at
        # last the owner's declaration) counts instead.
        _LOGGER.debug(
            "%s cannot count the codes of %s (%s); using the next source",
            source.source,
            self.lock_entity_id,
            err,
        )
        self._unsupported.add(source.source)
        await self._async_count_now()

    def _failed(self, source: CodeSource, err: CodeSourceError) -> None:
        self._failures += 1
        if self._failures == 1:
            _LOGGER.warning(
                "Cannot count the codes of %s from %s (%s); counts are unknown "
                "until it answers again",
                self.lock_entity_id,
                source.source,
                err,
            )
        self._schedule(min(FIRST_RETRY * 2 ** (self._failures - 1), RECOUNT_INTERVAL))
        self._publish(None)

    def _note_reset(self, source: CodeSource, count: CodeCount) -> None:
        """A fall to zero from above zero is a reset: the checklist is due.

        Users and codes both have to be gone: deleting the last PIN of a lock
        whose users remain is housekeeping, not a reset. Only a reading of the
        lock can tell (not the owner's declaration), and only compared with an
        earlier count of the same source: sources count different things.
        """
        known = [value for value in (count.users, count.codes) if value is not None]
        total = max(known, default=None)
        record = self._record
        if not source.reads_device or total is None:
            return
        if record.codes_source != source.source:
            # A new source: its first count is the baseline.
            record.codes_source = source.source
        elif total == record.codes_seen:
            return
        elif total == 0 and record.codes_seen:
            record.reset_pending = True
        record.codes_seen = total
        self._save()

    def _publish(self, count: CodeCount | None) -> None:
        # The source shows too: a new source that cannot count yet is news.
        self.count = count
        view = (self.users, self.codes, self.source_name)
        if view != self._published:
            self._published = view
            self._on_counted()

    def _find_source(self) -> CodeSource | None:
        return find_code_source(
            self.hass, self.lock_entity_id, self._facts, frozenset(self._unsupported)
        )

    def _source_changed(self) -> bool:
        """Whether another source (or the same with other triggers) would count now.

        Before the first count there is nothing to compare: it finds the source.
        """
        return self._started and _source_key(self._find_source()) != _source_key(
            self.source
        )

    def _refresh_source(self) -> None:
        source = self._find_source()
        if _source_key(source) == _source_key(self.source):
            return
        self.source = source
        self._failures = 0
        for unsub in self._unsub_triggers:
            unsub()
        self._unsub_triggers.clear()
        self._on_source_changed()
        if source is None:
            return
        triggers = source.triggers()
        if triggers.entity_ids:
            self._unsub_triggers.append(
                async_track_state_change_event(
                    self.hass, sorted(triggers.entity_ids), self._async_slot_changed
                )
            )
        for event_type, matcher in triggers.events.items():
            if triggers.device_id is not None:
                self._unsub_triggers.append(
                    self._listen_device_event(
                        event_type,
                        triggers.device_id,
                        partial(self._async_device_event, matcher),
                    )
                )
            else:
                self._unsub_triggers.append(
                    self.hass.bus.async_listen(
                        event_type, self._async_triggered, event_filter=matcher
                    )
                )

    @callback
    def _async_slot_changed(self, _event: Event[EventStateChangedData]) -> None:
        self._debouncer.async_schedule_call()

    @callback
    def _async_triggered(self, _event: Event[Mapping[str, Any]]) -> None:
        self._debouncer.async_schedule_call()

    @callback
    def _async_device_event(
        self, matcher: EventMatcher, event: Event[Mapping[str, Any]]
    ) -> None:
        if matcher(event.data):
            self._debouncer.async_schedule_call()

    @property
    def trigger_ids(self) -> frozenset[str]:
        """The entities whose changes mean the source's codes changed."""
        if self.source is None:
            return frozenset()
        return frozenset(self.source.triggers().entity_ids)

    @callback
    def async_slot_entity_changed(self) -> None:
        """A code manager's entity came, changed or went: recount if the source did."""
        if self._source_changed():
            self._debouncer.async_schedule_call()

    @callback
    def async_integration_changed(self, entry: ConfigEntry) -> None:
        """The lock's own integration or a code manager loaded, unloaded or failed."""
        own = entry.entry_id == self._lock_config_entry_id()
        if own and entry.state is ConfigEntryState.LOADED:
            # Reloaded (updated, re-interviewed): it may count this lock now.
            self._unsupported.clear()
        if self._source_changed():
            self._debouncer.async_schedule_call()

    def _lock_config_entry_id(self) -> str | None:
        lock = er.async_get(self.hass).async_get(self.lock_entity_id)
        return lock.config_entry_id if lock is not None else None

    def _schedule(self, delay: timedelta) -> None:
        self._cancel_timer()
        self._unsub_timer = async_call_later(self.hass, delay, self._async_timer_fired)

    async def _async_timer_fired(self, _now: datetime) -> None:
        # Not a recheck: a source passed over stays passed over (asking it every
        # hour would only fail again).
        self._unsub_timer = None
        await self._async_count()

    def _cancel_timer(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None
