"""A practice session as history keeps it: the facts streaks, stats and exports are built from.

The start is an instant in UTC together with the UTC offset in force where the
session began, so the local calendar date it belongs to never changes when the
user later travels, DST flips, or the machine's clock is set backwards.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from kindly.core.checkin import MOMENTS, CheckIn, Moment
from kindly.core.errors import KindlyInputError
from kindly.core.user_numbers import as_written, exact

# ISO 8601 allows offsets up to ±18:00 (real zones span -12:00 to +14:00).
MAX_OFFSET_MIN = 18 * 60
# A recorded session lasts at most a day; the timer itself stops at four hours.
MAX_SESSION_S = 24 * 3600.0
# Less than this was a slip of the finger, not a session: not kept, not counted.
SESSION_MIN_S = 1.0
# A session stopped this early into its plan (the warm-up counted, pauses not) was a start abandoned,
# a mis-click: it leaves no row at all.
ABANDONED_WITHIN_S = 15.0
# Streaks reckon dates a few days either side of a session's local date: starts in
# these years keep every such date inside what Python's dates can hold.
START_YEARS = range(1900, 9000)
# \Z, not $: "$" also matches before a final newline, and a newline in an id breaks every export.
_PRACTICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z", re.ASCII)
_ZONE_NAME = re.compile(r"^[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*\Z", re.ASCII)


@dataclass(frozen=True)
class SessionRecord:
    """One session, practised here or recorded by hand.

    `practice` is None for a silent timer; `zone` is the IANA zone name when it
    was known; `id` is the store's row id (None until stored); the check-ins
    are the person's answers before and after, when they gave them.
    """

    start_utc: datetime
    utc_offset_min: int
    planned_s: float
    practised_s: float
    practice: str | None = None
    completed: bool = False
    zone: str | None = None
    id: int | None = None
    checkin_before: CheckIn | None = None
    checkin_after: CheckIn | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.start_utc, datetime) or self.start_utc.utcoffset() is None:
            raise KindlyInputError(f"session start {self.start_utc!r} has no UTC offset")
        object.__setattr__(self, "start_utc", _utc_start(self.start_utc))
        if isinstance(self.utc_offset_min, bool) or not isinstance(self.utc_offset_min, int):
            raise KindlyInputError(f"UTC offset {self.utc_offset_min!r} is not a whole number of minutes")
        if abs(self.utc_offset_min) > MAX_OFFSET_MIN:
            raise KindlyInputError(f"UTC offset of {self.utc_offset_min} minutes is out of range (±18:00)")
        for label, value in (("planned", self.planned_s), ("practised", self.practised_s)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise KindlyInputError(f"{label} seconds {value!r} is not a number")
            if not 0 <= exact(value) <= exact(MAX_SESSION_S):  # as written: 86400.00000000001 is past it
                raise KindlyInputError(f"{label} seconds of {as_written(value)} is out of range (0-86400)")
        object.__setattr__(self, "planned_s", float(self.planned_s))
        object.__setattr__(self, "practised_s", float(self.practised_s))
        if self.practice is not None:
            check_practice_id(self.practice)
        if not isinstance(self.completed, bool):
            raise KindlyInputError(f"completed {self.completed!r} is not true or false")
        zone = self.zone
        if zone is not None and (not isinstance(zone, str) or len(zone) > 64 or not _ZONE_NAME.match(zone)):
            raise KindlyInputError(f"time zone name {self.zone!r} is not an IANA zone name")
        for moment in MOMENTS:
            answer = self.checkin(moment)
            if answer is not None and not isinstance(answer, CheckIn):
                raise KindlyInputError(f"check-in {moment} {answer!r} is not a check-in")

    def checkin(self, moment: Moment) -> CheckIn | None:
        """The check-in given `moment` the session ("before" or "after"), if one was."""
        return self.checkin_before if moment == "before" else self.checkin_after

    def local_start(self) -> datetime:
        """The wall-clock time where the session began (naive: it belongs to that place only)."""
        return (self.start_utc + timedelta(minutes=self.utc_offset_min)).replace(tzinfo=None)

    def content(self) -> tuple[object, ...]:
        """The session itself, without its row id or check-ins: two sessions with equal content are
        the same session (imported again after its check-ins were deleted, it is not a second one)."""
        return (
            self.start_utc,
            self.utc_offset_min,
            self.zone,
            self.planned_s,
            self.practised_s,
            self.practice,
            self.completed,
        )


def abandoned_start(elapsed_s: float, completed: bool) -> bool:
    """Whether a session that ended `elapsed_s` into its plan was a start abandoned (a mis-click).

    Only a session stopped early can be one: a session the end bell finished is kept whatever its length.
    """
    return not completed and elapsed_s < ABANDONED_WITHIN_S


def describe_start_years() -> str:
    return f"years {START_YEARS[0]}-{START_YEARS[-1]}"


def _utc_start(start: datetime) -> datetime:
    try:
        utc = start.astimezone(UTC)
    except OverflowError:  # before year 1 or after 9999 in UTC
        utc = None
    if utc is None or utc.year not in START_YEARS:
        raise KindlyInputError(f"session start {start.isoformat()} is out of range ({describe_start_years()})")
    return utc


def format_utc(instant: datetime) -> str:
    """A UTC instant as Kindly writes it: fixed-width ISO 8601 with microseconds and `Z` (text order is time order)."""
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def check_practice_id(practice: object) -> str:
    """A practice id is a short word of letters, digits, `.`, `_` and `-`."""
    if not isinstance(practice, str) or not _PRACTICE_ID.match(practice):
        raise KindlyInputError(f"practice id {practice!r} is not valid (letters, digits, '.', '_' or '-')")
    return practice


def local_date(local_time: datetime, day_start_min: int = 0) -> date:
    """The calendar date a local wall-clock time belongs to when the day starts `day_start_min` after midnight."""
    return (local_time - timedelta(minutes=day_start_min)).date()
