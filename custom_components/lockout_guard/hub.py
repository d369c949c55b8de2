"""The hub's runtime: stored confirmations and the monitors of the watched locks."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN, SUBENTRY_TYPE_LOCK
from .facts import options_from_mapping
from .store import LockoutGuardStore

type LockoutGuardConfigEntry = ConfigEntry[LockoutGuardHub]


class LockoutGuardHub:
    """Everything the hub entry runs, kept in ``entry.runtime_data``."""

    def __init__(self, hass: HomeAssistant, entry: LockoutGuardConfigEntry) -> None:
        """Prepare; nothing runs until async_start."""
        self.hass = hass
        self.entry = entry
        self.options = options_from_mapping(entry.options)
        self.store = LockoutGuardStore(hass)

    @property
    def lock_subentry_ids(self) -> list[str]:
        """The subentries that are monitored locks."""
        return [
            subentry_id
            for subentry_id, subentry in self.entry.subentries.items()
            if subentry.subentry_type == SUBENTRY_TYPE_LOCK
        ]

    async def async_start(self) -> None:
        """Load stored confirmations; drop those of locks no longer monitored."""
        await self.store.async_load()
        current = set(self.lock_subentry_ids)
        for subentry_id in self.store.lock_ids() - current:
            self.store.forget_lock(subentry_id)

    @callback
    def async_stop(self) -> None:
        """Stop everything started by async_start."""

    @staticmethod
    async def async_remove_everything(hass: HomeAssistant) -> None:
        """Forget stored data and delete every issue of the integration."""
        await LockoutGuardStore(hass).async_remove()
        registry = ir.async_get(hass)
        for domain, issue_id in list(registry.issues):
            if domain == DOMAIN:
                ir.async_delete_issue(hass, DOMAIN, issue_id)
