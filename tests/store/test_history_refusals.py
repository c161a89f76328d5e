"""What the history store refuses, and how it tells trouble another program made in its file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SessionRecord
from kindly.store.history_opening import DB_NAME, open_history

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def _raw(folder: Path, statement: str) -> None:
    """One statement run on the history file by another program."""
    raw = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    try:
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute(statement)
    finally:
        raw.close()


def test_asking_for_a_session_that_is_not_there_is_told(tmp_path: Path) -> None:
    with open_history(tmp_path) as store, pytest.raises(KindlyFailure) as raised:
        store.session(999)
    assert str(raised.value) == f"there is no session 999 in {tmp_path / DB_NAME}"


def test_a_session_garbled_since_it_was_opened_is_told_when_asked_for(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.add(SessionRecord(START, 0, 600.0, 600.0))
        _raw(tmp_path, f"UPDATE sessions SET start_utc = 'half past seven' WHERE id = {session_id}")
        with pytest.raises(KindlyFailure) as raised:
            store.session(session_id)
    assert str(raised.value).startswith(f"session {session_id} in {tmp_path / DB_NAME} cannot be read: ")


def test_a_check_in_is_kept_only_before_or_after(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.add(SessionRecord(START, 0, 600.0, 600.0))
        with pytest.raises(KindlyFailure, match="'during' is not before or after"):
            store.set_checkin(session_id, "during", CheckIn(5, 5))  # type: ignore[arg-type]


def test_a_sessions_table_another_program_dropped_is_told_in_one_line(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        _raw(tmp_path, "DROP TABLE sessions")
        for ask in (store.sessions, store.practices):
            with pytest.raises(KindlyFailure) as raised:
                ask()
            assert str(raised.value) == f"cannot use {tmp_path / DB_NAME}: no such table: sessions"


def test_a_backups_folder_that_is_a_file_is_told_when_a_backup_is_due(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(SessionRecord(START, 0, 600.0, 600.0))
        assert store.backups is not None
        backups = store.backups
        for old in backups.iterdir():
            old.unlink()
        backups.rmdir()
        backups.write_text("not a folder")
        with pytest.raises(KindlyFailure) as raised:
            store.back_up()
    assert str(backups) in str(raised.value)
