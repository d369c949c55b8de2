"""A Home Assistant Store whose damaged file costs what is damaged, not the hub.

Home Assistant's ``Store`` raises on a file that is valid JSON of the wrong shape
(``null``, a list, a text version) and on an unknown version, which would leave the
hub without any monitoring. Here, a file that cannot be read as what this version
writes (not JSON, another layout, fields of the wrong type, a newer major version)
is moved aside intact, a repair issue says what happened and where the copy is, and
loading goes on with every field that can still be read. Each dropped field is
logged once: the next save writes the readable rest, so it is not logged again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
import inspect
import json
import logging
from pathlib import Path
import sys
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from custom_components.lockout_guard.const import DOMAIN

_LOGGER = logging.getLogger(__name__)

_HAS_MAX_READABLE_VERSION = (
    "max_readable_version" in inspect.signature(Store.__init__).parameters
)

# Shown in the issue: enough to find the fields, short enough to read.
MAX_FIELDS_SHOWN = 5

# Called by a parser for each field it cannot read: (where, why).
type DropField = Callable[[str, str], None]


@dataclass(frozen=True, kw_only=True)
class StoredKind:
    """What one store holds, for its repair issues: their ids are translation keys."""

    unreadable_issue: str
    newer_version_issue: str

    @property
    def issue_ids(self) -> frozenset[str]:
        """Every issue this store can raise."""
        return frozenset({self.unreadable_issue, self.newer_version_issue})


# The integration's two stores.
CONFIRMATIONS = StoredKind(
    unreadable_issue="confirmations_unreadable",
    newer_version_issue="confirmations_from_newer_version",
)
BATTERY_SAMPLES = StoredKind(
    unreadable_issue="battery_samples_unreadable",
    newer_version_issue="battery_samples_from_newer_version",
)
STORAGE_ISSUE_IDS = CONFIRMATIONS.issue_ids | BATTERY_SAMPLES.issue_ids


# No data was handed over (``None`` is data: a file that holds ``null``).
_NOTHING: Final = object()


@dataclass
class _Damage:
    """What was wrong with the file, collected while it is read."""

    reasons: list[str] = field(default_factory=list)
    newer_version: str | None = None
    # What Home Assistant handed over when there was no file to move aside.
    in_memory: Any = _NOTHING
    # Read from an older layout: written in the current one once loading is done.
    migrated: bool = False

    def __bool__(self) -> bool:
        return bool(self.reasons) or self.newer_version is not None


def _read_file(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return None


def _move_aside(path: str, stamp: str) -> tuple[str | None, OSError | None]:
    """Rename the file next to itself: the copy's path (None: no file), or why not."""
    aside = f"{path}.damaged-{stamp}"
    try:
        Path(path).replace(aside)
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return None, err
    return aside, None


class _VersionError(Exception):
    """Home Assistant handed over data of a version this one cannot migrate."""

    def __init__(self, major: Any, minor: Any, data: Any) -> None:
        super().__init__(f"version {major}.{minor}")
        self.major = major
        self.minor = minor
        self.data = data


def _version(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return None


class GuardedStore(Store[dict[str, Any]]):
    """A store of one JSON object whose damage is reported instead of raised.

    ``migrate`` brings the data part of an older version to this one; it is
    called for every version below the current one, as Home Assistant's own
    migration would be.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        key: str,
        *,
        version: int,
        minor_version: int,
        kind: StoredKind,
        data: Callable[[], dict[str, Any]],
        migrate: Callable[[int, int, dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Prepare the store; ``async_load_parsed`` reads it.

        ``data`` returns what the owner stores now: every save writes it.
        """
        # Home Assistant 2026.x refuses a newer major version before migrating,
        # without handing over the data: let the data reach _async_migrate_func,
        # which keeps it aside instead.
        newer_readable: dict[str, Any] = (
            {"max_readable_version": sys.maxsize} if _HAS_MAX_READABLE_VERSION else {}
        )
        super().__init__(
            hass,
            version,
            key,
            minor_version=minor_version,
            private=True,
            **newer_readable,
        )
        self._kind = kind
        self._data_to_save = data
        self._migrate = migrate

    @callback
    def async_schedule_save(self, delay: float) -> None:
        """Write the owner's data after ``delay`` seconds (changes in between too)."""
        self.async_delay_save(self._data_to_save, delay)

    async def async_save_now(self) -> None:
        """Write the owner's data now."""
        await self.async_save(self._data_to_save())

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],
    ) -> dict[str, Any]:
        # Only for data Home Assistant read (no file of ours): a newer or unknown
        # version must neither stop the hub nor be relabelled and written over.
        major, minor = _version(old_major_version), _version(old_minor_version)
        if (
            major is None
            or minor is None
            or major > self.version
            or self._migrate is None
        ):
            raise _VersionError(old_major_version, old_minor_version, old_data)
        return self._migrate(major, minor, old_data)

    async def async_load_parsed[T](
        self, parse: Callable[[Mapping[str, Any], DropField], T]
    ) -> T | None:
        """What ``parse`` made of the stored data; None when nothing could be read.

        ``parse`` reads the data part field by field and reports each field it
        drops; any drop or damage moves the file aside and raises the issue.
        """
        damage = _Damage()
        data = await self._async_load_data_part(damage)

        def drop(where: str, why: str) -> None:
            _LOGGER.warning(
                "Stored %s: dropped %s (%s); the rest is kept", self.key, where, why
            )
            damage.reasons.append(where)

        parsed = None if data is None else parse(data, drop)
        if damage:
            # Before anything is written: the copy must be the file as it was.
            await self._async_keep_damaged_copy(damage)
        elif damage.migrated:
            # Written in the current layout once read, like Home Assistant does.
            self.async_schedule_save(0)
        return parsed

    async def _async_load_data_part(self, damage: _Damage) -> dict[str, Any] | None:
        """The (migrated) data part, None when there is none that can be read."""
        try:
            raw = await self.hass.async_add_executor_job(_read_file, self.path)
        except OSError as err:
            damage.reasons.append(f"unreadable ({err.strerror or err})")
            return None
        if raw is None:
            # No file: Home Assistant may still hold data for the key (a write it
            # has not done yet). Whatever goes wrong reading it is damage too.
            return await self._async_load_through_home_assistant(damage)
        return self._data_part_of(raw, damage)

    def _data_part_of(self, raw: bytes, damage: _Damage) -> dict[str, Any] | None:
        """The data part of the file's bytes, migrated to the current version."""
        try:
            envelope = json.loads(raw)
        except ValueError as err:
            damage.reasons.append(f"not JSON ({err})")
            return None
        data = envelope.get("data") if isinstance(envelope, dict) else None
        if not isinstance(data, dict):
            damage.reasons.append("not the layout Lockout Guard writes")
            return None
        major = _version(envelope.get("version"))
        minor = _version(envelope.get("minor_version", 1))
        if major is None or minor is None:
            damage.reasons.append("no valid version")
            # Read as the current version: the fields are checked one by one.
        elif major > self.version:
            damage.newer_version = f"{major}.{minor}"
        elif self._migrate is not None and (major, minor) < (
            self.version,
            self.minor_version,
        ):
            _LOGGER.info(
                "Migrating stored %s from version %s.%s", self.key, major, minor
            )
            damage.migrated = True
            return self._migrate(major, minor, data)
        return data

    async def _async_load_through_home_assistant(
        self, damage: _Damage
    ) -> dict[str, Any] | None:
        try:
            data: Any = await self.async_load()
        except _VersionError as err:
            damage.in_memory = err.data
            major = _version(err.major)
            if major is not None and major > self.version:
                damage.newer_version = f"{err.major}.{err.minor}"
            else:
                damage.reasons.append(f"version {err.major}.{err.minor} unknown")
            return err.data if isinstance(err.data, dict) else None
        except Exception as err:  # noqa: BLE001 - any failure is damage, not a crash
            damage.reasons.append(f"unreadable ({type(err).__name__}: {err})")
            return None
        damage.in_memory = data
        if data is None or isinstance(data, dict):
            return data
        damage.reasons.append(f"a JSON {type(data).__name__}, not an object")
        return None

    async def _async_keep_damaged_copy(self, damage: _Damage) -> None:
        # Letters and digits only: a file name with colons cannot be copied to a
        # Windows share, where many keep their Home Assistant backups.
        stamp = dt_util.utcnow().strftime("%Y%m%dT%H%M%SZ")
        copy, failure = await self.hass.async_add_executor_job(
            _move_aside, self.path, stamp
        )
        if copy is None and failure is None and damage.in_memory is not _NOTHING:
            copy = await self._async_save_copy(damage.in_memory, stamp)
        if failure is not None:
            # It stays where it is, and is not written over: what changes from now
            # on is kept in memory only, which the issue says.
            _LOGGER.error(
                "Could not move %s aside (%s); it is left as it is and not written",
                self.path,
                failure,
            )
            self.make_read_only()
            self._async_raise_issue(damage, self.path)
            return
        _LOGGER.error(
            "Stored %s could not be read as written (%s); %s; Lockout Guard goes on "
            "with what it could read",
            self.key,
            f"version {damage.newer_version}"
            if damage.newer_version
            else ", ".join(damage.reasons),
            f"the file was moved to {copy}" if copy else "there was no file to keep",
        )
        self._async_raise_issue(damage, copy)
        # The readable rest replaces the damaged file; what was dropped is
        # reported once, here, and not at every start.
        self.async_schedule_save(0)

    async def _async_save_copy(self, data: Any, stamp: str) -> str:
        """Keep what Home Assistant held in memory under a name of its own."""
        copy: Store[Any] = Store(
            self.hass, self.version, f"{self.key}.damaged-{stamp}", private=True
        )
        await copy.async_save(data)
        return str(copy.path)

    @callback
    def _async_raise_issue(self, damage: _Damage, copy: str | None) -> None:
        placeholders = {
            "file": self.path,
            # Not on disk (held in memory by Home Assistant): nothing to move.
            "copy": copy or self.path,
        }
        if damage.newer_version is not None:
            issue_id = self._kind.newer_version_issue
            placeholders["version"] = damage.newer_version
        else:
            issue_id = self._kind.unreadable_issue
            placeholders["detail"] = _describe(damage.reasons)
        for other in self._kind.issue_ids - {issue_id}:
            ir.async_delete_issue(self.hass, DOMAIN, other)
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=True,
            # Until the owner has read it: the loss happened once, at this start.
            is_persistent=True,
            severity=ir.IssueSeverity.ERROR,
            translation_key=issue_id,
            translation_placeholders=placeholders,
        )


def _describe(reasons: Sequence[str]) -> str:
    shown = ", ".join(reasons[:MAX_FIELDS_SHOWN])
    hidden = len(reasons) - MAX_FIELDS_SHOWN
    return f"{shown} (+{hidden})" if hidden > 0 else shown
