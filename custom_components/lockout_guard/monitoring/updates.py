"""The one way entities learn that what they show may have changed.

A monitor can be rebuilt (its lock reconfigured) while its entities stay: the
signal belongs to the lock, not to the monitor, so the entities keep listening to
the same object and never have to be re-added.
"""

from __future__ import annotations

from collections.abc import Callable


class UpdateSignal:
    """Listeners to call after a change; each call is cheap and synchronous."""

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        """Start without listeners."""
        self._listeners: list[Callable[[], None]] = []

    def async_add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` on every notify; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def async_notify(self) -> None:
        """Tell every listener (a listener may remove itself meanwhile)."""
        for listener in list(self._listeners):
            listener()
