"""One repair for the home's alert path: ``alert_never_tested``.

The alert drill tests what every lock's low-battery alert goes through (the
automations and the notification targets), so a home with ten untested locks gets
one repair, not ten. Each lock's plan still lists the risk and fires its events;
this keeps the count of locks per drill state (never, expired, failed), so a
change costs the same whatever the number of locks, and writes the issue only
when what it says changes.
"""

from __future__ import annotations

from collections import Counter

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.core.models import RiskId

ISSUE_ID = RiskId.ALERT_NEVER_TESTED.value
# Worst first: the issue says the worst any lock is in.
_DRILL_STATES = ("failed", "expired", "none")


class HomeAlertIssue:
    """The home's ``alert_never_tested`` repair, kept from each lock's drill state."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Nothing is written until a lock reports its state."""
        self.hass = hass
        self._states: dict[str, str] = {}
        self._counts: Counter[str] = Counter()
        self._shown: tuple[str, int, str] | None = None
        self.days = ""

    @callback
    def async_set(self, subentry_id: str, drill: str | None, days: str) -> None:
        """A lock's drill state: ``none``, ``expired``, ``failed``, or None (tested).

        Called at every evaluation of every lock: an unchanged state costs nothing.
        """
        if self._states.get(subentry_id) == drill and self.days == days:
            return
        previous = self._states.pop(subentry_id, None)
        if previous is not None:
            self._counts[previous] -= 1
        if drill is not None:
            self._states[subentry_id] = drill
            self._counts[drill] += 1
        self.days = days
        self._async_sync()

    @property
    def worst(self) -> str | None:
        """The worst drill state of any lock, None when every lock is tested."""
        return next((state for state in _DRILL_STATES if self._counts[state] > 0), None)

    @callback
    def _async_sync(self) -> None:
        worst = self.worst
        if worst is None:
            if self._shown is not None:
                self._shown = None
                ir.async_delete_issue(self.hass, DOMAIN, ISSUE_ID)
            return
        shown = (worst, len(self._states), self.days)
        if shown == self._shown:
            return
        self._shown = shown
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            ISSUE_ID,
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=ISSUE_ID,
            translation_placeholders={
                "drill": worst,
                "locks": str(len(self._states)),
                "days": self.days,
            },
            data={"risk": ISSUE_ID},
        )

    @callback
    def async_reshow(self) -> None:
        """Create the issue again (a repair flow that finished deleted it)."""
        self._shown = None
        self._async_sync()
