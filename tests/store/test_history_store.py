"""The history file keeps every session it was given, privately, durably, and refuses to lose any."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SessionRecord
from kindly.store import history as history_module
from kindly.store import history_opening
from kindly.store.history import HistoryStore
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.schema import SCHEMA_VERSION
from read_only_folder import make_immutable, make_writable

START = datetime(2026, 11, 2, 7, 30, 15, 250_000, tzinfo=UTC)


def record(minutes_later: int = 0, practised_s: float = 600.0, practice: str | None = "kind-breath") -> SessionRecord:
    return SessionRecord(
        START + timedelta(minutes=minutes_later), 60, 900.0, practised_s, practice, True, "Europe/Paris"
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_stored_session_reads_back_with_every_field(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.add(record(practised_s=123.456789))
        assert store.sessions() == [
            SessionRecord(START, 60, 900.0, 123.456789, "kind-breath", True, "Europe/Paris", session_id)
        ]


def test_a_silent_timer_session_is_stored_without_a_practice(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record(practice=None))
        assert store.sessions()[0].practice is None


def test_the_store_knows_which_practices_were_ever_done(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        assert store.practices() == frozenset()
        for practice in ("kind-breath", None, "kind-breath", "soften-soothe-allow"):
            store.add(record(practice=practice))
        assert store.practices() == {"kind-breath", "soften-soothe-allow"}


def test_the_first_read_after_opening_decodes_no_session_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_history(tmp_path) as store:
        for minutes in (30, -600, 5):
            store.add(record(minutes))
    decoded: list[int] = []
    decode = history_module.readable_rows
    monkeypatch.setattr(history_module, "readable_rows", lambda rows: decoded.append(1) or decode(rows))
    with open_history(tmp_path) as store:
        first = [s.start_utc for s in store.sessions()]
        assert (first, decoded) == ([START + timedelta(minutes=m) for m in (-600, 5, 30)], [])
        assert [s.start_utc for s in store.sessions()] == first and decoded == [1]  # later reads: from the file


def test_a_session_written_after_opening_is_in_the_first_read(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record(0))
    with open_history(tmp_path) as store:
        store.add(record(5))
        assert len(store.sessions()) == 2


def test_a_session_another_program_wrote_after_opening_is_in_the_first_read(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record(0))
    with open_history(tmp_path) as store, open_history(tmp_path) as other:
        other.add(record(5))
        assert len(store.sessions()) == 2


def test_a_session_another_program_wrote_while_the_history_was_opening_is_in_the_first_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_history(tmp_path) as store:
        store.add(record(0))
    due = history_opening.backup_due

    def another_program_writes_meanwhile(*args: object) -> bool:  # once the rows are read, before the store
        other = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
        try:
            HistoryStore(other, tmp_path / DB_NAME).add(record(5))
        finally:
            other.close()
        return due(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(history_opening, "backup_due", another_program_writes_meanwhile)
    with open_history(tmp_path) as store:
        assert len(store.sessions()) == 2


def test_sessions_read_back_oldest_start_first_whatever_order_they_were_written(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        for minutes in (30, -600, 5):
            store.add(record(minutes))
        assert [s.start_utc for s in store.sessions()] == [START + timedelta(minutes=m) for m in (-600, 5, 30)]


def test_history_lives_in_kindly_db_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDLY_DATA_DIR", str(tmp_path / "elsewhere"))
    with open_history() as store:
        assert store.path == tmp_path / "elsewhere" / DB_NAME


@pytest.mark.posix_only("file modes (Windows' access lists: tests/platform)")
def test_the_file_and_its_folder_are_readable_by_the_user_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_history(folder) as store:
        store.add(record())
        assert mode(folder) == 0o700
        assert {path.name: mode(path) for path in folder.glob("kindly.db*")} == {
            "kindly.db": 0o600,
            "kindly.db-wal": 0o600,
            "kindly.db-shm": 0o600,
        }


@pytest.mark.posix_only("file modes (Windows' access lists: tests/platform)")
def test_an_existing_folder_and_file_open_to_others_are_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_history(folder) as store:
        store.add(record())
    folder.chmod(0o755)
    (folder / DB_NAME).chmod(0o644)
    open_history(folder).close()
    assert (mode(folder), mode(folder / DB_NAME)) == (0o700, 0o600)


def test_writes_go_through_a_write_ahead_log_synced_in_full(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        journal = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = store.connection.execute("PRAGMA synchronous").fetchone()[0]
    assert (journal, synchronous) == ("wal", 2)


def test_duplicates_already_stored_or_repeated_in_a_batch_are_skipped(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record(0))
        ids, skipped = store.add_new([record(0), record(1), record(1), record(2)])
        assert (len(ids), skipped, len(store.sessions())) == (2, 2, 3)


def test_sessions_that_differ_in_any_field_are_not_duplicates(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record(practised_s=600.0))
        ids, skipped = store.add_new([record(practised_s=600.5)])
        assert (len(ids), skipped) == (1, 0)


def test_a_full_disk_is_one_clear_failure_and_keeps_what_was_stored(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record())
        store.connection.execute("PRAGMA max_page_count = 3")  # SQLite's own "disk is full"
        with pytest.raises(KindlyFailure, match=r"is full; history already stored is unchanged$"):
            for minutes in range(1, 10_000):
                store.add(record(minutes))
        stored = len(store.sessions())
    with open_history(tmp_path) as store:
        assert len(store.sessions()) == stored >= 2


def test_a_batch_that_does_not_fit_on_the_disk_is_not_written_at_all(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(record())
        store.connection.execute("PRAGMA max_page_count = 3")
        with pytest.raises(KindlyFailure, match="is full"):
            store.add_new([record(minutes) for minutes in range(1, 5_000)])
        assert len(store.sessions()) == 1


@pytest.mark.posix_only("a folder made read-only by its mode")
def test_a_read_only_folder_is_one_clear_failure_and_keeps_what_was_stored(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_history(folder) as store:
        store.add(record())
    make_immutable(folder)
    try:
        with pytest.raises(KindlyFailure, match=r"cannot write history in .*data: the folder is read-only"):
            open_history(folder)
    finally:
        make_writable(folder)
    with open_history(folder) as store:
        assert len(store.sessions()) == 1


def test_a_file_from_a_newer_kindly_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    open_history(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(KindlyFailure, match="written by a newer Kindly"):
        open_history(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


@pytest.mark.posix_only("a folder made read-only by its mode")
def test_a_file_not_yet_in_wal_mode_in_a_read_only_folder_is_one_clear_failure(tmp_path: Path) -> None:
    """A file put back from a backup is in SQLite's rollback mode: its log cannot be switched on in place."""
    folder = tmp_path / "data"
    with open_history(folder) as store:
        store.add(record())
    with sqlite3.connect(folder / DB_NAME, isolation_level=None) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    raw.close()
    make_immutable(folder)
    try:
        with pytest.raises(KindlyFailure, match=r"cannot write history in .*data: the folder is read-only"):
            open_history(folder)
    finally:
        make_writable(folder)
    with open_history(folder) as store:
        assert len(store.sessions()) == 1


def test_a_backup_that_cannot_be_written_on_open_is_one_clear_failure(tmp_path: Path) -> None:
    from fakes import FakeClock
    from kindly.core.clock import utc_now
    from kindly.store.backups import backups_dir

    clock = FakeClock()
    with open_history(tmp_path, clock) as store:
        store.add(record())
    clock.advance(2 * 86400.0)  # a backup is due on the next open
    in_the_way = backups_dir(tmp_path) / f"kindly-{utc_now(clock):%Y%m%dT%H%M%SZ}.db"
    in_the_way.mkdir()  # a folder where that backup belongs
    with pytest.raises(KindlyFailure, match=r"history already stored is unchanged"):
        open_history(tmp_path, clock)
    in_the_way.rmdir()
    with open_history(tmp_path, clock) as store:
        assert len(store.sessions()) == 1


def test_a_store_with_no_backups_folder_writes_without_backing_up(tmp_path: Path) -> None:
    from kindly.core.checkin import CheckIn
    from kindly.store.history import HistoryStore

    open_history(tmp_path).close()
    connection = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    with HistoryStore(connection, tmp_path / DB_NAME) as store:
        kept = store.add(record())
        store.set_checkin(kept, "after", CheckIn(6, 7))
        assert store.forget_checkins() == 1
    assert not (tmp_path / "backups").exists()


def test_a_salvaged_later_state_of_a_kept_session_replaces_it(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        kept = store.add(record(practised_s=120.0))
        later = store.session(kept)
        changed = store.absorb([SessionRecord(**{**later.__dict__, "practised_s": 600.0})])
        assert (changed, store.session(kept).practised_s) == (1, 600.0)


def test_a_salvaged_session_already_kept_as_it_is_is_skipped(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        kept = store.session(store.add(record()))
        moved = SessionRecord(**{**kept.__dict__, "id": kept.id + 1})  # the same session under another id
        assert (store.absorb([kept, moved]), len(store.sessions())) == (0, 1)
