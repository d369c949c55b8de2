"""Tests of the backup access risks."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from custom_components.lockout_guard.core.models import (
    BackupPin,
    Confirmations,
    Design,
    KeyLocation,
    Keyway,
    LockFacts,
    Options,
    Readings,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks.backup_access import (
    alert_never_tested,
    backup_key_unverified,
    key_hidden_outside,
    locksmith_not_researched,
    no_backup_pin,
    no_offsite_key,
    restricted_key_card,
    single_app_user,
    support_info_missing,
)

from .helpers import TODAY, make_ctx, risk

# Facts of the lock under test; each case sets only what it is about.
_lock = partial(LockFacts, name="Front door")


NO_OFFSITE_KEY = risk(RiskId.NO_OFFSITE_KEY, Severity.WARNING)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.NONE),
            NO_OFFSITE_KEY,
            id="retrofit-no-key",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.INSIDE_ONLY),
            NO_OFFSITE_KEY,
            id="retrofit-inside-only",
        ),
        pytest.param(
            _lock(design=Design.DEADBOLT_WITH_KEY),
            NO_OFFSITE_KEY,
            id="deadbolt-location-unknown",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.OFFSITE),
            None,
            id="offsite",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.TRUSTED_PERSON),
            None,
            id="trusted-person",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.LOCKBOX),
            None,
            id="lockbox",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.HIDDEN_OUTSIDE),
            None,
            id="hidden-outside-has-its-own-risk",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, key_location=KeyLocation.NONE),
            None,
            id="keyless",
        ),
        pytest.param(_lock(), None, id="design-unknown"),
        pytest.param(
            _lock(design=Design.COMMERCIAL, key_override=True),
            NO_OFFSITE_KEY,
            id="declared-override",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_override=False),
            None,
            id="declared-no-override",
        ),
    ],
)
def test_no_offsite_key(facts: LockFacts, expected: Risk | None) -> None:
    assert no_offsite_key(make_ctx(facts)) == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.HIDDEN_OUTSIDE),
            risk(RiskId.KEY_HIDDEN_OUTSIDE, Severity.WARNING),
            id="hidden-outside",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, key_location=KeyLocation.HIDDEN_OUTSIDE),
            risk(RiskId.KEY_HIDDEN_OUTSIDE, Severity.WARNING),
            id="hidden-outside-keyless",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.OFFSITE),
            None,
            id="offsite",
        ),
        pytest.param(_lock(), None, id="unknown"),
    ],
)
def test_key_hidden_outside(facts: LockFacts, expected: Risk | None) -> None:
    assert key_hidden_outside(make_ctx(facts)) == expected


def _single_app_user(app_users: str) -> Risk:
    return risk(RiskId.SINGLE_APP_USER, Severity.WARNING, app_users=app_users)


@pytest.mark.parametrize(
    ("declared", "counted", "expected"),
    [
        pytest.param(2, None, None, id="declared-2"),
        pytest.param(1, None, _single_app_user("1"), id="declared-1"),
        pytest.param(0, None, _single_app_user("0"), id="declared-0"),
        pytest.param(None, 3, None, id="counted-3"),
        pytest.param(None, 1, _single_app_user("1"), id="counted-1"),
        pytest.param(None, None, _single_app_user("unknown"), id="unknown"),
        pytest.param(2, 1, None, id="declaration-wins-over-count"),
        pytest.param(1, 5, _single_app_user("1"), id="declared-1-counted-5"),
        pytest.param(0, 5, _single_app_user("0"), id="declared-0-counted-5"),
    ],
)
def test_single_app_user(
    declared: int | None, counted: int | None, expected: Risk | None
) -> None:
    ctx = make_ctx(_lock(app_users=declared), Readings(users=counted))
    assert single_app_user(ctx) == expected


def _no_backup_pin(codes: str) -> Risk:
    return risk(RiskId.NO_BACKUP_PIN, Severity.WARNING, codes=codes)


@pytest.mark.parametrize(
    ("backup_pin", "design", "readings", "expected"),
    [
        pytest.param(BackupPin.YES, Design.KEYLESS, Readings(), None, id="yes"),
        pytest.param(
            BackupPin.YES, Design.KEYLESS, Readings(codes=1), None, id="yes-1-code"
        ),
        pytest.param(
            BackupPin.NO,
            Design.RETROFIT,
            Readings(),
            _no_backup_pin("unknown"),
            id="no",
        ),
        pytest.param(
            BackupPin.NO,
            Design.KEYLESS,
            Readings(codes=3),
            _no_backup_pin("3"),
            id="no-declared-wins",
        ),
        pytest.param(BackupPin.AUTO, Design.KEYLESS, Readings(codes=2), None, id="2"),
        pytest.param(
            BackupPin.AUTO,
            Design.RETROFIT,
            Readings(codes=1),
            _no_backup_pin("1"),
            id="1-code",
        ),
        pytest.param(
            BackupPin.AUTO,
            Design.UNKNOWN,
            Readings(codes=0),
            _no_backup_pin("0"),
            id="0-codes",
        ),
        pytest.param(
            BackupPin.AUTO, Design.RETROFIT, Readings(), None, id="keyed-no-keypad"
        ),
        pytest.param(
            BackupPin.AUTO,
            Design.RETROFIT,
            Readings(has_keypad=True),
            _no_backup_pin("unknown"),
            id="keypad-unknown-count",
        ),
        pytest.param(
            BackupPin.AUTO,
            Design.KEYLESS,
            Readings(),
            _no_backup_pin("unknown"),
            id="keyless-unknown-count",
        ),
    ],
)
def test_no_backup_pin(
    backup_pin: BackupPin, design: Design, readings: Readings, expected: Risk | None
) -> None:
    ctx = make_ctx(_lock(backup_pin=backup_pin, design=design), readings)
    assert no_backup_pin(ctx) == expected


def _never_tested(drill: str, days: str = "180") -> Risk:
    return risk(RiskId.ALERT_NEVER_TESTED, Severity.WARNING, days=days, drill=drill)


@pytest.mark.parametrize(
    ("confirmations", "options", "expected"),
    [
        pytest.param(Confirmations(), Options(), _never_tested("none"), id="never"),
        pytest.param(Confirmations(drill_confirmed=TODAY), Options(), None, id="today"),
        pytest.param(
            Confirmations(drill_confirmed=TODAY - timedelta(days=179)),
            Options(),
            None,
            id="179-days",
        ),
        pytest.param(
            Confirmations(drill_confirmed=TODAY - timedelta(days=180)),
            Options(),
            _never_tested("expired"),
            id="180-days",
        ),
        pytest.param(
            Confirmations(drill_confirmed=TODAY - timedelta(days=30)),
            Options(reverify_days=30),
            _never_tested("expired", "30"),
            id="custom-reverify",
        ),
        pytest.param(
            Confirmations(drill_confirmed=TODAY, drill_failed=True),
            Options(),
            _never_tested("failed"),
            id="failed-after-recent",
        ),
        pytest.param(
            Confirmations(drill_failed=True),
            Options(),
            _never_tested("failed"),
            id="failed-first",
        ),
    ],
)
def test_alert_never_tested(
    confirmations: Confirmations, options: Options, expected: Risk | None
) -> None:
    ctx = make_ctx(confirmations=confirmations, options=options)
    assert alert_never_tested(ctx) == expected


@pytest.mark.parametrize(
    ("model_number", "support_phone", "support_url", "missing"),
    [
        pytest.param("YRD256", "+1 800 000 0000", None, None, id="both"),
        pytest.param(None, "+1 800 000 0000", None, "model_number", id="no-model"),
        pytest.param("YRD256", "  ", None, "support_phone", id="blank-phone"),
        pytest.param("", None, None, "model_number, support_phone", id="neither"),
        # The knowledge base's support site is a way to reach support too.
        pytest.param("BE469ZP", None, "https://kc.allegion.com", None, id="site"),
        pytest.param("BE469ZP", None, " ", "support_phone", id="blank-site"),
    ],
)
def test_support_info_missing(
    model_number: str | None,
    support_phone: str | None,
    support_url: str | None,
    missing: str | None,
) -> None:
    ctx = make_ctx(
        _lock(
            model_number=model_number,
            support_phone=support_phone,
            support_url=support_url,
        )
    )
    expected = (
        None
        if missing is None
        else risk(RiskId.SUPPORT_INFO_MISSING, Severity.WARNING, missing=missing)
    )
    assert support_info_missing(ctx) == expected


LOCKSMITH = risk(RiskId.LOCKSMITH_NOT_RESEARCHED, Severity.WARNING)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(_lock(design=Design.KEYLESS), LOCKSMITH, id="keyless"),
        pytest.param(
            _lock(design=Design.KEYLESS, locksmith_contact=" "),
            LOCKSMITH,
            id="keyless-blank-contact",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, locksmith_contact="Key Masters"),
            None,
            id="keyless-researched",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, keyway=Keyway.RESTRICTED),
            LOCKSMITH,
            id="restricted-keyway",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, keyway=Keyway.STANDARD),
            None,
            id="standard-keyway",
        ),
        pytest.param(_lock(), None, id="unknown"),
    ],
)
def test_locksmith_not_researched(facts: LockFacts, expected: Risk | None) -> None:
    assert locksmith_not_researched(make_ctx(facts)) == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            _lock(keyway=Keyway.RESTRICTED),
            risk(RiskId.RESTRICTED_KEY_CARD, Severity.WARNING),
            id="restricted",
        ),
        pytest.param(
            _lock(keyway=Keyway.RESTRICTED, key_card_recorded=True),
            None,
            id="card-recorded",
        ),
        pytest.param(_lock(keyway=Keyway.STANDARD), None, id="standard"),
        pytest.param(_lock(), None, id="unknown"),
    ],
)
def test_restricted_key_card(facts: LockFacts, expected: Risk | None) -> None:
    assert restricted_key_card(make_ctx(facts)) == expected


UNVERIFIED = risk(RiskId.BACKUP_KEY_UNVERIFIED, Severity.WARNING, days="180")
KEY_OFFSITE = _lock(design=Design.RETROFIT, key_location=KeyLocation.OFFSITE)


@pytest.mark.parametrize(
    ("facts", "confirmations", "expected"),
    [
        pytest.param(KEY_OFFSITE, Confirmations(), UNVERIFIED, id="never"),
        pytest.param(
            KEY_OFFSITE,
            Confirmations(key_verified=TODAY - timedelta(days=179)),
            None,
            id="179-days",
        ),
        pytest.param(
            KEY_OFFSITE,
            Confirmations(key_verified=TODAY - timedelta(days=180)),
            UNVERIFIED,
            id="180-days",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.INSIDE_ONLY),
            Confirmations(),
            UNVERIFIED,
            id="inside-only",
        ),
        pytest.param(
            _lock(key_location=KeyLocation.LOCKBOX),
            Confirmations(),
            UNVERIFIED,
            id="design-unknown",
        ),
        pytest.param(
            _lock(design=Design.KEYLESS, key_location=KeyLocation.OFFSITE),
            Confirmations(),
            None,
            id="keyless",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT, key_location=KeyLocation.NONE),
            Confirmations(),
            None,
            id="no-key",
        ),
        pytest.param(
            _lock(design=Design.RETROFIT), Confirmations(), None, id="location-unknown"
        ),
    ],
)
def test_backup_key_unverified(
    facts: LockFacts, confirmations: Confirmations, expected: Risk | None
) -> None:
    assert backup_key_unverified(make_ctx(facts, confirmations=confirmations)) == (
        expected
    )
