"""What every risk rule sees about one lock at one moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from ..models import (
    BatteryPart,
    BatteryReading,
    Confirmations,
    KeyLocation,
    LockFacts,
    LockPresence,
    Options,
    Readings,
    Risk,
    Severity,
    WeakerBattery,
)

type Rule = Callable[[LockContext], Risk | None]


def recorded(text: str | None) -> bool:
    """Return whether the owner filled in a free-text fact (blank counts as missing)."""
    return text is not None and text.strip() != ""


def _reported_since(reported: datetime | None, replaced_at: datetime | None) -> bool:
    return replaced_at is None or (reported is not None and reported > replaced_at)


def current_battery_level(
    replaced_at: datetime | None, battery: BatteryReading
) -> float | None:
    """The level, unless it was reported before the batteries were last replaced.

    An old level only says what the new batteries replaced. A level reported after
    them counts, also while the source is silent now (it is the last known one).
    """
    if _reported_since(battery.last_reported, replaced_at):
        return battery.level
    return None


def current_low_flag(
    replaced_at: datetime | None, battery: BatteryReading
) -> bool | None:
    """The low flag, unless it was reported before the batteries were replaced."""
    if _reported_since(battery.low_flag_reported, replaced_at):
        return battery.low_flag
    return None


def awaiting_new_battery_report(
    replaced_at: datetime | None, battery: BatteryReading
) -> bool:
    """Whether batteries were replaced and neither level nor flag reported since."""
    return (
        replaced_at is not None
        and current_battery_level(replaced_at, battery) is None
        and current_low_flag(replaced_at, battery) is None
    )


def battery_report_awaited(
    replaced_at: datetime | None, battery: BatteryReading
) -> bool:
    """Whether a report after new batteries would change what counts.

    True while a level or flag is older than the replacement, or none came since.
    Such a report may repeat the last value (9 % again, the flag still on): only
    its time is new, and it counts all the same.
    """
    if replaced_at is None:
        return False
    level = current_battery_level(replaced_at, battery)
    low_flag = current_low_flag(replaced_at, battery)
    # A value older than the replacement, or nothing since it (awaiting a report).
    return (
        (battery.level is not None and level is None)
        or (battery.low_flag is not None and low_flag is None)
        or (level is None and low_flag is None)
    )


def _weakness(battery: WeakerBattery) -> tuple[int, float]:
    # A low flag is worse than any level; no level at all is the least worrying.
    return (
        0 if battery.low_flag is True else 1,
        battery.level if battery.level is not None else 101.0,
    )


def lock_battery(replaced_at: datetime | None, lock: BatteryReading) -> WeakerBattery:
    """The lock's own level and flag that count (none from before new cells)."""
    return WeakerBattery(
        part=BatteryPart.LOCK,
        level=current_battery_level(replaced_at, lock),
        low_flag=current_low_flag(replaced_at, lock),
    )


def keypad_battery(keypad: BatteryReading | None) -> WeakerBattery | None:
    """A separate keypad's level and flag, which always count (its own device)."""
    if keypad is None:
        return None
    return WeakerBattery(
        part=BatteryPart.KEYPAD, level=keypad.level, low_flag=keypad.low_flag
    )


def weaker_battery(
    replaced_at: datetime | None,
    lock: BatteryReading,
    keypad: BatteryReading | None,
) -> WeakerBattery:
    """The battery the battery risks are about: the lock's, or a weaker keypad's.

    The lock's values count as ``current_battery_level`` says. New batteries in the
    lock say nothing about the keypad, a device of its own: its values always
    count, and a new keypad battery shows in the keypad's next report. On a tie the
    lock's own battery is named.
    """
    own = lock_battery(replaced_at, lock)
    if (pad := keypad_battery(keypad)) is None:
        return own
    return pad if _weakness(pad) < _weakness(own) else own


@dataclass(frozen=True)
class LockContext:
    """The facts, readings, confirmations and thresholds of one lock, at ``now``.

    ``now`` must be timezone-aware: it is compared with the readings' timestamps and
    its timezone decides where a day ends for date-based confirmations.
    """

    facts: LockFacts
    readings: Readings
    confirmations: Confirmations
    options: Options
    now: datetime

    @property
    def low_threshold(self) -> int:
        """Low-battery threshold: the lock's own override, else the hub's."""
        if self.facts.low_battery is not None:
            return self.facts.low_battery
        return self.options.low_battery

    @property
    def has_mechanical_fallback(self) -> bool:
        """Whether someone outside can still get in when the electronics fail."""
        return self.facts.has_key_override is True or self.facts.has_emergency_power

    def escalated(self, normal: Severity, escalated: Severity) -> Severity:
        """Pick the escalated severity when a failure would leave no way in."""
        return normal if self.has_mechanical_fallback else escalated

    @property
    def awaiting_new_battery_report(self) -> bool:
        """The owner replaced the batteries; the lock has not reported since."""
        return awaiting_new_battery_report(
            self.confirmations.battery_replaced_at, self.readings.battery
        )

    @cached_property
    def weaker_battery(self) -> WeakerBattery:
        """The lock's battery, or its keypad's when that one is weaker."""
        return weaker_battery(
            self.confirmations.battery_replaced_at,
            self.readings.battery,
            self.readings.keypad_battery,
        )

    @property
    def battery_level(self) -> float | None:
        """The level that counts: the weaker battery's, none from before new cells."""
        return self.weaker_battery.level

    @property
    def battery_low_flag(self) -> bool | None:
        """The low flag that counts: the weaker battery's."""
        return self.weaker_battery.low_flag

    @property
    def lock_missing(self) -> bool:
        """Whether the lock entity is gone, so its readings mean nothing."""
        return self.readings.presence is LockPresence.MISSING

    @property
    def app_users(self) -> int | None:
        """App users: declared by the owner, else counted by a provider."""
        if self.facts.app_users is not None:
            return self.facts.app_users
        return self.readings.users

    @property
    def backup_key_declared(self) -> bool:
        """Whether the owner says a backup key exists somewhere worth verifying."""
        return self.facts.has_key_override is not False and (
            self.facts.key_location not in (KeyLocation.NONE, KeyLocation.UNKNOWN)
        )

    @property
    def key_verified_since_rekey(self) -> date | None:
        """The spare key's last check, unless the lock was rekeyed after it."""
        verified = self.confirmations.key_verified
        rekeyed = self.confirmations.rekeyed
        if verified is not None and rekeyed is not None and verified < rekeyed:
            return None
        return verified

    @property
    def unavailable_grace(self) -> timedelta:
        """How long a lock or battery may be silent before it counts (restarts)."""
        return timedelta(minutes=self.options.unavailable_minutes)

    @property
    def battery_silence(self) -> timedelta:
        """How long a battery may go without a report."""
        return timedelta(hours=self.options.battery_silence_hours)

    def elapsed(self, since: datetime | None, limit: timedelta) -> bool:
        """Return whether ``limit`` has passed since ``since`` (False when unset)."""
        return since is not None and self.now - since >= limit

    def reverify_overdue(self, confirmed: date | None) -> bool:
        """Return whether a dated confirmation is missing or too old."""
        return (
            confirmed is None
            or (self.now.date() - confirmed).days >= self.options.reverify_days
        )

    def reverify_at(self, confirmed: date) -> datetime:
        """Return the moment ``confirmed`` becomes overdue: midnight in now's zone."""
        due = confirmed + timedelta(days=self.options.reverify_days)
        return datetime.combine(due, time.min, tzinfo=self.now.tzinfo)
