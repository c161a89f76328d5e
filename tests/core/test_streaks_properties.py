"""Streaks against a plain reference model, over thousands of random histories.

Histories are drawn around real DST changes in zones with odd offsets, with
travel between zones, sessions in any order and clocks set backwards. The
reference below follows the contract's words literally (every date, every
7-day window, every candidate streak) with no cleverness, so the fast
implementation is checked against something obviously right.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kindly.core.session_record import SessionRecord
from kindly.core.streaks import StreakSettings, practice_days, streaks, summarize

ZONES = (
    "UTC",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",  # -03:30 / -02:30
    "Asia/Kolkata",  # +05:30, no DST
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Pacific/Chatham",  # +12:45 / +13:45
    "Pacific/Kiritimati",  # +14:00
    "Pacific/Pago_Pago",  # -11:00
)
# Histories are placed around these DST changes (both hemispheres, both directions).
DST_CHANGES = (
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
)
SPAN_DAYS = 21
ZONE_INFO = tuple(ZoneInfo(name) for name in ZONES)

# ------------------------------------------------------------------ the reference model


def reference_practice_days(sessions: list[SessionRecord], day_start_min: int) -> set[date]:
    totals: dict[date, float] = defaultdict(float)
    for record in sessions:
        local = record.start_utc.astimezone(timezone(timedelta(minutes=record.utc_offset_min)))
        minute_of_day = local.hour * 60 + local.minute
        day = local.date() if minute_of_day >= day_start_min else local.date() - timedelta(days=1)
        totals[day] += record.practised_s
    return {day for day, seconds in totals.items() if seconds >= 60}


def dates_from(first: date, last: date) -> list[date]:
    """Every date from `first` to `last`, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def is_streak(days: set[date], first: date, last: date, rest_limit: int) -> bool:
    """From `first` (a practice day) to `last`, no 7 consecutive days hold more than `rest_limit` days off."""
    off = {day for day in dates_from(first, last) if day not in days}
    for window_start in dates_from(first - timedelta(days=6), last):
        if len([day for day in dates_from(window_start, window_start + timedelta(days=6)) if day in off]) > rest_limit:
            return False
    return True


def reference_streaks(days: set[date], as_of: date, rest_limit: int) -> tuple[int, int]:
    """Try every first day; a stretch that is not a streak has no longer streak inside it from that day."""
    ordered = sorted(day for day in days if day <= as_of)
    longest = 0
    for i, first in enumerate(ordered):
        for last in ordered[i:]:
            if not is_streak(days, first, last, rest_limit):
                break
            longest = max(longest, len([day for day in ordered if first <= day <= last]))
    end = as_of if as_of in days else as_of - timedelta(days=1)
    current = 0
    for first in ordered:
        if first <= end and is_streak(days, first, end, rest_limit):
            current = max(current, len([day for day in ordered if first <= day <= end]))
    return current, longest


# ------------------------------------------------------------------ random histories


def local_session(
    around: date, zone_index: int, day: int, second_of_day: int, fold: int, practised: int
) -> SessionRecord:
    """A session begun at a local wall time in some zone, stamped as the recorder would."""
    zone = ZONE_INFO[zone_index]
    wall = datetime.combine(around + timedelta(days=day), datetime.min.time()) + timedelta(seconds=second_of_day)
    start = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
    offset = start.astimezone(zone).utcoffset()
    assert offset is not None
    return SessionRecord(
        start, int(offset.total_seconds() // 60), planned_s=600, practised_s=practised / 2, zone=zone.key
    )


# zone, day, second of the day, fold (which of a repeated hour), half-seconds practised (0-150 s)
session_parts = st.tuples(
    st.integers(0, len(ZONES) - 1),
    st.integers(0, SPAN_DAYS - 1),
    st.integers(0, 86399),
    st.integers(0, 1),
    st.integers(0, 300),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[SessionRecord], date]:
    around = draw(st.sampled_from(DST_CHANGES)) - timedelta(days=draw(st.integers(0, SPAN_DAYS)))
    sessions = [local_session(around, *parts) for parts in draw(st.lists(session_parts, max_size=30))]
    as_of = around + timedelta(days=draw(st.integers(-1, SPAN_DAYS + 3)))
    return sessions, as_of


day_starts = st.sampled_from([0, 0, 60, 4 * 60, 4 * 60 + 30, 6 * 60])
rest_limits = st.sampled_from([0, 0, 1, 2])

# ------------------------------------------------------------------ properties


@settings(max_examples=1000, deadline=None)
@given(history=histories(), day_start=day_starts, rest_limit=rest_limits)
def test_streaks_match_the_reference_model(
    history: tuple[list[SessionRecord], date], day_start: int, rest_limit: int
) -> None:
    sessions, as_of = history
    days = practice_days(sessions, day_start)
    assert set(days) == reference_practice_days(sessions, day_start)
    assert streaks(days, as_of, rest_limit) == reference_streaks(set(days), as_of, rest_limit)


@settings(max_examples=800, deadline=None)
@given(
    start=st.sampled_from(DST_CHANGES),
    pattern=st.lists(st.integers(0, 9), max_size=35),
    practised_when_below=st.sampled_from([6, 8, 9, 10]),
    as_of_shift=st.integers(-3, 4),
    rest_limit=rest_limits,
)
def test_streaks_over_dense_practice_match_the_reference_model(
    start: date, pattern: list[int], practised_when_below: int, as_of_shift: int, rest_limit: int
) -> None:
    """Mostly-practised stretches, where rest days fall close together and windows matter."""
    days = {start + timedelta(days=n) for n, roll in enumerate(pattern) if roll < practised_when_below}
    as_of = start + timedelta(days=len(pattern) + as_of_shift)
    assert streaks(days, as_of, rest_limit) == reference_streaks(days, as_of, rest_limit)


@settings(max_examples=300, deadline=None)
@given(history=histories(), day_start=day_starts, rest_limit=rest_limits, order=st.randoms(use_true_random=False))
def test_the_order_sessions_were_recorded_in_never_matters(
    history: tuple[list[SessionRecord], date], day_start: int, rest_limit: int, order
) -> None:
    """Out-of-order records and a clock set backwards (later rows with earlier starts) change nothing."""
    sessions, as_of = history
    shuffled = list(sessions)
    order.shuffle(shuffled)
    chosen = StreakSettings(day_start_min=day_start, rest_days_per_week=rest_limit)
    assert summarize(shuffled, as_of, chosen) == summarize(sessions, as_of, chosen)


@settings(max_examples=300, deadline=None)
@given(
    history=histories(),
    extra=st.data(),
    rest_limit=rest_limits,
)
def test_practising_more_never_shortens_a_streak(
    history: tuple[list[SessionRecord], date], extra, rest_limit: int
) -> None:
    sessions, as_of = history
    around = as_of - timedelta(days=SPAN_DAYS)
    added = local_session(around, *extra.draw(session_parts))
    before = streaks(practice_days(sessions), as_of, rest_limit)
    after = streaks(practice_days([*sessions, added]), as_of, rest_limit)
    assert after[0] >= before[0] and after[1] >= before[1]


@settings(max_examples=300, deadline=None)
@given(
    first=st.sampled_from(DST_CHANGES),
    plan=st.lists(
        st.tuples(st.sampled_from(ZONES), st.integers(5 * 3600, 23 * 3600 + 3599)),
        min_size=1,
        max_size=40,
    ),
    order=st.randoms(use_true_random=False),
)
def test_daily_practice_while_travelling_through_zones_and_dst_keeps_the_streak(first: date, plan, order) -> None:
    """One session a local day, each in whatever zone the traveller woke up in: no day lost, none gained."""
    sessions = []
    for index, (zone_name, second_of_day) in enumerate(plan):
        zone = ZoneInfo(zone_name)
        wall = datetime.combine(first + timedelta(days=index), datetime.min.time()) + timedelta(seconds=second_of_day)
        start = wall.replace(tzinfo=zone).astimezone(UTC)
        offset = start.astimezone(zone).utcoffset()
        assert offset is not None
        sessions.append(SessionRecord(start, int(offset.total_seconds() // 60), 600.0, 600.0, zone=zone_name))
    order.shuffle(sessions)
    last = first + timedelta(days=len(plan) - 1)
    summary = summarize(sessions, as_of=last, settings=StreakSettings(day_start_min=4 * 60))
    assert (summary.current_streak, summary.longest_streak, summary.practice_days) == (len(plan),) * 3
    assert streaks(practice_days(sessions), last + timedelta(days=1)) == (len(plan), len(plan))


@settings(max_examples=300, deadline=None)
@given(history=histories(), rest_limit=rest_limits)
def test_a_streak_never_counts_more_days_than_were_practised(
    history: tuple[list[SessionRecord], date], rest_limit: int
) -> None:
    sessions, as_of = history
    summary = summarize(sessions, as_of, StreakSettings(rest_days_per_week=rest_limit))
    assert summary.current_streak <= summary.longest_streak <= summary.practice_days <= summary.total_sessions
