"""Where a lock's users and codes come from: the best source available wins.

Priority, best first. The lock's own table comes first: after a factory reset
only the lock itself reports that its codes are gone, while a code manager keeps
showing the codes it intends to be there. Matter knows users as well as codes.
The owner's declaration is the fallback when nothing can be read.
"""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import HomeAssistant

from custom_components.lockout_guard.core.models import LockFacts

from . import keymaster, lock_code_manager, matter, schlage, zwave_js
from .base import (
    CodeCount,
    CodeSource,
    CodeSourceError,
    CodeSourceNotReadyError,
    CodeSourceUnsupportedError,
    CodeTriggers,
)
from .manual import ManualSource, declared

__all__ = [
    "PRIORITY",
    "CodeCount",
    "CodeSource",
    "CodeSourceError",
    "CodeSourceNotReadyError",
    "CodeSourceUnsupportedError",
    "CodeTriggers",
    "find_code_source",
]

type SourceFinder = Callable[[HomeAssistant, str], CodeSource | None]

PRIORITY: tuple[SourceFinder, ...] = (
    matter.find,
    zwave_js.find,
    schlage.find,
    lock_code_manager.find,
    keymaster.find,
)


def find_code_source(
    hass: HomeAssistant,
    lock_entity_id: str,
    facts: LockFacts,
    unsupported: frozenset[str] = frozenset(),
) -> CodeSource | None:
    """The best source that knows the lock's users or codes, or None.

    ``unsupported``: sources that said they cannot count this lock.
    """
    for finder in PRIORITY:
        source = finder(hass, lock_entity_id)
        if source is not None and source.source not in unsupported:
            return source
    if declared(facts):
        return ManualSource(hass, lock_entity_id, facts)
    return None
