"""The practice history as the app uses it: one object, opened before Start, written off the GUI thread.

Pressing Start touches no disk: the history is opened (checked, backed up,
repaired if it must be) on its own thread as soon as the window is up, and
every write of the live session (its row at the start, a checkpoint once a
second has been practised and then every `CHECKPOINT_EVERY_S`, the outcome
at the end) is queued to that thread in order. A crash or a power cut loses
at most the last 20 s; the row of a session that never finished keeps what
was checkpointed and counts as stopped early.

A history that cannot be opened or written never stops a session: `notify`
tells the user in one line (from the history's thread: the shell hands it
to the GUI thread) and the practice goes on unrecorded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SESSION_MIN_S

if TYPE_CHECKING:
    # SQLite and the thread pool load with the first use, not with the window's first paint.
    from concurrent.futures import Future, ThreadPoolExecutor
    from datetime import datetime

    from kindly.core.checkin import CheckIn
    from kindly.core.path_progress import PathProgress
    from kindly.core.session_record import SessionRecord
    from kindly.store.history import HistoryStore

log = logging.getLogger(__name__)
T = TypeVar("T")

CHECKPOINT_EVERY_S = 20.0
READ_WAIT_S = 2.0  # the longest the end screen or the stats page waits for a busy disk
Opener = Callable[[Clock], "HistoryStore"]


def _open_default(clock: Clock) -> HistoryStore:
    from kindly.store.history_opening import open_history

    return open_history(clock=clock)


class SessionHistory:
    """Opens the history once, records the live session into it, and reads it back."""

    def __init__(
        self,
        clock: Clock,
        notify: Callable[[str], None] = lambda _message: None,
        opener: Opener = _open_default,
    ) -> None:
        self._clock = clock
        self._notify = notify
        self._opener = opener
        self._pool: ThreadPoolExecutor | None = None
        self._opening: Future[HistoryStore | None] | None = None
        self._store: HistoryStore | None = None
        # Practices with a session: learnt on the history's thread, added to at Start on the GUI thread;
        # only ever added to (a union under the lock), so neither side's news is lost to the other's.
        self._practised: frozenset[str] = frozenset()
        self._practised_lock = threading.Lock()
        self._session_id: int | None = None
        self._last_session_id: int | None = None  # the session that ended last, kept (its after check-in goes here)
        self._writing = False  # the live session is being recorded
        self._last_checkpoint_s = 0.0
        self._told_unreadable: str | None = None
        self._told_slow = False

    def set_notify(self, notify: Callable[[str], None]) -> None:
        self._notify = notify

    # --- opening ------------------------------------------------------------------------
    @property
    def _thread(self) -> ThreadPoolExecutor:
        """One thread owns the SQLite connection: every open, write and read runs there, in order."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kindly-history")
        return self._pool

    def open_soon(self) -> None:
        """Open the history on its thread now, so that Start finds it ready."""
        if self._opening is None:
            self._opening = self._thread.submit(self._open)

    def _open(self) -> HistoryStore | None:
        try:
            store = self._opener(self._clock)
        except KindlyFailure as exc:
            log.warning("history unavailable: %s", exc)
            self._notify(f"Your practice history could not be opened ({exc}); sessions are not recorded.")
            return None
        self._store = store
        if store.recovery_notice:
            self._notify(_sentence(store.recovery_notice))
        self._tell_if_not_private(store)
        self._learn_practised(store)
        return store

    def _learn_practised(self, store: HistoryStore) -> None:
        """Which practices have a session, for `practised_before` (one query: no session is read for it)."""
        try:
            self._know_practised(store.practices())
        except KindlyFailure as exc:
            log.warning("history unreadable: %s", exc)

    def _know_practised(self, practices: frozenset[str]) -> None:
        with self._practised_lock:
            self._practised = self._practised | practices

    def _tell_if_not_private(self, store: HistoryStore) -> None:
        """Said once a launch: on Windows a folder's access list, not Kindly, decides who can read it."""
        from kindly.platform.private_files import privacy_problem

        try:
            problem = privacy_problem(store.path.parent)
        except OSError as exc:
            log.warning("could not check who can read %s: %s", store.path.parent, exc)
            return
        if problem is not None:
            self._notify(_sentence(f"{problem}: your practice history is not private there"))

    def _on_thread(self, job: Callable[[HistoryStore], T]) -> Future[T | None]:
        """Run `job` on the history's thread with the open store (None when it cannot be opened)."""
        self.open_soon()

        def run() -> T | None:
            store = self._store
            return job(store) if store is not None else None

        return self._thread.submit(run)

    # --- the live session (the session controller's log) ------------------------------------
    def practised_before(self, practice: str) -> bool:
        """Whether this person has done `practice` before, answered from memory (no disk at Start).

        Unknown (not yet opened, or unreadable) counts as no: a first-time line
        heard again does less harm than one never heard.
        """
        return practice in self._practised

    def begin(self, planned_s: float, practice: str | None, checkin_before: CheckIn | None = None) -> None:
        """A session starts now: its row is written on the history's thread (with the check-in given
        just before, if one was)."""
        self._writing = True
        self._last_checkpoint_s = 0.0
        if practice is not None:
            self._know_practised(frozenset((practice,)))
        from kindly.store.recorder import SessionStart

        start = SessionStart.now(self._clock)  # the moment Start was pressed, not when the write lands

        def write(store: HistoryStore) -> None:
            # On this thread, after the session before has written its end: its check-in after is over.
            self._last_session_id = None
            self._session_id = self._guard(
                lambda: store.begin(
                    start.utc, start.utc_offset_min, float(planned_s), practice, start.zone, checkin_before
                )
            )

        self._on_thread(write)

    def progress(self, practised_s: float) -> None:
        """The session has practised this long: checkpointed when one is due."""
        due_s = CHECKPOINT_EVERY_S if self._last_checkpoint_s > 0.0 else SESSION_MIN_S
        if not self._writing or practised_s - self._last_checkpoint_s < due_s:
            return
        self._last_checkpoint_s = practised_s

        def write(store: HistoryStore) -> None:
            if self._session_id is not None:
                session_id = self._session_id
                self._guard(lambda: store.checkpoint(session_id, practised_s))

        self._on_thread(write)

    def finish(self, practised_s: float, completed: bool) -> None:
        """The session ended: its outcome is written (a slip under a second is removed)."""
        if not self._writing:
            return
        self._writing = False

        def write(store: HistoryStore) -> None:
            session_id, self._session_id = self._session_id, None
            kept = session_id is not None and self._guard(lambda: store.finish(session_id, practised_s, completed))
            self._last_session_id = session_id if kept else None

        self._on_thread(write)

    def abandon(self) -> None:
        """The session was a start abandoned at once (a mis-click): its begun row is removed, and no
        check-in after is kept for it. A crash before this leaves the row as checkpointed."""
        if not self._writing:
            return
        self._writing = False

        def write(store: HistoryStore) -> None:
            session_id, self._session_id = self._session_id, None
            self._last_session_id = None
            if session_id is not None:
                self._guard(lambda: store.discard(session_id))

        self._on_thread(write)

    def checkin_after(self, answer: CheckIn) -> None:
        """The check-in given on the end screen, kept with the session that just ended (a session too
        short to keep, or not recorded, keeps none)."""

        def write(store: HistoryStore) -> None:
            session_id = self._last_session_id
            if session_id is not None:
                self._try(lambda: store.set_checkin(session_id, "after", answer), "This check-in could not be kept")

        self._on_thread(write)

    def forget_checkins(self, session_id: int | None, done: Callable[[int], None]) -> None:
        """Delete one session's check-ins (or, None, every one); `done` is told how many sessions had
        any, on the history's thread (the window hands it on)."""

        def write(store: HistoryStore) -> None:
            count = self._try(lambda: store.forget_checkins(session_id), "The check-ins could not be deleted")
            if count is not None:
                done(count)

        self._on_thread(write)

    def _guard(self, action: Callable[[], T]) -> T | None:
        """A write of the live session that fails (a full disk) is told once; the session goes on unrecorded."""
        try:
            return action()
        except KindlyFailure as exc:
            log.warning("history write failed: %s", exc)
            self._session_id = None
            self._notify(f"This session could not be recorded ({exc}).")
            return None

    def _try(self, action: Callable[[], T], failed: str) -> T | None:
        """Any other write: one that fails is told (`failed`, then the reason), the live session untouched."""
        try:
            return action()
        except KindlyFailure as exc:
            log.warning("history write failed: %s", exc)
            self._notify(f"{failed} ({exc}).")
            return None

    # --- reading --------------------------------------------------------------------------
    def records(self, wait_s: float = READ_WAIT_S) -> list[SessionRecord] | None:
        """Every session, after the writes before it; None when the history cannot be opened or read,
        or when the disk has not answered within `wait_s` (the window never freezes on a stuck disk)."""
        from concurrent.futures import TimeoutError as NotYet

        try:
            return self._on_thread(self._read).result(timeout=wait_s)
        except NotYet:
            log.warning("history read still waiting for the disk after %.1f s", wait_s)
            if not self._told_slow:
                self._told_slow = True
                self._notify("Your practice history is slow to answer (a busy disk?); it shows once it does.")
            return None

    def records_later(self, answer: Callable[[list[SessionRecord] | None], None]) -> None:
        """As `records`, without waiting: `answer` is called on the history's thread, after the writes
        before it (the window's "Today" hands it on to the GUI thread, and never waits for the disk)."""
        self._on_thread(self._read).add_done_callback(lambda done: answer(done.result()))

    def path_progress(self, wait_s: float = READ_WAIT_S) -> PathProgress | None:
        """Where the person is on a path (None: on none, or the history cannot say within `wait_s`)."""
        from concurrent.futures import TimeoutError as NotYet

        try:
            return self._on_thread(self._read_path).result(timeout=wait_s)
        except NotYet:
            log.warning("path progress still waiting for the disk after %.1f s", wait_s)
            return None

    def path_progress_later(self, answer: Callable[[PathProgress | None], None]) -> None:
        """As `path_progress`, without waiting: `answer` is called on the history's thread, after the
        writes before it (the window hands it on to the GUI thread)."""
        self._on_thread(self._read_path).add_done_callback(lambda done: answer(done.result()))

    def with_store_later(self, job: Callable[[HistoryStore], T], answer: Callable[[T | None], None]) -> None:
        """Run `job` with the open store on the history's thread, after the writes before it (a merge from
        the sync folder); `answer` is called there with its result, None when the history cannot be opened.
        A practice first done on another machine is then no first time here either."""

        def job_then_learn(store: HistoryStore) -> T:
            try:
                return job(store)
            finally:
                self._learn_practised(store)

        self._on_thread(job_then_learn).add_done_callback(lambda done: answer(done.result()))

    def _read_path(self, store: HistoryStore) -> PathProgress | None:
        from kindly.store.path_store import current_path

        try:
            return current_path(store)
        except KindlyFailure as exc:
            log.warning("path progress unreadable: %s", exc)
            return None

    def keep_path(self, progress: PathProgress) -> None:
        """Keep where the person is on their path (queued behind the writes before it)."""
        from kindly.store.path_store import keep_progress

        def write(store: HistoryStore) -> None:
            self._try(lambda: keep_progress(store, progress), "Your place on the path could not be kept")

        self._on_thread(write)

    def leave_path(self, now: datetime) -> None:
        """Step off the path the person is on (queued behind the writes before it); their sessions stay."""
        from kindly.store.path_store import leave_path

        def write(store: HistoryStore) -> None:
            self._try(lambda: leave_path(store, now), "Leaving the path could not be kept")

        self._on_thread(write)

    def _read(self, store: HistoryStore) -> list[SessionRecord] | None:
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

    def flush(self, at_most_s: float | None = None) -> bool:
        """Wait until everything asked of the history so far is done: every write on disk (or failed and
        told), every answer handed on. At most `at_most_s` (None: as long as it takes); True when done."""
        if self._pool is None:
            return True
        from concurrent.futures import TimeoutError as StillWorking

        try:
            self._pool.submit(lambda: None).result(at_most_s)
        except StillWorking:
            return False
        return True

    def close(self) -> None:
        """Write what is queued, then close the file; the thread ends."""

        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        if self._pool is not None:
            self._pool.submit(close_store).result()
            self._pool.shutdown(wait=True)
            self._pool = None
            self._opening = None


def _sentence(line: str) -> str:
    """A store's one-line notice as the notice bar shows it: a capital first, a full stop last."""
    return line[:1].upper() + line[1:] + ("" if line.endswith(".") else ".")
