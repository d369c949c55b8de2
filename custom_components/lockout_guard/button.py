"""Buttons: what the actions do, one press away on the lock's (or the hub's) device.

Per lock: "Batteries replaced", "Recheck", "Send test alert" and "Report a lost
key"; on the hub: "Record a tenant change". A button that changes stored facts
follows the actions' rule: only an administrator may press it. Anyone else gets
a translated error and nothing is stored. A press by Home Assistant itself (an
automation, a script) acts with the owner's authority, as the actions do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .entity import LockoutGuardHubEntity, LockoutGuardLockEntity
from .hub import LockoutGuardConfigEntry, LockoutGuardHub
from .monitoring.monitor import LockMonitor
from .services.common import async_is_admin, require_key_cylinder
from .services.key_control import (
    async_record_key_lost,
    async_record_tenant_change,
    keyed_monitors,
)

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class LockButtonDescription(ButtonEntityDescription):
    """A button about one lock."""

    press_fn: Callable[[LockoutGuardHub, LockMonitor], Awaitable[None]]
    admin_only: bool = True


async def _battery_replaced(hub: LockoutGuardHub, monitor: LockMonitor) -> None:
    monitor.async_battery_replaced(dt_util.now().date())
    monitor.async_evaluate()


async def _recheck(hub: LockoutGuardHub, monitor: LockMonitor) -> None:
    await monitor.async_recheck()
    hub.async_evaluate_home()


async def _send_test_alert(hub: LockoutGuardHub, monitor: LockMonitor) -> None:
    (result,) = await hub.drills.async_start_drills([monitor])
    if result.failed:
        # The drill runs (its event went out); the message did not arrive.
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="drill_notify_failed",
            translation_placeholders={"targets": ", ".join(result.failed)},
        )


async def _report_key_lost(hub: LockoutGuardHub, monitor: LockMonitor) -> None:
    require_key_cylinder(monitor)
    async_record_key_lost(hub, monitor)


LOCK_BUTTONS: tuple[LockButtonDescription, ...] = (
    LockButtonDescription(
        key="battery_replaced",
        translation_key="battery_replaced",
        entity_category=EntityCategory.CONFIG,
        press_fn=_battery_replaced,
    ),
    LockButtonDescription(
        key="recheck",
        translation_key="recheck",
        entity_category=EntityCategory.DIAGNOSTIC,
        press_fn=_recheck,
        # Reading everything again changes no fact: anyone may.
        admin_only=False,
    ),
    LockButtonDescription(
        key="send_test_alert",
        translation_key="send_test_alert",
        entity_category=EntityCategory.DIAGNOSTIC,
        press_fn=_send_test_alert,
    ),
    LockButtonDescription(
        key="report_key_lost",
        translation_key="report_key_lost",
        entity_category=EntityCategory.CONFIG,
        press_fn=_report_key_lost,
    ),
)

TENANT_CHANGE = ButtonEntityDescription(
    key="record_tenant_change",
    translation_key="record_tenant_change",
    entity_category=EntityCategory.CONFIG,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LockoutGuardConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the hub's button and each lock's buttons (in the lock's subentry)."""
    hub = entry.runtime_data
    async_add_entities([TenantChangeButton(hub, TENANT_CHANGE)])

    @callback
    def add_lock_buttons(monitor: LockMonitor) -> None:
        async_add_entities(
            [LockButton(hub, monitor, description) for description in LOCK_BUTTONS],
            config_subentry_id=monitor.subentry_id,
        )

    hub.async_add_entity_factory(add_lock_buttons)


async def _require_admin(hass: HomeAssistant, user_id: str | None) -> None:
    """Refuse a press by a user who is not an administrator."""
    if not await async_is_admin(hass, user_id):
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="button_admin_only"
        )


class LockButton(LockoutGuardLockEntity, ButtonEntity):
    """A button about one lock."""

    entity_description: LockButtonDescription

    async def async_added_to_hass(self) -> None:
        """A button shows when it was last pressed: the lock's changes do not matter."""

    async def async_press(self) -> None:
        """Act on the lock's current monitor."""
        if self.entity_description.admin_only:
            await _require_admin(self.hass, self._context_user_id())
        await self.entity_description.press_fn(self._hub, self.monitor)

    def _context_user_id(self) -> str | None:
        return self._context.user_id if self._context else None


class TenantChangeButton(LockoutGuardHubEntity, ButtonEntity):
    """New people live here: every keyed lock should be rekeyed."""

    async def async_added_to_hass(self) -> None:
        """A button shows when it was last pressed: the home's changes do not matter."""

    async def async_press(self) -> None:
        """Record the tenant change for every lock with a key cylinder."""
        user_id = self._context.user_id if self._context else None
        await _require_admin(self.hass, user_id)
        if not (monitors := keyed_monitors(self.hub)):
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="no_keyed_locks"
            )
        async_record_tenant_change(self.hub, monitors)
