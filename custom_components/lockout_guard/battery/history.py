"""Battery samples kept by Lockout Guard itself, for homes without the recorder.

A separate store from the confirmations: samples are many, cheap to lose and
written often, confirmations are few and precious. Downsampled and capped so the
file stays small; whatever on disk does not parse is dropped sample by sample.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
import math
from typing import Any

from homeassistant.core import HomeAssistant

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.core.forecast import WINDOW, BatterySample
from custom_components.lockout_guard.storage.guarded_store import (
    BATTERY_SAMPLES,
    DropField,
    GuardedStore,
)

STORAGE_KEY = f"{DOMAIN}.battery_samples"
STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 1
# Samples are worth little one by one: a crash loses at most a few minutes of them.
SAVE_DELAY_SECONDS = 300

# A battery drains over months: one sample an hour is plenty, and 500 of them cover
# the forecast window of a sensor whose level changes at most every few hours.
MIN_SPACING = timedelta(hours=1)
MAX_SAMPLES = 500


def _sample(value: Any) -> BatterySample | None:
    """A stored [timestamp, level] pair, or None when it is not one."""
    if not isinstance(value, list) or len(value) != 2:
        return None
    stamp, level = value
    if not all(
        isinstance(number, int | float) and not isinstance(number, bool)
        for number in (stamp, level)
    ):
        return None
    if not math.isfinite(stamp) or not math.isfinite(level) or not 0 <= level <= 100:
        return None
    try:
        at = datetime.fromtimestamp(stamp, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return BatterySample(at, float(level))


def _samples(value: list[Any], where: str, drop: DropField) -> list[BatterySample]:
    samples = [sample for item in value if (sample := _sample(item)) is not None]
    if (unreadable := len(value) - len(samples)) > 0:
        # One line per lock, not per sample: a damaged list has hundreds.
        drop(where, f"{unreadable} of {len(value)} are not [time, level] pairs")
    return sorted(samples)


def add_sample(samples: list[BatterySample], sample: BatterySample) -> bool:
    """Append a newer sample unless the last one is under an hour old; True if added."""
    if samples and sample.at - samples[-1].at < MIN_SPACING:
        return False
    samples.append(sample)
    return True


class BatterySampleStore:
    """Per lock, the samples of the one source its battery level comes from."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Prepare the store; call async_load before use."""
        self._store = GuardedStore(
            hass,
            STORAGE_KEY,
            version=STORAGE_VERSION,
            minor_version=STORAGE_MINOR_VERSION,
            kind=BATTERY_SAMPLES,
            data=self._as_dict,
        )
        self._locks: dict[str, tuple[str, list[BatterySample]]] = {}

    async def async_load(self, subentry_ids: set[str]) -> None:
        """Load the samples of the monitored locks; unreadable ones are dropped."""

        def read(data: Mapping[str, Any], drop: DropField) -> None:
            for subentry_id, record in data.items():
                if subentry_id not in subentry_ids:
                    continue  # a lock removed meanwhile: nothing to keep
                source = record.get("source") if isinstance(record, dict) else None
                samples = record.get("samples") if isinstance(record, dict) else None
                if not isinstance(source, str) or not isinstance(samples, list):
                    drop(subentry_id, "not a source with a list of samples")
                    continue
                self._locks[subentry_id] = (
                    source,
                    _samples(samples, f"{subentry_id}.samples", drop),
                )

        await self._store.async_load_parsed(read)

    def samples(self, subentry_id: str, source: str) -> list[BatterySample]:
        """The stored samples of the lock, if they came from ``source``."""
        stored_source, samples = self._locks.get(subentry_id, ("", []))
        return list(samples) if stored_source == source else []

    def add(self, subentry_id: str, source: str, sample: BatterySample) -> None:
        """Keep a sample the caller let through add_sample; another source starts afresh."""
        stored_source, samples = self._locks.get(subentry_id, (source, []))
        if stored_source != source:
            samples = []
        oldest = sample.at - WINDOW
        kept = [item for item in samples if item.at >= oldest][1 - MAX_SAMPLES :]
        kept.append(sample)
        self._locks[subentry_id] = (source, kept)
        self._store.async_schedule_save(SAVE_DELAY_SECONDS)

    def forget(self, subentry_id: str) -> None:
        """Drop the samples of a lock no longer monitored (or now another lock)."""
        if self._locks.pop(subentry_id, None) is not None:
            self._store.async_schedule_save(SAVE_DELAY_SECONDS)

    async def async_flush(self) -> None:
        """Write now (on unload)."""
        await self._store.async_save_now()

    async def async_remove(self) -> None:
        """Delete the stored samples (the hub entry was removed)."""
        await self._store.async_remove()

    def _as_dict(self) -> dict[str, Any]:
        return {
            subentry_id: {
                "source": source,
                "samples": [
                    [round(sample.at.timestamp()), sample.level] for sample in samples
                ],
            }
            for subentry_id, (source, samples) in self._locks.items()
        }
