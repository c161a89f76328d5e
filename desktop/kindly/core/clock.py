"""The injectable clock that everything that waits or stamps time goes through.

Production code uses `SystemClock`; tests pass a fake so a 30-minute session
runs in milliseconds. Remaining time is always computed from deadlines
(`deadline - clock.monotonic()`), never by counting ticks.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """What Kindly needs to know about time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (it stops during suspend)."""
        ...

    def wall(self) -> float:
        """Seconds since the Unix epoch, as the system clock says (may jump)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait this long (a fake clock advances instead)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def utc_now(clock: Clock) -> datetime:
    """The clock's wall time as an aware UTC datetime."""
    return datetime.fromtimestamp(clock.wall(), tz=UTC)
