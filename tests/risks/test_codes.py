"""Tests of the code risks."""

from __future__ import annotations

import pytest

from custom_components.lockout_guard.core.models import (
    Confirmations,
    Risk,
    RiskId,
    Severity,
)
from custom_components.lockout_guard.core.risks.codes import codes_cleared

from .helpers import make_ctx, risk


@pytest.mark.parametrize(
    ("confirmations", "expected"),
    [
        pytest.param(Confirmations(), None, id="no-reset"),
        pytest.param(
            Confirmations(reset_pending=True),
            risk(RiskId.CODES_CLEARED, Severity.ERROR),
            id="reset-pending",
        ),
    ],
)
def test_codes_cleared(confirmations: Confirmations, expected: Risk | None) -> None:
    assert codes_cleared(make_ctx(confirmations=confirmations)) == expected
