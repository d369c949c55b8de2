"""Plain data shared by the risk engine and the Home Assistant adapters.

Nothing here imports Home Assistant: the risk rules in ``risks/`` work on these types
only, so they can be tested as pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Severity(StrEnum):
    """How bad an open risk is; matches Home Assistant's issue severities."""

    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"


class PlanState(StrEnum):
    """State of a lockout plan (per lock and for the home)."""

    READY = "ready"
    ATTENTION = "attention"
    AT_RISK = "at_risk"
    CRITICAL = "critical"


class RiskId(StrEnum):
    """Every risk the engine knows; the values are the public repair ids."""

    BATTERY_LOW = "battery_low"
    BATTERY_CRITICAL = "battery_critical"
    BATTERY_NOT_REPORTING = "battery_not_reporting"
    LOCK_JAMMED = "lock_jammed"
    LOCK_UNAVAILABLE = "lock_unavailable"
    NO_OFFSITE_KEY = "no_offsite_key"
    KEY_HIDDEN_OUTSIDE = "key_hidden_outside"
    SINGLE_APP_USER = "single_app_user"
    NO_BACKUP_PIN = "no_backup_pin"
    ALERT_NEVER_TESTED = "alert_never_tested"
    SUPPORT_INFO_MISSING = "support_info_missing"
    LOCKSMITH_NOT_RESEARCHED = "locksmith_not_researched"
    RESTRICTED_KEY_CARD = "restricted_key_card"
    BACKUP_KEY_UNVERIFIED = "backup_key_unverified"
    CODES_CLEARED = "codes_cleared"
    NO_FALLBACK_ENTRY = "no_fallback_entry"
    NEW_LOCK_FOUND = "new_lock_found"
    MONITORED_LOCK_MISSING = "monitored_lock_missing"
    ALERT_TARGET_MISSING = "alert_target_missing"
    REKEY_RECOMMENDED = "rekey_recommended"
    NO_FACTORY_KEY = "no_factory_key"
    MANY_KEYS_IN_CIRCULATION = "many_keys_in_circulation"
    SMARTKEY_FIRST_GENERATION = "smartkey_first_generation"


class RecoveryStep(StrEnum):
    """Ways back in, cheapest and least destructive first."""

    EMERGENCY_POWER = "emergency_power"
    APP_UNLOCK = "app_unlock"
    SECOND_APP_USER = "second_app_user"
    PHYSICAL_KEY = "physical_key"
    MANUFACTURER_SUPPORT = "manufacturer_support"
    LOCKSMITH = "locksmith"


class Design(StrEnum):
    """Mechanical design of the lock: decides whether a key override exists."""

    RETROFIT = "retrofit"
    DEADBOLT_WITH_KEY = "deadbolt_with_key"
    KEYLESS = "keyless"
    COMMERCIAL = "commercial"
    UNKNOWN = "unknown"


class Keyway(StrEnum):
    """Whether a key can be copied anywhere or only by an authorised locksmith."""

    STANDARD = "standard"
    RESTRICTED = "restricted"
    UNKNOWN = "unknown"


class KeyLocation(StrEnum):
    """Where the backup key is kept (a category only; who holds it is private)."""

    TRUSTED_PERSON = "trusted_person"
    OFFSITE = "offsite"
    LOCKBOX = "lockbox"
    INSIDE_ONLY = "inside_only"
    HIDDEN_OUTSIDE = "hidden_outside"
    NONE = "none"
    UNKNOWN = "unknown"


# A key kept here can be fetched by someone standing outside the locked door.
KEY_REACHABLE_FROM_OUTSIDE = frozenset(
    {
        KeyLocation.TRUSTED_PERSON,
        KeyLocation.OFFSITE,
        KeyLocation.LOCKBOX,
        KeyLocation.HIDDEN_OUTSIDE,
    }
)


class EmergencyPower(StrEnum):
    """How the keypad can be powered from outside when the batteries are dead."""

    NONE = "none"
    NINE_VOLT_TERMINAL = "9v_terminal"
    USB = "usb"
    UNKNOWN = "unknown"


class BackupPin(StrEnum):
    """Whether a second PIN exists: declared, or counted by a code provider."""

    YES = "yes"
    NO = "no"
    AUTO = "auto"


# Designs whose key cylinder gives a mechanical override.
DESIGN_KEY_OVERRIDE: Mapping[Design, bool | None] = {
    Design.RETROFIT: True,
    Design.DEADBOLT_WITH_KEY: True,
    Design.KEYLESS: False,
    Design.COMMERCIAL: None,
    Design.UNKNOWN: None,
}


@dataclass(frozen=True, kw_only=True)
class Options:
    """Thresholds of the hub entry."""

    low_battery: int = 30
    critical_battery: int = 15
    unavailable_minutes: int = 30
    battery_silence_hours: int = 48
    reverify_days: int = 180
    max_keys_in_circulation: int = 4


class FactoryKey(StrEnum):
    """Whether an unused, factory-cut key is kept to copy from."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class SmartKey(StrEnum):
    """Whether the cylinder is a Kwikset SmartKey one, and which generation."""

    NO = "no"
    # Known to stop taking a key that worked hours before; later ones fixed it.
    FIRST_GENERATION = "first_generation"
    LATER_GENERATION = "later_generation"
    UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class LockFacts:
    """What only the owner knows about one lock (config subentry data)."""

    name: str
    main_entrance: bool = False
    design: Design = Design.UNKNOWN
    key_override: bool | None = None
    keyway: Keyway = Keyway.UNKNOWN
    key_location: KeyLocation = KeyLocation.UNKNOWN
    emergency_power: EmergencyPower = EmergencyPower.UNKNOWN
    backup_pin: BackupPin = BackupPin.AUTO
    app_users: int | None = None
    model_number: str | None = None
    support_phone: str | None = None
    support_url: str | None = None
    locksmith_contact: str | None = None
    key_card_recorded: bool = False
    low_battery: int | None = None
    # Key control, for locks with a key cylinder.
    keys_in_circulation: int | None = None
    factory_key_kept: FactoryKey = FactoryKey.UNKNOWN
    smartkey: SmartKey = SmartKey.UNKNOWN

    @property
    def has_key_override(self) -> bool | None:
        """Whether a key opens the lock: declared, else derived from the design."""
        if self.key_override is not None:
            return self.key_override
        return DESIGN_KEY_OVERRIDE[self.design]

    @property
    def has_emergency_power(self) -> bool:
        """Whether the keypad can be powered from outside."""
        return self.emergency_power in (
            EmergencyPower.NINE_VOLT_TERMINAL,
            EmergencyPower.USB,
        )


@dataclass(frozen=True, kw_only=True)
class Confirmations:
    """Dated confirmations the owner gave (kept in the versioned store)."""

    key_verified: date | None = None
    drill_confirmed: date | None = None
    drill_failed: bool = False
    reset_pending: bool = False
    battery_replaced_at: datetime | None = None
    # The key's life: the last lost key, tenant change and rekey (days).
    key_lost: date | None = None
    tenant_changed: date | None = None
    rekeyed: date | None = None


class BatterySource(StrEnum):
    """Where the battery reading came from."""

    OVERRIDE = "override"
    SENSOR = "sensor"
    LOW_FLAG = "low_flag"
    ATTRIBUTE = "attribute"
    NONE = "none"


@dataclass(frozen=True, kw_only=True)
class BatteryReading:
    """The battery as last reported.

    ``level`` is a valid percentage or None; ``low_flag`` is set by sources that only
    say low/not low (alone, or beside a level). ``silent_since`` is set while the
    source is unavailable, unknown or reports nonsense (when that started).
    ``last_reported`` is the source's last valid report (the level's, or the flag's
    for a flag-only source) and ``low_flag_reported`` the flag's: a silent source
    keeps its last known values with these times (see ``last_known_battery``).
    """

    source: BatterySource = BatterySource.NONE
    level: float | None = None
    low_flag: bool | None = None
    silent_since: datetime | None = None
    last_reported: datetime | None = None
    low_flag_reported: datetime | None = None


class BatteryPart(StrEnum):
    """Which of a lock's batteries a battery risk is about."""

    LOCK = "lock"
    # A separate keypad device (Yale, August, Nuki, SwitchBot keypads).
    KEYPAD = "keypad"


@dataclass(frozen=True, kw_only=True)
class WeakerBattery:
    """The battery that counts for the battery risks: the weaker of the two."""

    part: BatteryPart = BatteryPart.LOCK
    level: float | None = None
    low_flag: bool | None = None


class LockPresence(StrEnum):
    """Whether the monitored lock entity still exists."""

    PRESENT = "present"
    MISSING = "missing"


@dataclass(frozen=True, kw_only=True)
class Readings:
    """What Home Assistant currently reports for one lock.

    ``state`` is the lock's state string (``None`` while it has no state yet);
    ``unavailable_since`` is set while the lock is unavailable or has no state.
    ``users`` and ``codes`` are counts from a provider or None when unknown.
    ``jam_reported`` is set while a jam signal of the lock's device (a jam sensor
    or event) reported a jam that no successful lock or unlock has cleared yet.
    ``keypad_battery`` is the battery of a separate keypad, when the owner named one.
    """

    state: str | None = None
    unavailable_since: datetime | None = None
    presence: LockPresence = LockPresence.PRESENT
    has_keypad: bool = False
    battery: BatteryReading = field(default_factory=BatteryReading)
    keypad_battery: BatteryReading | None = None
    users: int | None = None
    codes: int | None = None
    jam_reported: bool = False


@dataclass(frozen=True, kw_only=True)
class Risk:
    """One open risk with what the repair text needs (numbers, never private text)."""

    risk_id: RiskId
    severity: Severity
    placeholders: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class LockAssessment:
    """Everything the engine concluded about one lock at one moment."""

    risks: tuple[Risk, ...]
    plan: PlanState
    recovery_steps: tuple[RecoveryStep, ...]
    next_due: datetime | None
