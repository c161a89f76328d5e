"""Noticing that the machine slept during a session.

Monotonic time stops while Linux and macOS are suspended, so a session timed
on it simply stands still through a sleep; what is left is to notice the
sleep on wake, pause, and tell the user. Two readings taken a moment apart
are compared:

* With a suspend-counting clock (Linux `CLOCK_BOOTTIME`, macOS
  `CLOCK_MONOTONIC`, which unlike `time.monotonic` keeps counting while
  asleep; `kindly.platform.suspend_clock` picks it), the time asleep is how
  much more that clock advanced than the monotonic one. The wall clock plays
  no part, so a user setting the system clock (forwards or back, by any
  amount) is never taken for a sleep.
* Without one, the wall clock stands in: a sleep is the wall clock advancing
  more than the monotonic one. A wall clock set backwards is never a sleep;
  a wall clock set forwards by more than `SLEEP_THRESHOLD_S` between two
  readings cannot be told from a sleep this way, and is treated as one. That
  errs on the harmless side: the session pauses and says so, and practice is
  timed on monotonic time, so nothing is miscounted.

Gaps under `SLEEP_THRESHOLD_S` (NTP slewing, a brief lid close) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SLEEP_THRESHOLD_S = 5.0

BootClock = Callable[[], float]


@dataclass(frozen=True)
class ClockReading:
    """The clocks read at one instant; `boot` is None without a suspend-counting clock."""

    monotonic: float
    wall: float
    boot: float | None = None


def asleep_between(before: ClockReading, after: ClockReading, threshold_s: float = SLEEP_THRESHOLD_S) -> float:
    """Seconds the machine slept between two readings (0.0 when it did not)."""
    awake = after.monotonic - before.monotonic
    if before.boot is not None and after.boot is not None:
        gap = (after.boot - before.boot) - awake
    else:
        gap = (after.wall - before.wall) - awake
    return gap if gap >= threshold_s else 0.0


class SuspendWatch:
    """Compares each reading with the previous one; `restart` forgets the past (after a pause)."""

    def __init__(self, read: Callable[[], ClockReading], threshold_s: float = SLEEP_THRESHOLD_S) -> None:
        self._read = read
        self._threshold_s = threshold_s
        self._last = read()

    def restart(self) -> None:
        self._last = self._read()

    def check(self) -> float:
        """Seconds slept since the last check or restart (0.0 when awake throughout)."""
        now = self._read()
        asleep = asleep_between(self._last, now, self._threshold_s)
        self._last = now
        return asleep
