"""Benchmark of Lockout Guard on a real Home Assistant (run through scripts/bench).

The performance goals live here, not in timed tests: a busy CI machine must not
fail the suite, but a change that makes the monitor slow or chatty shows here.
Goals (per SPEC "quiet and fast"):
- state changes of entities no lock depends on cause no evaluation at all;
- a battery report of one lock evaluates that lock once, not the others;
- setting up a home of many locks takes under a second per 50 locks (two entities
  each), unloading it under a second per 100.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
import logging
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The project's integration must be imported before the test plugin's own
# ``custom_components`` package can shadow it.
from homeassistant import loader  # noqa: E402
from homeassistant.core import HomeAssistant  # noqa: E402
from pytest_homeassistant_custom_component.common import (  # noqa: E402
    MockConfigEntry,
    async_test_home_assistant,
)

import custom_components.lockout_guard  # noqa: E402
from custom_components.lockout_guard.const import DOMAIN  # noqa: E402
from custom_components.lockout_guard.monitor import LockMonitor  # noqa: E402
from tests.lock_fixtures import LockFixture, add_zwave_lock  # noqa: E402
from tests.setup_helpers import READY_FACTS  # noqa: E402


@dataclass
class Goal:
    """One measured value and the limit it must stay within."""

    name: str
    value: float
    limit: float
    unit: str

    @property
    def met(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        mark = "ok  " if self.met else "FAIL"
        return (
            f"{mark} {self.name}: {self.value:.3f} {self.unit} (goal <= {self.limit:g})"
        )


@contextmanager
def counted_evaluations() -> Iterator[Callable[[], int]]:
    """Count LockMonitor evaluations while the block runs."""
    calls = 0
    original = LockMonitor.async_evaluate

    def counting(self: LockMonitor, *, force_write: bool = False) -> None:
        nonlocal calls
        calls += 1
        original(self, force_write=force_write)

    LockMonitor.async_evaluate = counting  # type: ignore[method-assign]
    try:
        yield lambda: calls
    finally:
        LockMonitor.async_evaluate = original  # type: ignore[method-assign]


def _hub_entry(locks: list[LockFixture]) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title="Lockout Guard",
        data={},
        subentries_data=[
            {
                "data": {"lock_entity_id": lock.lock_entity_id, **READY_FACTS},
                "subentry_type": "lock",
                "title": lock.name,
                "unique_id": lock.lock_entity_id,
            }
            for lock in locks
        ],
    )


async def _bench(hass: HomeAssistant, lock_count: int, changes: int) -> list[Goal]:
    goals: list[Goal] = []
    locks = [
        add_zwave_lock(hass, f"door_{index}", f"Door {index}", battery=90)
        for index in range(lock_count)
    ]
    entry = _hub_entry(locks)
    entry.add_to_hass(hass)

    started = time.perf_counter()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    setup_seconds = time.perf_counter() - started
    # Setting up includes creating two entities per lock on its device.
    goals.append(
        Goal(f"setup of {lock_count} locks", setup_seconds, lock_count / 50, "s")
    )

    with counted_evaluations() as evaluations:
        started = time.perf_counter()
        for index in range(changes):
            hass.states.async_set(f"sensor.unrelated_{index % 50}", str(index))
        await hass.async_block_till_done()
        unrelated_seconds = time.perf_counter() - started
        goals.append(
            Goal(f"evaluations for {changes} unrelated changes", evaluations(), 0, "")
        )
    goals.append(
        Goal("time per unrelated change", unrelated_seconds / changes * 1000, 0.5, "ms")
    )

    with counted_evaluations() as evaluations:
        started = time.perf_counter()
        for index in range(changes):
            lock = locks[index % lock_count]
            lock.set_battery(90 - index % 40)
            await hass.async_block_till_done()
        battery_seconds = time.perf_counter() - started
        goals.append(
            Goal("evaluations per battery report", evaluations() / changes, 1, "")
        )
    goals.append(
        Goal("time per battery report", battery_seconds / changes * 1000, 5, "ms")
    )

    started = time.perf_counter()
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    goals.append(
        Goal(
            f"unload of {lock_count} locks",
            time.perf_counter() - started,
            lock_count / 100,
            "s",
        )
    )
    return goals


async def _main(lock_count: int, changes: int) -> int:
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as config_dir:
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
            goals = await _bench(hass, lock_count, changes)
            await hass.async_stop(force=True)
    for goal in goals:
        print(goal.line())
    failed = [goal for goal in goals if not goal.met]
    print(f"{len(goals) - len(failed)} of {len(goals)} goals met")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locks", type=int, default=100)
    parser.add_argument("--changes", type=int, default=2000)
    args: Any = parser.parse_args(argv)
    assert custom_components.lockout_guard.__file__ is not None
    return asyncio.run(_main(args.locks, args.changes))


if __name__ == "__main__":
    sys.exit(main())
