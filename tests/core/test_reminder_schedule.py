"""The daily reminder's next due time: local wall-clock time, whatever DST does."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.reminder_schedule import TimeOfDay, next_due

NEW_YORK = ZoneInfo("America/New_York")
SEVEN_PM = TimeOfDay(19, 0)


def _at(zone: ZoneInfo, *fields: int, fold: int = 0) -> float:
    return datetime(*fields, tzinfo=zone, fold=fold).timestamp()  # type: ignore[misc]


def _local(instant: float, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(instant, zone).strftime("%Y-%m-%d %H:%M %Z")


def test_a_reminder_later_today_is_due_today() -> None:
    due = next_due(_at(NEW_YORK, 2026, 6, 1, 8, 15), SEVEN_PM, NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-06-01 19:00 EDT"


def test_a_reminder_already_past_today_is_due_tomorrow() -> None:
    due = next_due(_at(NEW_YORK, 2026, 6, 1, 21, 0), SEVEN_PM, NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-06-02 19:00 EDT"


def test_at_the_very_moment_it_rings_the_next_one_is_tomorrow() -> None:
    due = next_due(_at(NEW_YORK, 2026, 6, 1, 19, 0), SEVEN_PM, NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-06-02 19:00 EDT"


def test_when_clocks_go_forward_the_reminder_keeps_its_wall_clock_time_23_hours_later() -> None:
    rang = _at(NEW_YORK, 2026, 3, 7, 19, 0)
    due = next_due(rang, SEVEN_PM, NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-03-08 19:00 EDT"
    assert due - rang == 23 * 3600


def test_when_clocks_go_back_the_reminder_keeps_its_wall_clock_time_25_hours_later() -> None:
    rang = _at(NEW_YORK, 2026, 10, 31, 19, 0)
    due = next_due(rang, SEVEN_PM, NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-11-01 19:00 EST"
    assert due - rang == 25 * 3600


def test_a_time_skipped_when_clocks_go_forward_is_read_by_the_clock_before_the_change() -> None:
    due = next_due(_at(NEW_YORK, 2026, 3, 8, 0, 0), TimeOfDay(2, 30), NEW_YORK)
    assert _local(due, NEW_YORK) == "2026-03-08 03:30 EDT"


def test_a_time_that_happens_twice_when_clocks_go_back_rings_only_the_first_time() -> None:
    first = next_due(_at(NEW_YORK, 2026, 11, 1, 0, 0), TimeOfDay(1, 30), NEW_YORK)
    assert first == _at(NEW_YORK, 2026, 11, 1, 1, 30, fold=0)
    after_first = next_due(first, TimeOfDay(1, 30), NEW_YORK)
    assert _local(after_first, NEW_YORK) == "2026-11-02 01:30 EST"


@pytest.fixture
def system_zone_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("the zone comes from TZ only on POSIX: Windows has no time.tzset")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_without_a_zone_the_machines_own_zone_and_its_dst_rules_are_used(system_zone_new_york: None) -> None:
    rang = _at(NEW_YORK, 2026, 3, 7, 19, 0)
    assert next_due(rang, SEVEN_PM) - rang == 23 * 3600


@pytest.mark.parametrize(
    "text, expected", [("07:30", TimeOfDay(7, 30)), ("00:00", TimeOfDay(0, 0)), (" 23:59 ", TimeOfDay(23, 59))]
)
def test_a_reminder_time_is_read_as_hh_mm(text: str, expected: TimeOfDay) -> None:
    assert TimeOfDay.parse(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:30", "19.00", "19:60", "", "seven"])
def test_a_reminder_time_that_is_not_hh_mm_is_refused_naming_it(text: str) -> None:
    with pytest.raises(KindlyInputError, match=f"reminder time {text!r}"):
        TimeOfDay.parse(text)


@pytest.mark.parametrize(("text", "shown"), [("07:05", "07:05"), (" 19:00 ", "19:00"), ("00:00", "00:00")])
def test_a_reminder_time_is_shown_on_a_24_hour_clock_with_two_digits(text: str, shown: str) -> None:
    assert str(TimeOfDay.parse(text)) == shown
