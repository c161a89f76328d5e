"""Recording live sessions: a row when a session begins, checkpoints while it runs, the outcome at the end.

The session controller checkpoints once a second has been practised and
then every 20 s (kindly.ui.session.session_controller.CHECKPOINT_EVERY_S), so a
crash or a power cut loses at most the last 20 s; the row of a session
that never finished keeps what was checkpointed and counts as stopped early. The start is
stamped from the injected clock with the machine's UTC offset at that
instant (and its IANA zone name when known), which is what fixes the
session's local date for good.
"""

from __future__ import annotations

from kindly.core.clock import Clock, utc_now
from kindly.core.session_plan import SessionPlan
from kindly.store.history import HistoryStore
from kindly.store.local_zone import local_offset_min, local_zone_name


class SessionRecorder:
    """begin -> checkpoint* -> finish, by session id, against one store."""

    def __init__(self, store: HistoryStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def begin(self, planned_s: float, practice: str | None = None) -> int:
        """A session starts now; returns its id."""
        start = utc_now(self.clock)
        return self.store.begin(start, local_offset_min(start), float(planned_s), practice, local_zone_name())

    def checkpoint(self, session_id: int, practised_s: float) -> None:
        self.store.checkpoint(session_id, practised_s)

    def finish(self, session_id: int, practised_s: float, completed: bool) -> bool:
        """Record how it ended; False when under a second was practised and the row was dropped."""
        return self.store.finish(session_id, practised_s, completed)


class StoreSessionLog:
    """The session screen's log (begin with a plan, then checkpoint and finish) written to history."""

    def __init__(self, recorder: SessionRecorder) -> None:
        self.recorder = recorder
        self.session_id: int | None = None

    def begin(self, plan: SessionPlan) -> None:
        self.session_id = self.recorder.begin(plan.config.minutes * 60.0, plan.config.practice)

    def checkpoint(self, practised_s: float) -> None:
        if self.session_id is not None:
            self.recorder.checkpoint(self.session_id, practised_s)

    def finish(self, practised_s: float, completed: bool) -> None:
        if self.session_id is not None:
            self.recorder.finish(self.session_id, practised_s, completed)
            self.session_id = None
