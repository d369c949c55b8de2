"""A fresh setup of the development instance's locks asks only the owner's facts.

The locks carry the registry strings their integrations really write (the
development instance's scenarios); the hub's setup picks them all without one
answer. What remains open are repairs only the owner can settle, and one alert
repair for the home.
"""

from __future__ import annotations

from collections import Counter
import importlib.util
from pathlib import Path
import sys
from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.core.lock_models import match_lock_model

from .lock_fixtures import add_lock_stack
from .notify_fixtures import PHONE, add_notify_service
from .setup_helpers import settle

SCENARIOS = (
    Path(__file__).parent.parent
    / "config"
    / "custom_components"
    / "lockout_sim"
    / "scenarios.py"
)


def _scenarios() -> Any:
    spec = importlib.util.spec_from_file_location("dev_scenarios", SCENARIOS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up while the class is made.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.SCENARIOS


async def test_a_fresh_setup_leaves_only_what_the_owner_knows(
    hass: HomeAssistant,
) -> None:
    add_notify_service(hass, PHONE)
    locks = {}
    for scenario in _scenarios():
        lock = add_lock_stack(
            hass,
            "lockout_sim",
            scenario.key,
            scenario.name,
            model=scenario.model,
            manufacturer=scenario.manufacturer,
            model_id=scenario.model_id or None,
            battery=scenario.battery if scenario.battery is not None else 80,
        )
        locks[lock.lock_entity_id] = scenario
    result: Any = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"locks": sorted(locks), "notify_targets": [PHONE]}
    )
    await hass.async_block_till_done()
    await settle(hass)
    entry = result["result"]
    issues = [
        issue_id for domain, issue_id in ir.async_get(hass).issues if domain == DOMAIN
    ]
    by_risk = Counter(
        next(
            (
                issue_id.removesuffix(f"_{subentry_id}")
                for subentry_id in entry.subentries
                if issue_id.endswith(f"_{subentry_id}")
            ),
            issue_id,
        )
        for issue_id in issues
    )
    # One alert repair for the home, not one per lock.
    assert by_risk["alert_never_tested"] == 1
    # Support info is asked only where no source knows the maker's support line.
    unknown_support = [
        scenario.name
        for scenario in locks.values()
        if (known := match_lock_model(scenario.manufacturer, scenario.model)) is None
        or (known.support_phone is None and known.support_url is None)
    ]
    assert by_risk["support_info_missing"] == len(unknown_support)
    # Every lock got the facts its model settles, without a question.
    for subentry in entry.subentries.values():
        scenario = locks[subentry.data["lock_entity_id"]]
        assert subentry.data["model_number"] == scenario.model_id or scenario.model
        known = match_lock_model(scenario.manufacturer, scenario.model)
        if known is not None and known.design is not None:
            assert subentry.data["design"] == known.design
    # What is left is the owner's to tell: app users, where the spare key is, ...
    assert set(by_risk) <= {
        "alert_never_tested",
        "battery_critical",
        "battery_low",
        "locksmith_not_researched",
        "no_backup_pin",
        # Whether an unused factory-cut key is kept: no registry can know.
        "no_factory_key",
        "no_fallback_entry",
        "no_offsite_key",
        "single_app_user",
        "support_info_missing",
    }
