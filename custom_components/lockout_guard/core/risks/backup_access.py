"""Backup access risks: the red flags that make a lockout hard to recover from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import (
    BackupPin,
    Design,
    KeyLocation,
    Keyway,
    Risk,
    RiskId,
    Severity,
)
from .context import recorded

if TYPE_CHECKING:
    from .context import LockContext

# A key kept here cannot help someone locked out, or nobody knows where it is.
_KEY_NOT_OFFSITE = (KeyLocation.NONE, KeyLocation.INSIDE_ONLY, KeyLocation.UNKNOWN)

_UNKNOWN = "unknown"


def _warning(risk_id: RiskId, **placeholders: str) -> Risk:
    return Risk(risk_id=risk_id, severity=Severity.WARNING, placeholders=placeholders)


def no_offsite_key(ctx: LockContext) -> Risk | None:
    """Flag a key override with no key kept where it can be fetched."""
    if ctx.facts.has_key_override is not True:
        return None
    if ctx.facts.key_location not in _KEY_NOT_OFFSITE:
        return None
    return _warning(RiskId.NO_OFFSITE_KEY)


def key_hidden_outside(ctx: LockContext) -> Risk | None:
    """Flag a backup key hidden outside: the first place a burglar looks."""
    if ctx.facts.key_location is not KeyLocation.HIDDEN_OUTSIDE:
        return None
    return _warning(RiskId.KEY_HIDDEN_OUTSIDE)


def single_app_user(ctx: LockContext) -> Risk | None:
    """Flag one app user or fewer, or an unknown count: one lost phone locks out."""
    users = ctx.app_users
    if users is not None and users > 1:
        return None
    return _warning(
        RiskId.SINGLE_APP_USER, app_users=_UNKNOWN if users is None else str(users)
    )


def _backup_pin_missing(ctx: LockContext) -> bool:
    backup_pin = ctx.facts.backup_pin
    if backup_pin is not BackupPin.AUTO:
        return backup_pin is BackupPin.NO
    codes = ctx.readings.codes
    if codes is not None:
        return codes < 2
    # Without a count, only a lock that has a keypad needs a backup PIN.
    return ctx.readings.has_keypad or ctx.facts.design is Design.KEYLESS


def no_backup_pin(ctx: LockContext) -> Risk | None:
    """Flag a missing backup PIN: a forgotten or reset PIN disables the keypad."""
    if not _backup_pin_missing(ctx):
        return None
    codes = ctx.readings.codes
    return _warning(
        RiskId.NO_BACKUP_PIN, codes=_UNKNOWN if codes is None else str(codes)
    )


def alert_never_tested(ctx: LockContext) -> Risk | None:
    """Flag alerts not confirmed to arrive within the re-verify period."""
    confirmations = ctx.confirmations
    if confirmations.drill_failed:
        drill = "failed"
    elif confirmations.drill_confirmed is None:
        drill = "none"
    elif ctx.reverify_overdue(confirmations.drill_confirmed):
        drill = "expired"
    else:
        return None
    return _warning(
        RiskId.ALERT_NEVER_TESTED,
        days=str(ctx.options.reverify_days),
        drill=drill,
    )


def support_info_missing(ctx: LockContext) -> Risk | None:
    """Flag a missing model number, or no way to reach the maker's support.

    A support site the knowledge base knows is a way too: the owner is asked for
    the phone only when neither is known.
    """
    facts = ctx.facts
    missing = []
    if not recorded(facts.model_number):
        missing.append("model_number")
    if not recorded(facts.support_phone) and not recorded(facts.support_url):
        missing.append("support_phone")
    if not missing:
        return None
    return _warning(RiskId.SUPPORT_INFO_MISSING, missing=", ".join(missing))


def locksmith_not_researched(ctx: LockContext) -> Risk | None:
    """Flag a keyless lock or restricted keyway with no locksmith on record."""
    facts = ctx.facts
    if facts.design is not Design.KEYLESS and facts.keyway is not Keyway.RESTRICTED:
        return None
    if recorded(facts.locksmith_contact):
        return None
    return _warning(RiskId.LOCKSMITH_NOT_RESEARCHED)


def restricted_key_card(ctx: LockContext) -> Risk | None:
    """Flag a restricted keyway whose authorisation card is not recorded."""
    if ctx.facts.keyway is not Keyway.RESTRICTED or ctx.facts.key_card_recorded:
        return None
    return _warning(RiskId.RESTRICTED_KEY_CARD)


def backup_key_unverified(ctx: LockContext) -> Risk | None:
    """Flag a declared backup key not verified within the re-verify period.

    A check from before the last rekey was of a key that no longer fits.
    """
    if not ctx.backup_key_declared:
        return None
    if not ctx.reverify_overdue(ctx.key_verified_since_rekey):
        return None
    return _warning(RiskId.BACKUP_KEY_UNVERIFIED, days=str(ctx.options.reverify_days))
