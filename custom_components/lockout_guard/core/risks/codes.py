"""Code risks: a reset wiped the stored codes and app pairings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Risk, RiskId, Severity

if TYPE_CHECKING:
    from .context import LockContext


def codes_cleared(ctx: LockContext) -> Risk | None:
    """Flag a recorded reset whose post-reset checklist is not confirmed yet."""
    if not ctx.confirmations.reset_pending:
        return None
    return Risk(risk_id=RiskId.CODES_CLEARED, severity=Severity.ERROR)
