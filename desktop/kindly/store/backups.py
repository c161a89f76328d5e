"""Rolling backups of the history file, made with SQLite's online backup API.

A backup is made after every session finished or added (and on open, once a
day), kept as `backups/kindly-YYYYMMDDTHHMMSSZ.db`. The newest `KEEP` are
kept, and beside them the last of each of the `DAYS` days before, so a
damage noticed late still finds a history from before it. While the history
holds rows that do not read (garbled by another program), the newest backup
every row of which reads is kept too, however old: backups of the damage
never push out the last one from before it. A backup is written under a
temporary name, flushed to disk and then renamed, so a crash never leaves a
half backup that looks whole.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from kindly.core.session_record import SessionRecord
from kindly.platform.private_files import (
    PRIVATE_FILE,
    create_private_file,
    flush_folder,
    make_private_dir,
    replace_durably,
)
from kindly.store.recovery import COMPANIONS, salvage
from kindly.store.session_rows import unreadable_ids

KEEP = 5
DAYS = 7
EVERY = timedelta(days=1)
_NAME = re.compile(r"^kindly-(\d{8}T\d{6}Z)\.db\Z", re.ASCII)
_STAMP = "%Y%m%dT%H%M%SZ"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def backup_files(folder: Path) -> list[tuple[datetime, Path]]:
    """Backups in `folder`, newest first, with the instant each was made."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if not match or not path.is_file():  # a FIFO so named would hang the restore that opens it
                continue
            try:
                made = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            except ValueError:  # digits that name no moment (month 13): not a backup Kindly made
                continue
            found.append((made, path))
    # Newest first; a name from the future (a clock once set ahead) goes last, or it would
    # be restored before every newer backup and never be let go.
    now = datetime.now(UTC)
    return sorted(found, key=lambda item: (item[0] <= now + timedelta(days=1), item[0]), reverse=True)


def backup_due(folder: Path, now: datetime) -> bool:
    """No backup yet, or the newest is a day old (or from the future: the clock was set back)."""
    existing = backup_files(folder)
    return not existing or not timedelta(0) <= now - existing[0][0] < EVERY


def make_backup(source: sqlite3.Connection, folder: Path, now: datetime) -> Path:
    """Copy the live database into a new backup, then let go of those past keeping (`_past_keeping`)."""
    make_private_dir(folder)
    final = folder / f"kindly-{now.strftime(_STAMP)}.db"
    copy_durably(source, final)
    unkept = _past_keeping(backup_files(folder))
    if unkept and unreadable_ids(source):
        last_whole = _last_whole(folder)
        unkept = [path for path in unkept if path != last_whole]
    for old in unkept:
        old.unlink(missing_ok=True)
    return final


def copy_durably(source: sqlite3.Connection, final: Path) -> None:
    """A private copy of the database `source` is connected to at `final`, whole on disk or not there at all."""
    folder = final.parent
    # A name of its own: two commands backing up at once never share a half-written file.
    fd, partial_name = tempfile.mkstemp(prefix=".kindly-", suffix=".db.partial", dir=folder)
    os.close(fd)
    partial = Path(partial_name)
    os.chmod(partial, PRIVATE_FILE)
    try:
        target = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        replace_durably(partial, final)
    finally:
        for leftover in COMPANIONS:
            Path(f"{partial}{leftover}").unlink(missing_ok=True)


def _last_whole(folder: Path) -> Path | None:
    """The newest backup every session row of which reads (None: there is none)."""
    for _made, path in backup_files(folder):
        if is_good_backup(path) and salvage(path).unreadable == 0:
            return path
    return None


def _past_keeping(newest_first: list[tuple[datetime, Path]]) -> list[Path]:
    """The backups to let go: all but the newest KEEP and the last one of each of DAYS days before them."""
    newest_days = {made.date() for made, _path in newest_first[:KEEP]}
    earlier_days: set[object] = set()
    unkept = []
    for made, path in newest_first[KEEP:]:
        day = made.date()
        if day not in newest_days and day not in earlier_days and len(earlier_days) < DAYS:
            earlier_days.add(day)
            continue
        unkept.append(path)
    return unkept


def is_good_backup(path: Path) -> bool:
    """The backup opens read-only, passes `quick_check` and holds the sessions table."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ok = connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            has_sessions = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
            ).fetchone()[0]
            return bool(ok and has_sessions)
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def restore_backup(backup: Path, target: Path) -> None:
    """Copy a backup into place as the live database (the target must not exist)."""
    create_private_file(target)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    flush_folder(target.parent)


class BackupToRestore(NamedTuple):
    made: datetime
    path: Path
    holds: tuple[SessionRecord, ...]  # the garbled rows asked for, as this backup holds them


def backup_to_restore(folder: Path, rows: frozenset[int] = frozenset()) -> BackupToRestore | None:
    """The newest good backup; for garbled `rows`, the newest of those holding the most of them intact.

    None when there is no good backup, or none holds any of `rows` intact.
    """
    best: BackupToRestore | None = None
    for made, backup in backup_files(folder):
        if not is_good_backup(backup):
            continue
        if not rows:
            return BackupToRestore(made, backup, ())
        holds = tuple(record for record in salvage(backup).records if record.id in rows)
        if len(holds) > (len(best.holds) if best else 0):
            best = BackupToRestore(made, backup, holds)
        if len(holds) == len(rows):
            break
    return best


def restore_newest(path: Path) -> datetime | None:
    """Put the newest good backup in place as `path` (which must not exist); when it was made, or None."""
    backup = backup_to_restore(backups_dir(path.parent))
    if backup is None:
        return None
    restore_backup(backup.path, path)
    return backup.made
