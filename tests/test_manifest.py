"""The manifest, hacs.json and licence follow the rules hassfest and HACS check."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from homeassistant.const import Platform

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
