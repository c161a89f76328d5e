"""Where the person is on a practice path, kept in the history file beside their sessions.

One row a path ever started (`path_progress`, schema 3); the row not left is
the path they are on, so starting another path leaves the one before. The
rules of moving on are the core's (`kindly.core.path_progress`); this only
keeps what they decided, each change one durable write.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from kindly.core.path_progress import PathProgress
from kindly.core.session_record import format_utc
from kindly.store.history import HistoryStore
from kindly.store.session_rows import parse_utc
from kindly.store.storage_errors import storage_failure


def current_path(store: HistoryStore) -> PathProgress | None:
    """The path the person is on, or None when they are on none."""
    try:
        row = store.connection.execute(
            "SELECT path_id, started_utc, week, week_began_utc FROM path_progress WHERE left_utc IS NULL"
            " ORDER BY started_utc DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as exc:
        raise storage_failure(exc, store.path) from exc
    if row is None:
        return None
    path_id, started, week, began = row
    return PathProgress(str(path_id), parse_utc(str(started)), int(week), parse_utc(str(began)))


def keep_progress(store: HistoryStore, progress: PathProgress) -> None:
    """Keep `progress` as the path the person is on (any other path they were on is left now)."""
    with store.transaction() as connection:
        connection.execute(
            "UPDATE path_progress SET left_utc = ? WHERE left_utc IS NULL AND path_id != ?",
            (format_utc(progress.week_began), progress.path_id),
        )
        connection.execute(
            "INSERT INTO path_progress (path_id, started_utc, week, week_began_utc, left_utc)"
            " VALUES (?, ?, ?, ?, NULL) ON CONFLICT (path_id) DO UPDATE SET"
            " started_utc = excluded.started_utc, week = excluded.week,"
            " week_began_utc = excluded.week_began_utc, left_utc = NULL",
            (progress.path_id, format_utc(progress.started), progress.week, format_utc(progress.week_began)),
        )


def leave_path(store: HistoryStore, now: datetime) -> bool:
    """The person leaves the path they are on; False when they were on none."""
    with store.transaction() as connection:
        changed = connection.execute("UPDATE path_progress SET left_utc = ? WHERE left_utc IS NULL", (format_utc(now),))
        return changed.rowcount > 0
