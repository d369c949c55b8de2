"""A silent battery is as low as it last said, not recovered and not forgotten.

Battery sources go quiet often: a Z-Wave lock asleep, a bridge restarting, the
cells being swapped. While the level or the low flag is silent, the engine keeps
seeing the last value each of them reported, with the time it was reported, so a
lock at 9 % that goes ``unavailable`` stays critical, and a low flag that went
``off`` while the level was silent is not brought back ``on`` by a later
``unknown``. Whether a value still counts after new batteries is decided from
those times (``risks.context.current_battery_level``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .models import BatteryReading


@dataclass(frozen=True, kw_only=True)
class LastKnownBattery:
    """The last level and low flag a lock's battery reported, each with its time."""

    level: float | None = None
    level_reported: datetime | None = None
    low_flag: bool | None = None
    low_flag_reported: datetime | None = None


def carry_last_known(
    reading: BatteryReading, known: LastKnownBattery
) -> tuple[BatteryReading, LastKnownBattery]:
    """Return the reading with silent values filled in, and what is known now.

    A value that arrives replaces the known one; a silent one is taken from what
    was known, with the time it was reported.
    """
    level: float | None
    low_flag: bool | None
    if reading.level is not None:
        level, level_reported = reading.level, reading.last_reported
    else:
        level, level_reported = known.level, known.level_reported
    if reading.low_flag is not None:
        low_flag, low_flag_reported = reading.low_flag, reading.low_flag_reported
    else:
        low_flag, low_flag_reported = known.low_flag, known.low_flag_reported
    now_known = LastKnownBattery(
        level=level,
        level_reported=level_reported,
        low_flag=low_flag,
        low_flag_reported=low_flag_reported,
    )
    # A flag beside a level may be unknown while the level reports: carried too.
    carried = replace(reading, low_flag=low_flag, low_flag_reported=low_flag_reported)
    if reading.silent_since is not None:
        carried = replace(
            carried,
            level=level,
            # The last valid report of the source: its level's, else its flag's.
            last_reported=level_reported if level is not None else low_flag_reported,
        )
    return carried, now_known
