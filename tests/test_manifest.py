"""The manifest, hacs.json and licence follow the rules hassfest and HACS check."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from homeassistant.const import Platform
from homeassistant.util.yaml import load_yaml_dict
import pytest
import voluptuous as vol

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "custom_components" / "lockout_guard"
MANIFEST = json.loads((PACKAGE / "manifest.json").read_text())

# Integrations any integration may import without naming them (entity platforms
# and helpers built into every installation), as hassfest allows.
ALWAYS_ALLOWED = {platform.value for platform in Platform} | {"diagnostics"}


def _imported_integrations() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[:2] == ["homeassistant", "components"] and len(parts) > 2:
                    found.add(parts[2])
    return found


def test_manifest_keys_are_in_hassfest_order() -> None:
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])


def test_every_imported_integration_is_a_dependency() -> None:
    declared = set(MANIFEST["dependencies"]) | set(MANIFEST["after_dependencies"])
    missing = _imported_integrations() - ALWAYS_ALLOWED - declared
    assert missing == set()


def test_manifest_has_what_hacs_and_hassfest_require() -> None:
    for key in ("codeowners", "documentation", "issue_tracker", "version"):
        assert MANIFEST[key], key
    assert MANIFEST["config_flow"] is True
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert set(hacs) <= {
        "name",
        "content_in_root",
        "zip_release",
        "filename",
        "hide_default_branch",
        "country",
        "homeassistant",
        "hacs",
        "persistent_directory",
        "render_readme",
    }
    assert hacs["name"] == MANIFEST["name"]
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License")


_URL = vol.All(str, vol.Match(r"^https://\S+$"))
_DOMAINS = vol.All([vol.Match(r"^[a-z0-9_]+$")], vol.Unique())

# hassfest's manifest rules for a custom integration (keys this one can use).
MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("domain"): PACKAGE.name,
        vol.Required("name"): vol.All(str, vol.Length(min=1)),
        vol.Required("codeowners"): [vol.Match(r"^@[\w.-]+(/[\w.-]+)?$")],
        vol.Required("documentation"): _URL,
        vol.Required("issue_tracker"): _URL,
        vol.Required("version"): vol.Match(r"^\d+\.\d+\.\d+$"),
        vol.Required("iot_class"): vol.In(
            [
                "assumed_state",
                "calculated",
                "cloud_polling",
                "cloud_push",
                "local_polling",
                "local_push",
            ]
        ),
        vol.Required("integration_type"): vol.In(
            ["device", "entity", "hardware", "helper", "hub", "service", "system"]
        ),
        vol.Optional("config_flow"): bool,
        vol.Optional("single_config_entry"): bool,
        vol.Optional("requirements"): [str],
        vol.Optional("dependencies"): _DOMAINS,
        vol.Optional("after_dependencies"): _DOMAINS,
        vol.Optional("loggers"): [str],
        vol.Optional("quality_scale"): vol.In(
            ["bronze", "silver", "gold", "platinum", "internal", "legacy"]
        ),
    }
)

# HACS's hacs.json schema.
HACS_SCHEMA = vol.Schema(
    {
        vol.Required("name"): vol.All(str, vol.Length(min=1)),
        vol.Optional("content_in_root"): bool,
        vol.Optional("zip_release"): bool,
        vol.Optional("filename"): str,
        vol.Optional("hide_default_branch"): bool,
        vol.Optional("country"): vol.Any(str, [str]),
        vol.Optional("homeassistant"): vol.Match(r"^\d{4}\.\d{1,2}\.\d+$"),
        vol.Optional("hacs"): str,
        vol.Optional("persistent_directory"): str,
        vol.Optional("render_readme"): bool,
    }
)


def test_manifest_and_hacs_json_follow_their_schemas() -> None:
    MANIFEST_SCHEMA(MANIFEST)
    hacs = json.loads((ROOT / "hacs.json").read_text())
    HACS_SCHEMA(hacs)
    # The minimum Home Assistant is the one the project supports and tests.
    assert hacs["homeassistant"] == "2025.4.0"


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({"domain": "lockout"}, "domain"),
        ({"codeowners": ["lockout-guard"]}, "codeowners"),
        ({"version": "latest"}, "version"),
        ({"iot_class": "polling"}, "iot_class"),
        ({"after_dependencies": ["zwave_js", "zwave_js"]}, "after_dependencies"),
    ],
)
def test_the_manifest_schema_refuses_what_hassfest_refuses(
    change: dict[str, object], refused: str
) -> None:
    with pytest.raises(vol.Invalid) as error:
        MANIFEST_SCHEMA(MANIFEST | change)
    assert refused in str(error.value)


def test_exactly_one_integration_is_shipped() -> None:
    # HACS installs one integration per repository: the development stand-ins live
    # under config/, not custom_components/.
    shipped = [
        path.parent.name
        for path in (ROOT / "custom_components").glob("*/manifest.json")
    ]
    assert shipped == [PACKAGE.name]


QUALITY_RULES = {
    "bronze": """action-setup appropriate-polling brands common-modules
        config-flow-test-coverage config-flow dependency-transparency docs-actions
        docs-high-level-description docs-installation-instructions
        docs-removal-instructions entity-event-setup entity-unique-id has-entity-name
        runtime-data test-before-configure test-before-setup unique-config-entry""",
    "silver": """action-exceptions config-entry-unloading docs-configuration-parameters
        docs-installation-parameters entity-unavailable integration-owner
        log-when-unavailable parallel-updates reauthentication-flow test-coverage""",
    "gold": """devices diagnostics discovery-update-info discovery docs-data-update
        docs-examples docs-known-limitations docs-supported-devices
        docs-supported-functions docs-troubleshooting docs-use-cases dynamic-devices
        entity-category entity-device-class entity-disabled-by-default
        entity-translations exception-translations icon-translations
        reconfiguration-flow repair-issues stale-devices""",
    "platinum": "async-dependency inject-websession strict-typing",
}


def test_quality_scale_answers_every_rule_and_explains_each_exemption() -> None:
    rules = load_yaml_dict(str(PACKAGE / "quality_scale.yaml"))["rules"]
    expected = {rule for tier in QUALITY_RULES.values() for rule in tier.split()}
    assert set(rules) == expected
    for rule, answer in rules.items():
        status = answer if isinstance(answer, str) else answer["status"]
        assert status in ("done", "exempt", "todo"), rule
        if status == "exempt":
            assert answer["comment"].strip(), f"{rule} is exempt without a reason"
