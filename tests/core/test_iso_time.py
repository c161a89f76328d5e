"""A moment read as ISO 8601 writes it: an offset's hours 00-23, minutes 00-59, one separator, nothing more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindly.core.iso_time import read_iso_time


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-01T07:30+01:60",  # was stored as +02:00
        "2026-01-01T07:30+01:00:00:00",  # was stored as +01:00
        "2026-01-01T07:30+01:00:00",  # ISO 8601 offsets have no seconds
        "2026-01-01T07:30+01:00.5",
        "2026-01-01T07:30 +01:00",
        "2026-01-01T07:30+24:00",
        "2026-01-01T07:30+0160",
        "٢٠٢٦-01-01T07:30",
        "2026-01-01T０7:30",
    ],
)
def test_an_offset_or_a_digit_iso_8601_does_not_write_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_iso_time(text)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-01-01T07:30+01:00", timedelta(hours=1)),
        ("2026-01-01T07:30-05:30", -timedelta(hours=5, minutes=30)),
        ("2026-01-01T07:30+0100", timedelta(hours=1)),
        ("2026-01-01T07:30+01", timedelta(hours=1)),
        ("2026-01-01T07:30:00.000000Z", timedelta(0)),
        ("2026-01-01T07:30+23:59", timedelta(hours=23, minutes=59)),
    ],
)
def test_an_offset_as_iso_8601_writes_it_is_read(text: str, offset: timedelta) -> None:
    assert read_iso_time(text).utcoffset() == offset


def test_a_time_without_an_offset_is_read_as_it_stands() -> None:
    assert read_iso_time("2026-01-01T07:30").utcoffset() is None


@given(
    sign=st.sampled_from("+-"),
    hours=st.integers(0, 99),
    minutes=st.integers(0, 99),
    separator=st.sampled_from([":", ""]),
)
def test_an_offset_is_read_exactly_when_its_hours_and_minutes_are_a_clock_s(
    sign: str, hours: int, minutes: int, separator: str
) -> None:
    text = f"2026-01-01T07:30{sign}{hours:02d}{separator}{minutes:02d}"
    if hours <= 23 and minutes <= 59:
        expected = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
        assert read_iso_time(text).utcoffset() == expected
    else:
        with pytest.raises(ValueError):
            read_iso_time(text)
