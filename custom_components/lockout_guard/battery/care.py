"""Battery care of one lock: replacements and the forecast of its battery.

The monitor hands over every fresh battery report. A clear jump upwards records a
replacement (as the owner would with ``mark_battery_replaced``); the reports since
the last replacement feed the forecast of the ``battery_forecast`` sensor.

History comes from the recorder when it records the battery (read once when the
source is set, then extended by the reports the monitor sees: no polling), else
from Lockout Guard's own downsampled samples.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
import logging
import math
from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant, State, callback
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.core.forecast import (
    REPLACEMENT_LOOKBACK,
    WINDOW,
    BatterySample,
    DrainFit,
    fit_drain,
    is_replacement,
)
from custom_components.lockout_guard.core.models import BatteryReading

from .history import BatterySampleStore, add_sample
from .readings import (
    ATTR_BATTERY_LEVEL,
    BatteryEntities,
    parse_level,
)

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

    from custom_components.lockout_guard.storage.store import LockRecord

_LOGGER = logging.getLogger(__name__)

ATTR_DRAIN_PER_DAY = "drain_per_day"
ATTR_BATTERY_REPLACED = "battery_replaced"


@dataclass(frozen=True)
class LevelSource:
    """Where a lock's battery level is read: an entity's state or one attribute."""

    entity_id: str
    attribute: str | None = None

    @property
    def key(self) -> str:
        """Names the source in the stored samples (another source starts afresh)."""
        if self.attribute is None:
            return self.entity_id
        return f"{self.entity_id}[{self.attribute}]"

    def level(self, state: State) -> float | None:
        """The level a recorded state reports, if any."""
        if self.attribute is None:
            return parse_level(state.state)
        return parse_level(state.attributes.get(self.attribute))


def level_source(battery: BatteryEntities, lock_entity_id: str) -> LevelSource | None:
    """The source of the level, as readings.read_battery picks it; None for flags."""
    if battery.level_entity_id is not None:
        return LevelSource(battery.level_entity_id)
    if battery.low_flag_entity_id is not None:
        # A low/not-low flag has no level to extrapolate.
        return None
    return LevelSource(lock_entity_id, ATTR_BATTERY_LEVEL)


def _recorder_records(hass: HomeAssistant, entity_id: str) -> bool:
    if "recorder" not in hass.config.components:
        return False
    # Imported only when the recorder runs: its database libraries are its own.
    from homeassistant.components.recorder import is_entity_recorded  # noqa: PLC0415

    return is_entity_recorded(hass, entity_id)


def _history(
    hass: HomeAssistant, source: LevelSource, start: datetime
) -> list[BatterySample]:
    """Read the recorded levels (runs in the recorder's executor)."""
    from homeassistant.components.recorder import history  # noqa: PLC0415

    states: dict[str, list[State | dict[str, Any]]] = history.get_significant_states(
        hass,
        start,
        entity_ids=[source.entity_id],
        # An attribute changes without the state changing: every row then.
        significant_changes_only=source.attribute is None,
        no_attributes=source.attribute is None,
    )
    return [
        BatterySample(state.last_updated, level)
        for state in states.get(source.entity_id, [])
        if isinstance(state, State) and (level := source.level(state)) is not None
    ]


class BatteryCare:
    """Replacements and forecast of one lock's battery."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        subentry_id: str,
        record: LockRecord,
        sample_store: BatterySampleStore,
        on_record_changed: Callable[[], None],
        *,
        on_forecast_changed: Callable[[], None],
    ) -> None:
        """Nothing is read until a source is set."""
        self.hass = hass
        self._entry = entry
        self._subentry_id = subentry_id
        self._record = record
        self._sample_store = sample_store
        self._on_record_changed = on_record_changed
        self._on_forecast_changed = on_forecast_changed
        self._source: LevelSource | None = None
        self._use_recorder = False
        self._samples: list[BatterySample] = []
        # The last few fresh reports since the source was set.
        self._recent: deque[BatterySample] = deque(maxlen=REPLACEMENT_LOOKBACK)
        self._fit: DrainFit | None = None
        self._critical = 0
        self._view: tuple[int | None, dict[str, Any]] = (None, {})
        self._history_task: asyncio.Task[None] | None = None

    @property
    def days_left(self) -> int | None:
        """Whole days until the critical threshold; None until the drain is clear."""
        return self._view[0]

    @property
    def attributes(self) -> dict[str, Any]:
        """The drain rate and the recorded replacement date."""
        return dict(self._view[1])

    @property
    def diagnostics(self) -> dict[str, Any]:
        """Where the forecast comes from and how much it has to go on."""
        return {
            "source": self._source.key if self._source else None,
            "from_recorder": self._use_recorder,
            "samples": len(self._samples),
            "days_left": self.days_left,
            **self.attributes,
        }

    @callback
    def async_set_source(self, source: LevelSource | None, critical: int) -> None:
        """Read the history of a (new) level source; the same source keeps its own."""
        self._critical = critical
        if source == self._source:
            return
        self._cancel_history()
        self._source = source
        self._recent.clear()
        self._samples = []
        self._use_recorder = source is not None and _recorder_records(
            self.hass, source.entity_id
        )
        if source is not None and self._use_recorder:
            self._history_task = self._entry.async_create_task(
                self.hass,
                self._async_load_history(source),
                f"lockout_guard battery history {source.entity_id}",
            )
        elif source is not None:
            self._samples = self._sample_store.samples(self._subentry_id, source.key)
        self._refit()

    @callback
    def async_stop(self) -> None:
        """Stop reading history."""
        self._cancel_history()

    def _cancel_history(self) -> None:
        if self._history_task is not None:
            self._history_task.cancel()
            self._history_task = None

    async def _async_load_history(self, source: LevelSource) -> None:
        # Imported here: they exist only where the recorder is installed.
        from homeassistant.helpers.recorder import get_instance  # noqa: PLC0415

        start = dt_util.utcnow() - WINDOW
        try:
            recorded = await get_instance(self.hass).async_add_executor_job(
                partial(_history, self.hass, source, start)
            )
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001
            # A busy, migrating or damaged database (SQLAlchemyError), a recorder
            # shutting down, or rows it cannot decode: keep samples of our own
            # instead, so the forecast still comes, later than from history.
            _LOGGER.warning(
                "Cannot read the battery history of %s from the recorder (%s: %s); "
                "collecting samples instead",
                source.entity_id,
                type(err).__name__,
                err,
            )
            self._history_task = None
            self._use_recorder = False
            stored = self._sample_store.samples(self._subentry_id, source.key)
            # Reports since setup were left to the recorder: keep them now.
            for sample in self._samples:
                if sample not in stored:
                    self._sample_store.add(self._subentry_id, source.key, sample)
            self._samples = sorted({*stored, *self._samples})
            self._refit()
            return
        self._history_task = None
        # Reports that arrived meanwhile may not be in the database yet.
        self._samples = sorted({*recorded, *self._samples})
        self._refit()

    @callback
    def async_reading(self, battery: BatteryReading) -> None:
        """Take a battery report from the monitor (before it evaluates the risks).

        The same report comes again with every evaluation: only a new one counts.
        Silence in between (unavailable, nonsense) is not a level: a report after it
        is compared with the last real one, which is how a battery swap usually
        looks (the lock goes quiet while the cells are out).
        """
        level, at = battery.level, battery.last_reported
        if (
            self._source is None
            or battery.silent_since is not None
            or level is None
            or at is None
            or (self._recent and at <= self._recent[-1].at)
        ):
            self._publish()
            return
        sample = BatterySample(at, level)
        if is_replacement([report.level for report in self._recent], level):
            self._record_detected_replacement(self._recent[-1], sample)
        self._recent.append(sample)
        if add_sample(self._samples, sample):
            self._samples = [s for s in self._samples if s.at >= at - WINDOW]
            if not self._use_recorder:
                self._sample_store.add(self._subentry_id, self._source.key, sample)
        self._refit()

    def _record_detected_replacement(
        self, previous: BatterySample, sample: BatterySample
    ) -> None:
        replaced_at = self._record.battery_replaced_at
        if replaced_at is not None and replaced_at >= previous.at:
            # The owner already recorded this replacement.
            return
        self._record.battery_replaced = dt_util.as_local(sample.at).date()
        # The last moment the old cells were known to be in: the jump itself is
        # the first report of the new ones, so nothing waits for another report.
        self._record.battery_replaced_at = previous.at
        self._on_record_changed()

    @callback
    def async_mark_replaced(self, day: date) -> None:
        """Record a replacement on ``day`` (today or earlier) and start afresh.

        Today: every report so far came from the old cells, so the lock's next
        report decides (as the repair flow does). An earlier day: the exact moment
        is unknown; the start of that day is the last one certainly before it, so
        older reports are the old cells and later ones may already be the new.
        """
        self._record.battery_replaced = day
        self._record.battery_replaced_at = (
            dt_util.utcnow()
            if day >= dt_util.now().date()
            else dt_util.as_utc(dt_util.start_of_local_day(day))
        )
        self._on_record_changed()
        self._refit()

    def _refit(self) -> None:
        self._fit = fit_drain(
            self._samples,
            now=dt_util.utcnow(),
            since=self._record.battery_replaced_at,
        )
        self._publish()

    def _publish(self) -> None:
        """Work out the view at this moment; tell the listeners when it changed."""
        fit = self._fit
        replaced = self._record.battery_replaced
        view = (
            math.floor(fit.days_until(self._critical, dt_util.utcnow()))
            if fit is not None
            else None,
            {
                ATTR_DRAIN_PER_DAY: round(fit.drain_per_day, 2)
                if fit is not None
                else None,
                ATTR_BATTERY_REPLACED: replaced.isoformat() if replaced else None,
            },
        )
        if view == self._view:
            return
        self._view = view
        self._on_forecast_changed()
