"""Helpers of scripts/develop, run with the development venv's Python.

requirements CONFIG: print, one a line, the packages the development instance needs
    that are missing, pinned as the manifests of the installed Home Assistant say.
prepare CONFIG USERNAME PASSWORD: create the owner (admin) account if it does not exist
    and mark onboarding as done, through Home Assistant's own auth and storage code, so
    the instance opens on the login page instead of the onboarding wizard.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
import sys
from typing import TYPE_CHECKING, Any

from homeassistant import bootstrap
from homeassistant.auth import auth_manager_from_config
from homeassistant.auth.const import GROUP_ID_ADMIN
from homeassistant.auth.providers import homeassistant as hass_auth
import homeassistant.components
from homeassistant.components import onboarding
from homeassistant.components.onboarding.const import STEPS
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util.package import is_installed
from homeassistant.util.yaml import load_yaml_dict

if TYPE_CHECKING:
    from collections.abc import Iterable

CORE_COMPONENTS = Path(homeassistant.components.__path__[0])

# Set up by Home Assistant whatever the configuration says.
ALWAYS_LOADED = ("CORE_INTEGRATIONS", "DEFAULT_INTEGRATIONS")


def manifest(config: Path, domain: str) -> dict[str, Any] | None:
    for base in (config / "custom_components", CORE_COMPONENTS):
        path = base / domain / "manifest.json"
        if path.is_file():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    return None


def needed_requirements(config: Path) -> list[str]:
    """Requirements of the configured and default integrations and their deps."""
    configured = load_yaml_dict(config / "configuration.yaml")
    pending: list[str] = [str(key).split(" ")[0] for key in configured]
    for name in ALWAYS_LOADED:
        pending.extend(getattr(bootstrap, name, ()))
    seen: set[str] = set()
    requirements: list[str] = []
    while pending:
        domain = pending.pop()
        if domain in seen:
            continue
        seen.add(domain)
        data = manifest(config, domain)
        if data is None:
            continue
        requirements.extend(data.get("requirements", ()))
        pending.extend(data.get("dependencies", ()))
    return sorted(set(requirements))


def missing(requirements: Iterable[str]) -> list[str]:
    return [
        requirement for requirement in requirements if not is_installed(requirement)
    ]


async def prepare(config: Path, username: str, password: str) -> None:
    """Create the owner account and finish onboarding (both idempotent)."""
    hass = HomeAssistant(str(config))
    await asyncio.gather(dr.async_load(hass), er.async_load(hass))
    hass.auth = await auth_manager_from_config(hass, [{"type": "homeassistant"}], [])
    provider = hass.auth.auth_providers[0]
    assert isinstance(provider, hass_auth.HassAuthProvider)
    await provider.async_initialize()
    assert provider.data is not None
    known = {user["username"] for user in provider.data.users}
    if username not in known:
        provider.data.add_auth(username, password)
        await provider.data.async_save()
        credentials = await provider.async_get_or_create_credentials(
            {"username": username}
        )
        user = await hass.auth.async_create_user(
            "Developer", group_ids=[GROUP_ID_ADMIN]
        )
        await hass.auth.async_link_user(user, credentials)
        print(f"Created the owner account {username!r}.")

    store = onboarding.OnboardingStorage(
        hass, onboarding.STORAGE_VERSION, onboarding.STORAGE_KEY, private=True
    )
    data = await store.async_load() or {"done": []}
    if set(STEPS) - set(data["done"]):
        data["done"] = list(dict.fromkeys([*data["done"], *STEPS]))
        await store.async_save(data)
        print("Marked onboarding as done.")

    # Writes what the auth store still holds back (it saves with a delay).
    logging.getLogger("homeassistant.core").setLevel(logging.WARNING)
    await hass.async_stop(force=True)


def main(argv: list[str]) -> int:
    match argv:
        case ["requirements", config]:
            print("\n".join(missing(needed_requirements(Path(config)))))
        case ["prepare", config, username, password]:
            asyncio.run(prepare(Path(config), username, password))
        case _:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
