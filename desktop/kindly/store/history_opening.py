"""Opening the practice history: `<data dir>/kindly.db`, created, upgraded, checked and backed up.

`open_history()` gives a `HistoryStore`; pass it to whatever needs history
(there is no global connection). The file is in WAL mode with
`synchronous=FULL` (`history_connection`), so each commit is on disk before
the call returns, and a process killed at any point leaves every committed
session intact. On open the file is checked; a damaged file is moved aside
and the newest good backup restored (`history_recovery`), and
`recovery_notice` says what happened so the CLI and the app can tell the user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kindly.core.clock import Clock, SystemClock, utc_now
from kindly.platform.private_files import make_private_dir
from kindly.store.backups import backup_due, backups_dir, make_backup
from kindly.store.history import HistoryStore, changes_so_far
from kindly.store.history_lock import history_lock
from kindly.store.history_recovery import open_recovering, restore_rows
from kindly.store.schema import migrate
from kindly.store.session_rows import every_session, ids_of
from kindly.store.storage_errors import storage_failure

DB_NAME = "kindly.db"


def open_history(data_dir: Path | None = None, clock: Clock | None = None) -> HistoryStore:
    """Open (creating, upgrading, checking, backing up and if need be recovering) `<data dir>/kindly.db`.

    Damage of any kind (broken pages, an emptied file, another program's
    database, a folder or FIFO in the file's place, a file in the backups
    folder's place) is moved aside, never deleted; the newest good backup is
    restored and every session still readable in the damaged file merged
    into it; `recovery_notice` says so in one line. Rows garbled in a file
    otherwise whole are given back from a backup (`restore_rows`). Raises
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
        with history_lock(folder):
            connection, notices = open_recovering(path, now, clock)
        folder_of_backups = backups_dir(folder)
        migrate(connection, str(path))
        before_reading = changes_so_far(connection)  # a commit made while the rows are read is seen later
        read_at_open, garbled = every_session(connection)
        if ids_of(garbled):
            with history_lock(folder):
                restored = restore_rows(connection, path, now, clock)
            if restored:
                notices.append(restored)
        has_sessions = connection.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]
        if has_sessions:
            with history_lock(folder):
                if backup_due(folder_of_backups, now):
                    make_backup(connection, folder_of_backups, now)
        notice = "; ".join(notices) if notices else None
        whole = (read_at_open, before_reading) if not garbled else None  # all read whole: the first read's
        return HistoryStore(connection, path, notice, backups=folder_of_backups, clock=clock, read_at_open=whole)
    except (sqlite3.Error, OSError) as exc:
        if connection is not None:
            connection.close()
        raise storage_failure(exc, path) from exc
    except BaseException:
        if connection is not None:
            connection.close()
        raise
