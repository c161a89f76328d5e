"""A checked connection to the history file: connected, looked over, and in WAL with full syncs.

A file that is not a Kindly history (its place, its pages or its tables say
so) raises `Damaged` for the caller to move aside and recover; a full disk
or a locked file is not damage and is raised as SQLite raised it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kindly.platform.private_files import create_private_file
from kindly.store.recovery import place_problem, schema_problem
from kindly.store.schema import SCHEMA_VERSION
from kindly.store.storage_errors import is_corruption

# How long a write waits for another Kindly's write to the same file before it is told "busy".
BUSY_TIMEOUT_S = 5.0


class Damaged(Exception):
    """The file is not a database or fails its check (never raised for a full disk or a locked file).

    It holds the connection still open: `move_aside` keeps a copy of the log
    before it closes it (SQLite deletes a database's -wal and -shm when its
    last connection closes), so the damaged log stays with its file.
    """

    def __init__(self, reason: str, connection: sqlite3.Connection | None = None) -> None:
        super().__init__(reason)
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def open_checked(path: Path, has_backups: bool) -> sqlite3.Connection:
    """Connect, check the file (its place, its pages, its tables), and switch to WAL with full syncs."""
    problem = place_problem(path, has_backups)
    if problem is not None:
        raise Damaged(problem)
    create_private_file(path)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchall()
        if verdict == [("ok",)]:
            problem = schema_problem(connection, SCHEMA_VERSION)
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise Damaged(str(exc), connection) from exc
        connection.close()
        raise
    if verdict != [("ok",)]:
        raise Damaged(" ".join(str(verdict[0][0]).split()) if verdict else "it fails its check", connection)
    if problem is not None:
        raise Damaged(problem, connection)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection
