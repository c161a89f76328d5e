"""The practice history as the window needs it: opened on first use, recorded into, summarised.

The store (SQLite) is opened only when something needs it (a session
begins, the stats page is shown, the end screen wants the streak), never
before the first paint. A history that cannot be opened never stops a
session: the user is told in one line and practises anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Sequence

from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.settings.settings_model import Settings, streak_settings

if TYPE_CHECKING:
    from kindly.core.session_plan import SessionPlan
    from kindly.core.session_record import SessionRecord
    from kindly.core.streaks import StreakSettings, StreakSummary
    from kindly.store.history import HistoryStore
    from kindly.store.recorder import StoreSessionLog

log = logging.getLogger(__name__)
Opener = Callable[[Clock], "HistoryStore"]


@dataclass(frozen=True)
class History:
    """What the stats page shows: every session, the summary as of today, and the day start used."""

    records: Sequence[SessionRecord]
    summary: StreakSummary
    day_start_min: int = 0


HistorySource = Callable[[], History]


def _open_history(clock: Clock) -> HistoryStore:
    from kindly.store.history import open_history

    return open_history(clock=clock)


class HistoryAccess:
    """The window's door to the history: a session log, the stats page's source, today's streak."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        notify: Callable[[str], None] = lambda _message: None,
        opener: Opener = _open_history,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._notify = notify
        self._opener = opener
        self._store: HistoryStore | None = None
        self._log: StoreSessionLog | None = None
        self._failed = False
        self._told_unreadable: str | None = None

    def set_notify(self, notify: Callable[[str], None]) -> None:
        self._notify = notify

    def store(self) -> HistoryStore | None:
        """The open store, or None when it cannot be opened (the user has been told why)."""
        if self._store is None and not self._failed:
            try:
                self._store = self._opener(self._clock)
            except KindlyFailure as exc:
                self._failed = True
                log.warning("history unavailable: %s", exc)
                self._notify(f"Your practice history could not be opened ({exc}); sessions are not recorded.")
                return None
            if self._store.recovery_notice:
                self._notify(_sentence(self._store.recovery_notice))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._log = None

    # --- the session controller's SessionLog ------------------------------------------
    def begin(self, plan: SessionPlan) -> None:
        store = self.store()
        if store is None:
            return
        from kindly.store.recorder import SessionRecorder, StoreSessionLog

        self._log = StoreSessionLog(SessionRecorder(store, self._clock))
        self._guard(lambda: self._log.begin(plan) if self._log else None)

    def checkpoint(self, practised_s: float) -> None:
        if self._log is not None:
            log_ = self._log
            self._guard(lambda: log_.checkpoint(practised_s))

    def finish(self, practised_s: float, completed: bool) -> None:
        if self._log is not None:
            log_ = self._log
            self._log = None
            self._guard(lambda: log_.finish(practised_s, completed))

    def _guard(self, action: Callable[[], object]) -> None:
        """A write that fails (a full disk) is told once; the session goes on."""
        try:
            action()
        except KindlyFailure as exc:
            log.warning("history write failed: %s", exc)
            self._log = None
            self._notify(f"This session could not be recorded ({exc}).")

    def practised_before(self, practice: str) -> bool:
        """Whether any session of `practice` is in the history; when it cannot be read, no
        (a first-time line heard again does less harm than one never heard)."""
        store = self.store()
        if store is None:
            return False
        try:
            return store.has_practice(practice)
        except KindlyFailure as exc:
            log.warning("history unreadable: %s", exc)
            return False

    # --- reading -------------------------------------------------------------------------
    def streak_settings(self) -> StreakSettings:
        return streak_settings(self._settings)

    def history(self) -> History:
        """Every session and the summary as of today here (empty when the store is unavailable)."""
        return self._summarise(self._records() or [])

    def current_streak(self) -> int | None:
        """Today's streak for the end screen; None when streaks are hidden or unknown."""
        records = self._records()
        if records is None:
            return None
        summary = self._summarise(records).summary
        return None if summary.hidden else summary.current_streak

    def _records(self) -> Sequence[SessionRecord] | None:
        """Every session, or None when the history cannot be opened or read (the user is told why)."""
        store = self.store()
        if store is None:
            return None
        try:
            records = store.sessions()
        except KindlyFailure as exc:
            # Another program busy with the file, a damaged table: the end screen and the stats still show.
            log.warning("history unreadable: %s", exc)
            self._notify(f"Your practice history could not be read ({exc}).")
            return None
        notice = store.unreadable_notice()
        if notice and notice != self._told_unreadable:
            self._told_unreadable = notice
            self._notify(_sentence(notice))
        return records

    def _summarise(self, records: Sequence[SessionRecord]) -> History:
        from kindly.core.session_record import local_date
        from kindly.core.streaks import summarize

        settings = self.streak_settings()
        today = local_date(datetime.fromtimestamp(self._clock.wall()), settings.day_start_min)
        return History(records, summarize(records, today, settings), settings.day_start_min)


def _sentence(line: str) -> str:
    """A store's one-line notice as the notice bar shows it: a capital first, a full stop last."""
    return line[:1].upper() + line[1:] + ("" if line.endswith(".") else ".")
