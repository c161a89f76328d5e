"""Check-ins: answers from 0 to 10, weekly means by the practice date's Monday, and change told in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kindly.core.checkin import CheckIn
from kindly.core.checkin_change import change_in_words, weekly_checkins
from kindly.core.errors import KindlyInputError
from kindly.core.session_record import SessionRecord

MONDAY = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)


def session(day: int, before: tuple[int, int] | None, after: tuple[int, int] | None, hour: int = 0) -> SessionRecord:
    return SessionRecord(
        MONDAY + timedelta(days=day, hours=hour),
        0,
        600.0,
        600.0,
        checkin_before=CheckIn(*before) if before else None,
        checkin_after=CheckIn(*after) if after else None,
    )


@pytest.mark.parametrize("answer", [11, -1, 5.5, True, "7", None])
def test_an_answer_must_be_a_whole_number_from_0_to_10(answer: object) -> None:
    with pytest.raises(KindlyInputError, match="is not a whole number from 0 to 10"):
        CheckIn(answer, 5)  # type: ignore[arg-type]


def test_0_and_10_are_answers() -> None:
    assert CheckIn(0, 10).as_json() == {"kindness": 0, "ease": 10}


def test_each_week_with_checkins_gets_the_means_before_and_after() -> None:
    weeks = weekly_checkins([session(0, (2, 4), (6, 6)), session(2, (4, 4), (8, 7)), session(3, None, None)])
    assert [w.as_json() for w in weeks] == [
        {
            "week": "2026-09-07",
            "before": {"kindness": 3.0, "ease": 4.0},
            "after": {"kindness": 7.0, "ease": 6.5},
            "count": 2,
        }
    ]


def test_a_week_without_checkins_has_no_row() -> None:
    weeks = weekly_checkins([session(0, (2, 4), None), session(14, None, (5, 5))])
    assert [w.week for w in weeks] == [date(2026, 9, 7), date(2026, 9, 21)]


def test_only_the_moments_answered_are_averaged() -> None:
    (week,) = weekly_checkins([session(0, (2, 4), None), session(1, None, (9, 9))])
    assert (week.before and week.before.count, week.after and week.after.count, week.count) == (1, 1, 2)


def test_a_session_early_on_monday_belongs_to_the_week_before_when_the_day_starts_later() -> None:
    early = SessionRecord(datetime(2026, 9, 14, 3, 0, tzinfo=UTC), 0, 600, 600, checkin_after=CheckIn(5, 5))
    assert [w.week for w in weekly_checkins([early], day_start_min=4 * 60)] == [date(2026, 9, 7)]


def test_kinder_after_in_most_sessions_is_said_as_most_sessions() -> None:
    records = [session(d, (3, 3), (6, 4)) for d in range(3)] + [session(3, (5, 5), (5, 6))]
    words = change_in_words(records, date(2026, 9, 10))
    assert "your kindness toward yourself was higher after practice than before in most sessions (3 of 4)" in words.text
    assert words.text.startswith("Over this week,")


def test_no_change_is_told_without_blame() -> None:
    records = [session(d, (5, 5), (5, 5)) for d in range(0, 21, 3)]
    text = change_in_words(records, date(2026, 9, 27)).text
    assert "much the same" in text and "showing up still counts" in text
    assert "three weeks" in text
    for judgement in ("score", "worse", "fail", "should", "grade", "%"):
        assert judgement not in text


def test_only_the_last_four_weeks_are_told() -> None:
    old = [session(0, (1, 1), (9, 9))]
    recent = [session(40, (6, 6), (5, 5))]
    words = change_in_words(old + recent, date(2026, 10, 20))
    assert (words.paired, words.kinder_after) == (1, 0)


def test_without_paired_checkins_the_words_invite_and_never_judge() -> None:
    text = change_in_words([session(0, (4, 4), None)], date(2026, 9, 8)).text
    assert "no right answer" in text


def test_kinder_and_easier_every_time_is_said_once() -> None:
    text = change_in_words([session(d, (3, 3), (6, 6)) for d in range(3)], date(2026, 9, 10)).text
    assert text == (
        "Over this week, every time you checked in, you were kinder to yourself and more at ease after practice "
        "than before."
    )


def test_the_words_wait_for_three_pairs_and_say_how_many_more() -> None:
    two = change_in_words([session(d, (3, 3), (6, 6)) for d in range(2)], date(2026, 9, 10))
    assert "every time" not in two.text and "So far 2 sessions have both; 1 more will do." in two.text
    three = change_in_words([session(d, (3, 3), (6, 6)) for d in range(3)], date(2026, 9, 10))
    assert three.text.startswith("Over this week, every time you checked in")


def test_ease_that_rose_every_time_while_kindness_stayed_is_told_for_each() -> None:
    text = change_in_words([session(d, (5, 3), (5, 6)) for d in range(3)], date(2026, 9, 10)).text
    assert text == (
        "Over this week, how kindly you met yourself was much the same before and after; "
        "you felt more at ease afterwards every time you checked in."
    )


def test_kinder_after_in_fewer_than_half_the_sessions_is_said_with_the_count() -> None:
    records = [session(0, (3, 3), (6, 3))] + [session(d, (5, 5), (5, 5)) for d in range(1, 4)]
    text = change_in_words(records, date(2026, 9, 10)).text
    assert "your kindness toward yourself was higher after practice than before in 1 of 4 sessions" in text
