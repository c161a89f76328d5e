"""What is read back from a damaged history file: every row still readable, and a count of the rest."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.core.session_record import SessionRecord
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.recovery import place_problem, salvage, schema_problem
from kindly.store.session_rows import RECORD_COLUMNS, record_values

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)
SESSIONS = 400
PAGE = 1024


def _history(folder: Path) -> Path:
    """A Kindly history of SESSIONS sessions on small pages (so its rows fill many), no longer open."""
    path = folder / DB_NAME
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute(f"PRAGMA page_size = {PAGE}")
    raw.close()
    open_history(folder).close()  # Kindly's own schema
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = DELETE")
    marks = ", ".join("?" for _ in RECORD_COLUMNS)
    with raw:
        raw.executemany(
            f"INSERT INTO sessions ({', '.join(RECORD_COLUMNS)}) VALUES ({marks})",
            [
                record_values(SessionRecord(START + timedelta(days=n), 0, 600.0, 600.0, "kind-breath", True))
                for n in range(SESSIONS)
            ],
        )
    raw.close()
    return path


def _table_leaves(path: Path) -> list[int]:
    """The pages (numbered from 0) that are leaves of a table: SQLite marks them 0x0D."""
    data = path.read_bytes()
    return [n for n in range(1, len(data) // PAGE) if data[n * PAGE] == 0x0D]


def test_a_history_with_one_broken_page_gives_back_every_other_page_s_sessions(tmp_path: Path) -> None:
    path = _history(tmp_path)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DELETE FROM sessions WHERE id = 10")  # a session deleted: no row, and nothing lost
    raw.execute("UPDATE sessions SET start_utc = 'half past seven' WHERE id = 20")  # a garbled row: lost
    raw.close()
    leaves = _table_leaves(path)
    broken = leaves[len(leaves) // 2]  # a page of sessions in the middle of the file
    with path.open("r+b") as handle:
        handle.seek(broken * PAGE)
        handle.write(b"\xff" * PAGE)
    found = salvage(path)
    assert found.unreadable is not None and 1 < found.unreadable < SESSIONS // 2
    assert len(found.records) + found.unreadable == SESSIONS - 1
    assert len({record.start_utc for record in found.records}) == len(found.records)


def test_a_history_whose_row_ids_cannot_be_read_tells_that_how_many_were_lost_is_not_known(tmp_path: Path) -> None:
    path = _history(tmp_path)
    data = bytearray(path.read_bytes())
    for leaf in _table_leaves(path)[-3:]:  # the last pages, where the highest ids are
        data[leaf * PAGE : (leaf + 1) * PAGE] = b"\xff" * PAGE
    path.write_bytes(bytes(data))
    found = salvage(path)
    assert found.unreadable is None


def test_a_file_that_is_not_there_or_not_a_database_gives_back_nothing(tmp_path: Path) -> None:
    assert salvage(tmp_path / "gone.db") == salvage(tmp_path) == (found := salvage(tmp_path / "gone.db"))
    assert (found.records, found.unreadable) == ((), 0)
    text = tmp_path / "notes.db"
    text.write_text("not a database, just notes\n" * 100)
    assert (salvage(text).records, salvage(text).unreadable) == ((), 0)


def test_a_sessions_table_without_kindly_s_columns_is_not_taken_for_a_history(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, start_utc TEXT)")
    raw.execute("PRAGMA user_version = 5")
    assert schema_problem(raw, 5) == (
        "its sessions table lacks after_ease, after_kindness, before_ease, before_kindness, completed, "
        "origin_device, planned_s, practice, practised_s, sync_id, utc_offset_min, zone"
    )
    raw.close()
    assert salvage(path).records == ()


@pytest.mark.posix_only("a symbolic link loop")
def test_a_link_loop_where_the_history_belongs_is_told_it_cannot_be_looked_at(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    os.symlink(path, path)
    assert place_problem(path, has_backups=False) == "it cannot be looked at (Too many levels of symbolic links)"


def test_a_damaged_file_whose_row_ids_cannot_be_read_says_some_sessions_were_lost(tmp_path: Path) -> None:
    path = _history(tmp_path)
    data = bytearray(path.read_bytes())
    for leaf in _table_leaves(path)[-3:]:
        data[leaf * PAGE : (leaf + 1) * PAGE] = b"\xff" * PAGE
    path.write_bytes(bytes(data))
    with open_history(tmp_path) as store:
        assert store.recovery_notice is not None
        assert store.recovery_notice.endswith(" (some sessions in it could not be read)")


@contextmanager
def _as_another_user() -> Iterator[None]:
    """Root reads every file: for the test's moment the process acts as `nobody` (it can become root again)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def unreadable_history() -> Iterator[Path]:
    """A history file in a folder anyone may look into, that only its owner (not the test's user) may read."""
    folder = Path(tempfile.mkdtemp(prefix="kindly-unreadable-"))  # pytest's own folders are closed to nobody
    path = folder / DB_NAME
    open_history(folder).close()
    folder.chmod(0o755)  # after Kindly made it private
    path.chmod(0o000 if os.geteuid() != 0 else 0o600)
    yield path
    path.chmod(0o600)
    shutil.rmtree(folder)


@pytest.mark.posix_only("file modes decide who may read a file")
def test_a_history_file_the_user_may_not_read_is_named_so(unreadable_history: Path) -> None:
    with _as_another_user():
        problem = place_problem(unreadable_history, has_backups=False)
    assert problem == "the history file cannot be read (its permissions do not let you)"


@pytest.mark.posix_only("file modes decide who may read a file")
def test_a_damaged_file_the_user_may_not_read_gives_back_nothing(unreadable_history: Path) -> None:
    with _as_another_user():
        found = salvage(unreadable_history)
    assert (found.records, found.unreadable) == ((), 0)
