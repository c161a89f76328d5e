"""The system clock that keeps counting while the machine sleeps, where there is one.

`kindly.core.suspend_watch` notices a sleep by comparing such a clock with
monotonic time, which stops while asleep; without one it falls back to the
wall clock. Which clock that is depends on the system, so the choice is made
here and handed to the core.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def system_boot_clock(platform: str = sys.platform) -> Callable[[], float] | None:
    """Linux's CLOCK_BOOTTIME, macOS's CLOCK_MONOTONIC (unlike `time.monotonic`, it counts asleep), else None."""
    if platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
    if platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        return lambda: time.clock_gettime(time.CLOCK_MONOTONIC)
    return None
