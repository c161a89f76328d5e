"""Telling a sleep from a clock being set, from two readings of the clocks."""

from __future__ import annotations

from kindly.core.suspend_watch import SLEEP_THRESHOLD_S, ClockReading, SuspendWatch, asleep_between


def test_with_a_boot_clock_a_sleep_is_what_it_counted_beyond_monotonic_time() -> None:
    before = ClockReading(monotonic=100.0, wall=5000.0, boot=200.0)
    after = ClockReading(monotonic=101.0, wall=5601.0, boot=801.0)
    assert asleep_between(before, after) == 600.0


def test_with_a_boot_clock_a_wall_clock_set_forward_is_no_sleep() -> None:
    before = ClockReading(monotonic=100.0, wall=5000.0, boot=200.0)
    after = ClockReading(monotonic=101.0, wall=8601.0, boot=201.0)
    assert asleep_between(before, after) == 0.0


def test_without_a_boot_clock_the_wall_clock_running_ahead_is_a_sleep() -> None:
    before = ClockReading(monotonic=100.0, wall=5000.0)
    after = ClockReading(monotonic=101.0, wall=5301.0)
    assert asleep_between(before, after) == 300.0


def test_a_wall_clock_set_back_is_never_a_sleep() -> None:
    before = ClockReading(monotonic=100.0, wall=5000.0)
    after = ClockReading(monotonic=101.0, wall=1401.0)
    assert asleep_between(before, after) == 0.0


def test_gaps_under_the_threshold_are_ignored() -> None:
    before = ClockReading(monotonic=100.0, wall=5000.0, boot=100.0)
    after = ClockReading(monotonic=101.0, wall=5001.0 + SLEEP_THRESHOLD_S / 2, boot=101.0 + SLEEP_THRESHOLD_S / 2)
    assert asleep_between(before, after) == 0.0


def test_the_watch_reports_a_sleep_once_and_restart_forgets_the_past() -> None:
    readings = iter(
        [
            ClockReading(0.0, 0.0),
            ClockReading(1.0, 61.0),
            ClockReading(2.0, 62.0),
            ClockReading(2.0, 62.0),
            ClockReading(3.0, 963.0),
        ]
    )
    watch = SuspendWatch(lambda: next(readings))
    assert watch.check() == 60.0
    assert watch.check() == 0.0
    watch.restart()
    assert watch.check() == 900.0
