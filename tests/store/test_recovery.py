"""A damaged history file is moved aside, never deleted; the newest good backup comes back; the user is told."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fakes import FakeClock
from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SessionRecord
from kindly.store.backups import backup_files, backups_dir
from kindly.store.history_opening import DB_NAME, open_history

START = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)
DAY = 86400.0


def record(n: int) -> SessionRecord:
    return SessionRecord(START + timedelta(days=n), 0, 600.0, 600.0, "kind-breath", True)


def history_with_backup(folder: Path, clock: FakeClock, sessions: int = 2) -> None:
    """Sessions stored, then the file opened again the next day, which backs it up."""
    with open_history(folder, clock) as store:
        for n in range(sessions):
            store.add(record(n))
    clock.advance(DAY)
    open_history(folder, clock).close()


def damaged_files(folder: Path) -> list[str]:
    """The damaged history files moved aside (their -wal and -shm travel with them)."""
    return sorted(path.name for path in folder.glob("kindly.db.damaged-*") if not path.name.endswith(("-wal", "-shm")))


def test_a_file_that_is_not_a_database_is_moved_aside_and_the_backup_restored(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    (tmp_path / DB_NAME).write_bytes(b"this is not a history file\n" * 100)
    with open_history(tmp_path, clock) as store:
        assert len(store.sessions()) == 2
        assert store.recovery_notice is not None
        assert "file is not a database" in store.recovery_notice
        assert "backup from" in store.recovery_notice and "was restored" in store.recovery_notice
    assert (tmp_path / damaged_files(tmp_path)[0]).read_bytes() == b"this is not a history file\n" * 100


def test_the_notice_names_the_file_the_damaged_history_was_moved_to(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    (tmp_path / DB_NAME).write_bytes(b"\0" * 4096)
    with open_history(tmp_path, clock) as store:
        notice = store.recovery_notice
    assert notice is not None and "\n" not in notice
    assert damaged_files(tmp_path)[0] in notice


def test_the_damaged_files_write_ahead_log_goes_aside_with_it(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    (tmp_path / f"{DB_NAME}-wal").write_bytes(b"a log that belonged to the damaged file")
    open_history(tmp_path, clock).close()
    aside = damaged_files(tmp_path)[0]
    assert (tmp_path / f"{aside}-wal").read_bytes() == b"a log that belonged to the damaged file"
    assert not (tmp_path / f"{DB_NAME}-wal").exists() or b"belonged" not in (tmp_path / f"{DB_NAME}-wal").read_bytes()


def test_a_damaged_file_is_let_go_of_before_it_is_moved_aside(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows renames no open file: every connection to the damaged file is closed before its move."""
    from kindly.store import recovery

    history_with_backup(tmp_path, clock)
    _fail_its_check(tmp_path / DB_NAME)
    connections: list[sqlite3.Connection] = []
    open_when_moved: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        connections.append(connection)
        return connection

    def replace(source: Path, target: Path) -> None:
        for connection in connections:
            try:
                connection.execute("SELECT 1")
            except sqlite3.ProgrammingError:  # closed
                continue
            open_when_moved.append(source.name)
        durable_replace(source, target)

    durable_replace = recovery.replace_durably
    monkeypatch.setattr(recovery.sqlite3, "connect", connect)
    monkeypatch.setattr(recovery, "replace_durably", replace)
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice is not None
    assert damaged_files(tmp_path) and open_when_moved == []


def _fail_its_check(path: Path) -> None:
    """A database that opens but fails `quick_check`: its header's count of free pages is wrong."""
    with open(path, "r+b") as raw:
        raw.seek(36)
        raw.write((1).to_bytes(4, "big"))


def test_a_file_that_opens_but_fails_its_check_is_recovered_too(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)  # another program, not Kindly: no backup
    raw.executemany(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES (?, 0, 600, 600, 1)",
        [(f"2026-01-01T00:{n // 60:02d}:{n % 60:02d}Z",) for n in range(600)],
    )
    raw.execute("DELETE FROM sessions WHERE id > 2")  # leaves free pages behind
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    with open(tmp_path / DB_NAME, "r+b") as raw:
        raw.seek(36)  # the header's count of free pages: now wrong
        raw.write((1).to_bytes(4, "big"))
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice is not None and "freelist" in store.recovery_notice.lower()
        assert len(store.sessions()) == 2


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock, sessions=2)
    with open_history(tmp_path, clock) as store:
        store.add(record(5))
    clock.advance(DAY)
    open_history(tmp_path, clock).close()
    [newest, next_newest, *_older] = backup_files(backups_dir(tmp_path))
    newest[1].write_bytes(b"broken backup")
    (tmp_path / DB_NAME).write_bytes(b"broken history")
    with open_history(tmp_path, clock) as store:
        assert len(store.sessions()) == 3
        assert f"the backup from {next_newest[0]:%Y-%m-%d %H:%M} UTC was restored" in (store.recovery_notice or "")


def test_with_no_backup_history_starts_afresh_and_says_so(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    with open_history(tmp_path, clock) as store:
        assert store.sessions() == []
        assert store.recovery_notice is not None and "no good backup was found" in store.recovery_notice
    assert len(damaged_files(tmp_path)) == 1


def test_damage_found_twice_in_one_second_never_overwrites_the_first_damaged_file(
    tmp_path: Path, clock: FakeClock
) -> None:
    for content in (b"first garbage" * 100, b"second garbage" * 100):
        (tmp_path / DB_NAME).write_bytes(content)
        open_history(tmp_path, clock).close()
    assert sorted((tmp_path / name).read_bytes()[:6] for name in damaged_files(tmp_path)) == [b"first ", b"second"]


def test_a_healthy_file_has_no_notice_and_nothing_is_moved(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice is None
    assert damaged_files(tmp_path) == []


def test_the_restored_file_passes_a_full_integrity_check(tmp_path: Path, clock: FakeClock) -> None:
    history_with_backup(tmp_path, clock)
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    open_history(tmp_path, clock).close()
    raw = sqlite3.connect(tmp_path / DB_NAME)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()


def test_a_backup_that_is_no_kindly_history_is_refused_in_one_line_rather_than_restored_in_a_loop(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A backup that passes its check but lacks Kindly's columns: once restored, the file is damaged again."""
    backups_dir(tmp_path).mkdir()
    odd = sqlite3.connect(backups_dir(tmp_path) / "kindly-20261101T000000Z.db", isolation_level=None)
    odd.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
    odd.execute("PRAGMA user_version = 5")
    odd.close()
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 1000)
    with pytest.raises(KindlyFailure, match=r"is damaged again after recovery \(its sessions table lacks "):
        open_history(tmp_path, clock)
    assert len(damaged_files(tmp_path)) == 1


def test_a_missing_file_whose_backups_are_all_damaged_starts_afresh_and_says_so(
    tmp_path: Path, clock: FakeClock
) -> None:
    history_with_backup(tmp_path, clock)
    for _made, backup in backup_files(backups_dir(tmp_path)):
        backup.write_bytes(b"garbage" * 1000)
    (tmp_path / DB_NAME).unlink()
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice == (
            "the history file was missing and no good backup was found, so history starts afresh"
        )
        assert store.sessions() == []


def test_with_no_backup_every_session_the_damaged_file_still_holds_is_salvaged(
    tmp_path: Path, clock: FakeClock
) -> None:
    import shutil

    history_with_backup(tmp_path, clock)
    shutil.rmtree(backups_dir(tmp_path))
    _fail_its_check(tmp_path / DB_NAME)
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice is not None
        assert store.recovery_notice.endswith("; 2 sessions were salvaged from it")
        assert [session.start_utc for session in store.sessions()] == [record(0).start_utc, record(1).start_utc]


def test_one_session_salvaged_is_told_in_the_singular(tmp_path: Path, clock: FakeClock) -> None:
    import shutil

    history_with_backup(tmp_path, clock, sessions=1)
    shutil.rmtree(backups_dir(tmp_path))
    _fail_its_check(tmp_path / DB_NAME)
    with open_history(tmp_path, clock) as store:
        assert store.recovery_notice is not None
        assert store.recovery_notice.endswith("; 1 session was salvaged from it")
