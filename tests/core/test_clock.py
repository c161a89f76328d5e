"""The real clock: what the fake clock of every other test stands in for."""

from __future__ import annotations

import time

from kindly.core.clock import SystemClock, utc_now


def test_the_system_clock_reads_the_machine_s_clocks() -> None:
    clock = SystemClock()
    before = time.monotonic()
    assert before <= clock.monotonic() <= time.monotonic()
    assert abs(clock.wall() - time.time()) < 5.0
    assert abs(utc_now(clock).timestamp() - time.time()) < 5.0


def test_sleeping_for_no_time_or_less_returns_at_once() -> None:
    clock = SystemClock()
    start = time.monotonic()
    clock.sleep(0)
    clock.sleep(-3.0)
    assert time.monotonic() - start < 1.0


def test_sleeping_waits_at_least_that_long() -> None:
    clock = SystemClock()
    start = time.monotonic()
    clock.sleep(0.05)
    # Windows' monotonic clock ticks in steps of about 16 ms: the wait is measured to within one.
    assert time.monotonic() - start >= 0.05 - time.get_clock_info("monotonic").resolution
