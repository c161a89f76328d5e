"""The history's side of sync: this machine's sessions as the journal needs them, and other machines' merged in.

Every function here runs inside the caller's `store.transaction()`. A row
with no `origin_device` was recorded (or imported) here: nothing read from a
sync folder ever changes or removes it. A row merged from another machine
carries that machine's device id, its name (where the session was done) and
the revision it came at; only a later revision from that same machine
changes it, and only that machine's tombstone removes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kindly.core.path_progress import PathProgress
from kindly.core.session_record import SessionRecord, format_utc
from kindly.core.sync_journal import JournalEvent
from kindly.store.history import HistoryStore
from kindly.store.path_store import current_path
from kindly.store.session_rows import RECORD_COLUMNS, UNREADABLE, read_row, record_values, session_columns


@dataclass
class MergeCounts:
    """What one merge did: sessions added, brought up to date, removed by a tombstone, and already kept."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    already_kept: int = 0
    paths: int = 0  # path progress taken from another machine
    devices: set[str] = field(default_factory=set)  # the machines whose sessions changed anything here


def local_sessions(store: HistoryStore, new_id: Callable[[], str]) -> tuple[dict[str, SessionRecord], set[str]]:
    """Every readable session recorded here, by its sync id (given one now, from `new_id`, if it had none),
    and the sync ids of rows recorded here that no longer read (never journaled, never taken as deleted)."""
    connection = store.connection
    for (row_id,) in connection.execute(
        "SELECT id FROM sessions WHERE origin_device IS NULL AND sync_id IS NULL"
    ).fetchall():
        connection.execute("UPDATE sessions SET sync_id = ? WHERE id = ?", (new_id(), row_id))
    rows = connection.execute(
        f"SELECT sync_id, {session_columns(connection)} FROM sessions WHERE origin_device IS NULL"
    ).fetchall()
    sessions: dict[str, SessionRecord] = {}
    garbled: set[str] = set()
    for sync_id, *row in rows:
        try:
            sessions[str(sync_id)] = read_row(tuple(row))
        except UNREADABLE:
            garbled.add(str(sync_id))
    return sessions, garbled


def written(store: HistoryStore) -> dict[str, tuple[int, str]]:
    """What this machine has journaled: subject -> (seq, state); an empty state is a deletion written."""
    rows = store.connection.execute("SELECT subject, seq, state FROM sync_written").fetchall()
    return {str(subject): (int(seq), str(state)) for subject, seq, state in rows}


def mark_written(store: HistoryStore, entries: Iterable[tuple[str, int, str]]) -> None:
    store.connection.executemany(
        "INSERT INTO sync_written (subject, seq, state) VALUES (?, ?, ?)"
        " ON CONFLICT (subject) DO UPDATE SET seq = excluded.seq, state = excluded.state",
        list(entries),
    )


def merge_sessions(store: HistoryStore, standing: Iterable[JournalEvent], own_device: str) -> MergeCounts:
    """Bring other machines' standing session revisions into the history (idempotent, in any order)."""
    connection = store.connection
    counts = MergeCounts()
    contents = _contents(connection)
    for event in sorted(standing, key=lambda e: (e.device, e.subject)):
        if event.device == own_device or event.type == "path":
            continue
        row = connection.execute(
            "SELECT id, origin_device, origin_seq FROM sessions WHERE sync_id = ?", (event.subject,)
        ).fetchone()
        ours = row is not None and row[1] == event.device
        newer = ours and (row[2] or 0) < event.seq
        if event.type == "deleted":
            _keep_tombstone(connection, event)
            if newer:
                connection.execute("DELETE FROM sessions WHERE id = ?", (row[0],))
                counts.removed += 1
                counts.devices.add(event.device)
            continue
        if _tombstoned(connection, event):
            continue
        record = event.session()
        if row is None:
            if contents.get(record.content(), set()) - {event.device}:
                counts.already_kept += 1  # the same session kept here from elsewhere (imported on both, say)
                continue
            row_id = store._insert(record)
            connection.execute(
                "UPDATE sessions SET sync_id = ?, origin_device = ?, origin_name = ?, origin_seq = ? WHERE id = ?",
                (event.subject, event.device, event.where, event.seq, row_id),
            )
            contents.setdefault(record.content(), set()).add(event.device)
            counts.added += 1
            counts.devices.add(event.device)
        elif newer:
            _update(connection, row[0], record, event)
            contents.setdefault(record.content(), set()).add(event.device)
            counts.updated += 1
            counts.devices.add(event.device)
    return counts


def _contents(connection: sqlite3.Connection) -> dict[tuple[object, ...], set[str | None]]:
    """Each session kept, and the machines it came from (None: here). Within one machine's journal,
    two equal sessions are two sessions: only its ids tell them apart."""
    kept: dict[tuple[object, ...], set[str | None]] = {}
    rows = connection.execute(f"SELECT origin_device, {session_columns(connection)} FROM sessions").fetchall()
    for origin, *row in rows:
        try:
            kept.setdefault(read_row(tuple(row)).content(), set()).add(origin)
        except UNREADABLE:
            continue
    return kept


def _keep_tombstone(connection: sqlite3.Connection, event: JournalEvent) -> None:
    connection.execute(
        "INSERT INTO sync_tombstones (sync_id, device, seq) VALUES (?, ?, ?)"
        " ON CONFLICT (sync_id) DO UPDATE SET device = excluded.device, seq = excluded.seq"
        " WHERE excluded.device = sync_tombstones.device AND excluded.seq > sync_tombstones.seq",
        (event.subject, event.device, event.seq),
    )


def _tombstoned(connection: sqlite3.Connection, event: JournalEvent) -> bool:
    """Whether this session was deleted, where it was done, after this revision (its file may be half-synced now)."""
    row = connection.execute(
        "SELECT seq FROM sync_tombstones WHERE sync_id = ? AND device = ?", (event.subject, event.device)
    ).fetchone()
    return row is not None and int(row[0]) > event.seq


def _update(connection: sqlite3.Connection, row_id: int, record: SessionRecord, event: JournalEvent) -> None:
    assignments = ", ".join(f"{column} = ?" for column in (*RECORD_COLUMNS, "origin_name", "origin_seq"))
    connection.execute(
        f"UPDATE sessions SET {assignments} WHERE id = ?", (*record_values(record), event.where, event.seq, row_id)
    )


def merge_paths(store: HistoryStore, standing: Iterable[JournalEvent], own_device: str, counts: MergeCounts) -> None:
    """Where another machine is on a path, taken only forward: on the path followed here, a later week
    moves this one on; with no path followed here, the other machine's path is taken up. A path chosen
    or left here is never undone by the folder."""
    connection = store.connection
    for event in sorted(standing, key=lambda e: (e.device, e.subject, e.seq)):
        if event.device == own_device or event.type != "path":
            continue
        progress = event.path()  # checked as the line was read (parse_line), as merge_sessions relies on
        here = current_path(store)
        known = connection.execute("SELECT 1 FROM path_progress WHERE path_id = ?", (progress.path_id,)).fetchone()
        if here is None and known is None:
            connection.execute(
                "INSERT INTO path_progress (path_id, started_utc, week, week_began_utc, left_utc) VALUES (?, ?, ?, ?, NULL)",
                _path_row(progress),
            )
            counts.paths += 1
            counts.devices.add(event.device)
        elif here is not None and here.path_id == progress.path_id and _further(progress, here):
            connection.execute(
                "UPDATE path_progress SET week = ?, week_began_utc = ? WHERE path_id = ?",
                (progress.week, format_utc(progress.week_began), progress.path_id),
            )
            counts.paths += 1
            counts.devices.add(event.device)


def _further(there: PathProgress, here: PathProgress) -> bool:
    return (there.week, there.week_began) > (here.week, here.week_began)


def _path_row(progress: PathProgress) -> tuple[object, ...]:
    return (progress.path_id, format_utc(progress.started), progress.week, format_utc(progress.week_began))
