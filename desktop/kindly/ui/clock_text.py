"""Time left, written for people: one small function shared by the session screen and the tray.

Kept apart from the session screen so that showing the time left (the tray)
does not import the screen, the pacer and the session plan at start-up.
"""

from __future__ import annotations

import math


def format_clock(seconds: float) -> str:
    """Seconds as M:SS (or H:MM:SS), rounded up so the display reaches 0:00 with the bell."""
    whole = int(math.ceil(max(0.0, seconds) - 1e-6))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
