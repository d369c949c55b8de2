"""The pure core runs without Home Assistant: it imports nothing of it."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

CORE = Path(__file__).parent.parent / "custom_components" / "lockout_guard" / "core"

# A fresh interpreter in which ``import homeassistant`` fails, loading the core as a
# package of its own (the integration's __init__ needs Home Assistant). It then
# evaluates a lock, so that every module the engine needs is really imported.
PROGRAM = f"""
import importlib.util, sys
from datetime import datetime, timezone
sys.modules["homeassistant"] = None  # any import of it now raises ImportError
spec = importlib.util.spec_from_file_location(
    "core", {str(CORE / "__init__.py")!r}, submodule_search_locations=[{str(CORE)!r}]
)
core = importlib.util.module_from_spec(spec)
sys.modules["core"] = core
spec.loader.exec_module(core)
import core.forecast, core.last_known_battery, core.lock_models, core.models, core.risks
import core.zwave_notification
from core.models import Confirmations, LockFacts, Options, Readings
assessment = core.risks.evaluate_lock(
    LockFacts(name="Front Door"), Readings(), Confirmations(), Options(),
    datetime(2026, 6, 15, tzinfo=timezone.utc),
)
print(assessment.plan.value)
print(sorted(
    name for name, module in sys.modules.items()
    if name.startswith("homeassistant") and module is not None
))
"""


def test_the_core_imports_and_evaluates_without_home_assistant() -> None:
    result = subprocess.run(  # noqa: S603 (our own interpreter, our own program)
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    plan, loaded = result.stdout.splitlines()
    assert plan in {"ready", "attention", "at_risk", "critical"}
    assert loaded == "[]"
