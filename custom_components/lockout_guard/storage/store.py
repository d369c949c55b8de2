"""Durable confirmations and bookkeeping, in a versioned Home Assistant Store.

The owner's facts live in the config subentries; what happens over time lives here:
dates of key verification, drills and battery replacement, a pending post-reset
checklist, the last code count, the locks the owner chose not to monitor, and which
risks were open (so a restart or reload does not fire the same event twice).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from homeassistant.core import HomeAssistant

from custom_components.lockout_guard.const import DOMAIN

from .guarded_store import CONFIRMATIONS, DropField, GuardedStore

STORAGE_KEY = DOMAIN
STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 2
SAVE_DELAY_SECONDS = 1


# A reader turns a stored value into its type, or None when it is not one.
type _Reader[T] = Callable[[Any], T | None]


def iso_date(value: Any) -> date | None:
    """A stored ISO date, or None for anything that is not one."""
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


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _alert_level(value: Any) -> str | None:
    return value if value in ("low", "critical") else None


_SEVERITIES = ("warning", "error", "critical")


def _severities(value: Any, where: str, drop: DropField) -> dict[str, str]:
    """Open risks and the severity each was raised with; a bad entry goes alone."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        drop(where, "not risk severities")
        return {}
    kept: dict[str, str] = {}
    for key, severity in value.items():
        if severity in _SEVERITIES:
            kept[key] = severity
        else:
            drop(f"{where}.{key}", "not a severity")
    return kept


def _entity_ids(value: Any, where: str, drop: DropField) -> set[str]:
    if value is None:
        return set()
    if not isinstance(value, list):
        drop(where, "not a list of entity ids")
        return set()
    kept = {item for item in value if isinstance(item, str)}
    if len(kept) < len(value):
        drop(where, f"{len(value) - len(kept)} items are not entity ids")
    return kept


class _Fields:
    """Reads the fields of one stored object; a field that makes no sense is dropped.

    A missing field or ``null`` is simply unset (older layouts lack newer fields);
    a value of the wrong kind is reported through ``drop`` and left unset.
    """

    def __init__(self, data: Mapping[str, Any], where: str, drop: DropField) -> None:
        self._data = data
        self._where = where
        self._drop = drop

    def get[T](self, name: str, reader: _Reader[T], why: str) -> T | None:
        value = self._data.get(name)
        if value is None:
            return None
        read = reader(value)
        if read is None:
            self._drop(f"{self._where}{name}", why)
        return read


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
    # The same for a separate keypad's battery (it steps down on its own).
    keypad_battery_alert_level: str | None = None
    entity_id: str | None = None
    # When a jam signal reported the jam that no lock or unlock has cleared since.
    jam_reported_at: datetime | None = None
    # The key's life: the last reported lost key, tenant change and rekey. New in
    # 0.4.0; older versions ignore them, so no new layout is needed.
    key_lost: date | None = None
    tenant_changed: date | None = None
    rekeyed: date | None = None

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], where: str = "", drop: DropField | None = None
    ) -> LockRecord:
        """Read a stored record; a field that makes no sense is dropped alone."""
        drop = drop or _ignore
        fields = _Fields(data, where, drop)
        return cls(
            key_verified=fields.get("key_verified", iso_date, "not a date"),
            key_tested=fields.get("key_tested", _bool, "not true or false") is True,
            drill_confirmed=fields.get("drill_confirmed", iso_date, "not a date"),
            drill_started=fields.get("drill_started", _datetime, "not a time"),
            drill_failed=fields.get("drill_failed", _bool, "not true or false") is True,
            battery_replaced=fields.get("battery_replaced", iso_date, "not a date"),
            battery_replaced_at=fields.get(
                "battery_replaced_at", _datetime, "not a time"
            ),
            reset_pending=fields.get("reset_pending", _bool, "not true or false")
            is True,
            codes_seen=fields.get("codes_seen", _count, "not a count"),
            codes_source=fields.get("codes_source", _text, "not a text"),
            open_risks=_severities(data.get("open_risks"), f"{where}open_risks", drop),
            battery_alert_level=fields.get(
                "battery_alert_level", _alert_level, "not low or critical"
            ),
            keypad_battery_alert_level=fields.get(
                "keypad_battery_alert_level", _alert_level, "not low or critical"
            ),
            entity_id=fields.get("entity_id", _text, "not a text"),
            jam_reported_at=fields.get("jam_reported_at", _datetime, "not a time"),
            key_lost=fields.get("key_lost", iso_date, "not a date"),
            tenant_changed=fields.get("tenant_changed", iso_date, "not a date"),
            rekeyed=fields.get("rekeyed", iso_date, "not a date"),
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
            "keypad_battery_alert_level": self.keypad_battery_alert_level,
            "entity_id": self.entity_id,
            "jam_reported_at": self.jam_reported_at.isoformat()
            if self.jam_reported_at
            else None,
            **{
                name: day.isoformat() if day else None
                for name, day in (
                    ("key_lost", self.key_lost),
                    ("tenant_changed", self.tenant_changed),
                    ("rekeyed", self.rekeyed),
                )
            },
        }


def _migrate(
    old_major_version: int, old_minor_version: int, old_data: dict[str, Any]
) -> dict[str, Any]:
    """Bring the data of an older layout to this one.

    1.1 (0.1.0 to 0.3.0) gained fields over time without a new version; 1.2 is the
    same layout with all of them. The reader fills in what an older record lacks,
    so no conversion is needed yet: a major change gets its conversion here,
    keyed on the old version.
    """
    return old_data


def _ignore(where: str, why: str) -> None:
    """A record read outside the store (tests, diagnostics) reports nothing."""


class LockoutGuardStore:
    """Typed access to the stored confirmations."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Prepare the store; call async_load before use."""
        self._store = GuardedStore(
            hass,
            STORAGE_KEY,
            version=STORAGE_VERSION,
            minor_version=STORAGE_MINOR_VERSION,
            kind=CONFIRMATIONS,
            data=self._as_dict,
            migrate=_migrate,
        )
        self._locks: dict[str, LockRecord] = {}
        self.ignored_locks: set[str] = set()
        self.open_hub_risks: dict[str, str] = {}

    async def async_load(self) -> bool:
        """Load what was stored; False when nothing was stored, or nothing readable.

        A damaged file is moved aside with a repair issue; what can be read of it
        is kept, field by field.
        """
        return await self._store.async_load_parsed(self._read) is not None

    def _read(self, data: Mapping[str, Any], drop: DropField) -> bool:
        locks = data.get("locks")
        if locks is not None and not isinstance(locks, dict):
            drop("locks", "not an object")
        elif locks is not None:
            for subentry_id, record in locks.items():
                if isinstance(record, dict):
                    self._locks[subentry_id] = LockRecord.from_dict(
                        record, f"locks.{subentry_id}.", drop
                    )
                else:
                    drop(f"locks.{subentry_id}", "not an object")
        self.ignored_locks = _entity_ids(
            data.get("ignored_locks"), "ignored_locks", drop
        )
        self.open_hub_risks = _severities(
            data.get("open_hub_risks"), "open_hub_risks", drop
        )
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
        self._store.async_schedule_save(SAVE_DELAY_SECONDS)

    async def async_flush(self) -> None:
        """Write now (on unload): a pending delayed save must not wait for shutdown."""
        await self._store.async_save_now()

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
