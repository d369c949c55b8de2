"""Generated lock, battery, low-flag and jam-sensor states, driving the real integration.

A Z-Wave JS lock (level sensor, low flag, jam sensor on its device) goes through
random sequences of reports, any text or number included, with time passing in
between. After each step nothing has raised, no entity of Lockout Guard is
unavailable, and the findings are the ones the risk rules give for what the lock
reported, computed here from the reports alone:

- battery: the last valid level and low flag count (silence keeps them) unless
  they are older than a detected replacement (a jump of 20 points);
- lock: ``jammed``, or a jam the sensor reported since the lock last worked;
  unavailable for 30 minutes or more;
- the plan, its ``risks`` and the risk sensor agree with the open issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
import math
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_DEVICE_CLASS, ATTR_UNIT_OF_MEASUREMENT
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
from hypothesis import example, given, settings, strategies as st
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.lockout_guard.const import DOMAIN

from .conftest import GENERATED_CASES, examples
from .lock_fixtures import LockFixture, add_matter_jam_lock, add_zwave_jam_lock
from .setup_helpers import setup_lock, state_of

PLAN = "sensor.front_door_lockout_plan"
RISK = "binary_sensor.front_door_lockout_risk"
LOW, CRITICAL = 30, 15
UNAVAILABLE_GRACE = timedelta(minutes=30)
BATTERY_SILENCE_GRACE = timedelta(minutes=30)
REPLACEMENT_JUMP = 20

_PLAN_BY_SEVERITY = {"warning": "attention", "error": "at_risk", "critical": "critical"}
_PLAN_ORDER = ["ready", "attention", "at_risk", "critical"]

text = st.text(max_size=10)
lock_states = st.one_of(
    st.sampled_from(
        [
            "locked",
            "unlocked",
            "locking",
            "unlocking",
            "jammed",
            "open",
            "opening",
            "unavailable",
            "unknown",
        ]
    ),
    text,
)
battery_values = st.one_of(
    st.integers(-20, 120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["unavailable", "unknown", "", "nan", "-inf", " 12 ", "1e1"]),
    text,
)
units = st.sampled_from(["%", "%", "%", None, "V"])
binary_states = st.one_of(
    st.sampled_from(["on", "off", "unavailable", "unknown"]), text
)
steps = st.lists(
    st.tuples(
        st.one_of(
            st.tuples(st.just("lock"), lock_states),
            st.tuples(st.just("battery"), battery_values, units),
            st.tuples(st.just("flag"), binary_states),
            st.tuples(st.just("jam"), binary_states),
        ),
        # Seconds until the step: every report has a moment of its own.
        st.integers(1, 2 * 3600),
    ),
    min_size=1,
    max_size=6,
)


def _level(value: Any, unit: str | None) -> float | None:
    """A battery percentage, as a lock reports one (SPEC: else 'not reporting')."""
    if unit not in (None, "%"):
        return None
    try:
        level = float(str(value))
    except ValueError:
        return None
    return level if math.isfinite(level) and 0 <= level <= 100 else None


@dataclass
class Reported:
    """What the lock reported so far, and what that means by the rules."""

    now: datetime
    lock_state: str = "locked"
    lock_unavailable_since: datetime | None = None
    jam_state: str = "off"
    jam_latched: bool = False
    level: float | None = None
    level_at: datetime | None = None
    level_silent_since: datetime | None = None
    flag: bool | None = None
    flag_at: datetime | None = None
    flag_state: str = "off"
    samples: list[tuple[datetime, float]] = field(default_factory=list)
    replaced_at: datetime | None = None

    def lock(self, state: str) -> None:
        old = self.lock_state
        if state != old:
            if state in ("locked", "unlocked") and old not in (
                "unavailable",
                "unknown",
            ):
                self.jam_latched = False
            self.lock_unavailable_since = self.now if state == "unavailable" else None
        self.lock_state = state

    def jam(self, state: str) -> None:
        if state == "on" and self.jam_state not in ("unavailable", "on"):
            self.jam_latched = True
        self.jam_state = state

    def battery(self, value: Any, unit: str | None) -> None:
        level = _level(value, unit)
        if level is None:
            self.level_silent_since = self.now
            return
        recent = [sample for _, sample in self.samples[-3:]]
        if recent and level - max(recent) >= REPLACEMENT_JUMP:
            self.replaced_at = self.samples[-1][0]
        self.samples.append((self.now, level))
        self.level, self.level_at, self.level_silent_since = level, self.now, None

    def low_flag(self, state: str) -> None:
        if state in ("on", "off"):
            self.flag, self.flag_at = state == "on", self.now
        self.flag_state = state

    def _counts(self, at: datetime | None) -> bool:
        return self.replaced_at is None or (at is not None and at > self.replaced_at)

    def expected(self) -> dict[str, bool]:
        level = self.level if self._counts(self.level_at) else None
        flag = self.flag if self._counts(self.flag_at) else None
        critical = flag is True or (level is not None and level <= CRITICAL)
        return {
            "battery_critical": critical,
            "battery_low": not critical and level is not None and level <= LOW,
            "lock_jammed": self.lock_state == "jammed" or self.jam_latched,
            "lock_unavailable": self.lock_unavailable_since is not None
            and self.now - self.lock_unavailable_since >= UNAVAILABLE_GRACE,
            "battery_not_reporting": self.level_silent_since is not None
            and self.now - self.level_silent_since >= BATTERY_SILENCE_GRACE,
        }


async def _apply(
    hass: HomeAssistant,
    lock: LockFixture,
    freezer: FrozenDateTimeFactory,
    reported: Reported,
    step: tuple[Any, ...],
    seconds: int,
) -> None:
    freezer.tick(timedelta(seconds=seconds))
    reported.now = dt_util.utcnow()
    async_fire_time_changed(hass)
    kind, value, *rest = step
    if kind == "lock":
        lock.set_state(value)
        reported.lock(value)
    elif kind == "battery":
        (unit,) = rest
        assert lock.battery_entity_id is not None
        attributes = {ATTR_DEVICE_CLASS: "battery"}
        if unit is not None:
            attributes[ATTR_UNIT_OF_MEASUREMENT] = unit
        hass.states.async_set(
            lock.battery_entity_id, str(value), attributes, force_update=True
        )
        reported.battery(value, unit)
    elif kind == "flag":
        lock.set_low_flag(value)
        reported.low_flag(value)
    else:
        lock.set_jam_signal(value)
        reported.jam(value)
    await hass.async_block_till_done()


def _check(hass: HomeAssistant, subentry_id: str, reported: Reported) -> None:
    plan, risk = state_of(hass, PLAN), state_of(hass, RISK)
    assert plan.state != "unavailable"
    assert risk.state != "unavailable"
    risks = set(plan.attributes["risks"])
    for risk_id, raised in reported.expected().items():
        assert (risk_id in risks) is raised, (risk_id, reported)
    issues = {
        issue_id: entry
        for (domain, issue_id), entry in ir.async_get(hass).issues.items()
        if domain == DOMAIN and issue_id.endswith(f"_{subentry_id}")
    }
    assert set(issues) == {f"{risk_id}_{subentry_id}" for risk_id in risks}
    assert risk.state == ("on" if risks else "off")
    worst = max(
        (_PLAN_BY_SEVERITY[str(entry.severity)] for entry in issues.values()),
        key=_PLAN_ORDER.index,
        default="ready",
    )
    assert plan.state == worst
    assert plan.attributes["battery_level"] == reported.level


@dataclass
class _World:
    """The lock and the hub, set up once for all examples of the test."""

    lock: LockFixture
    subentry_id: str
    reported: Reported


async def _world(hass: HomeAssistant, hass_storage: dict[str, Any]) -> _World:
    if (world := hass.data.get(__name__)) is not None:
        assert isinstance(world, _World)
        return world
    lock = add_zwave_jam_lock(hass, "front_door", "Front Door")
    _, subentry_id = await setup_lock(
        hass, hass_storage, lock.lock_entity_id, "Front Door"
    )
    reported = Reported(now=dt_util.utcnow())
    reported.battery(90, "%")
    world = hass.data[__name__] = _World(lock, subentry_id, reported)
    return world


@settings(max_examples=examples(300))
@given(start_level=st.integers(0, 100), sequence=steps)
# New cells while the flag says low: the old flag does not count after the jump.
@example(
    start_level=10,
    sequence=[
        (("flag", "on"), 60),
        (("battery", 10, "%"), 60),
        (("battery", 10, "%"), 60),
        (("battery", 60, "%"), 60),
    ],
)
async def test_reported_states_give_the_findings_of_the_rules(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    start_level: int,
    sequence: list[tuple[tuple[Any, ...], int]],
) -> None:
    GENERATED_CASES["readings: lock, battery, low flag, jam sensor"] += 1
    world = await _world(hass, hass_storage)
    lock, reported = world.lock, world.reported
    # Back to a lock that works and reports: the jam sensor clears, the lock
    # operates twice (which clears a jam whatever it showed), a valid level.
    for step in (("jam", "off"), ("lock", "unlocked"), ("lock", "locked")):
        await _apply(hass, lock, freezer, reported, step, 1)
    await _apply(hass, lock, freezer, reported, ("battery", start_level, "%"), 1)
    await _apply(hass, lock, freezer, reported, ("flag", "off"), 1)
    _check(hass, world.subentry_id, reported)
    for step, seconds in sequence:
        await _apply(hass, lock, freezer, reported, step, seconds)
        _check(hass, world.subentry_id, reported)


# A Matter lock whose alarm event entity reports jams: any state, any event type.
event_states = st.one_of(
    st.integers(0, 10**6).map(lambda seconds: f"@{seconds}"),  # a real moment
    st.sampled_from(
        [
            "2026-02-30T10:00:00+00:00",
            "2026-13-01T00:00:00+00:00",
            "2026-06-15T25:61:00",
            "unknown",
            "unavailable",
            "",
        ]
    ),
    st.text(alphabet="abcxyz_ -", max_size=8),
)
event_types = st.one_of(
    st.sampled_from(["lock_jammed", "door_jammed", "lock_factory_reset", None]),
    st.text(max_size=8),
    st.integers(),
)
event_steps = st.lists(
    st.one_of(
        st.tuples(st.just("lock"), lock_states),
        st.tuples(st.just("event"), event_states, event_types),
    ),
    min_size=1,
    max_size=6,
)


@dataclass
class _Jams:
    state: str = "unknown"
    latched: bool = False
    lock_state: str = "locked"

    def event(self, state: str, event_type: object) -> None:
        old = self.state
        if old not in ("unavailable", state) and _is_moment(state):
            self.latched |= event_type in ("lock_jammed", "door_jammed")
        self.state = state

    def lock(self, state: str) -> None:
        old = self.lock_state
        if state in ("locked", "unlocked") and old not in (
            "unavailable",
            "unknown",
            state,
        ):
            self.latched = False
        self.lock_state = state


def _is_moment(state: str) -> bool:
    try:
        return dt_util.parse_datetime(state) is not None
    except ValueError:
        return False


@settings(max_examples=examples(200))
@given(sequence=event_steps)
async def test_jam_events_of_any_shape_give_the_findings_of_the_rules(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    sequence: list[tuple[Any, ...]],
) -> None:
    GENERATED_CASES["readings: jam event entity"] += 1
    if (world := hass.data.get(f"{__name__}.events")) is None:
        lock = add_matter_jam_lock(hass, "front_door", "Front Door")
        await setup_lock(hass, hass_storage, lock.lock_entity_id, "Front Door")
        world = hass.data[f"{__name__}.events"] = (lock, _Jams())
    lock, jams = world
    for step in (("lock", "unlocked"), ("lock", "locked")):
        lock.set_state(step[1])
        jams.lock(step[1])
    await hass.async_block_till_done()
    for kind, value, *rest in sequence:
        if kind == "lock":
            lock.set_state(value)
            jams.lock(value)
        else:
            state = (
                (dt_util.utcnow() + timedelta(seconds=int(value[1:]))).isoformat()
                if value.startswith("@")
                else value
            )
            lock.set_jam_signal(state, event_type=rest[0])
            jams.event(state, rest[0])
        await hass.async_block_till_done()
        plan = state_of(hass, PLAN)
        assert plan.state != "unavailable"
        expected = jams.lock_state == "jammed" or jams.latched
        assert ("lock_jammed" in plan.attributes["risks"]) is expected, jams
