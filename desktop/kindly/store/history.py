"""The practice history: one SQLite file that never loses a session that was committed.

`HistoryStore` reads and writes the sessions of an open file, each write its
own durable transaction. Opening it (`history_opening.open_history`) checks,
upgrades, backs up and if need be recovers the file first; the one lock of
the folder is `history_lock`'s.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kindly.core.checkin import MOMENTS, CheckIn, Moment
from kindly.core.clock import Clock, SystemClock, utc_now
from kindly.core.errors import KindlyFailure
from kindly.core.practice_words import plural
from kindly.core.session_record import MAX_SESSION_S, SESSION_MIN_S, SessionRecord
from kindly.store.backups import backup_files, make_backup
from kindly.store.history_connection import BUSY_TIMEOUT_S
from kindly.store.history_lock import history_lock
from kindly.store.session_rows import COLUMNS as _COLUMNS
from kindly.store.session_rows import (
    RECORD_COLUMNS,
    read_row,
    readable_rows,
    record_values,
    session_columns,
)
from kindly.store.session_rows import UNREADABLE as _UNREADABLE
from kindly.store.storage_errors import storage_failure

log = logging.getLogger(__name__)

# Deleting check-ins: the rows that have one, and the columns cleared.
_ANSWERED = "(before_kindness IS NOT NULL OR after_kindness IS NOT NULL)"
_CLEAR = "before_kindness = NULL, before_ease = NULL, after_kindness = NULL, after_ease = NULL"


ChangesSoFar = tuple[int, int, int]
SessionsAsRead = tuple[list[SessionRecord], ChangesSoFar]  # every session, and `changes_so_far` just before


def changes_so_far(connection: sqlite3.Connection) -> ChangesSoFar:
    """Where a file's changes stand: rows this connection changed, SQLite's count of commits by any other
    connection (`data_version`), and of changes to its tables by any (`schema_version`). Equal twice: the
    sessions read in between are the sessions still."""
    version = connection.execute("SELECT * FROM pragma_data_version, pragma_schema_version").fetchone()
    return connection.total_changes, version[0], version[1]


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
        read_at_open: SessionsAsRead | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.recovery_notice = recovery_notice
        self.backups = backups
        self.clock = clock or SystemClock()
        self.unreadable_rows = 0  # rows the last read of every session had to leave out
        self.checkins_added = 0  # sessions the last `add_new` gave check-ins to
        # Every session, all readable, as opening the file read them to check each row: handed to the first
        # `sessions()` when nothing was written since, here or by another program. A launch (Today's
        # story) then decodes a history of years once, not twice.
        self._read_at_open = read_at_open

    # ------------------------------------------------------------------ reading

    def sessions(self) -> list[SessionRecord]:
        """Every readable session, oldest start first; a garbled row is left out and counted, never blocks the rest."""
        kept, self._read_at_open = self._read_at_open, None
        try:
            if kept is not None and kept[1] == changes_so_far(self.connection):
                self.unreadable_rows = 0
                return kept[0]
            rows = self.connection.execute(
                f"SELECT {session_columns(self.connection)} FROM sessions ORDER BY start_utc, id"
            ).fetchall()
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc
        records, unreadable = readable_rows(rows)
        self.unreadable_rows = unreadable
        return records

    def practices(self) -> frozenset[str]:
        """The practices with a session here, as SQLite answers it: no row is decoded, so a history of
        years answers at once (the app asks at every launch, and after every merge)."""
        try:
            rows = self.connection.execute(
                "SELECT DISTINCT practice FROM sessions WHERE practice IS NOT NULL AND practice != ''"
            ).fetchall()
        except sqlite3.Error as exc:
            raise storage_failure(exc, self.path) from exc
        return frozenset(row[0] for row in rows if isinstance(row[0], str))

    def unreadable_notice(self) -> str | None:
        """One line for the user when the last read left garbled sessions out."""
        n = self.unreadable_rows
        if not n:
            return None
        return f"{plural(n, 'session')} in {self.path.name} could not be read and {'are' if n != 1 else 'is'} left out"

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
            with history_lock(self.path.parent):
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

    def __exit__(self, *_exc_info: object) -> None:
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
