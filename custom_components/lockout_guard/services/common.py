"""What every action needs: the running hub, the locks a call is about, the admin check."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from homeassistant.auth.permissions.const import POLICY_CONTROL
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError, Unauthorized, UnknownUser
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.util import dt as dt_util
import voluptuous as vol

from custom_components.lockout_guard.const import DOMAIN
from custom_components.lockout_guard.hub import running_hub

if TYPE_CHECKING:
    from custom_components.lockout_guard.hub import LockoutGuardHub
    from custom_components.lockout_guard.monitoring.monitor import LockMonitor

ATTR_ENTITY_ID: Final = "entity_id"

# A dated event of a lock (new batteries, a rekey) before this is a typo, and the
# first years of the calendar cannot even be turned into a moment in every zone.
EARLIEST_DAY: Final = date(2000, 1, 1)

_ONE_LOCK = cv.entity_domain("lock")


def LOCK_ENTITY_ID(value: Any) -> str:  # noqa: N802 - a schema, named like one
    """A monitored lock is named by its lock entity id (as text, or a list of one).

    Home Assistant's validator raises TypeError for a number or a boolean, which
    would reach the caller as an unexpected error instead of a refused call.
    """
    if not isinstance(value, str) and not (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    ):
        raise vol.Invalid("expected the entity id of a lock")
    entity_id: str = _ONE_LOCK(value)
    return entity_id


def loaded_hub(hass: HomeAssistant) -> LockoutGuardHub:
    """The running hub; a translated error when it is not set up or not loaded."""
    if (hub := running_hub(hass)) is not None:
        return hub
    raise ServiceValidationError(
        translation_domain=DOMAIN, translation_key="hub_not_loaded"
    )


def monitor_of(hass: HomeAssistant, entity_id: str) -> LockMonitor:
    """The monitor of one lock; translated errors for unknown or unmonitored locks."""
    hub = loaded_hub(hass)
    for monitor in hub.monitors.values():
        if monitor.entity_id == entity_id:
            return monitor
    known = (
        hass.states.get(entity_id) is not None
        or er.async_get(hass).async_get(entity_id) is not None
    )
    raise ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key="lock_not_monitored" if known else "unknown_lock",
        translation_placeholders={"entity_id": entity_id},
    )


def monitors_of(hass: HomeAssistant, entity_id: str | None) -> list[LockMonitor]:
    """One lock's monitor, or every monitor when no lock is named."""
    if entity_id is not None:
        return [monitor_of(hass, entity_id)]
    return list(loaded_hub(hass).monitors.values())


async def require_admin(hass: HomeAssistant, call: ServiceCall) -> None:
    """Refuse a non-admin caller the admin-only field of an action open to everyone.

    Admin-only actions are registered with ``async_register_admin_service``; this
    checks the same way (Unauthorized, UnknownUser). Calls without a user
    (automations, scripts run by Home Assistant itself) act with the owner's
    authority, as Home Assistant's admin actions do.
    """
    admin = await async_is_admin(hass, call.context.user_id)
    if admin is None:
        raise UnknownUser(context=call.context, permission=POLICY_CONTROL)
    if not admin:
        raise Unauthorized(context=call.context, permission=POLICY_CONTROL)


async def async_is_admin(hass: HomeAssistant, user_id: str | None) -> bool | None:
    """Whether the user may change stored facts; None for a user that is gone.

    No user (an automation, a script run by Home Assistant itself) acts with the
    owner's authority.
    """
    if user_id is None:
        return True
    user = await hass.auth.async_get_user(user_id)
    return None if user is None else user.is_admin


def calendar_day(value: object) -> date:
    """A calendar day; a date-time (from a template or script) counts as its day."""
    if isinstance(value, datetime):
        return dt_util.as_local(value).date() if value.tzinfo else value.date()
    return cv.date(value)


def check_past_day(day: date, *, in_future: str, too_old: str) -> None:
    """Refuse a day in the future or before EARLIEST_DAY, with the given errors."""
    for refused, translation_key in (
        (day > dt_util.now().date(), in_future),
        (day < EARLIEST_DAY, too_old),
    ):
        if refused:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key=translation_key,
                translation_placeholders={"date": day.isoformat()},
            )


def require_key_cylinder(monitor: LockMonitor) -> None:
    """Refuse a key's action for a lock recorded as having no key cylinder.

    Without a cylinder no key opens it: the facts are wrong (reconfigure the
    lock), or the call names the wrong lock.
    """
    if monitor.facts.has_key_override is False:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_key_cylinder",
            translation_placeholders={
                "entity_id": monitor.entity_id,
                "lock_name": monitor.name,
            },
        )
