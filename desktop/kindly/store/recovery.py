"""Telling damage SQLite cannot see, and salvaging every readable session from a damaged history file.

`PRAGMA quick_check` finds broken pages, but an emptied file (a botched copy
or sync) reads as an empty history, another program's database opens
cleanly, and a folder, a FIFO or a link to nothing where the file belongs is
no database at all.
`place_problem` and `schema_problem` name those; `move_aside` puts a damaged
file and its log out of the way, never deleting them. Once a damaged file has been
moved aside and the newest backup restored, `salvage` reads from it every
session row that can still be read, one by one when whole reads fail, so
a restore loses nothing that was committed after the backup; what cannot
be read is counted, so the user can be told.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kindly.core.session_record import SessionRecord
from kindly.platform.private_files import replace_durably
from kindly.store.session_rows import UNREADABLE, read_row, session_columns

# Kindly's own columns by schema version (see kindly.store.schema): what a file claiming that version must have.
REQUIRED_COLUMNS = {
    1: {"id", "start_utc", "utc_offset_min", "planned_s", "practised_s", "practice", "completed"},
    2: {"id", "start_utc", "utc_offset_min", "zone", "planned_s", "practised_s", "practice", "completed"},
    3: {"id", "start_utc", "utc_offset_min", "zone", "planned_s", "practised_s", "practice", "completed"},
    4: {
        "id", "start_utc", "utc_offset_min", "zone", "planned_s", "practised_s", "practice", "completed",
        "before_kindness", "before_ease", "after_kindness", "after_ease",
    },
    5: {
        "id", "start_utc", "utc_offset_min", "zone", "planned_s", "practised_s", "practice", "completed",
        "before_kindness", "before_ease", "after_kindness", "after_ease", "sync_id", "origin_device",
    },
}  # fmt: skip
# What SQLite keeps beside a database file (its log, its shared memory, its rollback journal).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
# The file and what SQLite keeps beside it: moved aside together, never apart.
COMPANIONS = ("", *SQLITE_COMPANIONS)
# Row ids tried one by one when a whole read fails (about a second per 100,000); past this the
# rest is counted as not known rather than read for minutes.
MAX_ROW_SCAN = 2_000_000


def place_problem(path: Path, has_backups: bool) -> str | None:
    """Why what stands at `path` cannot be opened as the history file, before SQLite is asked; None if it may be."""
    for companion in SQLITE_COMPANIONS:
        beside = Path(f"{path}{companion}")
        try:
            kind = os.lstat(beside).st_mode
        except OSError:  # none there; or, on Windows, a log another Kindly's SQLite is deleting as it closes
            continue
        if not stat.S_ISREG(kind):
            # SQLite could then neither open nor recover the file: it goes aside with it.
            return f"something that is not a file stands where the history's {beside.name} belongs"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # SQLite would follow it and fail to create the file it names
            return "a link to nothing stands where the history file belongs"
        return None
    except OSError as exc:
        return f"it cannot be looked at ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return "a folder stands where the history file belongs"
    if not stat.S_ISREG(info.st_mode):
        return "something that is not a file (a FIFO, a device or a socket) stands where the history file belongs"
    try:
        with open(path, "rb") as handle:
            handle.read(16)
    except PermissionError:
        return "the history file cannot be read (its permissions do not let you)"
    if info.st_size == 0 and has_backups:
        # A new history starts as an empty file, but one with backups beside it was emptied.
        return "the history file is empty"
    return None


def schema_problem(connection: sqlite3.Connection, newest_version: int) -> str | None:
    """Why a file that SQLite opens is not a Kindly history; None when it is (or is from a newer Kindly)."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = sorted(
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(name).startswith("sqlite_")
    )
    if version == 0:
        if tables:
            return f"it holds another program's tables ({', '.join(tables[:3])}), not Kindly's"
        return None  # a new, empty database
    if version > newest_version:
        return None  # a newer Kindly's: migrate() refuses it and leaves it untouched
    if "sessions" not in tables:
        return "its sessions table is missing"
    columns = {str(row[1]) for row in connection.execute("PRAGMA table_info(sessions)")}
    missing = sorted(REQUIRED_COLUMNS.get(version, set()) - columns)
    if missing:
        return f"its sessions table lacks {', '.join(missing)}"
    return None


def move_aside(path: Path, now: datetime, still_open: sqlite3.Connection | None = None) -> Path:
    """Rename the damaged file and its -wal/-shm to `kindly.db.damaged-<UTC time>` (never delete them).

    A connection still open on the file is closed first (Windows renames no
    open file), but SQLite deletes a database's log when its last connection
    closes: so the log and its index are copied aside before the close, and
    whatever SQLite leaves in place then is moved over those copies.
    """
    aside = aside_path(path, now)
    if still_open is not None:
        try:
            for suffix in SQLITE_COMPANIONS:
                log = Path(f"{path}{suffix}")
                if log.is_file():
                    shutil.copyfile(log, f"{aside}{suffix}")
        finally:
            still_open.close()
    for suffix in COMPANIONS:
        left = Path(f"{path}{suffix}")
        if os.path.lexists(left):
            replace_durably(left, Path(f"{aside}{suffix}"))
    return aside


def aside_path(path: Path, now: datetime) -> Path:
    """`kindly.db.damaged-<UTC time>`, numbered when taken: where a damaged file (and its log) goes."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(os.path.lexists(f"{aside}{suffix}") for suffix in COMPANIONS):
        counter += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    return aside


@dataclass(frozen=True)
class Salvage:
    """The sessions read back from a damaged file, and how many rows could not be (None: not known)."""

    records: tuple[SessionRecord, ...]
    unreadable: int | None


def salvage(damaged: Path) -> Salvage:
    """Every session row still readable in `damaged` (a history file moved aside), and the count of the rest."""
    if not damaged.is_file():
        return Salvage((), 0)
    try:
        connection = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return Salvage((), 0)
    try:
        try:
            has_sessions = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
            ).fetchone()[0]
            if not has_sessions or schema_problem(connection, max(REQUIRED_COLUMNS)) is not None:
                return Salvage((), 0)  # empty, or not Kindly's: it holds no sessions to salvage
            columns = session_columns(connection)
        except sqlite3.Error:
            return Salvage((), 0)
        records: list[SessionRecord] = []
        unreadable = 0
        try:
            rows = connection.execute(f"SELECT {columns} FROM sessions ORDER BY id").fetchall()
        except sqlite3.Error:
            rows = None
        if rows is None:
            return _salvage_row_by_row(connection, columns)
        for row in rows:
            try:
                records.append(read_row(row))
            except UNREADABLE:
                unreadable += 1
        return Salvage(tuple(records), unreadable)
    finally:
        connection.close()


def _salvage_row_by_row(connection: sqlite3.Connection, columns: str) -> Salvage:
    """When a whole read fails on a broken page: each row id on its own, so one bad page loses only its rows."""
    try:
        highest = int(connection.execute("SELECT max(id) FROM sessions").fetchone()[0] or 0)
    except sqlite3.Error:
        return Salvage((), None)  # not even the row ids can be read: how many were lost is not known
    records: list[SessionRecord] = []
    lost = 0
    for row_id in range(1, min(highest, MAX_ROW_SCAN) + 1):
        try:
            row = connection.execute(f"SELECT {columns} FROM sessions WHERE id = ?", (row_id,)).fetchone()
        except sqlite3.Error:
            lost += 1
            continue
        if row is None:
            continue
        try:
            records.append(read_row(row))
        except UNREADABLE:
            lost += 1
    # Row ids past the scan were never tried: how many were lost is then not known.
    return Salvage(tuple(records), lost if highest <= MAX_ROW_SCAN else None)
