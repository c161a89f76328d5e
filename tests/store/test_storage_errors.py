"""Machine trouble with the history file is told in one line, by what went wrong, never as a traceback."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from kindly.store.storage_errors import SQLITE_IOERR, storage_failure


@pytest.fixture
def history(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "kindly.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
    yield path


def _io_error() -> sqlite3.OperationalError:
    """SQLite's disk I/O error, as a write refused by the disk raises it."""
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = SQLITE_IOERR
    return exc


def test_a_history_another_program_holds_is_told_busy(history: Path) -> None:
    holder = sqlite3.connect(history, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        writer = sqlite3.connect(history, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as raised:
            writer.execute("INSERT INTO sessions DEFAULT VALUES")
        writer.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(storage_failure(raised.value, history))
    assert (
        message == f"{history} is busy in another program; try again in a moment (history already stored is unchanged)"
    )


def test_a_name_too_long_for_the_file_system_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 300) / "kindly.db"
    with pytest.raises(OSError) as raised:
        path.parent.mkdir()
    if raised.value.errno != errno.ENAMETOOLONG:
        pytest.skip(f"this file system refuses a 300-character name otherwise ({raised.value})")
    message = str(storage_failure(raised.value, path))
    assert message.startswith("cannot use ") and message.endswith("...: a name in it is too long for the file system")


def test_an_io_error_on_a_nearly_full_disk_is_told_as_a_full_disk(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: SimpleNamespace(free=4096))
    assert str(storage_failure(_io_error(), history)).startswith(f"the disk holding {history} is full;")


def test_an_io_error_on_a_disk_with_room_is_told_as_the_disk_failing(history: Path) -> None:
    message = str(storage_failure(_io_error(), history))
    assert message == f"the disk failed while using {history} (disk I/O error); history already stored is unchanged"


def test_an_io_error_where_the_free_space_cannot_be_read_is_told_as_the_disk_failing(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(_path: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(shutil, "disk_usage", unreadable)
    assert str(storage_failure(_io_error(), history)).startswith("the disk failed while using")


def test_an_io_error_in_a_nearly_full_history_folder_measures_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    free = {folder: 4096, tmp_path: 10**9}  # the folder is on a nearly full disk mounted there
    monkeypatch.setattr(shutil, "disk_usage", lambda path: SimpleNamespace(free=free[Path(path)]))
    assert str(storage_failure(_io_error(), folder)).startswith(f"the disk holding {folder} is full;")


def test_an_os_error_of_another_kind_is_told_as_the_disk_failing(history: Path) -> None:
    message = str(storage_failure(OSError(errno.EIO, "Input/output error"), history))
    assert message.startswith(f"the disk failed while using {history} (")


def test_any_other_database_error_is_told_with_sqlite_s_own_words(history: Path) -> None:
    assert str(storage_failure(sqlite3.DatabaseError("something unforeseen"), history)) == (
        f"cannot use {history}: something unforeseen"
    )
