"""A session record refuses impossible values and keeps its start as a UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.session_record import SessionRecord

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def test_a_start_with_any_offset_is_kept_as_the_same_instant_in_utc() -> None:
    paris = datetime(2026, 11, 2, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    record = SessionRecord(paris, 60, 600, 600)
    assert record.start_utc == START and record.start_utc.tzinfo is UTC


def test_the_local_start_is_the_wall_time_where_the_session_began() -> None:
    assert SessionRecord(START, -300, 600, 600).local_start() == datetime(2026, 11, 2, 2, 30)


def test_two_records_that_differ_only_in_id_have_the_same_content() -> None:
    assert SessionRecord(START, 0, 600, 300, id=1).content() == SessionRecord(START, 0, 600, 300, id=2).content()


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"start_utc": datetime(2026, 11, 2, 7, 30)}, "has no UTC offset"),
        ({"utc_offset_min": 18 * 60 + 1}, "UTC offset of 1081 minutes is out of range"),
        ({"utc_offset_min": 1.5}, "not a whole number of minutes"),
        ({"practised_s": -1}, "practised seconds of -1 is out of range"),
        ({"planned_s": float("nan")}, "planned seconds nan is not a number"),
        ({"practised_s": 90_000}, "practised seconds of 90000 is out of range"),
        ({"practice": "two words"}, "practice id 'two words' is not valid"),
        ({"practice": ""}, "practice id '' is not valid"),
        ({"completed": "yes"}, "completed 'yes' is not true or false"),
        ({"zone": "Europe/ Paris"}, "time zone name 'Europe/ Paris' is not an IANA zone name"),
        ({"checkin_before": (5, 5)}, r"check-in before \(5, 5\) is not a check-in"),
    ],
)
def test_impossible_values_are_refused_naming_the_value(kwargs: dict, fragment: str) -> None:
    values = {"start_utc": START, "utc_offset_min": 0, "planned_s": 600.0, "practised_s": 600.0, **kwargs}
    with pytest.raises(KindlyInputError, match=fragment):
        SessionRecord(**values)


@pytest.mark.parametrize(
    ("start", "offset_min"),
    [
        (datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))), 14 * 60),  # before year 1 in UTC
        (datetime(1, 1, 1, 0, 0, tzinfo=UTC), -60),  # its local date is before year 1
        (datetime(9999, 12, 31, 23, 30, tzinfo=UTC), 60),  # its local date is after 9999
    ],
)
def test_a_start_whose_dates_cannot_be_reckoned_is_refused(start: datetime, offset_min: int) -> None:
    """Such a start once reached the history, and every later `stats` then failed with OverflowError."""
    with pytest.raises(KindlyInputError, match="is out of range"):
        SessionRecord(start, offset_min, 600, 600)


@pytest.mark.parametrize(
    ("elapsed_s", "completed", "abandoned"),
    [
        (3.0, False, True),  # Start, then Stop at once: a mis-click
        (14.9, False, True),
        (15.0, False, False),  # stopped later: a session stopped early, recorded as such
        (3.0, True, False),  # the end bell finished it: never a mis-click
    ],
)
def test_a_start_stopped_within_its_first_15_seconds_was_abandoned(
    elapsed_s: float, completed: bool, abandoned: bool
) -> None:
    from kindly.core.session_record import abandoned_start

    assert abandoned_start(elapsed_s, completed) is abandoned


def test_a_session_s_check_ins_are_named_by_their_moment() -> None:
    from kindly.core.checkin import CheckIn

    record = SessionRecord(START, 0, 600, 600, checkin_before=CheckIn(2, 3))
    assert (record.checkin("before"), record.checkin("after")) == (CheckIn(2, 3), None)
