"""Opening the history file: damage is raised with whatever connection it left open, for the caller to close."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kindly.store.history_connection import Damaged, open_checked
from kindly.store.history_opening import DB_NAME


def test_damage_seen_before_connecting_leaves_nothing_open_to_close(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).mkdir()  # a folder where the file belongs: SQLite is never asked
    with pytest.raises(Damaged) as raised:
        open_checked(tmp_path / DB_NAME, has_backups=False)
    raised.value.close()
    assert raised.value.connection is None


def test_damage_seen_by_sqlite_holds_its_connection_until_closed(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"not a database" * 100)
    with pytest.raises(Damaged) as raised:
        open_checked(tmp_path / DB_NAME, has_backups=False)
    connection = raised.value.connection
    assert connection is not None
    raised.value.close()
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")
