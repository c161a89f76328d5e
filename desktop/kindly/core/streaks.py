"""Kind streaks: practice days, the current and the longest streak, and a warm word after a gap.

The rules (see the product contract):

* A session belongs to the local calendar date of its start, by the UTC offset
  recorded when it began. With a later day start (up to 06:00) a session that
  began before that hour belongs to the previous date.
* A practice day is a date with at least 60 s practised in total.
* The current streak as of day D counts the practice days of the run ending at
  D, or at D-1 while D has none yet ("today is still open"); otherwise 0.
* Rest days (off by default, at most two a week) keep a streak alive without
  adding to it. "A week" is any 7 consecutive calendar days: a streak stays
  alive while no 7-day window inside it holds more than the allowed number of
  days without practice. Only the days from the streak's first practice day
  on count, so a new streak never pays for the days before it began.
  Practising more can therefore never shorten a streak.

Everything here is a plain function of the sessions and an "as of" date: no
clock is read, so the same history always gives the same answer.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kindly.core.errors import KindlyInputError
from kindly.core.session_record import SESSION_MIN_S, SessionRecord, local_date

PRACTICE_DAY_MIN_S = 60.0
DAY_START_MAX_MIN = 6 * 60
REST_DAYS_MAX = 2
WEEK_DAYS = 7
_DAY_START = re.compile(r"([0-9]{1,2}):([0-9]{2})\Z", re.ASCII)

# Said, one a day, after a day without practice. Warm, never a verdict, never a promise of results.
KIND_WORDS: tuple[str, ...] = (
    "Welcome back. A day away is part of practising too.",
    "Rest is part of the rhythm too. Whenever you are ready, one breath is a fine place to begin.",
    "Nothing to make up for. You can simply start again from here.",
    "Life gets full. It is good to see you, just as you are today.",
    "Every sitting begins afresh, and so can this one, gently.",
    "You showed up again, and that is what practice is.",
)


@dataclass(frozen=True)
class StreakSettings:
    """How a user wants streaks counted and shown."""

    day_start_min: int = 0
    rest_days_per_week: int = 0
    hidden: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.day_start_min, bool) or not isinstance(self.day_start_min, int):
            raise KindlyInputError(f"day start {self.day_start_min!r} is not a whole number of minutes")
        if not 0 <= self.day_start_min <= DAY_START_MAX_MIN:
            raise KindlyInputError(f"day start {format_day_start(self.day_start_min)} is out of range (00:00-06:00)")
        if isinstance(self.rest_days_per_week, bool) or not isinstance(self.rest_days_per_week, int):
            raise KindlyInputError(f"rest days {self.rest_days_per_week!r} is not a whole number")
        if not 0 <= self.rest_days_per_week <= REST_DAYS_MAX:
            raise KindlyInputError(f"rest days of {self.rest_days_per_week} a week is out of range (0-2)")


@dataclass(frozen=True)
class StreakSummary:
    """What `kindly stats` and the stats view show, as of one date."""

    as_of: date
    current_streak: int
    longest_streak: int
    practice_days: int
    total_sessions: int
    total_minutes: float
    last_practice_date: date | None
    practised_today: bool
    hidden: bool
    kind_word: str | None


def parse_day_start(text: str) -> int:
    """`HH:MM` from 00:00 to 06:00, as minutes after midnight."""
    written = _DAY_START.match(text.strip())
    if written is None:  # ASCII digits only: a full-width 05:00 is no time here
        raise KindlyInputError(f"day start {text!r} is not a time like 04:30")
    hours, minutes = int(written.group(1)), int(written.group(2))
    value = hours * 60 + minutes
    if minutes >= 60 or not 0 <= value <= DAY_START_MAX_MIN:
        raise KindlyInputError(f"day start {text!r} is out of range (00:00-06:00)")
    return value


def format_day_start(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def week_start(day: date) -> date:
    """The Monday of `day`'s week: the week every weekly figure (minutes, check-ins) is counted in."""
    return day - timedelta(days=day.weekday())


def last_mondays(today: date, weeks: int) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, this week's last."""
    this_week = week_start(today)
    return [this_week - timedelta(weeks=weeks - 1 - k) for k in range(weeks)]


def session_date(record: SessionRecord, day_start_min: int = 0) -> date:
    """The date a session counts for: its local start date, by the offset recorded at its start."""
    return local_date(record.local_start(), day_start_min)


def practised_by_date(records: Iterable[SessionRecord], day_start_min: int = 0) -> dict[date, float]:
    """Seconds practised on each date, whatever order the sessions come in."""
    totals: dict[date, float] = {}
    for record in records:
        day = session_date(record, day_start_min)
        totals[day] = totals.get(day, 0.0) + record.practised_s
    return totals


def practice_days(records: Iterable[SessionRecord], day_start_min: int = 0) -> list[date]:
    """The dates with at least 60 s practised in total, oldest first."""
    totals = practised_by_date(records, day_start_min)
    return sorted(day for day, seconds in totals.items() if seconds >= PRACTICE_DAY_MIN_S)


def streaks(days: Iterable[date], as_of: date, rest_days_per_week: int = 0) -> tuple[int, int]:
    """(current, longest) streak as of `as_of`, from practice days in any order; later days are ignored."""
    ordered = sorted({day for day in days if day <= as_of})
    scan = _StreakScan(rest_days_per_week)
    longest = 0
    for day in ordered:
        scan.add_practice_day(day)
        longest = max(longest, scan.length)
    if not ordered or ordered[-1] == as_of:
        return scan.length, longest
    # Today is still open: the days since the last practice, up to yesterday, may only be rest days.
    alive = scan.admit_rest_days(_dates_between(ordered[-1], as_of))
    return (scan.length if alive else 0), longest


def kind_word(days: Iterable[date], as_of: date) -> str | None:
    """A warm line when the day before `as_of` went without practice after earlier practice; else None.

    The line depends only on the date, so it is the same all day and changes from day to day.
    """
    earlier = {day for day in days if day < as_of}
    if not earlier or as_of - timedelta(days=1) in earlier:
        return None
    return KIND_WORDS[as_of.toordinal() % len(KIND_WORDS)]


def summarize(records: Sequence[SessionRecord], as_of: date, settings: StreakSettings | None = None) -> StreakSummary:
    """Streaks and totals over the sessions that belong to `as_of` or earlier."""
    settings = settings or StreakSettings()
    counted = [record for record in records if session_date(record, settings.day_start_min) <= as_of]
    days = practice_days(counted, settings.day_start_min)
    current, longest = streaks(days, as_of, settings.rest_days_per_week)
    return StreakSummary(
        as_of=as_of,
        current_streak=current,
        longest_streak=longest,
        practice_days=len(days),
        total_sessions=sum(1 for record in counted if record.practised_s >= SESSION_MIN_S),
        total_minutes=sum(record.practised_s for record in counted) / 60.0,
        last_practice_date=days[-1] if days else None,
        practised_today=bool(days) and days[-1] == as_of,
        hidden=settings.hidden,
        kind_word=kind_word(days, as_of),
    )


def _dates_between(first: date, last: date) -> list[date]:
    """The dates strictly after `first` and strictly before `last`."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days)]


class _StreakScan:
    """The streak that reaches the latest practice day seen, with the earliest start it can have.

    Rest days inside the streak are kept in order; each new one is checked
    against the 7 days ending on it (the only windows it can newly overfill),
    and while that window holds too many the streak's first practice day is
    let go. Starting later never lets more rest days in, so this earliest
    start is also the one that gives the longest streak.
    """

    def __init__(self, rest_days_per_week: int) -> None:
        self.limit = rest_days_per_week
        self.days: deque[date] = deque()
        self.rest: deque[date] = deque()

    @property
    def length(self) -> int:
        return len(self.days)

    def add_practice_day(self, day: date) -> None:
        if self.days and not self.admit_rest_days(_dates_between(self.days[-1], day)):
            self.days.clear()
            self.rest.clear()
        self.days.append(day)

    def admit_rest_days(self, gap: list[date]) -> bool:
        """Let consecutive days without practice into the streak; False if they break it."""
        if len(gap) > self.limit:
            return False
        for rest_day in gap:
            self.rest.append(rest_day)
            while self._rest_in_week_ending(rest_day) > self.limit:
                self.days.popleft()
                while self.rest[0] < self.days[0]:
                    self.rest.popleft()
        return True

    def _rest_in_week_ending(self, day: date) -> int:
        week_start = day - timedelta(days=WEEK_DAYS - 1)
        count = 0
        for rest_day in reversed(self.rest):
            if rest_day < week_start:
                break
            count += 1
        return count
