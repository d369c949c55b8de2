"""Key control: the mechanical half of every way back in.

The locksmiths' guides: know how many keys are out; a lost key or a new tenant
means rekeying; keep an unused factory-cut key to copy from, since copies of worn
copies fail; a first-generation Kwikset SmartKey cylinder can stop taking a key
that worked hours before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import FactoryKey, Risk, RiskId, Severity, SmartKey

if TYPE_CHECKING:
    from .context import LockContext


def _keyed(ctx: LockContext) -> bool:
    return ctx.facts.has_key_override is True


def rekey_recommended(ctx: LockContext) -> Risk | None:
    """Flag a lost key or a tenant change that no rekey has followed yet.

    A rekey on the same day counts: the owner records it after the event.
    """
    confirmations = ctx.confirmations
    events = [
        (day, reason)
        for day, reason in (
            (confirmations.key_lost, "key_lost"),
            (confirmations.tenant_changed, "tenant_change"),
        )
        if day is not None
    ]
    if not events or ctx.facts.has_key_override is False:
        return None
    day, reason = max(events)
    rekeyed = confirmations.rekeyed
    if rekeyed is not None and rekeyed >= day:
        return None
    return Risk(
        risk_id=RiskId.REKEY_RECOMMENDED,
        severity=Severity.ERROR,
        placeholders={"reason": reason, "date": day.isoformat()},
    )


def no_factory_key(ctx: LockContext) -> Risk | None:
    """Flag a keyed lock without an unused factory-cut key kept to copy from."""
    if not _keyed(ctx) or ctx.facts.factory_key_kept is FactoryKey.YES:
        return None
    return Risk(risk_id=RiskId.NO_FACTORY_KEY, severity=Severity.WARNING)


def many_keys_in_circulation(ctx: LockContext) -> Risk | None:
    """Flag more keys out than the home's limit: nobody can say where all are."""
    keys = ctx.facts.keys_in_circulation
    limit = ctx.options.max_keys_in_circulation
    if not _keyed(ctx) or keys is None or keys <= limit:
        return None
    return Risk(
        risk_id=RiskId.MANY_KEYS_IN_CIRCULATION,
        severity=Severity.WARNING,
        placeholders={"keys": str(keys), "limit": str(limit)},
    )


def smartkey_first_generation(ctx: LockContext) -> Risk | None:
    """Flag a first-generation SmartKey as the main entrance's only fallback.

    With emergency power the keypad can still be woken from outside; without it
    the key is the only way in that does not need the electronics.
    """
    facts = ctx.facts
    if (
        not facts.main_entrance
        or not _keyed(ctx)
        or facts.smartkey is not SmartKey.FIRST_GENERATION
        or facts.has_emergency_power
    ):
        return None
    return Risk(risk_id=RiskId.SMARTKEY_FIRST_GENERATION, severity=Severity.WARNING)
