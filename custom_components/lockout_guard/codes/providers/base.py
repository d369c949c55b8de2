"""The provider seam: one source of user and code counts for one lock.

A source answers "how many users and how many active codes does this lock have".
It only ever returns counts: PIN codes it has to read pass through a local
variable and are dropped before ``async_count`` returns. Nothing here logs or
keeps what a lock reported.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

# Decides from an event's data whether it is about this lock.
type EventMatcher = Callable[[Mapping[str, Any]], bool]


class CodeSourceError(Exception):
    """The source could not be read, or answered something that is not a count.

    The message is a fixed text: never the source's answer, which may hold PINs.
    """


class CodeSourceUnsupportedError(CodeSourceError):
    """The source works but cannot count this lock, and asking again will not help.

    E.g. a Matter lock without user management. The lock is counted from the
    next source instead, down to the owner's declaration.
    """


class CodeSourceNotReadyError(CodeSourceError):
    """The source has nothing to count yet, and that is normal, not a failure.

    E.g. a Z-Wave lock whose user codes were never read: Z-Wave JS reads them only
    when told to. It stays the lock's source (its change notifications still
    count), is asked again hourly, and nothing is logged as a warning.
    """


@dataclass(frozen=True, kw_only=True)
class CodeCount:
    """Users and active codes of one lock as one source counted them."""

    source: str
    users: int | None
    codes: int | None
    counted_at: datetime


@dataclass(frozen=True, kw_only=True)
class CodeTriggers:
    """What tells a source's counts may have changed.

    ``entity_ids``: entities whose state changes mean codes changed;
    ``events``: event types, each with a matcher that keeps this lock's events;
    ``device_id``: when set, the events carry it and only that device's matter
    (they are routed by device instead of filtered by every lock).
    """

    entity_ids: frozenset[str] = frozenset()
    events: Mapping[str, EventMatcher] = field(default_factory=dict)
    device_id: str | None = None


class CodeSource(ABC):
    """One place that knows a lock's users and codes."""

    # The public name (the plan's ``users_source``).
    source: str
    # Whether the counts live on a device and should be re-read now and then.
    reads_device: bool = True

    def __init__(self, hass: HomeAssistant, lock_entity_id: str) -> None:
        """Remember the lock this source counts for."""
        self.hass = hass
        self.lock_entity_id = lock_entity_id

    @abstractmethod
    async def async_count(self) -> CodeCount:
        """Count users and codes; raise CodeSourceError on failure or garbage."""

    def triggers(self) -> CodeTriggers:
        """What to watch; by default nothing but the hourly recount."""
        return CodeTriggers()


def lock_of_loaded(
    hass: HomeAssistant, lock_entity_id: str, platform: str
) -> er.RegistryEntry | None:
    """The lock's registry entry if ``platform`` provides it and is running.

    A source is only offered while its integration is loaded: before that (while
    Home Assistant starts, or with the integration disabled) it cannot answer.
    """
    entry = er.async_get(hass).async_get(lock_entity_id)
    if entry is None or entry.platform != platform or entry.config_entry_id is None:
        return None
    config_entry = hass.config_entries.async_get_entry(entry.config_entry_id)
    if config_entry is None or config_entry.state is not ConfigEntryState.LOADED:
        return None
    return entry


async def async_call_response(
    hass: HomeAssistant, domain: str, service: str, entity_id: str
) -> object:
    """Call a response-only entity service for one lock; its answer for that lock.

    Entity services answer ``{entity_id: response}``. Any failure, including a
    service that went away or no longer answers, is a CodeSourceError.
    """
    try:
        response = await hass.services.async_call(
            domain,
            service,
            {"entity_id": entity_id},
            blocking=True,
            return_response=True,
        )
    except Exception as err:  # noqa: BLE001 - any failure of another integration
        # Only the kind of failure: its message could quote the answer.
        raise CodeSourceError(
            f"{domain}.{service} failed ({type(err).__name__})"
        ) from None
    if not isinstance(response, Mapping) or entity_id not in response:
        raise CodeSourceError("no answer for the lock")
    return response[entity_id]
