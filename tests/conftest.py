"""Fixtures shared by the tests: a real Home Assistant with Lockout Guard available."""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterator
import os
from pathlib import Path
from typing import Any
from unittest.mock import patch

from _pytest.terminal import TerminalReporter
from homeassistant.core import HomeAssistant
from homeassistant.helpers import storage
from hypothesis import HealthCheck, settings
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

# Import the project's integration before the plugin's own ``custom_components``
# test package (testing_config) can shadow it.
import custom_components.lockout_guard as integration
from custom_components.lockout_guard.const import DOMAIN, SUBENTRY_TYPE_LOCK

from .lock_fixtures import LockFixture, add_zwave_lock

pytest_plugins = "pytest_homeassistant_custom_component"

assert integration.__file__ is not None
assert "pytest_homeassistant_custom_component" not in integration.__file__

# Property-based tests reuse one Home Assistant per test for all its examples (a new
# one per example would take minutes). The CI profile is derandomized: the same cases
# on every run and both Home Assistant versions, no example database in the checkout.
# LOCKOUT_GUARD_HYPOTHESIS=explore draws new, more cases.
settings.register_profile(
    "ci",
    database=None,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "explore", parent=settings.get_profile("ci"), derandomize=False
)
HYPOTHESIS_PROFILE = os.environ.get("LOCKOUT_GUARD_HYPOTHESIS", "ci")
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(ci: int) -> int:
    """How many examples a property test runs: ``ci`` in CI, ten times that exploring."""
    return ci * 10 if HYPOTHESIS_PROFILE == "explore" else ci


# Examples run per property test, printed at the end of the run.
GENERATED_CASES: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    """Print how many cases the property-based tests generated."""
    if not GENERATED_CASES:
        return
    terminalreporter.write_sep("-", "property-based tests")
    for test, cases in sorted(GENERATED_CASES.items()):
        terminalreporter.write_line(f"{cases:6d}  {test}")
    terminalreporter.write_line(
        f"{sum(GENERATED_CASES.values()):6d}  generated cases in all"
    )


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load the integration from this checkout."""


@pytest.fixture(autouse=True)
def no_deprecated_usage(caplog: pytest.LogCaptureFixture) -> Generator[None]:
    """Fail a test in which Home Assistant reports a deprecated use by this code."""
    yield
    reports = [
        record.getMessage()
        for record in caplog.get_records("call")
        if "lockout_guard" in record.getMessage()
        and ("deprecated" in record.getMessage() or "Detected" in record.getMessage())
    ]
    assert not reports, reports


def lock_subentry(entity_id: str, title: str, **data: Any) -> dict[str, Any]:
    """Subentry data as the lock subentry flow stores it."""
    return {
        "data": {"lock_entity_id": entity_id, **data},
        "subentry_type": SUBENTRY_TYPE_LOCK,
        "title": title,
        "unique_id": entity_id,
    }


def hub_entry(
    *subentries: dict[str, Any], options: dict[str, Any] | None = None
) -> MockConfigEntry:
    """A hub config entry as the setup flow creates it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Lockout Guard",
        data={},
        options=options or {},
        subentries_data=list(subentries),
        version=1,
        minor_version=1,
    )


@pytest.fixture
async def front_door(hass: HomeAssistant) -> LockFixture:
    """A Z-Wave JS lock with its battery sensor on the same device."""
    return add_zwave_lock(hass, "front_door", "Front Door", battery=90)


# Taken when the tests are collected, before the test plugin replaces them.
_REAL_STORE_LOAD = storage.Store._async_load
_REAL_STORE_WRITE = storage.Store._async_write_data


@pytest.fixture
def storage_dir(hass: HomeAssistant, tmp_path: Path) -> Iterator[Path]:
    """A real ``.storage`` directory that the stores read and write.

    The test plugin keeps stores in memory; damaged files need real ones.
    """
    hass.config.config_dir = str(tmp_path)
    directory = tmp_path / ".storage"
    directory.mkdir()
    with (
        patch.object(storage.Store, "_async_load", _REAL_STORE_LOAD),
        patch.object(storage.Store, "_async_write_data", _REAL_STORE_WRITE),
    ):
        yield directory
