"""The streak rules of the contract, one example each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.session_record import SessionRecord
from kindly.core.streaks import (
    KIND_WORDS,
    StreakSettings,
    kind_word,
    parse_day_start,
    practice_days,
    streaks,
    summarize,
)

NOV = lambda day: date(2026, 11, day)  # noqa: E731 - a short name keeps the examples readable


def session(local: str, offset_min: int = 0, practised_s: float = 600.0) -> SessionRecord:
    """A session that began at local wall time `local` where the offset was `offset_min`."""
    wall = datetime.fromisoformat(local)
    start = (wall - timedelta(minutes=offset_min)).replace(tzinfo=UTC)
    return SessionRecord(start, offset_min, planned_s=practised_s, practised_s=practised_s, completed=True)


def test_a_day_needs_sixty_seconds_in_total() -> None:
    assert practice_days([session("2026-11-02T08:00", practised_s=59.9)]) == []


def test_short_sessions_on_one_day_add_up_to_a_practice_day() -> None:
    records = [session("2026-11-02T08:00", practised_s=30), session("2026-11-02T21:00", practised_s=30)]
    assert practice_days(records) == [NOV(2)]


def test_a_session_belongs_to_its_local_date_by_the_offset_recorded_at_its_start() -> None:
    late_evening_in_new_york = session("2026-11-02T23:30", offset_min=-300)
    assert late_evening_in_new_york.start_utc.date() == NOV(3)
    assert practice_days([late_evening_in_new_york]) == [NOV(2)]


def test_with_a_later_day_start_an_early_session_belongs_to_the_previous_date() -> None:
    assert practice_days([session("2026-11-03T03:59")], day_start_min=4 * 60) == [NOV(2)]


def test_with_a_later_day_start_a_session_at_that_hour_belongs_to_its_own_date() -> None:
    assert practice_days([session("2026-11-03T04:00")], day_start_min=4 * 60) == [NOV(3)]


def test_today_is_still_open_so_the_streak_counts_to_yesterday() -> None:
    assert streaks([NOV(1), NOV(2), NOV(3)], as_of=NOV(4)) == (3, 3)


def test_practising_today_adds_today_to_the_streak() -> None:
    assert streaks([NOV(1), NOV(2), NOV(3), NOV(4)], as_of=NOV(4)) == (4, 4)


def test_a_whole_day_missed_ends_the_current_streak() -> None:
    assert streaks([NOV(1), NOV(2), NOV(3)], as_of=NOV(5)) == (0, 3)


def test_the_longest_streak_is_the_longest_run_ever() -> None:
    days = [NOV(1), NOV(2), NOV(3), NOV(4), NOV(6), NOV(7)]
    assert streaks(days, as_of=NOV(7)) == (2, 4)


def test_days_after_the_as_of_date_are_not_counted() -> None:
    assert streaks([NOV(1), NOV(2), NOV(3), NOV(4)], as_of=NOV(2)) == (2, 2)


def test_without_rest_days_a_single_gap_breaks_the_streak() -> None:
    assert streaks([NOV(1), NOV(2), NOV(4)], as_of=NOV(4)) == (1, 2)


def test_a_rest_day_keeps_a_streak_alive_without_adding_to_it() -> None:
    assert streaks([NOV(1), NOV(2), NOV(4)], as_of=NOV(4), rest_days_per_week=1) == (3, 3)


def test_a_second_rest_day_within_seven_days_breaks_a_one_rest_day_streak() -> None:
    # Rest on the 2nd and the 8th: the 7 days from the 2nd to the 8th hold two.
    days = [NOV(1), NOV(3), NOV(4), NOV(5), NOV(6), NOV(7), NOV(9)]
    assert streaks(days, as_of=NOV(9), rest_days_per_week=1) == (6, 6)


def test_rest_days_seven_days_apart_both_keep_the_streak() -> None:
    days = [NOV(1), NOV(3), NOV(4), NOV(5), NOV(6), NOV(7), NOV(8), NOV(10)]
    assert streaks(days, as_of=NOV(10), rest_days_per_week=1) == (8, 8)


def test_two_rest_days_a_week_allow_two_in_a_row_but_not_three() -> None:
    assert streaks([NOV(1), NOV(4)], as_of=NOV(4), rest_days_per_week=2) == (2, 2)
    assert streaks([NOV(1), NOV(5)], as_of=NOV(5), rest_days_per_week=2) == (1, 1)


def test_a_new_streak_does_not_pay_for_days_before_it_began() -> None:
    # Nothing for weeks, then practice on the 20th, a rest on the 21st, practice on the 22nd.
    assert streaks([NOV(1), NOV(20), NOV(22)], as_of=NOV(22), rest_days_per_week=1) == (2, 2)


def test_while_today_is_open_the_days_since_the_last_practice_may_be_rest_days() -> None:
    assert streaks([NOV(1), NOV(2)], as_of=NOV(5), rest_days_per_week=2) == (2, 2)
    assert streaks([NOV(1), NOV(2)], as_of=NOV(6), rest_days_per_week=2) == (0, 2)


def test_no_history_gives_no_streaks() -> None:
    assert streaks([], as_of=NOV(5)) == (0, 0)


def test_a_kind_word_follows_a_missed_day() -> None:
    assert kind_word([NOV(1), NOV(2)], as_of=NOV(4)) in KIND_WORDS


def test_a_kind_word_greets_a_return_after_a_gap() -> None:
    assert kind_word([NOV(1), NOV(4)], as_of=NOV(4)) in KIND_WORDS


def test_no_kind_word_is_needed_when_yesterday_was_practised() -> None:
    assert kind_word([NOV(1), NOV(3)], as_of=NOV(4)) is None


def test_no_kind_word_for_someone_who_has_not_practised_yet() -> None:
    assert kind_word([], as_of=NOV(4)) is None


def test_the_kind_word_is_the_same_all_day_and_varies_from_day_to_day() -> None:
    words = {kind_word([NOV(1)], as_of=NOV(day)) for day in range(3, 3 + len(KIND_WORDS))}
    assert kind_word([NOV(1)], as_of=NOV(9)) == kind_word([NOV(1)], as_of=NOV(9))
    assert len(words) == len(KIND_WORDS)


@pytest.mark.parametrize("line", KIND_WORDS)
def test_kind_words_never_shame_or_promise_cures(line: str) -> None:
    harsh = ("fail", "lost", "broke", "reset", "shame", "should", "must", "lazy", "cure", "heal", "anxiety", "depress")
    assert not [word for word in harsh if word in line.lower()]


def test_the_summary_counts_sessions_minutes_and_days_up_to_the_as_of_date() -> None:
    records = [
        session("2026-11-01T08:00", practised_s=600),
        session("2026-11-02T08:00", practised_s=30),
        session("2026-11-03T08:00", practised_s=300),
        session("2026-11-09T08:00", practised_s=900),
    ]
    summary = summarize(records, as_of=NOV(4))
    assert (summary.total_sessions, summary.total_minutes, summary.practice_days) == (3, 15.5, 2)
    assert (summary.current_streak, summary.longest_streak, summary.last_practice_date) == (1, 1, NOV(3))
    assert not summary.practised_today


def test_the_summary_carries_the_choice_to_hide_streaks() -> None:
    assert summarize([], as_of=NOV(4), settings=StreakSettings(hidden=True)).hidden


def test_the_summary_uses_the_day_start_setting() -> None:
    records = [session("2026-11-02T08:00"), session("2026-11-04T02:00")]
    assert summarize(records, as_of=NOV(3), settings=StreakSettings(day_start_min=180)).current_streak == 2


@pytest.mark.parametrize(("text", "minutes"), [("00:00", 0), ("4:30", 270), ("06:00", 360)])
def test_a_day_start_is_read_as_hours_and_minutes(text: str, minutes: int) -> None:
    assert parse_day_start(text) == minutes


@pytest.mark.parametrize("text", ["06:01", "7:00", "4", "4:5", "04:60", "-1:00", "four"])
def test_a_day_start_outside_midnight_to_six_is_refused(text: str) -> None:
    with pytest.raises(KindlyInputError, match="day start"):
        parse_day_start(text)


@pytest.mark.parametrize("text", ["０５:００", "٠٥:٠٠", "0５:00", "05:0٠", "๐๕:๐๐"])
def test_a_day_start_is_written_with_the_ascii_digits_only(text: str) -> None:
    """Full-width "０５:００" was read as 05:00: another script's digits are no time here."""
    with pytest.raises(KindlyInputError, match="is not a time like 04:30"):
        parse_day_start(text)


def test_more_than_two_rest_days_a_week_are_refused() -> None:
    with pytest.raises(KindlyInputError, match="rest days of 3 a week is out of range"):
        StreakSettings(rest_days_per_week=3)


def test_a_day_start_after_six_is_refused_in_settings() -> None:
    with pytest.raises(KindlyInputError, match="day start 06:30 is out of range"):
        StreakSettings(day_start_min=390)


def test_a_session_of_under_a_second_is_not_counted_as_a_session() -> None:
    records = [session("2026-11-02T08:00", practised_s=0.5), session("2026-11-02T09:00", practised_s=120)]
    assert summarize(records, as_of=NOV(2)).total_sessions == 1


def test_flying_west_across_the_date_line_does_not_make_one_date_count_twice() -> None:
    evening_in_tokyo = session("2026-11-02T20:00", offset_min=9 * 60)
    morning_in_honolulu = session("2026-11-02T08:00", offset_min=-10 * 60)  # later in UTC, same local date
    next_day_in_honolulu = session("2026-11-03T08:00", offset_min=-10 * 60)
    assert morning_in_honolulu.start_utc > evening_in_tokyo.start_utc
    assert streaks(practice_days([evening_in_tokyo, morning_in_honolulu, next_day_in_honolulu]), NOV(3)) == (2, 2)


def test_flying_east_past_midnight_does_not_break_a_streak() -> None:
    late_in_new_york = session("2026-11-02T21:00", offset_min=-300)
    next_evening_in_paris = session("2026-11-03T20:00", offset_min=60)  # 18 h later, but only one date later
    assert streaks(practice_days([late_in_new_york, next_evening_in_paris]), NOV(3)) == (2, 2)


def test_the_night_the_clocks_go_back_a_session_at_the_repeated_hour_keeps_its_date() -> None:
    # Europe/London, 2026-10-25: 01:30 happens twice, first at +01:00 then at +00:00.
    first = session("2026-10-25T01:30", offset_min=60)
    second = session("2026-10-25T01:30", offset_min=0)
    assert practice_days([first, second]) == [date(2026, 10, 25)]


def test_a_clock_set_back_a_day_records_a_session_on_the_day_it_says() -> None:
    # Sessions arrive in the order they were recorded; the second was stamped by a clock set a day back.
    records = [session("2026-11-03T08:00"), session("2026-11-02T08:00"), session("2026-11-04T08:00")]
    assert summarize(records, as_of=NOV(4)).current_streak == 3


@pytest.mark.parametrize(
    ("settings", "fragment"),
    [
        ({"day_start_min": 90.5}, "day start 90.5 is not a whole number of minutes"),
        ({"day_start_min": True}, "day start True is not a whole number of minutes"),
        ({"rest_days_per_week": 1.5}, "rest days 1.5 is not a whole number"),
        ({"rest_days_per_week": 3}, "rest days of 3 a week is out of range"),
    ],
)
def test_streak_settings_out_of_their_range_are_refused(settings: dict[str, object], fragment: str) -> None:
    with pytest.raises(KindlyInputError, match=fragment):
        StreakSettings(**settings)  # type: ignore[arg-type]
