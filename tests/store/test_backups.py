"""Kindly keeps rolling backups: after every session, and once a day on open; private to the user."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fakes import FakeClock
from kindly.core.session_record import SessionRecord
from kindly.store.backups import DAYS, KEEP, backup_files, backups_dir
from kindly.store.history_opening import open_history

DAY = 86400.0
START = datetime(2026, 11, 2, tzinfo=UTC)


def store_one_session(folder: Path, clock: FakeClock) -> None:
    with open_history(folder, clock) as store:
        store.add(SessionRecord(datetime(2026, 11, 2, tzinfo=UTC), 0, 600.0, 600.0))


def backups(folder: Path) -> list[Path]:
    return [path for _made, path in backup_files(backups_dir(folder))]


def open_history_read_only(backup: Path) -> list[tuple[object, ...]]:
    """The session rows a backup holds, read as a restore would read it."""
    connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT * FROM sessions").fetchall()
    finally:
        connection.close()


def test_an_empty_history_is_not_backed_up(tmp_path: Path, clock: FakeClock) -> None:
    open_history(tmp_path, clock).close()
    assert backups(tmp_path) == []


def test_opening_history_with_sessions_makes_a_backup(tmp_path: Path, clock: FakeClock) -> None:
    store_one_session(tmp_path, clock)
    open_history(tmp_path, clock).close()
    assert len(backups(tmp_path)) == 1


def test_there_is_at_most_one_backup_a_day(tmp_path: Path, clock: FakeClock) -> None:
    store_one_session(tmp_path, clock)
    for _ in range(4):
        clock.advance(3600)
        open_history(tmp_path, clock).close()
    assert len(backups(tmp_path)) == 1


def test_a_day_later_another_backup_is_made(tmp_path: Path, clock: FakeClock) -> None:
    store_one_session(tmp_path, clock)
    open_history(tmp_path, clock).close()
    clock.advance(DAY)
    open_history(tmp_path, clock).close()
    assert len(backups(tmp_path)) == 2


def test_the_newest_five_backups_are_kept_and_the_last_of_each_of_seven_days_before(
    tmp_path: Path, clock: FakeClock
) -> None:
    store_one_session(tmp_path, clock)  # backed up once, on this first day
    made = []
    for _ in range(20):  # twenty days, each opened once and with four sessions recorded
        open_history(tmp_path, clock).close()
        for _session in range(4):
            clock.advance(60.0)
            with open_history(tmp_path, clock) as store:
                store.add(SessionRecord(START, 0, 600.0, 600.0, None, True))
            made.append(datetime.fromtimestamp(clock.wall(), tz=UTC).strftime("%Y%m%dT%H%M%SZ"))
        clock.advance(DAY - 240.0)
    assert (KEEP, DAYS) == (5, 7)
    kept = [path.name for path in backups(tmp_path)]
    newest = [f"kindly-{stamp}.db" for stamp in reversed(made[-KEEP:])]
    last_of_earlier_days = [f"kindly-{stamp}.db" for stamp in reversed(made[:-KEEP][3::4][-DAYS:])]
    assert kept == newest + last_of_earlier_days


def test_a_backup_is_made_after_every_session_added(tmp_path: Path, clock: FakeClock) -> None:
    with open_history(tmp_path, clock) as store:
        for n in range(3):
            clock.advance(1.0)
            store.add(SessionRecord(START, 0, 600.0, 600.0, None, True))
            [(_, newest)] = backup_files(backups_dir(tmp_path))[:1]
            assert len(open_history_read_only(newest)) == n + 1


def test_a_backup_from_the_future_does_not_stop_backups_after_the_clock_is_set_back(
    tmp_path: Path, clock: FakeClock
) -> None:
    store_one_session(tmp_path, clock)
    open_history(tmp_path, clock).close()
    clock.set_wall(clock.wall() - 30 * DAY)
    open_history(tmp_path, clock).close()
    assert len(backups(tmp_path)) == 2


@pytest.mark.posix_only("file modes")
def test_a_backup_holds_the_sessions_and_is_private(tmp_path: Path, clock: FakeClock) -> None:
    store_one_session(tmp_path, clock)
    open_history(tmp_path, clock).close()
    (backup,) = backups(tmp_path)
    raw = sqlite3.connect(backup)
    assert raw.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    raw.close()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups_dir(tmp_path).stat().st_mode) == 0o700


def test_a_backup_is_named_for_the_moment_it_was_made(tmp_path: Path, clock: FakeClock) -> None:
    store_one_session(tmp_path, clock)
    open_history(tmp_path, clock).close()
    made = datetime.fromtimestamp(clock.wall(), tz=UTC)
    ((stamp, _path),) = backup_files(backups_dir(tmp_path))
    assert made - stamp < timedelta(seconds=1)


def test_a_file_in_the_backups_folder_named_for_an_impossible_moment_is_not_taken_for_a_backup(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Such a name (month 13) matched the backup pattern, and every open of the history then failed."""
    store_one_session(tmp_path, clock)
    stray = backups_dir(tmp_path) / "kindly-20261399T000000Z.db"
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"")
    open_history(tmp_path, clock).close()
    assert stray not in backups(tmp_path) and stray.exists()
