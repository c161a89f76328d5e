"""When the daily reminder is next due: a time of day on the local calendar, DST and all.

The reminder means "at 19:00 on the clock on the wall", so the next due
instant is found on local dates and local times and only then turned into an
instant. Across a DST change the gap between two reminders is 23 or 25 hours,
never a reminder at 18:00 or 20:00. A time that does not exist that day (in
the hour skipped when clocks go forward) is read by the clock before the
change (02:30 rings at 03:30); a time that happens twice (clocks go back) is
taken the first time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from kindly.core.errors import KindlyInputError

_HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)\Z", re.ASCII)


@dataclass(frozen=True)
class TimeOfDay:
    hour: int
    minute: int

    @staticmethod
    def parse(text: str) -> TimeOfDay:
        """`HH:MM` on a 24-hour clock, e.g. `07:30` or `19:00`."""
        match = _HH_MM.match(text.strip())
        if match is None:
            raise KindlyInputError(f"reminder time {text!r} is not a time of day written HH:MM (00:00 to 23:59)")
        return TimeOfDay(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


def next_due(after: float, at: TimeOfDay, zone: tzinfo | None = None) -> float:
    """The first instant strictly after `after` (Unix seconds) when the local clock reads `at`.

    Args:
        after: the instant to start from, as the wall clock gives it.
        at: the time of day of the reminder.
        zone: the local time zone; None is the machine's own (with its DST rules).
    """
    local_now = _local(after, zone)
    day = local_now.date()
    for offset in range(3):  # today, tomorrow, or (DST edge at midnight) the day after
        candidate = _instant(datetime(day.year, day.month, day.day, at.hour, at.minute) + timedelta(days=offset), zone)
        if candidate > after:
            return candidate
    raise AssertionError("a time of day always comes round within three days")


def _local(instant: float, zone: tzinfo | None) -> datetime:
    """The naive local wall-clock reading at `instant`."""
    if zone is None:
        return datetime.fromtimestamp(instant)
    return datetime.fromtimestamp(instant, zone).replace(tzinfo=None)


def _instant(local: datetime, zone: tzinfo | None) -> float:
    """The instant a naive local reading names (fold 0: the first of a repeated hour)."""
    if zone is None:
        return local.timestamp()
    return local.replace(tzinfo=zone).timestamp()
