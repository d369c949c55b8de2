"""Every translation mirrors en.json; en.json covers every repair issue."""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

import pytest

from custom_components.lockout_guard.alerts.issues import KEYPAD_TEXT_SUFFIX, LOCK_RISKS
from custom_components.lockout_guard.codes.providers import (
    keymaster,
    lock_code_manager,
    manual,
    matter,
    schlage,
    zwave_js,
)
from custom_components.lockout_guard.core.models import RecoveryStep, RiskId
from custom_components.lockout_guard.storage.guarded_store import STORAGE_ISSUE_IDS

TRANSLATIONS = (
    Path(__file__).parent.parent
    / "custom_components"
    / "lockout_guard"
    / "translations"
)
ENGLISH = TRANSLATIONS / "en.json"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

type KeyPath = tuple[str, ...]


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a JSON object"
    return data


def _flatten(node: dict[str, Any], prefix: KeyPath = ()) -> dict[KeyPath, str]:
    """Map the key path of every string to the string; reject any other leaf."""
    flat: dict[KeyPath, str] = {}
    for key, value in node.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            assert value, f"empty object at {'.'.join(path)}"
            flat |= _flatten(value, path)
        else:
            assert isinstance(value, str), f"{'.'.join(path)} is not a string"
            flat[path] = value
    return flat


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _translation_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*.json"))


@pytest.fixture(scope="module")
def english() -> dict[KeyPath, str]:
    return _flatten(_load(ENGLISH))


def test_there_are_translations_besides_english() -> None:
    assert len(_translation_files()) > 1


@pytest.mark.parametrize("path", _translation_files(), ids=lambda path: path.name)
def test_key_tree_matches_english(path: Path, english: dict[KeyPath, str]) -> None:
    translated = _flatten(_load(path))
    missing = sorted(".".join(key) for key in english.keys() - translated.keys())
    extra = sorted(".".join(key) for key in translated.keys() - english.keys())
    assert not missing, f"{path.name} lacks {missing}"
    assert not extra, f"{path.name} has keys en.json does not: {extra}"


@pytest.mark.parametrize("path", _translation_files(), ids=lambda path: path.name)
def test_placeholders_match_english(path: Path, english: dict[KeyPath, str]) -> None:
    translated = _flatten(_load(path))
    wrong = {
        ".".join(key): (
            sorted(_placeholders(text)),
            sorted(_placeholders(english[key])),
        )
        for key, text in translated.items()
        if key in english and _placeholders(text) != _placeholders(english[key])
    }
    assert not wrong, f"{path.name}: placeholders (found, expected) differ: {wrong}"


@pytest.mark.parametrize("path", _translation_files(), ids=lambda path: path.name)
def test_strings_are_not_empty(path: Path) -> None:
    empty = sorted(
        ".".join(key) for key, text in _flatten(_load(path)).items() if not text.strip()
    )
    assert not empty, f"{path.name} has empty strings: {empty}"


def test_issues_are_exactly_the_risks_and_the_damaged_stores() -> None:
    issues = _load(ENGLISH)["issues"]
    # A keypad's low battery has texts of its own under the same repair id.
    keypad_texts = {
        f"{risk}{KEYPAD_TEXT_SUFFIX}"
        for risk in (RiskId.BATTERY_LOW, RiskId.BATTERY_CRITICAL)
    }
    assert set(issues) == (
        {risk.value for risk in RiskId} | STORAGE_ISSUE_IDS | keypad_texts
    )


def test_fixable_issue_steps_have_title_and_description() -> None:
    issues: dict[str, dict[str, Any]] = _load(ENGLISH)["issues"]
    incomplete: list[str] = []
    for issue_id, issue in issues.items():
        assert "title" in issue, f"issue {issue_id} has no title"
        if "fix_flow" not in issue:
            assert "description" in issue, f"issue {issue_id} has no description"
            continue
        steps: dict[str, dict[str, Any]] = issue["fix_flow"].get("step", {})
        assert steps, f"fix flow of {issue_id} has no steps"
        incomplete.extend(
            f"{issue_id}.{step_id}.{field}"
            for step_id, step in steps.items()
            for field in ("title", "description")
            if field not in step
        )
    assert not incomplete, f"fix-flow steps lack {incomplete}"


# The errors each repair can show (the flows' own tests raise each of them): the
# fact flows check a phone, a battery entity or a whole number where they ask for
# one, the checks re-read the lock, the reset checklist recounts, the missing-lock
# flow checks the replacement.
REPAIR_ERRORS: dict[str, set[str]] = {
    "support_info_missing": {"invalid_phone"},
    "battery_not_reporting": {"not_a_battery"},
    "single_app_user": {"not_a_whole_number"},
    "many_keys_in_circulation": {"not_a_whole_number"},
    "rekey_recommended": {"not_a_whole_number"},
    "lock_jammed": {"still_jammed"},
    "lock_unavailable": {"still_unavailable"},
    "codes_cleared": {"codes_still_empty", "codes_unreadable"},
    "monitored_lock_missing": {"already_monitored", "not_a_lock"},
    "alert_target_missing": {"unknown_notify_target"},
}


@pytest.mark.parametrize("path", _translation_files(), ids=lambda path: path.stem)
def test_each_repair_translates_exactly_the_errors_it_can_show(path: Path) -> None:
    issues = _load(path)["issues"]
    shown = {
        risk: set(issue.get("fix_flow", {}).get("error", {}))
        for risk, issue in issues.items()
    }
    assert {risk: errors for risk, errors in shown.items() if errors} == REPAIR_ERRORS


def test_plan_attribute_values_read_as_words() -> None:
    # Attribute values are ids; the frontend shows these words instead.
    attributes = _load(ENGLISH)["entity"]["sensor"]["lockout_plan"]["state_attributes"]
    assert set(attributes["risks"]["state"]) == set(LOCK_RISKS)
    assert set(attributes["recovery_steps"]["state"]) == {
        step.value for step in RecoveryStep
    }
    assert set(attributes["users_source"]["state"]) == {
        provider.SOURCE
        for provider in (
            keymaster,
            lock_code_manager,
            manual,
            matter,
            schlage,
            zwave_js,
        )
    }
