"""Tests of the key control risks: lost keys, tenants, factory keys, SmartKey."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from custom_components.lockout_guard.core.models import (
    Confirmations,
    Design,
    EmergencyPower,
    FactoryKey,
    KeyLocation,
    LockFacts,
    Options,
    Risk,
    RiskId,
    Severity,
    SmartKey,
)
from custom_components.lockout_guard.core.risks.backup_access import (
    backup_key_unverified,
)
from custom_components.lockout_guard.core.risks.key_control import (
    many_keys_in_circulation,
    no_factory_key,
    rekey_recommended,
    smartkey_first_generation,
)

from .helpers import TODAY, make_ctx, risk

KEYED = LockFacts(name="Front door", design=Design.DEADBOLT_WITH_KEY)
KEYLESS = LockFacts(name="Front door", design=Design.KEYLESS)
UNKNOWN_DESIGN = LockFacts(name="Front door")
DAY = timedelta(days=1)


def _rekey(reason: str, day: str) -> Risk:
    return risk(RiskId.REKEY_RECOMMENDED, Severity.ERROR, reason=reason, date=day)


@pytest.mark.parametrize(
    ("facts", "confirmations", "expected"),
    [
        pytest.param(KEYED, Confirmations(), None, id="nothing-happened"),
        pytest.param(
            KEYED,
            Confirmations(key_lost=TODAY),
            _rekey("key_lost", TODAY.isoformat()),
            id="key-lost",
        ),
        pytest.param(
            KEYED,
            Confirmations(tenant_changed=TODAY - DAY),
            _rekey("tenant_change", (TODAY - DAY).isoformat()),
            id="tenant-change",
        ),
        pytest.param(
            KEYED,
            Confirmations(key_lost=TODAY - 3 * DAY, tenant_changed=TODAY - DAY),
            _rekey("tenant_change", (TODAY - DAY).isoformat()),
            id="the-later-event-is-named",
        ),
        pytest.param(
            KEYED,
            Confirmations(key_lost=TODAY - DAY, rekeyed=TODAY),
            None,
            id="rekeyed-after",
        ),
        pytest.param(
            KEYED,
            Confirmations(key_lost=TODAY, rekeyed=TODAY),
            None,
            id="rekeyed-the-same-day",
        ),
        pytest.param(
            KEYED,
            Confirmations(key_lost=TODAY, rekeyed=TODAY - DAY),
            _rekey("key_lost", TODAY.isoformat()),
            id="lost-after-the-rekey",
        ),
        pytest.param(
            KEYED,
            Confirmations(
                key_lost=TODAY - 5 * DAY, rekeyed=TODAY - 3 * DAY, tenant_changed=TODAY
            ),
            _rekey("tenant_change", TODAY.isoformat()),
            id="tenant-after-a-rekey-after-a-loss",
        ),
        pytest.param(
            UNKNOWN_DESIGN,
            Confirmations(key_lost=TODAY),
            _rekey("key_lost", TODAY.isoformat()),
            id="unknown-design-may-have-a-key",
        ),
        pytest.param(KEYLESS, Confirmations(key_lost=TODAY), None, id="keyless"),
    ],
)
def test_rekey_recommended(
    facts: LockFacts, confirmations: Confirmations, expected: Risk | None
) -> None:
    assert rekey_recommended(make_ctx(facts, confirmations=confirmations)) == expected


@pytest.mark.parametrize(
    ("facts", "raised"),
    [
        (KEYED, True),
        (LockFacts(name="Door", design=Design.RETROFIT), True),
        (LockFacts(name="Door", design=Design.RETROFIT, key_override=False), False),
        (LockFacts(name="Door", design=Design.KEYLESS, key_override=True), True),
        (
            LockFacts(name="Door", factory_key_kept=FactoryKey.NO, key_override=True),
            True,
        ),
        (
            LockFacts(
                name="Door", design=Design.RETROFIT, factory_key_kept=FactoryKey.YES
            ),
            False,
        ),
        (KEYLESS, False),
        # An unknown design may or may not have a key: nothing to ask yet.
        (UNKNOWN_DESIGN, False),
    ],
    ids=[
        "deadbolt-unknown",
        "retrofit-unknown",
        "declared-no-key",
        "keyless-with-override",
        "said-no",
        "kept",
        "keyless",
        "unknown-design",
    ],
)
def test_no_factory_key(facts: LockFacts, raised: bool) -> None:
    found = no_factory_key(make_ctx(facts))
    assert found == (risk(RiskId.NO_FACTORY_KEY, Severity.WARNING) if raised else None)


@pytest.mark.parametrize(
    ("keys", "limit", "expected"),
    [
        (None, 4, None),
        (4, 4, None),
        (
            5,
            4,
            risk(
                RiskId.MANY_KEYS_IN_CIRCULATION, Severity.WARNING, keys="5", limit="4"
            ),
        ),
        (0, 4, None),
        (
            3,
            2,
            risk(
                RiskId.MANY_KEYS_IN_CIRCULATION, Severity.WARNING, keys="3", limit="2"
            ),
        ),
    ],
    ids=["unknown", "at-limit", "above", "none-out", "own-limit"],
)
def test_many_keys_in_circulation(
    keys: int | None, limit: int, expected: Risk | None
) -> None:
    facts = LockFacts(
        name="Door", design=Design.DEADBOLT_WITH_KEY, keys_in_circulation=keys
    )
    ctx = make_ctx(facts, options=Options(max_keys_in_circulation=limit))
    assert many_keys_in_circulation(ctx) == expected


def test_keys_of_a_keyless_lock_are_not_counted() -> None:
    facts = LockFacts(name="Door", design=Design.KEYLESS, keys_in_circulation=9)
    assert many_keys_in_circulation(make_ctx(facts)) is None


@pytest.mark.parametrize(
    ("main_entrance", "smartkey", "emergency_power", "raised"),
    [
        (True, SmartKey.FIRST_GENERATION, EmergencyPower.NONE, True),
        (True, SmartKey.FIRST_GENERATION, EmergencyPower.UNKNOWN, True),
        (True, SmartKey.FIRST_GENERATION, EmergencyPower.NINE_VOLT_TERMINAL, False),
        (False, SmartKey.FIRST_GENERATION, EmergencyPower.NONE, False),
        (True, SmartKey.LATER_GENERATION, EmergencyPower.NONE, False),
        (True, SmartKey.UNKNOWN, EmergencyPower.NONE, False),
        (True, SmartKey.NO, EmergencyPower.NONE, False),
    ],
    ids=[
        "only-fallback",
        "emergency-power-unknown",
        "9v-terminal-too",
        "not-main-entrance",
        "later-generation",
        "unknown-cylinder",
        "no-smartkey",
    ],
)
def test_smartkey_first_generation(
    main_entrance: bool,
    smartkey: SmartKey,
    emergency_power: EmergencyPower,
    raised: bool,
) -> None:
    facts = LockFacts(
        name="Door",
        main_entrance=main_entrance,
        design=Design.DEADBOLT_WITH_KEY,
        smartkey=smartkey,
        emergency_power=emergency_power,
    )
    found = smartkey_first_generation(make_ctx(facts))
    assert found == (
        risk(RiskId.SMARTKEY_FIRST_GENERATION, Severity.WARNING) if raised else None
    )


@pytest.mark.parametrize(
    ("verified", "rekeyed", "raised"),
    [
        (TODAY - 10 * DAY, None, False),
        (TODAY - 10 * DAY, TODAY - 5 * DAY, True),
        (TODAY - 5 * DAY, TODAY - 5 * DAY, False),
        (TODAY - 2 * DAY, TODAY - 5 * DAY, False),
    ],
    ids=["no-rekey", "checked-before-the-rekey", "same-day", "checked-after"],
)
def test_a_rekey_voids_the_spare_key_check(
    verified: date, rekeyed: date | None, raised: bool
) -> None:
    facts = LockFacts(
        name="Door", design=Design.DEADBOLT_WITH_KEY, key_location=KeyLocation.OFFSITE
    )
    ctx = make_ctx(
        facts, confirmations=Confirmations(key_verified=verified, rekeyed=rekeyed)
    )
    assert (backup_key_unverified(ctx) is not None) is raised
