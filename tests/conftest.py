"""Fixtures shared by the tests: a real Home Assistant with Lockout Guard available."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from homeassistant.core import HomeAssistant
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
