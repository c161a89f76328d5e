"""Words that know the person: from the whole history, never shaming, counts in the right number."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kindly.core.practice_words import PracticeStory, encouragement, plural, practised_today_line, story_of
from kindly.core.session_record import SessionRecord
from kindly.core.streaks import summarize

# 315 days of practice, the longest run 12 days, nothing yet today.
LONG_TIME = PracticeStory(practice_days=315, current_streak=0, longest_streak=12, days_away=3, seconds_today=0.0)
SHAMING = ("only", "again?", "missed", "broke", "lost", "failed", "should", "behind")


def test_a_returning_person_with_a_12_day_longest_streak_is_not_called_a_beginner() -> None:
    words = encouragement(replace(LONG_TIME, current_streak=1, days_away=0, seconds_today=600.0))
    assert words == "315 days of practice in all; your longest run is 12 days."
    assert "beginning" not in words and "first" not in words


def test_coming_back_after_days_away_is_welcomed_with_the_days_practised() -> None:
    assert encouragement(LONG_TIME) == "Welcome back. 315 days of practice so far, and every one of them still counts."


def test_after_a_long_time_away_the_welcome_counts_no_days_away() -> None:
    words = encouragement(replace(LONG_TIME, days_away=200))
    assert words.startswith("Welcome back. It has been a while, and that is all right")
    assert "200" not in words


def test_only_a_first_day_today_is_called_a_good_beginning() -> None:
    first = PracticeStory(practice_days=1, current_streak=1, longest_streak=1, days_away=0, seconds_today=300.0)
    assert encouragement(first) == "Your first day of practice: a good beginning."


def test_a_run_shorter_than_the_longest_names_both() -> None:
    story = replace(LONG_TIME, current_streak=3, days_away=0)
    assert encouragement(story) == "3 days of practice in a row; your longest run is 12 days."


def test_hidden_streaks_or_no_practice_yet_give_no_line() -> None:
    assert encouragement(replace(LONG_TIME, hidden=True)) == ""
    assert encouragement(PracticeStory(0, 0, 0, None, 0.0)) == ""
    assert encouragement(None) == ""


@given(
    days=st.integers(1, 5000),
    longest=st.integers(1, 400),
    current=st.integers(0, 400),
    away=st.integers(0, 3000),
)
def test_the_words_never_shame_and_never_call_a_practised_person_a_beginner(
    days: int, longest: int, current: int, away: int
) -> None:
    story = PracticeStory(days, min(current, longest), longest, away, 0.0)
    words = encouragement(story)
    assert words and not any(word in words.lower() for word in SHAMING)
    assert re.search(r"\b0\b", words) is None  # never a zero
    if days > 1:
        assert "beginning" not in words and "first" not in words
    assert re.search(r"\b1 days", words) is None


def test_practised_today_says_the_minutes_in_the_right_number() -> None:
    today = replace(LONG_TIME, days_away=0)
    assert practised_today_line(replace(today, seconds_today=720.0)) == "Practised today: 12 minutes"
    assert practised_today_line(replace(today, seconds_today=61.0)) == "Practised today: 1 minute"
    assert practised_today_line(replace(today, seconds_today=30.0)) == ""  # not yet a practice day


@given(count=st.integers(0, 10**6))
def test_plural_is_singular_for_one_alone(count: int) -> None:
    assert plural(count, "session") == (f"{count} session" if count == 1 else f"{count} sessions")


def test_plural_takes_an_irregular_form() -> None:
    assert (plural(1, "session has", "sessions have"), plural(2, "session has", "sessions have")) == (
        "1 session has",
        "2 sessions have",
    )


def test_the_story_reads_the_days_away_and_today_s_minutes_from_the_history() -> None:
    today = date(2026, 11, 25)

    def at(days_ago: int, minutes: float) -> SessionRecord:
        day = today - timedelta(days=days_ago)
        start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
        return SessionRecord(start, 0, minutes * 60, minutes * 60, None, True)

    records = [at(10, 5), at(9, 5), at(4, 10)]
    story = story_of(records, summarize(records, today))
    assert (story.practice_days, story.days_away, story.seconds_today) == (3, 4, 0.0)
    records.append(at(0, 12))
    story = story_of(records, summarize(records, today))
    assert (story.days_away, story.minutes_today, story.practised_today) == (0, 12, True)


def test_a_run_that_is_also_the_longest_is_told_as_counting_however_today_goes() -> None:
    story = PracticeStory(practice_days=9, current_streak=4, longest_streak=4, days_away=0, seconds_today=600.0)
    assert encouragement(story) == "4 days of practice in a row. However today goes, it counts."
