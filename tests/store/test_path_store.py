"""Path progress in the history file: kept, moved on, left, and upgraded into from an older file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.core.errors import KindlyFailure
from kindly.core.path_progress import next_week, start_path
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.path_store import current_path, keep_progress, leave_path

MONDAY = datetime(2027, 1, 4, 7, 30, tzinfo=UTC)


def test_a_started_path_is_there_when_the_history_is_opened_again(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        keep_progress(store, start_path("twelve-weeks-of-kindness", MONDAY))
    with open_history(tmp_path) as store:
        assert current_path(store) == start_path("twelve-weeks-of-kindness", MONDAY)


def test_moving_on_keeps_the_start_and_the_week(tmp_path: Path) -> None:
    moved = next_week(start_path("p", MONDAY), 12, MONDAY + timedelta(days=3))
    with open_history(tmp_path) as store:
        keep_progress(store, start_path("p", MONDAY))
        keep_progress(store, moved)
        assert current_path(store) == moved


def test_leaving_the_path_leaves_the_sessions_and_says_whether_there_was_one(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        keep_progress(store, start_path("p", MONDAY))
        left, again = leave_path(store, MONDAY + timedelta(days=1)), leave_path(store, MONDAY + timedelta(days=2))
        assert (left, again, current_path(store)) == (True, False, None)


def test_starting_another_path_leaves_the_one_before(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        keep_progress(store, start_path("first", MONDAY))
        keep_progress(store, start_path("second", MONDAY + timedelta(days=1)))
        assert current_path(store) == start_path("second", MONDAY + timedelta(days=1))
        on_path = store.connection.execute("SELECT COUNT(*) FROM path_progress WHERE left_utc IS NULL").fetchone()
        assert on_path == (1,)


def test_a_schema_2_history_is_upgraded_with_its_sessions_and_no_path(tmp_path: Path) -> None:
    import sqlite3

    from kindly.store.schema import MIGRATIONS

    raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    for statement in (*MIGRATIONS[0], *MIGRATIONS[1]):
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 2")
    raw.execute(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES ('2026-11-01T08:00:00.000000Z', 0, 600, 600, 1)"
    )
    raw.close()
    with open_history(tmp_path) as store:
        assert (len(store.sessions()), current_path(store), store.recovery_notice) == (1, None, None)


def test_a_path_table_another_program_removed_is_told_in_one_line(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        keep_progress(store, start_path("p", MONDAY))
        raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
        raw.execute("DROP TABLE path_progress")
        raw.close()
        with pytest.raises(KindlyFailure) as raised:
            current_path(store)
    assert str(raised.value) == f"cannot use {tmp_path / DB_NAME}: no such table: path_progress"
