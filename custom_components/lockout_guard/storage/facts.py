"""Turn stored configuration (subentry data, hub options) into the engine's types.

Stored data may come from an older version, a hand edit or a bug: every field is read
tolerantly, and a value that makes no sense counts as "unknown" (itself a finding)
instead of failing the whole lock. No Home Assistant imports: pure and testable.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from custom_components.lockout_guard.const import (
    APP_USERS_AUTO,
    CONF_APP_USERS,
    CONF_BACKUP_PIN,
    CONF_BATTERY_SILENCE_HOURS,
    CONF_CRITICAL_BATTERY,
    CONF_DESIGN,
    CONF_EMERGENCY_POWER,
    CONF_FACTORY_KEY_KEPT,
    CONF_KEY_CARD_LOCATION,
    CONF_KEY_LOCATION,
    CONF_KEY_OVERRIDE,
    CONF_KEYS_IN_CIRCULATION,
    CONF_KEYWAY,
    CONF_LOCKSMITH_CONTACT,
    CONF_LOW_BATTERY,
    CONF_MAIN_ENTRANCE,
    CONF_MAX_KEYS_IN_CIRCULATION,
    CONF_MODEL_NUMBER,
    CONF_REVERIFY_DAYS,
    CONF_SMARTKEY,
    CONF_SUPPORT_PHONE,
    CONF_SUPPORT_URL,
    CONF_UNAVAILABLE_MINUTES,
    DEFAULT_OPTIONS,
)
from custom_components.lockout_guard.core.models import (
    BackupPin,
    Design,
    EmergencyPower,
    FactoryKey,
    KeyLocation,
    Keyway,
    LockFacts,
    Options,
    SmartKey,
)


def _enum[E: StrEnum](enum: type[E], value: Any, default: E) -> E:
    try:
        return enum(value)
    except ValueError:
        return default


def text_fact(value: Any) -> str | None:
    """A free-text fact, stripped; blank or not text counts as not recorded."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def whole_number(value: Any) -> int | None:
    """The value as the whole number it is; None for anything else.

    Number fields let NaN and fractions through their range check, and stored
    data may hold anything: 15.0 is 15, but 15.5, NaN, True or "15" are not.
    """
    # bool is an int in Python; a stored True is not a count.
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) else None


def _int(value: Any, low: int, high: int) -> int | None:
    number = whole_number(value)
    return number if number is not None and low <= number <= high else None


def _optional_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def parse_app_users(value: Any) -> int | None:
    """Return the declared number of app users, None for "auto" or nonsense."""
    if value == APP_USERS_AUTO:
        return None
    return _int(value, 0, 1000)


def lock_facts_from_data(data: Mapping[str, Any], name: str) -> LockFacts:
    """Read a lock subentry's data into LockFacts."""
    return LockFacts(
        name=name,
        main_entrance=data.get(CONF_MAIN_ENTRANCE) is True,
        design=_enum(Design, data.get(CONF_DESIGN), Design.UNKNOWN),
        key_override=_optional_bool(data.get(CONF_KEY_OVERRIDE)),
        keyway=_enum(Keyway, data.get(CONF_KEYWAY), Keyway.UNKNOWN),
        key_location=_enum(
            KeyLocation, data.get(CONF_KEY_LOCATION), KeyLocation.UNKNOWN
        ),
        emergency_power=_enum(
            EmergencyPower, data.get(CONF_EMERGENCY_POWER), EmergencyPower.UNKNOWN
        ),
        backup_pin=_enum(BackupPin, data.get(CONF_BACKUP_PIN), BackupPin.AUTO),
        app_users=parse_app_users(data.get(CONF_APP_USERS)),
        model_number=text_fact(data.get(CONF_MODEL_NUMBER)),
        support_phone=text_fact(data.get(CONF_SUPPORT_PHONE)),
        support_url=text_fact(data.get(CONF_SUPPORT_URL)),
        locksmith_contact=text_fact(data.get(CONF_LOCKSMITH_CONTACT)),
        key_card_recorded=text_fact(data.get(CONF_KEY_CARD_LOCATION)) is not None,
        low_battery=_int(data.get(CONF_LOW_BATTERY), 1, 99),
        keys_in_circulation=_int(data.get(CONF_KEYS_IN_CIRCULATION), 0, 1000),
        factory_key_kept=_enum(
            FactoryKey, data.get(CONF_FACTORY_KEY_KEPT), FactoryKey.UNKNOWN
        ),
        smartkey=_enum(SmartKey, data.get(CONF_SMARTKEY), SmartKey.UNKNOWN),
    )


def options_from_mapping(options: Mapping[str, Any]) -> Options:
    """Read the hub options, falling back to the defaults for missing or bad values."""
    low = _int(options.get(CONF_LOW_BATTERY), 1, 99) or DEFAULT_OPTIONS.low_battery
    critical = (
        _int(options.get(CONF_CRITICAL_BATTERY), 1, 98)
        or DEFAULT_OPTIONS.critical_battery
    )
    if critical >= low:
        # The options flow refuses this; if it is stored anyway, keep the low
        # threshold and put the critical one just below it.
        critical = max(1, low - 1)
    return Options(
        low_battery=low,
        critical_battery=critical,
        unavailable_minutes=_int(options.get(CONF_UNAVAILABLE_MINUTES), 1, 10080)
        or DEFAULT_OPTIONS.unavailable_minutes,
        battery_silence_hours=_int(options.get(CONF_BATTERY_SILENCE_HOURS), 1, 8760)
        or DEFAULT_OPTIONS.battery_silence_hours,
        reverify_days=_int(options.get(CONF_REVERIFY_DAYS), 1, 3650)
        or DEFAULT_OPTIONS.reverify_days,
        max_keys_in_circulation=_int(options.get(CONF_MAX_KEYS_IN_CIRCULATION), 1, 100)
        or DEFAULT_OPTIONS.max_keys_in_circulation,
    )
