"""Bringing a damaged or missing history file back: from the newest good backup, with what the damage left.

A damaged file is moved aside (never deleted), the newest good backup is
restored, and every session still readable in the damaged file is merged
into it. Rows another program garbled in a file otherwise whole are given
back in place from the newest backup that holds them as they were. Each
repair returns the one line that tells the user what happened.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.core.practice_words import plural
from kindly.store.backups import backup_files, backup_to_restore, backups_dir, copy_durably, restore_newest
from kindly.store.history import HistoryStore
from kindly.store.history_connection import Damaged, open_checked
from kindly.store.recovery import aside_path, move_aside, place_problem, salvage
from kindly.store.schema import migrate
from kindly.store.session_rows import unreadable_ids


def open_recovering(path: Path, now: datetime, clock: Clock | None) -> tuple[sqlite3.Connection, list[str]]:
    """The checked connection, and what had to be repaired on the way (one line each)."""
    notices = []
    folder_of_backups = backups_dir(path.parent)
    if folder_of_backups.exists() and not folder_of_backups.is_dir():
        aside = move_aside(folder_of_backups, now)
        notices.append(
            f"something that is not a folder stood where the backups belong; it was moved aside to {aside.name}"
        )
    backups = backup_files(folder_of_backups)
    if not os.path.lexists(path) and backups:
        # Deleted, or lost with a crash mid-restore, while backups of it remain: bring the newest back,
        # after moving aside whatever stands where SQLite keeps its log.
        problem = place_problem(path, has_backups=True)
        if problem is not None:
            aside = move_aside(path, now)
            notices.append(f"{problem}; it was moved aside to {aside.name}")
        notices.append(_restore_missing(path))
    try:
        connection = open_checked(path, has_backups=bool(backups))
    except Damaged as damaged:
        aside = move_aside(path, now, damaged.connection)
        notices.append(_recover(path, aside, str(damaged), clock))
        try:
            connection = open_checked(path, has_backups=False)
        except Damaged as again:
            again.close()
            raise KindlyFailure(f"{path} is damaged again after recovery ({again})") from again
    return connection, notices


def _restore_missing(path: Path) -> str:
    restored = restore_newest(path)
    if restored is None:
        return "the history file was missing and no good backup was found, so history starts afresh"
    return f"the history file was missing; the backup from {restored:%Y-%m-%d %H:%M} UTC was restored"


def restore_rows(connection: sqlite3.Connection, path: Path, now: datetime, clock: Clock | None) -> str | None:
    """Rows that do not read, in a file otherwise whole, given back from the newest backup holding them intact.

    In place rather than by moving the file aside: a Kindly with the file
    open (the app, recording) would go on writing into the file moved aside,
    and its sessions would be lost from the history. The file as it was is
    kept beside it, as a damaged file is. Rows no backup holds stay, left
    out of every read and counted there (`unreadable_notice`), so this says
    only what was restored. The notice, or None.
    """
    rows = unreadable_ids(connection)  # again, under the lock: another command may have given them back
    backup = backup_to_restore(backups_dir(path.parent), rows) if rows else None
    if backup is None:
        return None
    kept = aside_path(path, now)
    copy_durably(connection, kept)
    put = HistoryStore(connection, path, clock=clock).put_back(backup.holds)
    return (
        f"{plural(len(rows), 'session')} in {path.name} could not be read; {_were(put)} restored from the backup "
        f"from {backup.made:%Y-%m-%d %H:%M} UTC, every other session kept, and the file as it was kept as {kept.name}"
    )


def _recover(path: Path, aside: Path, reason: str, clock: Clock | None) -> str:
    """Put the newest good backup in place, merge in what the damaged file still holds; the notice for the user."""
    told = f"the history file was damaged ({reason}); it was moved aside to {aside.name}"
    restored = restore_newest(path)
    found = salvage(aside)
    merged = 0
    if found.records:
        connection = open_checked(path, has_backups=False)
        try:
            migrate(connection, str(path))
            merged = HistoryStore(connection, path, clock=clock).absorb(found.records)
        finally:
            connection.close()
    if restored is not None:
        told += f" and the backup from {restored:%Y-%m-%d %H:%M} UTC was restored"
        if merged:
            told += f", with {plural(merged, 'session')} salvaged from the damaged file"
    elif found.records:
        were = "was" if len(found.records) == 1 else "were"
        told += f"; {plural(len(found.records), 'session')} {were} salvaged from it"
    else:
        told += "; no good backup was found, so history starts afresh"
    if found.unreadable is None:
        told += " (some sessions in it could not be read)"
    elif found.unreadable:
        told += f" ({plural(found.unreadable, 'session')} in it could not be read)"
    return told


def _were(n: int) -> str:
    return f"{n} {'was' if n == 1 else 'were'}"
