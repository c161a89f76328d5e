"""Check-ins: how kindly a person is treating themselves and how at ease they feel, 0-10, before and after.

A check-in belongs to one session and to nobody else: it is never compared
with anyone, never scored, never turned into a grade. What the person sees
is their own change told in words ("higher after practice than before, in
most sessions"), and the weekly means `kindly stats --json` prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from kindly.core.errors import KindlyInputError

if TYPE_CHECKING:
    from kindly.core.session_record import SessionRecord

SCALE_MIN = 0
SCALE_MAX = 10
Moment = Literal["before", "after"]
MOMENTS: tuple[Moment, ...] = ("before", "after")
QUESTIONS = ("kindness", "ease")

# Original wording, asked the same way before and after so the two can be set side by side.
KINDNESS_QUESTION = "How kindly are you treating yourself right now?"
KINDNESS_ENDS = ("harshly", "very kindly")
EASE_QUESTION = "How at ease do you feel?"
EASE_ENDS = ("not at all", "completely")
# How many weeks the words on the stats page look back over.
SUMMARY_WEEKS = 4


@dataclass(frozen=True)
class CheckIn:
    """Two answers from 0 to 10, given in a few seconds."""

    kindness: int
    ease: int

    def __post_init__(self) -> None:
        for name in QUESTIONS:
            check_answer(getattr(self, name), name)

    def as_json(self) -> dict[str, int]:
        return {"kindness": self.kindness, "ease": self.ease}


def check_answer(value: object, name: str) -> int:
    """An answer is a whole number from 0 to 10 (never a bool, never 11 or -1)."""
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise KindlyInputError(f"{name} {value!r} is not a whole number from {SCALE_MIN} to {SCALE_MAX}")
    return value


@dataclass(frozen=True)
class Means:
    """The mean answers of one week's check-ins at one moment (before or after)."""

    kindness: float
    ease: float
    count: int

    def as_json(self) -> dict[str, float]:
        return {"kindness": round(self.kindness, 2), "ease": round(self.ease, 2)}


@dataclass(frozen=True)
class CheckInWeek:
    """One week (from its Monday) of check-ins: the means before and after, and how many sessions had one."""

    week: date
    before: Means | None
    after: Means | None
    count: int

    def as_json(self) -> dict[str, object]:
        return {
            "week": self.week.isoformat(),
            "before": self.before.as_json() if self.before else None,
            "after": self.after.as_json() if self.after else None,
            "count": self.count,
        }


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_checkins(records: Iterable[SessionRecord], day_start_min: int = 0) -> list[CheckInWeek]:
    """A row for every week with a check-in, oldest first; the week a session counts for is its practice date's."""
    from kindly.core.streaks import session_date

    weeks: dict[date, list[SessionRecord]] = {}
    for record in records:
        if record.checkin_before is not None or record.checkin_after is not None:
            weeks.setdefault(monday_of(session_date(record, day_start_min)), []).append(record)
    return [
        CheckInWeek(
            week=monday,
            before=_means(r.checkin_before for r in sessions),
            after=_means(r.checkin_after for r in sessions),
            count=len(sessions),
        )
        for monday, sessions in sorted(weeks.items())
    ]


def _means(answers: Iterable[CheckIn | None]) -> Means | None:
    given = [a for a in answers if a is not None]
    if not given:
        return None
    return Means(
        kindness=sum(a.kindness for a in given) / len(given),
        ease=sum(a.ease for a in given) / len(given),
        count=len(given),
    )


@dataclass(frozen=True)
class ChangeInWords:
    """What the stats page says about the last few weeks of check-ins, in one or two gentle sentences."""

    text: str
    paired: int  # sessions with both a before and an after check-in in those weeks
    kinder_after: int  # of those, how many were kinder after than before
    easier_after: int


def change_in_words(
    records: Sequence[SessionRecord], today: date, day_start_min: int = 0, weeks: int = SUMMARY_WEEKS
) -> ChangeInWords:
    """The person's own change over the last `weeks` weeks, told as an observation, never a grade."""
    from kindly.core.streaks import session_date

    first = monday_of(today) - timedelta(weeks=weeks - 1)
    pairs = [
        (r.checkin_before, r.checkin_after)
        for r in records
        if r.checkin_before is not None
        and r.checkin_after is not None
        and first <= session_date(r, day_start_min) <= today
    ]
    kinder = sum(1 for before, after in pairs if after.kindness > before.kindness)
    easier = sum(1 for before, after in pairs if after.ease > before.ease)
    span = _span(records, first, today, day_start_min)
    if not pairs:
        text = (
            "Check-ins gather here when you answer them before and after a session. They are yours alone, "
            "and there is no right answer."
        )
    else:
        kindness = _how_often(kinder, len(pairs), _KINDER)
        ease = _how_often(easier, len(pairs), _EASIER)
        text = f"Over {span}, {kindness}; {ease}."
        if kinder * 2 <= len(pairs) and easier * 2 <= len(pairs):
            text += " Some days practice feels like nothing changes; showing up still counts."
    return ChangeInWords(text, len(pairs), kinder, easier)


def _span(records: Sequence[SessionRecord], first: date, today: date, day_start_min: int) -> str:
    """ "these four weeks", or "this week" when the check-ins began more recently."""
    from kindly.core.streaks import session_date

    dates = [
        session_date(r, day_start_min)
        for r in records
        if (r.checkin_before or r.checkin_after) and first <= session_date(r, day_start_min) <= today
    ]
    if not dates:
        return "these weeks"
    weeks = (monday_of(today) - monday_of(min(dates))).days // 7 + 1
    if weeks == 1:
        return "this week"
    names = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
    return f"these {names.get(weeks, str(weeks))} weeks"


# What changed, and what to say when it did not.
_KINDER = (
    "your kindness toward yourself was higher after practice than before",
    "how kindly you met yourself was much the same before and after",
)
_EASIER = ("you felt more at ease afterwards", "your ease was much the same afterwards")


def _how_often(count: int, total: int, words: tuple[str, str]) -> str:
    changed, same = words
    if count == total:
        return f"{changed} every time you checked in"
    if count * 2 > total:
        return f"{changed} in most sessions ({count} of {total})"
    if count == 0:
        return same
    return f"{changed} in {count} of {total} sessions"
