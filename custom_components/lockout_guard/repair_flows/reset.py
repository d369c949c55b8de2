"""The post-reset checklist: the repair of ``codes_cleared``.

A reset wipes codes and app pairings, and whoever reset the lock may have had
access it should not keep. One form per step, each confirmed by the owner;
finishing the last step ends the pending reset. Re-entering the PINs is checked
against the lock: while its source still counts no code, the step is refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.data_entry_flow import FlowResult
import voluptuous as vol

from custom_components.lockout_guard.monitoring.monitor import LockMonitor

from .flows import LockoutGuardRepairFlow

# In the order a locksmith would give them after a reset.
CHECKLIST: tuple[str, ...] = (
    "reenter_pins",
    "readd_app_users",
    "change_master_pin",
    "review_codes",
    "check_cloud_logins",
)


class ResetChecklistRepairFlow(LockoutGuardRepairFlow):
    """Walk the post-reset checklist one confirmed step at a time."""

    first_step = CHECKLIST[0]

    async def async_step_reenter_pins(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Re-enter every PIN: refused while the lock still counts no code."""
        if (monitor := self.monitor) is None:
            return self._gone()
        errors: dict[str, str] = {}
        if user_input is not None:
            await monitor.code_counter.async_recount()
            # The lock may have been reconfigured meanwhile: ask its monitor now.
            if (monitor := self.monitor) is None:
                return self._gone()
            counter = monitor.code_counter
            if counter.codes == 0:
                errors["base"] = "codes_still_empty"
            elif (
                counter.codes is None
                and counter.source is not None
                and counter.source.reads_device
            ):
                # The lock was asked and did not answer (asleep, out of range):
                # that confirms nothing. Without such a source nothing can check.
                errors["base"] = "codes_unreadable"
            else:
                return await self._next(monitor, "reenter_pins")
        return self._form("reenter_pins", errors)

    async def async_step_readd_app_users(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Re-add the app users the reset removed."""
        return await self._confirm("readd_app_users", user_input)

    async def async_step_change_master_pin(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Change the master (programming) PIN."""
        return await self._confirm("change_master_pin", user_input)

    async def async_step_review_codes(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Review every active code and the access log."""
        return await self._confirm("review_codes", user_input)

    async def async_step_check_cloud_logins(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Check the cloud account's login history; the last step."""
        return await self._confirm("check_cloud_logins", user_input)

    async def _confirm(
        self, step: str, user_input: dict[str, Any] | None
    ) -> FlowResult:
        if (monitor := self.monitor) is None:
            return self._gone()
        if user_input is not None:
            return await self._next(monitor, step)
        return self._form(step, {})

    async def _next(self, monitor: LockMonitor, step: str) -> FlowResult:
        index = CHECKLIST.index(step) + 1
        if index < len(CHECKLIST):
            step_method: Callable[[], Awaitable[FlowResult]] = getattr(
                self, f"async_step_{CHECKLIST[index]}"
            )
            return await step_method()
        monitor.record.reset_pending = False
        return self._confirmed(monitor)

    def _form(self, step: str, errors: dict[str, str]) -> FlowResult:
        return self.async_show_form(
            step_id=step,
            data_schema=vol.Schema({}),
            errors=errors,
            description_placeholders=self._placeholders(),
        )
