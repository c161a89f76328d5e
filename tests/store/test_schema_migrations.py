"""History files from earlier versions of Kindly are upgraded in place, keeping every session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kindly.core.errors import KindlyFailure
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version


def write_version_1_file(path: Path) -> None:
    """A history file exactly as the first schema left it, with two sessions."""
    raw = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.executemany(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, practice, completed)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("2026-03-01T08:00:00.000000Z", 60, 600.0, 600.0, "kind-breath", 1),
            ("2026-03-02T08:00:00.000000Z", 60, 600.0, 240.5, None, 0),
        ],
    )
    raw.close()


def test_a_new_history_file_has_the_latest_schema(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        assert schema_version(store.connection) == SCHEMA_VERSION == 5


def test_a_version_1_file_is_upgraded_and_keeps_its_sessions(tmp_path: Path) -> None:
    write_version_1_file(tmp_path / DB_NAME)
    with open_history(tmp_path) as store:
        sessions = store.sessions()
        assert schema_version(store.connection) == SCHEMA_VERSION
    assert [(s.practised_s, s.practice, s.completed, s.zone) for s in sessions] == [
        (600.0, "kind-breath", True, None),
        (240.5, None, False, None),
    ]


def test_the_upgrade_adds_the_start_index(tmp_path: Path) -> None:
    write_version_1_file(tmp_path / DB_NAME)
    with open_history(tmp_path) as store:
        indexes = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "sessions_by_start" in indexes


def test_an_upgrade_that_fails_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    write_version_1_file(path)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("CREATE TABLE sessions_by_start (x)")  # a name the upgrade needs is taken
    with pytest.raises(sqlite3.OperationalError):
        migrate(raw, str(path))
    assert schema_version(raw) == 1
    assert "zone" not in {row[1] for row in raw.execute("PRAGMA table_info(sessions)")}
    raw.close()


def test_a_file_already_at_the_latest_version_is_not_touched_by_migrate(tmp_path: Path) -> None:
    open_history(tmp_path).close()
    raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    assert migrate(raw, "kindly.db") == SCHEMA_VERSION
    raw.close()


def test_an_unknown_future_version_is_a_failure_not_a_guess(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "future.db", isolation_level=None)
    raw.execute("PRAGMA user_version = 99")
    with pytest.raises(KindlyFailure, match=rf"history version 99; this one reads up to {SCHEMA_VERSION}"):
        migrate(raw, "future.db")
    raw.close()


def test_a_version_1_file_upgraded_has_no_checkins_and_takes_new_ones(tmp_path: Path) -> None:
    from kindly.core.checkin import CheckIn

    write_version_1_file(tmp_path / DB_NAME)
    with open_history(tmp_path) as store:
        first = store.sessions()[0]
        assert (first.checkin_before, first.checkin_after) == (None, None)
        assert first.id is not None
        store.set_checkin(first.id, "after", CheckIn(7, 6))
        assert store.sessions()[0].checkin_after == CheckIn(7, 6)


def test_the_database_itself_refuses_an_answer_of_eleven(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.connection.execute(
            "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
            " VALUES ('2026-03-01T08:00:00.000000Z', 0, 60, 60, 1)"
        )
        with pytest.raises(sqlite3.IntegrityError):
            store.connection.execute("UPDATE sessions SET after_kindness = 11")


def test_an_upgrade_interrupted_part_way_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    """Stopped in the middle of a statement, SQLite undoes the whole upgrade itself; nothing is left half done."""
    path = tmp_path / DB_NAME
    write_version_1_file(path)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    raw.executemany(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed) VALUES (?, 0, 600, 600, 1)",
        [(f"2026-03-01T08:00:00.{n:06d}Z",) for n in range(20_000)],
    )
    raw.execute("COMMIT")
    calls = iter(range(10**9))
    raw.set_progress_handler(lambda: next(calls) >= 10, 1000)  # about 10,000 steps in: building the start index
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        migrate(raw, str(path))
    raw.set_progress_handler(None, 0)
    assert not raw.in_transaction
    assert schema_version(raw) == 1
    assert "zone" not in {row[1] for row in raw.execute("PRAGMA table_info(sessions)")}
    assert raw.execute("SELECT count(*) FROM sessions").fetchone()[0] == 20_002
    raw.close()
