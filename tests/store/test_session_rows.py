"""Which rows of a history file are damaged: found by reading each as a session, by the rows' own ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kindly.store.session_rows import unreadable_ids

GOOD = ("2026-11-02T07:30:00.000000Z", 60, 600.0, 600.0, 1)
GARBLED = ("half past seven", 60, 600.0, 600.0, 1)


def _history(path: Path, id_type: str, *rows: tuple[object, ...]) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(
        f"CREATE TABLE sessions (id {id_type}, start_utc TEXT, utc_offset_min INTEGER, planned_s REAL,"
        " practised_s REAL, completed INTEGER)"
    )
    for number, row in enumerate(rows, start=1):
        connection.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)", (number, *row))
    return connection


def test_the_garbled_rows_are_named_by_their_ids(tmp_path: Path) -> None:
    connection = _history(tmp_path / "kindly.db", "INTEGER PRIMARY KEY", GOOD, GARBLED, GOOD, GARBLED)
    assert unreadable_ids(connection) == {2, 4}


def test_a_database_with_no_sessions_table_has_no_damaged_rows(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "other.db", isolation_level=None)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    assert unreadable_ids(connection) == frozenset()


def test_a_garbled_row_whose_id_is_not_a_whole_number_is_not_taken_for_kindlys(tmp_path: Path) -> None:
    """Kindly's ids are the rows' own ids; in a table another program made, an id may be anything."""
    connection = _history(tmp_path / "kindly.db", "", GARBLED, GARBLED)  # no type: an id is kept as given
    connection.execute("UPDATE sessions SET id = 'first' WHERE id = 1")
    assert unreadable_ids(connection) == {2}
