"""The machine's zone: the offset in force at an instant, and its IANA name when it can be told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kindly.store.local_zone import local_datetime, local_offset_min, local_zone_name


def test_the_offset_follows_daylight_saving_time(local_zone: Callable[[str], None]) -> None:
    local_zone("America/New_York")
    winter = local_offset_min(datetime(2026, 1, 15, 12, tzinfo=UTC))
    summer = local_offset_min(datetime(2026, 7, 15, 12, tzinfo=UTC))
    assert (winter, summer) == (-300, -240)


def test_a_zone_set_in_tz_is_named(local_zone: Callable[[str], None]) -> None:
    local_zone(":Australia/Lord_Howe")
    assert local_zone_name() == "Australia/Lord_Howe"


def test_a_posix_rule_in_tz_has_no_zone_name_but_still_an_offset(local_zone: Callable[[str], None]) -> None:
    local_zone("XYZ-3")
    assert local_zone_name() is None
    assert local_offset_min(datetime(2026, 1, 15, tzinfo=UTC)) == 180


def test_a_naive_time_is_read_in_the_local_zone(local_zone: Callable[[str], None]) -> None:
    local_zone("Asia/Kolkata")
    assert local_datetime(datetime(2026, 3, 1, 8, 0)).astimezone(UTC) == datetime(2026, 3, 1, 2, 30, tzinfo=UTC)


def test_a_naive_time_in_a_posix_zone_is_read_with_its_offset(local_zone: Callable[[str], None]) -> None:
    local_zone("XYZ+5")
    assert local_datetime(datetime(2026, 3, 1, 8, 0)).astimezone(UTC).hour == 13
