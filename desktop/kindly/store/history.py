"""The practice history: one SQLite file that never loses a session that was committed.

`open_history()` gives a `HistoryStore`; pass it to whatever needs history
(there is no global connection). The file lives at `<data dir>/kindly.db`
in WAL mode with `synchronous=FULL`, so each commit is on disk before the
call returns, and a process killed at any point leaves every committed
session intact. On open the file is checked (`PRAGMA quick_check`); a
damaged file is moved aside (never deleted), the newest good backup is
restored, and `recovery_notice` says what happened so the CLI and the app
can tell the user. A row another program garbled in a file otherwise whole
is given back in place from the newest backup that holds it as it was.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from kindly.core.checkin import MOMENTS, CheckIn, Moment
from kindly.core.clock import Clock, SystemClock, utc_now
from kindly.core.errors import KindlyFailure
from kindly.core.practice_words import plural
from kindly.core.session_record import MAX_SESSION_S, SESSION_MIN_S, SessionRecord
from kindly.platform.file_lock import exclusive_lock
from kindly.platform.private_files import create_private_file, make_private_dir, replace_durably
from kindly.store.backups import (
    backup_due,
    backup_files,
    backups_dir,
    copy_durably,
    is_good_backup,
    make_backup,
    restore_backup,
)
from kindly.store.recovery import SQLITE_COMPANIONS, place_problem, salvage, schema_problem
from kindly.store.schema import SCHEMA_VERSION, migrate
from kindly.store.session_rows import COLUMNS as _COLUMNS
from kindly.store.session_rows import (
    RECORD_COLUMNS,
    read_row,
    readable_rows,
    record_values,
    session_columns,
    unreadable_ids,
)
from kindly.store.session_rows import UNREADABLE as _UNREADABLE
from kindly.store.storage_errors import is_corruption, storage_failure

log = logging.getLogger(__name__)

DB_NAME = "kindly.db"
# The file and what SQLite keeps beside it: moved aside together, never apart.
COMPANIONS = ("", *SQLITE_COMPANIONS)
BUSY_TIMEOUT_S = 5.0
# Deleting check-ins: the rows that have one, and the columns cleared.
_ANSWERED = "(before_kindness IS NOT NULL OR after_kindness IS NOT NULL)"
_CLEAR = "before_kindness = NULL, before_ease = NULL, after_kindness = NULL, after_ease = NULL"


class _Damaged(Exception):
    """The file is not a database or fails its check (never raised for a full disk or a locked file).

    It holds the connection still open: `_move_aside` keeps a copy of the log
    before it closes it (SQLite deletes a database's -wal and -shm when its
    last connection closes), so the damaged log stays with its file.
    """

    def __init__(self, reason: str, connection: sqlite3.Connection | None = None) -> None:
        super().__init__(reason)
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


class HistoryStore:
    """Sessions in, sessions out. Every write is its own durable transaction.

    With a `backups` folder, each finished or added session is followed by a
    backup, so a restore never goes back further than the last write.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        recovery_notice: str | None = None,
        backups: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.recovery_notice = recovery_notice
        self.backups = backups
        self.clock = clock or SystemClock()
        self.unreadable_rows = 0  # rows the last read of every session had to leave out
        self.checkins_added = 0  # sessions the last `add_new` gave check-ins to

    # ------------------------------------------------------------------ reading

    def sessions(self) -> list[SessionRecord]:
        """Every readable session, oldest start first; a garbled row is left out and counted, never blocks the rest."""
        try:
            rows = self.connection.execute(
                f"SELECT {session_columns(self.connection)} FROM sessions ORDER BY start_utc, id"
            ).fetchall()
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc
        records, unreadable = readable_rows(rows)
        self.unreadable_rows = unreadable
        return records

    def has_practice(self, practice: str) -> bool:
        """Whether any session of `practice` was ever begun here (one query, no row decoding)."""
        try:
            row = self.connection.execute(
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE practice = ?)", (practice,)
            ).fetchone()
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc
        return bool(row[0])

    def unreadable_notice(self) -> str | None:
        """One line for the user when the last read left garbled sessions out."""
        n = self.unreadable_rows
        if not n:
            return None
        return f"{_sessions(n)} in {self.path.name} could not be read and {'are' if n != 1 else 'is'} left out"

    def session(self, session_id: int) -> SessionRecord:
        row = self.connection.execute(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KindlyFailure(f"there is no session {session_id} in {self.path}")
        return self._record(row)

    def back_up(self) -> None:
        """A backup of the history as it is now (SQLite's backup API; milliseconds for a small history)."""
        if self.backups is None:
            return
        try:
            with _history_lock(self.path.parent):
                make_backup(self.connection, self.backups, utc_now(self.clock))
        except (sqlite3.Error, OSError) as exc:
            raise storage_failure(exc, self.backups) from exc

    # ------------------------------------------------------------------ writing

    def add(self, record: SessionRecord) -> int:
        """Store a finished session; returns its id."""
        with self.transaction():
            session_id = self._insert(record)
        self.back_up()
        return session_id

    def add_new(self, records: Iterable[SessionRecord]) -> tuple[list[int], int]:
        """Store, all in one transaction, the sessions not already kept; returns (new ids, duplicates skipped).

        A session already kept takes the imported check-ins it has none of (an
        export brought back after its check-ins were deleted gives them back);
        `checkins_added` says how many sessions did.
        """
        with self.transaction():
            seen = {record.content(): record for record in self._all_unchecked()}
            ids: list[int] = []
            skipped = 0
            self.checkins_added = 0
            for record in records:
                kept = seen.get(record.content())
                if kept is None:
                    ids.append(self._insert(record))
                    seen[record.content()] = replace(record, id=ids[-1])
                    continue
                skipped += 1
                if self._fill_checkins(kept, record):
                    self.checkins_added += 1
        if ids or self.checkins_added:
            self.back_up()
        return ids, skipped

    def set_checkin(self, session_id: int, moment: Moment, answer: CheckIn | None) -> None:
        """Keep (or, with None, forget) the check-in a person gave before or after one session."""
        if moment not in MOMENTS:
            raise KindlyFailure(f"{moment!r} is not before or after")
        with self.transaction():
            self._write_checkin(session_id, moment, answer)
        self.back_up()

    def forget_checkins(self, session_id: int | None = None) -> int:
        """Delete the check-ins of one session, or (None) of every session; returns how many sessions had one.

        The sessions themselves stay: only the answers go, from the history
        and from every backup of it, so no restore ever brings them back.
        """
        with self.transaction():
            if session_id is None:
                count = self.connection.execute(f"UPDATE sessions SET {_CLEAR} WHERE {_ANSWERED}").rowcount
            else:
                if self.connection.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                    raise KindlyFailure(f"there is no session {session_id} in {self.path}")
                count = self.connection.execute(
                    f"UPDATE sessions SET {_CLEAR} WHERE id = ? AND {_ANSWERED}", (session_id,)
                ).rowcount
        if count:
            self._forget_in_backups(session_id)
            self.back_up()
        return count

    def _forget_in_backups(self, session_id: int | None) -> None:
        """The same answers out of each backup (a backup is a copy of this file: the same row ids)."""
        if self.backups is None:
            return
        for _made, backup in backup_files(self.backups):
            copy = sqlite3.connect(backup, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            try:
                columns = {str(row[1]) for row in copy.execute("PRAGMA table_info(sessions)")}
                if "before_kindness" not in columns:
                    continue  # from before check-ins: none to delete
                copy.execute("BEGIN IMMEDIATE")
                if session_id is None:
                    copy.execute(f"UPDATE sessions SET {_CLEAR} WHERE {_ANSWERED}")
                else:
                    copy.execute(f"UPDATE sessions SET {_CLEAR} WHERE id = ?", (session_id,))
                copy.execute("COMMIT")
            except sqlite3.Error as exc:
                # A damaged copy is never restored (it fails its check); the others are still scrubbed.
                log.warning("check-ins not deleted from %s: %s", backup, exc)
                if copy.in_transaction:
                    copy.execute("ROLLBACK")
            finally:
                copy.close()

    def absorb(self, salvaged: Iterable[SessionRecord]) -> int:
        """Merge sessions salvaged from a damaged copy of this history; returns how many were added or brought up to date.

        A salvaged row with the id and start of one kept here is the later
        state of that session (checkpointed or finished after the backup) and
        replaces it; an exact duplicate is skipped; anything else is added.
        """
        changed = 0
        with self.transaction():
            kept = {record.id: record for record in self._all_unchecked()}
            contents = {record.content() for record in kept.values()}
            for record in salvaged:
                same = kept.get(record.id)
                if same is not None and same.start_utc == record.start_utc:
                    updated = same.content() != record.content()
                    if updated:
                        self.connection.execute(
                            "UPDATE sessions SET practised_s = ?, completed = ?, zone = ? WHERE id = ?",
                            (record.practised_s, int(record.completed), record.zone, record.id),
                        )
                    if self._fill_checkins(same, record) or updated:
                        changed += 1
                elif record.content() not in contents:
                    contents.add(record.content())
                    self._insert(record)
                    changed += 1
        return changed

    def put_back(self, records: Iterable[SessionRecord]) -> int:
        """Rows that no longer read given back as a backup holds them, each under its own id; returns how many.

        In place, in one transaction: every other row stays as it is, and a
        Kindly that has this file open goes on recording into it.
        """
        put = 0
        with self.transaction():
            for record in records:
                self.connection.execute("DELETE FROM sessions WHERE id = ?", (record.id,))
                self._insert(record, keep_id=True)
                put += 1
        return put

    def begin(
        self,
        start_utc: datetime,
        utc_offset_min: int,
        planned_s: float,
        practice: str | None,
        zone: str | None,
        checkin_before: CheckIn | None = None,
    ) -> int:
        """A session has started: its row is written now, with nothing practised yet (and the
        check-in given before it, if one was)."""
        record = SessionRecord(
            start_utc, utc_offset_min, planned_s, 0.0, practice=practice, zone=zone, checkin_before=checkin_before
        )
        with self.transaction():
            return self._insert(record)

    def checkpoint(self, session_id: int, practised_s: float) -> None:
        """Keep what has been practised so far, so a crash loses at most the time since."""
        _check_practised(practised_s)
        with self.transaction():
            values = (float(practised_s), session_id)
            self._update(session_id, "UPDATE sessions SET practised_s = ? WHERE id = ?", values)

    def finish(self, session_id: int, practised_s: float, completed: bool) -> bool:
        """The session ended (at the end bell or early). Returns False when it was too short to keep.

        A session with less than one second practised was a slip of the
        finger, not a practice; its row is removed rather than counted.
        """
        _check_practised(practised_s)
        with self.transaction():
            if practised_s < SESSION_MIN_S:
                self._update(session_id, "DELETE FROM sessions WHERE id = ?", (session_id,))
                return False
            self._update(
                session_id,
                "UPDATE sessions SET practised_s = ?, completed = ? WHERE id = ?",
                (float(practised_s), int(bool(completed)), session_id),
            )
        self.back_up()
        return True

    def discard(self, session_id: int) -> None:
        """A start abandoned at once (a mis-click, `abandoned_start`): its begun row is removed, as if
        it had never been written."""
        with self.transaction():
            self._update(session_id, "DELETE FROM sessions WHERE id = ?", (session_id,))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------ inside

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable write (BEGIN IMMEDIATE ... COMMIT); a storage error is told in one line."""
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

    def _insert(self, record: SessionRecord, keep_id: bool = False) -> int:
        """A new row for `record`, under a new id (or, with `keep_id`, under the record's own)."""
        columns = ("id", *RECORD_COLUMNS)
        cursor = self.connection.execute(
            f"INSERT INTO sessions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            (record.id if keep_id else None, *record_values(record)),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def _fill_checkins(self, kept: SessionRecord, incoming: SessionRecord) -> bool:
        """Give a kept session the check-ins it lacks and `incoming` has (never overwriting one it has)."""
        filled = False
        for moment in MOMENTS:
            answer = incoming.checkin(moment)
            if answer is not None and kept.checkin(moment) is None and kept.id is not None:
                self._write_checkin(kept.id, moment, answer)
                filled = True
        return filled

    def _write_checkin(self, session_id: int, moment: Moment, answer: CheckIn | None) -> None:
        """One moment's check-in of one session (None clears it), inside the caller's transaction."""
        values = (answer.kindness, answer.ease) if answer is not None else (None, None)
        sql = f"UPDATE sessions SET {moment}_kindness = ?, {moment}_ease = ? WHERE id = ?"
        self._update(session_id, sql, (*values, session_id))

    def _update(self, session_id: int, sql: str, values: tuple[object, ...]) -> None:
        if self.connection.execute(sql, values).rowcount != 1:
            raise KindlyFailure(f"there is no session {session_id} in {self.path}")

    def _all_unchecked(self) -> list[SessionRecord]:
        rows = self.connection.execute(f"SELECT {session_columns(self.connection)} FROM sessions").fetchall()
        return readable_rows(rows)[0]

    def _record(self, row: tuple[object, ...]) -> SessionRecord:
        try:
            return read_row(row)
        except _UNREADABLE as exc:
            raise KindlyFailure(f"session {row[0]} in {self.path} cannot be read: {exc}") from exc


def _check_practised(practised_s: float) -> None:
    is_number = isinstance(practised_s, (int, float)) and math.isfinite(practised_s)
    if not is_number or not 0 <= practised_s <= MAX_SESSION_S:
        raise KindlyFailure(f"practised seconds {practised_s!r} is not a time Kindly can record")


# ---------------------------------------------------------------------- opening


def open_history(data_dir: Path | None = None, clock: Clock | None = None) -> HistoryStore:
    """Open (creating, upgrading, checking, backing up and if need be recovering) `<data dir>/kindly.db`.

    Damage of any kind (broken pages, an emptied file, another program's
    database, a folder or FIFO in the file's place, a file in the backups
    folder's place) is moved aside, never deleted; the newest good backup is
    restored and every session still readable in the damaged file merged
    into it; `recovery_notice` says so in one line. Rows garbled in a file
    otherwise whole are given back from a backup (`_restore_rows`). Raises
    KindlyFailure, in one line, when the disk is full, the folder is
    read-only, or the file is from a newer Kindly; nothing stored is changed
    then.
    """
    from kindly.locations import data_dir as default_data_dir

    folder = data_dir if data_dir is not None else default_data_dir()
    path = folder / DB_NAME
    now = utc_now(clock or SystemClock())
    connection: sqlite3.Connection | None = None
    try:
        make_private_dir(folder)
        with _history_lock(folder):
            connection, notices = _open_recovering(path, now, clock)
        folder_of_backups = backups_dir(folder)
        migrate(connection, str(path))
        if unreadable_ids(connection):
            with _history_lock(folder):
                restored = _restore_rows(connection, path, now, clock)
            if restored:
                notices.append(restored)
        has_sessions = connection.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]
        if has_sessions:
            with _history_lock(folder):
                if backup_due(folder_of_backups, now):
                    make_backup(connection, folder_of_backups, now)
        notice = "; ".join(notices) if notices else None
        return HistoryStore(connection, path, notice, backups=folder_of_backups, clock=clock)
    except (sqlite3.Error, OSError) as exc:
        if connection is not None:
            connection.close()
        raise storage_failure(exc, path) from exc
    except BaseException:
        if connection is not None:
            connection.close()
        raise


def _history_lock(folder: Path) -> AbstractContextManager[None]:
    """One command at a time checks and repairs the file: two finding the same damage would each move
    aside and restore, and a session one of them had just written would be lost between them.

    And one at a time makes a backup: two in the same second write the same backup's name, and
    Windows refuses a rename onto a file another process is renaming onto or deleting (the
    backups past keeping) just then. Never taken while held: the lock is not re-entrant.
    """
    return exclusive_lock(folder / ".kindly-open.lock")


def _open_recovering(path: Path, now: datetime, clock: Clock | None) -> tuple[sqlite3.Connection, list[str]]:
    """The checked connection, and what had to be repaired on the way (one line each)."""
    notices = []
    folder_of_backups = backups_dir(path.parent)
    if folder_of_backups.exists() and not folder_of_backups.is_dir():
        aside = _move_aside(folder_of_backups, now)
        notices.append(
            f"something that is not a folder stood where the backups belong; it was moved aside to {aside.name}"
        )
    backups = backup_files(folder_of_backups)
    if not os.path.lexists(path) and backups:
        # Deleted, or lost with a crash mid-restore, while backups of it remain: bring the newest back,
        # after moving aside whatever stands where SQLite keeps its log.
        problem = place_problem(path, has_backups=True)
        if problem is not None:
            aside = _move_aside(path, now)
            notices.append(f"{problem}; it was moved aside to {aside.name}")
        notices.append(_restore_missing(path))
    try:
        connection = _open_checked(path, has_backups=bool(backups))
    except _Damaged as damaged:
        aside = _move_aside(path, now, damaged)
        notices.append(_recover(path, aside, str(damaged), clock))
        try:
            connection = _open_checked(path, has_backups=False)
        except _Damaged as again:
            again.close()
            raise KindlyFailure(f"{path} is damaged again after recovery ({again})") from again
    return connection, notices


def _restore_missing(path: Path) -> str:
    restored = _restore_newest(path)
    if restored is None:
        return "the history file was missing and no good backup was found, so history starts afresh"
    return f"the history file was missing; the backup from {restored:%Y-%m-%d %H:%M} UTC was restored"


def _restore_newest(path: Path) -> datetime | None:
    """Put the newest good backup in place as `path` (which must not exist); when it was made, or None."""
    backup = _backup_to_restore(backups_dir(path.parent))
    if backup is None:
        return None
    restore_backup(backup.path, path)
    return backup.made


class _Backup(NamedTuple):
    made: datetime
    path: Path
    holds: tuple[SessionRecord, ...]  # the garbled rows asked for, as this backup holds them


def _backup_to_restore(folder: Path, rows: frozenset[int] = frozenset()) -> _Backup | None:
    """The newest good backup; for garbled `rows`, the newest of those holding the most of them intact.

    None when there is no good backup, or none holds any of `rows` intact.
    """
    best: _Backup | None = None
    for made, backup in backup_files(folder):
        if not is_good_backup(backup):
            continue
        if not rows:
            return _Backup(made, backup, ())
        holds = tuple(record for record in salvage(backup).records if record.id in rows)
        if len(holds) > (len(best.holds) if best else 0):
            best = _Backup(made, backup, holds)
        if len(holds) == len(rows):
            break
    return best


def _restore_rows(connection: sqlite3.Connection, path: Path, now: datetime, clock: Clock | None) -> str | None:
    """Rows that do not read, in a file otherwise whole, given back from the newest backup holding them intact.

    In place rather than by moving the file aside: a Kindly with the file
    open (the app, recording) would go on writing into the file moved aside,
    and its sessions would be lost from the history. The file as it was is
    kept beside it, as a damaged file is. Rows no backup holds stay, left
    out of every read and counted there (`unreadable_notice`), so this says
    only what was restored. The notice, or None.
    """
    rows = unreadable_ids(connection)  # again, under the lock: another command may have given them back
    backup = _backup_to_restore(backups_dir(path.parent), rows) if rows else None
    if backup is None:
        return None
    kept = _aside_path(path, now)
    copy_durably(connection, kept)
    put = HistoryStore(connection, path, clock=clock).put_back(backup.holds)
    return (
        f"{_sessions(len(rows))} in {path.name} could not be read; {_were(put)} restored from the backup from "
        f"{backup.made:%Y-%m-%d %H:%M} UTC, every other session kept, and the file as it was kept as {kept.name}"
    )


def _open_checked(path: Path, has_backups: bool) -> sqlite3.Connection:
    """Connect, check the file (its place, its pages, its tables), and switch to WAL with full syncs."""
    problem = place_problem(path, has_backups)
    if problem is not None:
        raise _Damaged(problem)
    create_private_file(path)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchall()
        if verdict == [("ok",)]:
            problem = schema_problem(connection, SCHEMA_VERSION)
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise _Damaged(str(exc), connection) from exc
        connection.close()
        raise
    if verdict != [("ok",)]:
        raise _Damaged(" ".join(str(verdict[0][0]).split()) if verdict else "it fails its check", connection)
    if problem is not None:
        raise _Damaged(problem, connection)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection


def _move_aside(path: Path, now: datetime, damaged: _Damaged | None = None) -> Path:
    """Rename the damaged file and its -wal/-shm to `kindly.db.damaged-<UTC time>` (never delete them).

    A connection still open on the file is closed first (Windows renames no
    open file), but SQLite deletes a database's log when its last connection
    closes: so the log and its index are copied aside before the close, and
    whatever SQLite leaves in place then is moved over those copies.
    """
    aside = _aside_path(path, now)
    if damaged is not None:
        try:
            for suffix in SQLITE_COMPANIONS:
                log = Path(f"{path}{suffix}")
                if log.is_file():
                    shutil.copyfile(log, f"{aside}{suffix}")
        finally:
            damaged.close()
    for suffix in COMPANIONS:
        left = Path(f"{path}{suffix}")
        if os.path.lexists(left):
            replace_durably(left, Path(f"{aside}{suffix}"))
    return aside


def _aside_path(path: Path, now: datetime) -> Path:
    """`kindly.db.damaged-<UTC time>`, numbered when taken: where a damaged file (and its log) goes."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(os.path.lexists(f"{aside}{suffix}") for suffix in COMPANIONS):
        counter += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    return aside


def _recover(path: Path, aside: Path, reason: str, clock: Clock | None) -> str:
    """Put the newest good backup in place, merge in what the damaged file still holds; the notice for the user."""
    told = f"the history file was damaged ({reason}); it was moved aside to {aside.name}"
    restored = _restore_newest(path)
    found = salvage(aside)
    merged = 0
    if found.records:
        connection = _open_checked(path, has_backups=False)
        try:
            migrate(connection, str(path))
            merged = HistoryStore(connection, path, clock=clock).absorb(found.records)
        finally:
            connection.close()
    if restored is not None:
        told += f" and the backup from {restored:%Y-%m-%d %H:%M} UTC was restored"
        if merged:
            told += f", with {_sessions(merged)} salvaged from the damaged file"
    elif found.records:
        told += f"; {_sessions(len(found.records))} were salvaged from it"
    else:
        told += "; no good backup was found, so history starts afresh"
    if found.unreadable is None:
        told += " (some sessions in it could not be read)"
    elif found.unreadable:
        told += f" ({_sessions(found.unreadable)} in it could not be read)"
    return told


def _sessions(n: int) -> str:
    return plural(n, "session")


def _were(n: int) -> str:
    return f"{n} {'was' if n == 1 else 'were'}"
