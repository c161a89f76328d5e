"""The path's progress over fourteen weeks of a life: gaps, a month away, moving on early."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kindly.core.path_progress import come_back, finished, next_week, start_path

DAY = timedelta(days=1)
MONDAY = datetime(2027, 1, 4, 7, 30, tzinfo=UTC)
WEEKS = 12


def test_a_path_begins_at_week_one_when_the_person_chooses() -> None:
    progress = start_path("twelve-weeks-of-kindness", MONDAY)
    assert (progress.week, progress.started, progress.week_began) == (1, MONDAY, MONDAY)


def test_practising_every_day_moves_on_a_week_every_seven_days() -> None:
    progress = start_path("p", MONDAY)
    seen = []
    for day in range(21):
        progress = come_back(progress, WEEKS, MONDAY + day * DAY)
        seen.append(progress.week)
    assert seen == [1] * 7 + [2] * 7 + [3] * 7


def test_a_missed_week_moves_on_one_week_not_two() -> None:
    progress = start_path("p", MONDAY)
    progress = come_back(progress, WEEKS, MONDAY + 17 * DAY)  # away for two and a half weeks
    assert (progress.week, progress.week_began) == (2, MONDAY + 17 * DAY)


def test_coming_back_after_a_month_picks_up_at_the_next_week_kindly() -> None:
    progress = start_path("p", MONDAY)
    progress = come_back(progress, WEEKS, MONDAY + 8 * DAY)  # week 2
    back = MONDAY + 8 * DAY + 31 * DAY
    progress = come_back(progress, WEEKS, back)
    assert (progress.week, progress.week_began, progress.days_into_week(back)) == (3, back, 0)


def test_next_moves_on_early_and_the_new_week_has_its_own_seven_days() -> None:
    progress = start_path("p", MONDAY)
    progress = next_week(progress, WEEKS, MONDAY + 2 * DAY)
    assert progress.week == 2
    assert come_back(progress, WEEKS, MONDAY + 8 * DAY).week == 2  # six days into week 2
    assert come_back(progress, WEEKS, MONDAY + 9 * DAY).week == 3


def test_fourteen_weeks_with_gaps_end_on_the_last_week_and_it_stays_open() -> None:
    progress = start_path("p", MONDAY)
    now = MONDAY
    for step in range(14):
        now += (10 if step % 3 == 0 else 7) * DAY  # some weeks late, none missed twice
        progress = come_back(progress, WEEKS, now)
    assert progress.week == WEEKS
    later = now + 60 * DAY
    assert (come_back(progress, WEEKS, later).week, finished(progress, WEEKS, later)) == (WEEKS, True)
    assert next_week(progress, WEEKS, later) == progress


def test_a_clock_set_back_never_moves_a_week_or_goes_below_day_zero() -> None:
    progress = start_path("p", MONDAY)
    earlier = MONDAY - 3 * DAY
    assert (come_back(progress, WEEKS, earlier), progress.days_into_week(earlier)) == (progress, 0)
