"""Recording one session into a store: its row at the start, checkpoints, the outcome at the end.

The start is stamped from the injected clock with the machine's UTC offset
at that instant (and its IANA zone name when known), which is what fixes the
session's local date for good. `kindly.store.session_history` drives it for
the app (off the GUI thread, with the checkpoint cadence); `kindly self-test`
drives it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kindly.core.clock import Clock, utc_now
from kindly.store.history import HistoryStore
from kindly.store.local_zone import local_offset_min, local_zone_name


@dataclass(frozen=True)
class SessionStart:
    """When a session began, as its row keeps it."""

    utc: datetime
    utc_offset_min: int
    zone: str | None

    @classmethod
    def now(cls, clock: Clock) -> SessionStart:
        start = utc_now(clock)
        return cls(start, local_offset_min(start), local_zone_name())


class SessionRecorder:
    """begin -> checkpoint* -> finish, by session id, against one store."""

    def __init__(self, store: HistoryStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def begin(self, planned_s: float, practice: str | None = None, start: SessionStart | None = None) -> int:
        """A session starts (now, unless `start` says when); returns its id."""
        when = start or SessionStart.now(self.clock)
        return self.store.begin(when.utc, when.utc_offset_min, float(planned_s), practice, when.zone)

    def checkpoint(self, session_id: int, practised_s: float) -> None:
        self.store.checkpoint(session_id, practised_s)

    def finish(self, session_id: int, practised_s: float, completed: bool) -> bool:
        """Record how it ended; False when under a second was practised and the row was dropped."""
        return self.store.finish(session_id, practised_s, completed)
