"""When the window merges the sync folder: at start-up, after each session, and when the folder changes.

Each merge is `kindly sync`'s own (`kindly.sync.sync_run.sync_history`), run
on the history's thread behind the writes before it, so a session just
recorded is in the journal it writes. The folder is watched (its `kindly/`
folder and each machine's folder in it, watched as they appear) and a burst of
files from a sync engine makes one merge once it has been quiet for
`SETTLE_MS`. A folder that is not there (a drive not mounted) is said once in
the notice bar and looked for again at the next trigger and every `RETRY_MS`;
its return is said once too. Garbled lines are logged, never shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kindly.core.errors import KindlyFailure
from kindly.settings.options import SYNC_FOLDER
from kindly.settings.settings_model import Settings
from kindly.sync.sync_folder import JOURNALS, folder_problem
from kindly.ui.gui_thread import run_on_main

if TYPE_CHECKING:
    from kindly.store.history import HistoryStore
    from kindly.store.session_history import SessionHistory
    from kindly.sync.sync_run import SyncReport

log = logging.getLogger(__name__)

SETTLE_MS = 2000  # a sync engine brings files in bursts: one merge once the folder has been quiet this long
RETRY_MS = 5 * 60 * 1000  # a sync folder that is not there is looked for again this often


@dataclass(frozen=True)
class SyncOutcome:
    """What one merge did (`report`), or why it could not (`problem`, one line)."""

    report: SyncReport | None = None
    problem: str | None = None

    @property
    def brought(self) -> bool:
        """Whether the history changed: sessions (or a place on a path) came from another machine."""
        merged = self.report.merged if self.report is not None else None
        return merged is not None and bool(merged.added or merged.updated or merged.removed or merged.paths)


Merge = Callable[[Path, Callable[[SyncOutcome], None]], None]  # one merge off the GUI thread; answered on any


def merge_on_history_thread(history: SessionHistory, data_dir: Path) -> Merge:
    """Merges with the window's own history, on its thread (one SQLite connection, one writer)."""

    def merge(folder: Path, answer: Callable[[SyncOutcome], None]) -> None:
        def job(store: HistoryStore) -> SyncOutcome:
            return merge_once(store, data_dir, folder)

        # No history (it could not be opened, and has said so itself): nothing merged, nothing more to say.
        history.with_store_later(job, lambda outcome: answer(outcome or SyncOutcome()))

    return merge


def merge_once(store: HistoryStore, data_dir: Path, folder: Path) -> SyncOutcome:
    """One sync, its failure as one line (a folder gone midway, a full disk): never a traceback."""
    from kindly.sync.sync_run import sync_history

    problem = folder_problem(folder, data_dir)
    if problem is not None:
        return SyncOutcome(problem=problem)
    try:
        return SyncOutcome(report=sync_history(store, data_dir, folder))
    except KindlyFailure as exc:
        return SyncOutcome(problem=str(exc))
    except OSError as exc:
        return SyncOutcome(problem=f"{folder}: {exc.strerror or exc}")


class SyncTriggers(QObject):
    """Asks for a merge when one is due, one at a time, and says what the person must know of it."""

    merged = Signal()  # a merge brought something from another machine: "Your practice" and Today follow

    def __init__(
        self,
        settings: Settings,
        merge: Merge,
        notice: Callable[[str], None],
        passing_notice: Callable[[str], None],
        settle_ms: int = SETTLE_MS,
        retry_ms: int = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._merge = merge
        self._notice = notice
        self._passing_notice = passing_notice
        self._folder: Path | None = None
        self._running = False
        self._again = False  # asked for while one ran: once more after it
        self.told: str | None = None  # the fault said in the notice bar, until the folder is back
        self.merges = 0  # merges asked of the history
        self.answered = 0  # merges the history has answered
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_touched)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(settle_ms)
        self.settle.timeout.connect(self.sync_now)
        self.retry = QTimer(self)
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.sync_now)

    def start(self) -> None:
        """At start-up (after the first paint): watch the folder set, and merge."""
        self.settings_changed()

    def settings_changed(self) -> None:
        """Preferences wrote: a folder newly chosen is watched and merged at once; none, nothing more is done."""
        text = self._settings.get(SYNC_FOLDER)
        folder = Path(text) if text else None
        if folder == self._folder:
            return
        self._folder = folder
        self.told = None  # a fault said of the folder before is no longer news
        self.retry.stop()
        self.settle.stop()
        self._watch()
        if folder is not None:
            self.sync_now()

    def session_recorded(self) -> None:
        """A session ended, or its check-in after was kept (written on the history's thread before this merge)."""
        self.sync_now()

    def sync_now(self) -> None:
        """Merge now, or once more after the merge running now."""
        if self._folder is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.merges += 1
        folder = self._folder
        self._merge(folder, lambda outcome: run_on_main(lambda: self._merged(folder, outcome)))

    def _merged(self, folder: Path, outcome: SyncOutcome) -> None:
        self._running = False
        self.answered += 1
        if folder == self._folder:
            self._tell(folder, outcome)
            self._watch()  # machines' folders that appeared, and the folder itself once it is back
            if outcome.brought:
                self.merged.emit()
        if self._again:
            self._again = False
            self.sync_now()

    def _tell(self, folder: Path, outcome: SyncOutcome) -> None:
        if outcome.problem is not None:
            log.warning("sync folder %s: %s", folder, outcome.problem)
            if not self.retry.isActive():
                self.retry.start()
            if self.told is None:
                self.told = outcome.problem
                where = str(folder) if not folder.exists() else outcome.problem
                lead = "The sync folder is not there" if not folder.exists() else "The sync folder cannot be used"
                self._notice(f"{lead} ({where}); Kindly tries again later.")
            return
        report = outcome.report
        if report is None:
            return  # no history to merge into: the folder was not looked at, so neither fault nor fix is news
        self.retry.stop()
        if self.told is not None:
            self.told = None
            self._passing_notice(f"The sync folder is back ({folder}); your practice is merged again.")
        log.info("%s", report.line())
        if report.garbled:
            log.warning("sync folder %s: %d garbled lines skipped", folder, report.garbled)

    def _folder_touched(self, _path: str) -> None:
        self._watch()  # a machine's folder just made is watched before its files arrive
        self.settle.start()  # restarted by each change: one merge once the burst is over

    def _watch(self) -> None:
        """Watch the folder, its `kindly/` and each machine's folder in it (those there now)."""
        wanted: set[str] = set()
        folder = self._folder
        if folder is not None and folder.is_dir():
            wanted.add(str(folder))
            journals = folder / JOURNALS
            if journals.is_dir():
                wanted.add(str(journals))
                try:
                    wanted.update(str(d) for d in journals.iterdir() if d.is_dir())
                except OSError as exc:
                    log.warning("cannot list %s: %s", journals, exc)
        watched = set(self.watcher.directories())
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))
