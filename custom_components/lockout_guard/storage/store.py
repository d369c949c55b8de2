"""Durable confirmations and bookkeeping, in a versioned Home Assistant Store.

The owner's facts live in the config subentries; what happens over time lives here:
dates of key verification, drills and battery replacement, a pending post-reset
checklist, the last code count, the locks the owner chose not to monitor, and which
risks were open (so a restart or reload does not fire the same event twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from custom_components.lockout_guard.const import DOMAIN

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY = DOMAIN
STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 1
SAVE_DELAY_SECONDS = 1


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _severities(value: Any) -> dict[str, str]:
    # Open risks map to the severity they were raised with.
    if not isinstance(value, dict):
        return {}
    return {
        key: severity
        for key, severity in value.items()
        if isinstance(key, str) and severity in ("warning", "error", "critical")
    }


def _strings(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {item for item in value if isinstance(item, str)}


@dataclass
class LockRecord:
    """What happened over time to one monitored lock."""

    key_verified: date | None = None
    key_tested: bool = False
    drill_confirmed: date | None = None
    drill_started: datetime | None = None
    drill_failed: bool = False
    battery_replaced: date | None = None
    battery_replaced_at: datetime | None = None
    reset_pending: bool = False
    codes_seen: int | None = None
    # Which source counted codes_seen: another source's count is no baseline.
    codes_source: str | None = None
    open_risks: dict[str, str] = field(default_factory=dict)
    battery_alert_level: str | None = None
    entity_id: str | None = None
    # When a jam signal reported the jam that no lock or unlock has cleared since.
    jam_reported_at: datetime | None = None

    @classmethod
    def from_dict(cls, data: Any) -> LockRecord:
        """Read a stored record; a field that makes no sense is dropped alone."""
        if not isinstance(data, dict):
            return cls()
        codes = data.get("codes_seen")
        alert_level = data.get("battery_alert_level")
        return cls(
            key_verified=_date(data.get("key_verified")),
            key_tested=data.get("key_tested") is True,
            drill_confirmed=_date(data.get("drill_confirmed")),
            drill_started=_datetime(data.get("drill_started")),
            drill_failed=data.get("drill_failed") is True,
            battery_replaced=_date(data.get("battery_replaced")),
            battery_replaced_at=_datetime(data.get("battery_replaced_at")),
            reset_pending=data.get("reset_pending") is True,
            codes_seen=codes
            if isinstance(codes, int) and not isinstance(codes, bool) and codes >= 0
            else None,
            codes_source=source
            if isinstance(source := data.get("codes_source"), str)
            else None,
            open_risks=_severities(data.get("open_risks")),
            battery_alert_level=alert_level
            if alert_level in ("low", "critical")
            else None,
            entity_id=entity_id
            if isinstance(entity_id := data.get("entity_id"), str)
            else None,
            jam_reported_at=_datetime(data.get("jam_reported_at")),
        )

    def as_dict(self) -> dict[str, Any]:
        """Serialise for the store."""
        return {
            "key_verified": self.key_verified.isoformat()
            if self.key_verified
            else None,
            "key_tested": self.key_tested,
            "drill_confirmed": self.drill_confirmed.isoformat()
            if self.drill_confirmed
            else None,
            "drill_started": self.drill_started.isoformat()
            if self.drill_started
            else None,
            "drill_failed": self.drill_failed,
            "battery_replaced": self.battery_replaced.isoformat()
            if self.battery_replaced
            else None,
            "battery_replaced_at": self.battery_replaced_at.isoformat()
            if self.battery_replaced_at
            else None,
            "reset_pending": self.reset_pending,
            "codes_seen": self.codes_seen,
            "codes_source": self.codes_source,
            "open_risks": dict(sorted(self.open_risks.items())),
            "battery_alert_level": self.battery_alert_level,
            "entity_id": self.entity_id,
            "jam_reported_at": self.jam_reported_at.isoformat()
            if self.jam_reported_at
            else None,
        }


class _MigratingStore(Store[dict[str, Any]]):
    """Store that upgrades older layouts instead of refusing them."""

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],
    ) -> dict[str, Any]:
        # Version 1.1 is the first layout. Later minor versions add fields with
        # defaults, which LockRecord.from_dict fills in; a major change gets its
        # conversion here, keyed on the old version. Data from a newer major
        # version (a downgrade) is refused rather than relabelled and damaged.
        if old_major_version > STORAGE_VERSION:
            raise NotImplementedError(
                f"Stored confirmations are from a newer version ({old_major_version})"
            )
        _LOGGER.debug(
            "Migrating stored confirmations from %s.%s",
            old_major_version,
            old_minor_version,
        )
        return old_data


class LockoutGuardStore:
    """Typed access to the stored confirmations."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Prepare the store; call async_load before use."""
        self._store = _MigratingStore(
            hass,
            STORAGE_VERSION,
            STORAGE_KEY,
            minor_version=STORAGE_MINOR_VERSION,
            private=True,
        )
        self._locks: dict[str, LockRecord] = {}
        self.ignored_locks: set[str] = set()
        self.open_hub_risks: dict[str, str] = {}

    async def async_load(self) -> bool:
        """Load what was stored; False when nothing was stored yet.

        Unreadable parts are logged and start empty.
        """
        # Typed loosely on purpose: what is on disk may not be what we wrote.
        data: Any = await self._store.async_load()
        if data is None:
            return False
        if not isinstance(data, dict):
            _LOGGER.warning("Stored confirmations are unreadable; starting empty")
            return True
        locks = data.get("locks")
        if isinstance(locks, dict):
            self._locks = {
                str(subentry_id): LockRecord.from_dict(record)
                for subentry_id, record in locks.items()
            }
        self.ignored_locks = _strings(data.get("ignored_locks"))
        self.open_hub_risks = _severities(data.get("open_hub_risks"))
        return True

    def lock(self, subentry_id: str) -> LockRecord:
        """Return the record of a lock, creating an empty one."""
        return self._locks.setdefault(subentry_id, LockRecord())

    def lock_ids(self) -> set[str]:
        """The subentry ids that have a record."""
        return set(self._locks)

    def forget_lock(self, subentry_id: str) -> None:
        """Drop the record of a lock that is no longer monitored."""
        if self._locks.pop(subentry_id, None) is not None:
            self.async_schedule_save()

    def async_schedule_save(self) -> None:
        """Write soon; several changes in a row are written once."""
        self._store.async_delay_save(self._as_dict, SAVE_DELAY_SECONDS)

    async def async_flush(self) -> None:
        """Write now (on unload): a pending delayed save must not wait for shutdown."""
        await self._store.async_save(self._as_dict())

    async def async_remove(self) -> None:
        """Delete the stored data (the hub entry was removed)."""
        await self._store.async_remove()

    def _as_dict(self) -> dict[str, Any]:
        return {
            "locks": {
                subentry_id: record.as_dict()
                for subentry_id, record in self._locks.items()
            },
            "ignored_locks": sorted(self.ignored_locks),
            "open_hub_risks": dict(sorted(self.open_hub_risks.items())),
        }
