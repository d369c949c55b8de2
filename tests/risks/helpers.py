"""Builders shared by the risk engine tests."""

from __future__ import annotations

from datetime import UTC, datetime

from custom_components.lockout_guard.core.models import (
    Confirmations,
    LockFacts,
    Options,
    Readings,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks.context import LockContext

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def make_ctx(
    facts: LockFacts | None = None,
    readings: Readings | None = None,
    confirmations: Confirmations | None = None,
    options: Options | None = None,
    now: datetime = NOW,
) -> LockContext:
    """Return a context with defaults for everything a test does not care about."""
    return LockContext(
        facts or LockFacts(name="Front door"),
        readings or Readings(),
        confirmations or Confirmations(),
        options or Options(),
        now,
    )


def risk(risk_id: RiskId, severity: Severity, **placeholders: str) -> Risk:
    """Return the risk a rule is expected to raise."""
    return Risk(risk_id=risk_id, severity=severity, placeholders=placeholders)
