"""The translation rules hassfest applies, checked offline for every translation file.

hassfest is not on PyPI: these tests follow the rules it enforces on custom
integrations (the layout of each section, keys in lower snake case, placeholders
not in single quotes, no HTML, ``[%key:...%]`` references standing alone), and add
the one it cannot see: every key the code uses exists in every language, and every
key of the file is used by the code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
import json
from pathlib import Path
import re
from typing import Any

from homeassistant.const import Platform
import pytest
import voluptuous as vol

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "custom_components" / "lockout_guard"
TRANSLATION_FILES = sorted(
    path
    for base in (ROOT / "custom_components", ROOT / "config" / "custom_components")
    for path in base.glob("*/translations/*.json")
)

_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")
_SINGLE_QUOTED_PLACEHOLDER = re.compile(r"'\{\w+\}'")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*(\s[^<>]*)?/?\s*>", re.IGNORECASE)
_REFERENCE = re.compile(r"\[%key:[^%\]]+%\]")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise vol.Invalid("expected a text that is not empty")
    if _SINGLE_QUOTED_PLACEHOLDER.search(value):
        raise vol.Invalid("placeholders must not be in single quotes")
    if _HTML_TAG.search(value):
        raise vol.Invalid("no HTML in translations")
    if _REFERENCE.search(value) and _REFERENCE.fullmatch(value) is None:
        raise vol.Invalid("a [%key:...%] reference stands alone")
    return value


def _key(value: Any) -> str:
    if not isinstance(value, str) or not _KEY.match(value):
        raise vol.Invalid(f"{value!r} is not a valid translation key")
    return value


def _texts(key: Callable[[Any], str] = str) -> vol.Schema:
    return vol.Schema({key: _text})


STEP = vol.Schema(
    {
        vol.Optional("title"): _text,
        vol.Optional("description"): _text,
        vol.Optional("data"): _texts(),
        vol.Optional("data_description"): _texts(),
        vol.Optional("menu_options"): _texts(),
        vol.Optional("submit"): _text,
        vol.Optional("sections"): {
            str: {
                vol.Optional("name"): _text,
                vol.Optional("description"): _text,
                vol.Optional("data"): _texts(),
                vol.Optional("data_description"): _texts(),
            }
        },
    }
)
FLOW = vol.Schema(
    {
        vol.Optional("flow_title"): _text,
        vol.Optional("title"): _text,
        vol.Required("step"): {str: STEP},
        vol.Optional("error"): _texts(_key),
        vol.Optional("abort"): _texts(_key),
        vol.Optional("progress"): _texts(_key),
        vol.Optional("create_entry"): _texts(_key),
    }
)
OPTIONS_FLOW = FLOW.extend({vol.Optional("step"): {str: STEP}})
SUBENTRY_FLOW = FLOW.extend(
    {
        vol.Optional("entry_type"): _text,
        vol.Optional("initiate_flow"): {
            vol.Optional("user"): _text,
            vol.Optional("reconfigure"): _text,
        },
    }
)
FIX_FLOW = vol.Schema(
    {
        vol.Required("step"): {str: STEP},
        vol.Optional("error"): _texts(_key),
        vol.Optional("abort"): _texts(_key),
    }
)
ISSUE = vol.All(
    vol.Schema(
        {
            vol.Required("title"): _text,
            vol.Exclusive("description", "fixable"): _text,
            vol.Exclusive("fix_flow", "fixable"): FIX_FLOW,
        }
    ),
    vol.Any(
        vol.Schema({"description": object}, extra=vol.ALLOW_EXTRA),
        vol.Schema({"fix_flow": object}, extra=vol.ALLOW_EXTRA),
    ),
)
STATE_ATTRIBUTE = vol.Schema(
    {vol.Optional("name"): _text, vol.Optional("state"): _texts(_key)}
)
ENTITY = vol.Schema(
    {
        vol.Optional("name"): _text,
        vol.Optional("state"): _texts(_key),
        vol.Optional("state_attributes"): {_key: STATE_ATTRIBUTE},
        vol.Optional("unit_of_measurement"): _text,
    }
)
SERVICE = vol.Schema(
    {
        vol.Required("name"): _text,
        vol.Required("description"): _text,
        vol.Optional("fields"): {
            _key: {
                vol.Required("name"): _text,
                vol.Required("description"): _text,
                vol.Optional("example"): _text,
            }
        },
        vol.Optional("sections"): {_key: {vol.Required("name"): _text}},
    }
)
STRINGS = vol.Schema(
    {
        vol.Optional("title"): _text,
        vol.Optional("config"): FLOW,
        vol.Optional("options"): OPTIONS_FLOW,
        vol.Optional("config_subentries"): {_key: SUBENTRY_FLOW},
        vol.Optional("selector"): {
            _key: {
                vol.Optional("options"): _texts(_key),
                vol.Optional("unit_of_measurement"): _texts(_key),
            }
        },
        vol.Optional("issues"): {_key: ISSUE},
        vol.Optional("entity"): {
            vol.In([platform.value for platform in Platform]): {_key: ENTITY}
        },
        vol.Optional("exceptions"): {_key: {vol.Required("message"): _text}},
        vol.Optional("services"): {_key: SERVICE},
        vol.Optional("device_automation"): {
            vol.Optional("action_type"): _texts(_key),
            vol.Optional("condition_type"): _texts(_key),
            vol.Optional("trigger_type"): _texts(_key),
            vol.Optional("trigger_subtype"): _texts(_key),
            vol.Optional("extra_fields"): _texts(_key),
        },
    }
)


def _load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_translation_file_of_the_repository_is_checked() -> None:
    names = {_relative(path) for path in TRANSLATION_FILES}
    assert "custom_components/lockout_guard/translations/en.json" in names
    assert "custom_components/lockout_guard/translations/de.json" in names
    # The development stand-ins are checked too: hassfest runs on them in CI.
    assert any(name.startswith("config/") for name in names)


@pytest.mark.parametrize("path", TRANSLATION_FILES, ids=_relative)
def test_translation_file_has_the_shape_hassfest_expects(path: Path) -> None:
    STRINGS(_load(path))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Press '{button}' now", "placeholders must not be in single quotes"),
        ("Use <b>this</b>", "no HTML in translations"),
        (
            "See [%key:common::config_flow::abort::already_configured%] now",
            "stands alone",
        ),
        ("  ", "expected a text that is not empty"),
    ],
)
def test_the_rules_refuse_what_hassfest_refuses(text: str, why: str) -> None:
    with pytest.raises(vol.Invalid, match=re.escape(why)):
        _text(text)
    with pytest.raises(vol.Invalid):
        _key("Not_A_Key")


# What the code asks for, read from its source.


def _calls() -> Iterator[tuple[Path, ast.Call]]:
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield path, node


def _constant_keyword(call: ast.Call, name: str) -> set[str]:
    found: set[str] = set()
    for keyword in call.keywords:
        if keyword.arg != name:
            continue
        for node in ast.walk(keyword.value):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _called(name: str) -> Callable[[ast.Call], bool]:
    def matches(call: ast.Call) -> bool:
        function = call.func
        return (isinstance(function, ast.Name) and function.id == name) or (
            isinstance(function, ast.Attribute) and function.attr == name
        )

    return matches


def _used(keyword: str, *, where: Callable[[ast.Call], bool]) -> set[str]:
    return {
        value
        for _, call in _calls()
        if where(call)
        for value in _constant_keyword(call, keyword)
    }


def _error_codes(path: Path) -> set[str]:
    """The texts a flow file assigns to ``errors[...]``."""
    codes: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "errors"
            for target in node.targets
        ):
            codes |= {
                part.value
                for part in ast.walk(node.value)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            }
    return codes


LANGUAGES = sorted((PACKAGE / "translations").glob("*.json"))


@pytest.fixture(params=LANGUAGES, ids=lambda path: path.name)
def strings(request: pytest.FixtureRequest) -> dict[str, Any]:
    path: Path = request.param
    return _load(path)


# Notification texts are kept with the exceptions (Home Assistant translates both
# through the same lookup); battery alerts build their keys from the level.
NOTIFICATION_KEYS = {
    "drill_notification_title": '"drill_notification_title"',
    "drill_notification_message": '"drill_notification_message"',
    "drill_notification_action": '"drill_notification_action"',
    "battery_alert_flag_message": '"battery_alert_flag_message"',
    "battery_alert_buy": '"battery_alert_buy"',
    "button_admin_only": '"button_admin_only"',
    "battery_type_unknown": '"battery_type_unknown"',
    # The logbook's words: _text(words, "<key>") in logbook.py, the battery keys
    # built from the level ("<level>_level" when the level is known).
    "logbook_risk_raised": '"risk_raised" if event.event_type',
    "logbook_risk_cleared": 'else "risk_cleared"',
    "logbook_battery_drill": 'key = "battery_drill"',
    **{
        f"logbook_battery_{level}{suffix}": 'key = f"{key}_level"'
        for level in ("low", "critical")
        for suffix in ("", "_level")
    },
    # The dashboard card's print button (frontend/lockout-guard-card.js).
    "card_text_print": '_text("print")',
    # The printable lockout card's headings: text("<part>") in card_text.py.
    **{
        f"card_text_{part}": f'text("{part}"'
        for part in (
            "title",
            "plan",
            "not_evaluated",
            "risks",
            "no_risks",
            "steps",
        )
    },
    **{
        f"card_text_{part}": f'("{part}", '
        for part in (
            "model",
            "batteries",
            "keys",
            "factory_key",
            "key_card",
            "private_note",
        )
    },
    # The keypad's texts: the lock's keys with "keypad" put in.
    **{
        f"battery_alert_keypad_{kind}_message": '"battery_alert_keypad_"'
        for kind in ("low", "critical", "flag")
    },
    **{
        f"battery_alert_{level}_{part}": f'f"battery_alert_{{level}}_{part}"'
        for level in ("low", "critical")
        for part in ("title", "message")
    },
}
SOURCE = "\n".join(
    path.read_text(encoding="utf-8")
    for pattern in ("*.py", "*.js")
    for path in PACKAGE.rglob(pattern)
)


def test_exceptions_are_exactly_those_raised_and_sent(strings: dict[str, Any]) -> None:
    raised = _used(
        "translation_key",
        where=lambda call: _called("ServiceValidationError")(call)
        or _called("HomeAssistantError")(call),
    )
    # Dated actions refuse their day through one check, with errors of their own.
    for keyword in ("in_future", "too_old"):
        raised |= _used(keyword, where=_called("check_past_day"))
    assert raised
    for key, how_the_code_names_it in NOTIFICATION_KEYS.items():
        assert how_the_code_names_it in SOURCE, key
    assert set(strings["exceptions"]) == raised | set(NOTIFICATION_KEYS)


def test_entity_translations_are_exactly_the_entities(strings: dict[str, Any]) -> None:
    used = _used(
        "translation_key",
        where=lambda call: (
            isinstance(call.func, ast.Name) and call.func.id.endswith("Description")
        ),
    )
    assert used
    translated = {key for platform in strings["entity"].values() for key in platform}
    assert translated == used


def test_selector_translations_are_exactly_the_selectors(
    strings: dict[str, Any],
) -> None:
    # The selectors name their translation after the field they ask for.
    for key in strings["selector"]:
        assert f"CONF_{key.upper()}" in SOURCE or f'"{key}"' in SOURCE, key


def test_flow_errors_exist_and_none_is_orphaned(strings: dict[str, Any]) -> None:
    flow_file = PACKAGE / "config_flow.py"
    codes = _error_codes(flow_file)
    sections = [
        strings["config"].get("error", {}),
        strings["options"].get("error", {}),
        *(flow.get("error", {}) for flow in strings["config_subentries"].values()),
    ]
    translated = set().union(*(set(section) for section in sections))
    assert codes <= translated, codes - translated
    # validation.py holds the support checks the lock flow shares with repairs.
    codes |= _error_codes(PACKAGE / "validation.py")
    source_codes = codes | {
        node.value
        for node in ast.walk(ast.parse((PACKAGE / "validation.py").read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    for section in sections:
        assert set(section) <= source_codes, set(section) - source_codes


def _abort_flow_reasons() -> set[str]:
    """The reasons of ``raise AbortFlow("...")``."""
    return {
        argument.value
        for _, call in _calls()
        if _called("AbortFlow")(call)
        for argument in call.args
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
    }


# Home Assistant's own abort reasons in the flows this integration runs: a
# reconfigured subentry, a subentry added twice (the new-lock repair), and a
# second hub (the manifest's single_config_entry).
HOME_ASSISTANT_REASONS = {
    "reconfigure_successful",
    "already_configured",
    "single_instance_allowed",
}


def test_flow_aborts_exist_and_none_is_orphaned(strings: dict[str, Any]) -> None:
    reasons = _used("reason", where=_called("async_abort")) | _abort_flow_reasons()
    translated: set[str] = set(strings["config"].get("abort", {}))
    for flow in strings["config_subentries"].values():
        translated |= set(flow.get("abort", {}))
    for issue in strings["issues"].values():
        translated |= set(issue.get("fix_flow", {}).get("abort", {}))
    assert reasons <= translated, reasons - translated
    assert translated <= reasons | HOME_ASSISTANT_REASONS, translated - reasons
