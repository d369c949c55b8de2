"""The packages import only downwards, as the README's tree says."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "custom_components" / "lockout_guard"
ROOT = "custom_components.lockout_guard"

# What each package may import of the integration (itself always). The platform
# files, the hub, the flows and the actions sit on top and may use any of them.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "storage": {"core", "const"},
    "battery": {"storage", "core", "const"},
    "codes": {"storage", "core", "const"},
    "alerts": {"storage", "core", "const"},
    "monitoring": {"alerts", "battery", "codes", "storage", "core", "const"},
}


def _imported_packages(path: Path, package: str) -> set[str]:
    """The top-level parts of the integration that a module imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0 and node.module and node.module.startswith(f"{ROOT}."):
            found.add(node.module.removeprefix(f"{ROOT}.").split(".")[0])
        elif node.level > 0:
            depth = len(path.relative_to(PACKAGE).parts) - 1
            if node.level > depth:
                # Reaches above its own package: name what it reaches.
                found.add((node.module or "").split(".")[0])
            else:
                found.add(package)
    return found


def test_imports_only_point_down() -> None:
    wrong: list[str] = []
    for package, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / package).rglob("*.py")):
            wrong.extend(
                f"{path.relative_to(PACKAGE)} imports {imported}"
                for imported in _imported_packages(path, package) - allowed - {package}
            )
    assert wrong == []


def test_the_check_sees_the_imports() -> None:
    # The rule above would pass on a parser that finds nothing.
    module = PACKAGE / "battery" / "battery_type.py"
    assert _imported_packages(module, "battery") >= {"core"}
    monitor = PACKAGE / "monitoring" / "monitor.py"
    assert {"alerts", "battery", "codes"} <= _imported_packages(monitor, "monitoring")
