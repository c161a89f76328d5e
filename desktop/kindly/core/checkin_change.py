"""A person's own change over the weeks, from their check-ins: weekly means, and words that never grade.

What the person sees is their own change told as an observation ("higher
after practice than before, in most sessions"), and the weekly means
`kindly stats --json` prints. Never a score, a norm or a comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kindly.core.checkin import CheckIn
from kindly.core.practice_words import plural
from kindly.core.session_record import SessionRecord
from kindly.core.streaks import last_mondays, session_date, week_start

# How many weeks the words on the stats page look back over.
SUMMARY_WEEKS = 4
# The words speak of a change only with this many sessions answered before and after: one or two
# pairs say nothing true about a person ("every time you checked in" after a single check-in).
PAIRS_TO_SPEAK = 3


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


def weekly_checkins(records: Iterable[SessionRecord], day_start_min: int = 0) -> list[CheckInWeek]:
    """A row for every week with a check-in, oldest first; the week a session counts for is its practice date's."""
    weeks: dict[date, list[SessionRecord]] = {}
    for record in records:
        if record.checkin_before is not None or record.checkin_after is not None:
            weeks.setdefault(week_start(session_date(record, day_start_min)), []).append(record)
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
    first = last_mondays(today, weeks)[0]
    pairs = [
        (r.checkin_before, r.checkin_after)
        for r in records
        if r.checkin_before is not None
        and r.checkin_after is not None
        and first <= session_date(r, day_start_min) <= today
    ]
    kinder = sum(1 for before, after in pairs if after.kindness > before.kindness)
    easier = sum(1 for before, after in pairs if after.ease > before.ease)
    if len(pairs) < PAIRS_TO_SPEAK:
        text = _not_yet(len(pairs))
    else:
        span = _span(records, first, today, day_start_min)
        if kinder == easier == len(pairs):
            text = (
                f"Over {span}, every time you checked in, you were kinder to yourself and more at ease after "
                "practice than before."
            )
        else:
            kindness = _how_often(kinder, len(pairs), _KINDER)
            ease = _how_often(easier, len(pairs), _EASIER)
            text = f"Over {span}, {kindness}; {ease}."
        if kinder * 2 <= len(pairs) and easier * 2 <= len(pairs):
            text += " Some days practice feels like nothing changes; showing up still counts."
    return ChangeInWords(text, len(pairs), kinder, easier)


def _not_yet(paired: int) -> str:
    """Before there are enough pairs: what the words wait for, and how many more, without hurry."""
    more = PAIRS_TO_SPEAK - paired
    so_far = f"So far {plural(paired, 'session has', 'sessions have')} both; {more} more will do. " if paired else ""
    return (
        f"A few words about your check-ins will appear here once {PAIRS_TO_SPEAK} sessions within four weeks have "
        f"one before and after. {so_far}They are yours alone, and there is no right answer."
    )


def _span(records: Sequence[SessionRecord], first: date, today: date, day_start_min: int) -> str:
    """ "these four weeks", or "this week" when the check-ins began more recently.

    Asked only once there are pairs to speak of, so at least one check-in falls between `first` and `today`.
    """
    dates = [
        session_date(r, day_start_min)
        for r in records
        if (r.checkin_before or r.checkin_after) and first <= session_date(r, day_start_min) <= today
    ]
    weeks = (week_start(today) - week_start(min(dates))).days // 7 + 1
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
