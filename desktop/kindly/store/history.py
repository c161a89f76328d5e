"""The practice history: one SQLite file that never loses a session that was committed.

`open_history()` gives a `HistoryStore`; pass it to whatever needs history
(there is no global connection). The file lives at `<data dir>/kindly.db`
in WAL mode with `synchronous=FULL`, so each commit is on disk before the
call returns, and a process killed at any point leaves every committed
session intact. On open the file is checked (`PRAGMA quick_check`); a
damaged file is moved aside (never deleted), the newest good backup is
restored, and `recovery_notice` says what happened so the CLI and the app
can tell the user.
"""

from __future__ import annotations

import math
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Iterable, Iterator

from kindly.core.clock import Clock, SystemClock, utc_now
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.session_record import MAX_SESSION_S, SESSION_MIN_S, SessionRecord, format_utc
from kindly.store.backups import backup_due, backup_files, backups_dir, is_good_backup, make_backup, restore_backup
from kindly.store.files import create_private_file, fsync_dir, make_private_dir
from kindly.store.schema import migrate
from kindly.store.storage_errors import is_corruption, storage_failure

DB_NAME = "kindly.db"
BUSY_TIMEOUT_S = 5.0
_COLUMNS = "id, start_utc, utc_offset_min, zone, planned_s, practised_s, practice, completed"


class _Damaged(Exception):
    """The file is not a database or fails its check (never raised for a full disk or a locked file).

    It holds the connection still open: SQLite deletes a database's -wal and
    -shm when its last connection closes, so the files are moved aside first
    and the connection closed after, leaving the damaged log with its file.
    """

    def __init__(self, reason: str, connection: sqlite3.Connection) -> None:
        super().__init__(reason)
        self.connection = connection


class HistoryStore:
    """Sessions in, sessions out. Every write is its own durable transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path, recovery_notice: str | None = None) -> None:
        self.connection = connection
        self.path = path
        self.recovery_notice = recovery_notice

    # ------------------------------------------------------------------ reading

    def sessions(self) -> list[SessionRecord]:
        """Every session, oldest start first."""
        try:
            rows = self.connection.execute(f"SELECT {_COLUMNS} FROM sessions ORDER BY start_utc, id").fetchall()
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc
        return [self._record(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord:
        row = self.connection.execute(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KindlyFailure(f"there is no session {session_id} in {self.path}")
        return self._record(row)

    # ------------------------------------------------------------------ writing

    def add(self, record: SessionRecord) -> int:
        """Store a finished session; returns its id."""
        with self._transaction():
            return self._insert(record)

    def add_new(self, records: Iterable[SessionRecord]) -> tuple[list[int], int]:
        """Store, all in one transaction, the sessions not already kept; returns (new ids, duplicates skipped)."""
        with self._transaction():
            seen = {record.content() for record in self._all_unchecked()}
            ids: list[int] = []
            skipped = 0
            for record in records:
                if record.content() in seen:
                    skipped += 1
                    continue
                seen.add(record.content())
                ids.append(self._insert(record))
            return ids, skipped

    def begin(
        self, start_utc: datetime, utc_offset_min: int, planned_s: float, practice: str | None, zone: str | None
    ) -> int:
        """A session has started: its row is written now, with nothing practised yet."""
        record = SessionRecord(start_utc, utc_offset_min, planned_s, 0.0, practice=practice, zone=zone)
        with self._transaction():
            return self._insert(record)

    def checkpoint(self, session_id: int, practised_s: float) -> None:
        """Keep what has been practised so far, so a crash loses at most the time since."""
        _check_practised(practised_s)
        with self._transaction():
            values = (float(practised_s), session_id)
            self._update(session_id, "UPDATE sessions SET practised_s = ? WHERE id = ?", values)

    def finish(self, session_id: int, practised_s: float, completed: bool) -> bool:
        """The session ended (at the end bell or early). Returns False when it was too short to keep.

        A session with less than one second practised was a slip of the
        finger, not a practice; its row is removed rather than counted.
        """
        _check_practised(practised_s)
        with self._transaction():
            if practised_s < SESSION_MIN_S:
                self._update(session_id, "DELETE FROM sessions WHERE id = ?", (session_id,))
                return False
            self._update(
                session_id,
                "UPDATE sessions SET practised_s = ?, completed = ? WHERE id = ?",
                (float(practised_s), int(bool(completed)), session_id),
            )
            return True

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ inside

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc

    def _insert(self, record: SessionRecord) -> int:
        cursor = self.connection.execute(
            "INSERT INTO sessions (start_utc, utc_offset_min, zone, planned_s, practised_s, practice, completed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                format_utc(record.start_utc),
                record.utc_offset_min,
                record.zone,
                record.planned_s,
                record.practised_s,
                record.practice,
                int(record.completed),
            ),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def _update(self, session_id: int, sql: str, values: tuple[object, ...]) -> None:
        if self.connection.execute(sql, values).rowcount != 1:
            raise KindlyFailure(f"there is no session {session_id} in {self.path}")

    def _all_unchecked(self) -> list[SessionRecord]:
        rows = self.connection.execute(f"SELECT {_COLUMNS} FROM sessions").fetchall()
        return [self._record(row) for row in rows]

    def _record(self, row: tuple[object, ...]) -> SessionRecord:
        session_id, start, offset, zone, planned, practised, practice, completed = row
        try:
            return SessionRecord(
                start_utc=parse_utc(str(start)),
                utc_offset_min=int(offset),  # type: ignore[call-overload]
                planned_s=float(planned),  # type: ignore[arg-type]
                practised_s=float(practised),  # type: ignore[arg-type]
                practice=practice if practice is None else str(practice),
                completed=bool(completed),
                zone=zone if zone is None else str(zone),
                id=int(session_id),  # type: ignore[call-overload]
            )
        except (KindlyInputError, ValueError, TypeError) as exc:
            raise KindlyFailure(f"session {session_id} in {self.path} cannot be read: {exc}") from exc


def parse_utc(text: str) -> datetime:
    if not text.endswith("Z"):
        raise ValueError(f"start {text!r} is not a UTC time")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=timezone.utc)


def _check_practised(practised_s: float) -> None:
    is_number = isinstance(practised_s, (int, float)) and math.isfinite(practised_s)
    if not is_number or not 0 <= practised_s <= MAX_SESSION_S:
        raise KindlyFailure(f"practised seconds {practised_s!r} is not a time Kindly can record")


# ---------------------------------------------------------------------- opening


def open_history(data_dir: Path | None = None, clock: Clock | None = None) -> HistoryStore:
    """Open (creating, upgrading, checking, backing up and if need be recovering) `<data dir>/kindly.db`.

    Raises KindlyFailure, in one line, when the disk is full, the folder is
    read-only, or the file is from a newer Kindly; nothing stored is changed then.
    """
    from kindly.locations import data_dir as default_data_dir

    folder = data_dir if data_dir is not None else default_data_dir()
    path = folder / DB_NAME
    now = utc_now(clock or SystemClock())
    connection: sqlite3.Connection | None = None
    try:
        make_private_dir(folder)
        notice = None
        try:
            connection = _open_checked(path)
        except _Damaged as damaged:
            try:
                aside = _move_aside(path, now)
            finally:
                damaged.connection.close()
            notice = _restore_newest_backup(path, aside, str(damaged))
            try:
                connection = _open_checked(path)
            except _Damaged as again:
                again.connection.close()
                raise KindlyFailure(f"{path} is damaged again after recovery ({again})") from again
        migrate(connection, str(path))
        has_sessions = connection.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]
        folder_of_backups = backups_dir(folder)
        if has_sessions and backup_due(folder_of_backups, now):
            make_backup(connection, folder_of_backups, now)
        return HistoryStore(connection, path, notice)
    except (sqlite3.Error, OSError) as exc:
        if connection is not None:
            connection.close()
        raise storage_failure(exc, path) from exc
    except BaseException:
        if connection is not None:
            connection.close()
        raise


def _open_checked(path: Path) -> sqlite3.Connection:
    """Connect, check the file, and switch to WAL with full syncs."""
    create_private_file(path)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise _Damaged(str(exc), connection) from exc
        connection.close()
        raise
    if verdict != [("ok",)]:
        raise _Damaged(" ".join(str(verdict[0][0]).split()) if verdict else "it fails its check", connection)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename the damaged file and its -wal/-shm to `kindly.db.damaged-<UTC time>` (never delete them)."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        counter += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    for suffix in ("", "-wal", "-shm"):
        damaged = Path(f"{path}{suffix}")
        if damaged.exists():
            os.replace(damaged, Path(f"{aside}{suffix}"))
    fsync_dir(path.parent)
    return aside


def _restore_newest_backup(path: Path, aside: Path, reason: str) -> str:
    """Put the newest good backup in place; returns the one-line notice for the user."""
    told = f"the history file was damaged ({reason}); it was moved aside to {aside.name}"
    for made, backup in backup_files(backups_dir(path.parent)):
        if is_good_backup(backup):
            restore_backup(backup, path)
            return f"{told} and the backup from {made:%Y-%m-%d %H:%M} UTC was restored"
    return f"{told}; no good backup was found, so history starts afresh"
