"""Words that know the person: counts said in the right number, and encouragement from the whole history.

Home and the end screen used to look at the current streak alone, so someone
with hundreds of sessions who missed a few days was greeted as a beginner.
Here the words read the whole story (days practised in all, the longest run,
the time away since the last practice day) and follow a few rules:

* beginner's words only for a person whose first day of practice is today;
* a return after time away is welcomed, never counted against anyone: the
  days away are not named, the days practised are;
* a run of days is told when there is one, with the longest run beside it
  when that was longer;
* nothing at all when the person has hidden their streaks.

`plural` is the one way Kindly says a count ("1 session", "2 sessions").
Everything here is a plain function of its arguments: no clock, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kindly.core.session_record import SessionRecord
from kindly.core.streaks import PRACTICE_DAY_MIN_S, StreakSummary, practised_by_date

# A person is welcomed back after this many days without practice (one day away is just yesterday).
AWAY_DAYS = 2
# After this long away, the welcome says it has been a while (gently: the days are not counted out).
LONG_AWAY_DAYS = 30


def plural(count: int, one: str, many: str | None = None) -> str:
    """`count` and its noun in the right number: plural(1, "session") is "1 session", 2 gives "2 sessions"."""
    noun = one if count == 1 else (many if many is not None else f"{one}s")
    return f"{count} {noun}"


@dataclass(frozen=True)
class PracticeStory:
    """What the words need of a person's history, as of one day."""

    practice_days: int  # days with a minute or more of practice, in all
    current_streak: int
    longest_streak: int
    days_away: int | None  # days since the last practice day (0: practised today; None: never)
    seconds_today: float  # practised today, whether or not it made a practice day yet
    total_sessions: int = 0
    hidden: bool = False  # streaks hidden by the person: no encouragement lines at all

    @property
    def practised_today(self) -> bool:
        """Today counts as a practice day (the same minute the streaks count by)."""
        return self.seconds_today >= PRACTICE_DAY_MIN_S

    @property
    def minutes_today(self) -> int:
        """Whole minutes practised today, to the nearest."""
        return int(self.seconds_today / 60.0 + 0.5)


def story_of(records: Iterable[SessionRecord], summary: StreakSummary, day_start_min: int = 0) -> PracticeStory:
    """The story of `records` as of `summary.as_of` (the summary the core computed from the same records)."""
    today = summary.as_of
    last: date | None = summary.last_practice_date
    return PracticeStory(
        practice_days=summary.practice_days,
        current_streak=summary.current_streak,
        longest_streak=summary.longest_streak,
        days_away=(today - last).days if last is not None else None,
        seconds_today=practised_by_date(records, day_start_min).get(today, 0.0),
        total_sessions=summary.total_sessions,
        hidden=summary.hidden,
    )


def encouragement(story: PracticeStory | None) -> str:
    """A kind line for home and the end screen ("" for none: hidden, unknown, or nothing practised yet)."""
    if story is None or story.hidden or story.practice_days <= 0:
        return ""
    days, current, longest = story.practice_days, story.current_streak, story.longest_streak
    if days == 1 and story.days_away == 0:
        return "Your first day of practice: a good beginning."
    away = story.days_away if story.days_away is not None else 0
    if days == 1:
        return "Welcome back. Whenever you are ready, today can be your second day of practice."
    if away >= LONG_AWAY_DAYS:
        return f"Welcome back. It has been a while, and that is all right: {plural(days, 'day')} of practice are yours."
    if away >= AWAY_DAYS:
        return f"Welcome back. {plural(days, 'day')} of practice so far, and every one of them still counts."
    if current >= 2:
        run = f"{plural(current, 'day')} of practice in a row"
        if longest > current:
            return f"{run}; your longest run is {plural(longest, 'day')}."
        return f"{run}. However today goes, it counts."
    if longest > 1:
        return f"{plural(days, 'day')} of practice in all; your longest run is {plural(longest, 'day')}."
    return f"{plural(days, 'day')} of practice in all. However today goes, it counts."


def practised_today_line(story: PracticeStory | None) -> str:
    """ "Practised today: 12 minutes" once today is a practice day; "" before."""
    if story is None or not story.practised_today:
        return ""
    return f"Practised today: {plural(story.minutes_today, 'minute')}"
