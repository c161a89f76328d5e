"""A row another program garbled is given back from a backup, not left out; and the last good backup is never lost.

Real SQLite files and the real `kindly` commands: five sessions recorded
(each backed up as it is stored), then one row's column set to something no
session holds, the way another program or a hand edit would. Opening the
history gives the row back as the newest backup holding it intact has it,
keeps every other row as it is, keeps the file as it was beside it and says
so in one line. When no backup holds the row, it is left out and counted, and the
last backup from before the damage is kept however many are made after.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakes import FakeClock
from kindly.cli import main
from kindly.core.clock import utc_now
from kindly.core.session_record import MAX_OFFSET_MIN, MAX_SESSION_S, SessionRecord
from kindly.store.backups import backup_files, backups_dir
from kindly.store.history_opening import DB_NAME, open_history

SESSIONS = 5
# The columns Kindly's schema declares NOT NULL, as it declares them.
DECLARED = {
    "start_utc": "TEXT",
    "utc_offset_min": "INTEGER",
    "planned_s": "REAL",
    "practised_s": "REAL",
    "completed": "INTEGER",
}


def _data() -> Path:
    return Path(os.environ["KINDLY_DATA_DIR"])


def _five_sessions() -> None:
    for day in range(1, SESSIONS + 1):
        assert main(["history", "add", "--start", f"2026-01-0{day}T07:30", "--minutes", "10"]) == 0


def _damage(folder: Path, column: str, value: object, row_id: int = 3) -> None:
    """Set one column of one row as another program might: past the table's CHECK and NOT NULL constraints."""
    raw = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    try:
        if value is None and column in DECLARED:
            declared = f"{column} {DECLARED[column]}"
            raw.execute("PRAGMA writable_schema = ON")  # a schema edited to let the NULL in
            raw.execute(
                "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = 'sessions'",
                (f"{declared} NOT NULL", declared),
            )
            raw.execute("PRAGMA writable_schema = OFF")
            raw.close()
            raw = sqlite3.connect(folder / DB_NAME, isolation_level=None)
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, row_id))
    finally:
        raw.close()


def _stats_total(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    said = capsys.readouterr()
    return json.loads(said.out)["total_sessions"], said.err


def _contents(folder: Path) -> list[tuple[object, ...]]:
    with open_history(folder) as store:
        return [record.content() for record in store.sessions()]


def test_a_garbled_start_is_restored_from_the_backup_and_the_file_as_it_was_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _five_sessions()
    before = _contents(_data())
    _damage(_data(), "start_utc", "garbage")
    total, said = _stats_total(capsys)
    assert total == SESSIONS
    assert said.count("\n") == 1
    assert said.startswith("kindly: notice: 1 session in kindly.db could not be read; 1 was restored from the backup")
    assert "left out" not in said
    [aside] = [p for p in _data().glob("kindly.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert aside.name in said
    assert _contents(_data()) == before
    assert _stats_total(capsys) == (SESSIONS, "")  # said once: the history is whole again


def test_sessions_recorded_since_the_backup_stay_when_a_row_is_restored(capsys: pytest.CaptureFixture[str]) -> None:
    _five_sessions()
    raw = sqlite3.connect(_data() / DB_NAME, isolation_level=None)  # a row no backup has seen
    raw.execute(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES ('2026-01-09T07:30:00.000000Z', 0, 600, 600, 1)"
    )
    raw.close()
    _damage(_data(), "practised_s", b"\x00\xff")
    total, said = _stats_total(capsys)
    assert total == SESSIONS + 1
    assert "1 was restored" in said


def test_a_kindly_with_the_history_open_goes_on_recording_into_it_after_a_row_is_restored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The app keeps its history open for days: a command restoring a row must not pull the file from under it."""
    _five_sessions()
    with open_history(_data()) as app:
        _damage(_data(), "start_utc", "garbage")
        assert "1 was restored" in _stats_total(capsys)[1]
        app.add(SessionRecord(datetime(2026, 2, 1, 7, 30, tzinfo=UTC), 60, 600.0, 600.0))
    assert _stats_total(capsys) == (SESSIONS + 1, "")


def test_the_newest_backup_holding_the_row_intact_is_the_one_restored(capsys: pytest.CaptureFixture[str]) -> None:
    """A backup made after the damage holds the garbled row too: the restore passes over it to the one before."""
    _five_sessions()
    made, _newest = backup_files(backups_dir(_data()))[0]
    _damage(_data(), "utc_offset_min", 99999999)
    later = backups_dir(_data()) / f"kindly-{made + timedelta(minutes=1):%Y%m%dT%H%M%SZ}.db"
    source, target = sqlite3.connect(_data() / DB_NAME), sqlite3.connect(later)
    source.backup(target)
    source.close()
    target.close()
    total, said = _stats_total(capsys)
    assert total == SESSIONS
    assert f"1 was restored from the backup from {made:%Y-%m-%d %H:%M} UTC" in said


def test_a_row_no_backup_holds_is_left_out_and_counted_once_a_read(capsys: pytest.CaptureFixture[str]) -> None:
    _five_sessions()
    shutil.rmtree(backups_dir(_data()))
    _damage(_data(), "start_utc", "garbage")
    total, said = _stats_total(capsys)
    assert total == SESSIONS - 1
    assert said == "kindly: notice: 1 session in kindly.db could not be read and is left out\n"
    assert not list(_data().glob("kindly.db.damaged-*"))


def test_of_two_garbled_rows_the_one_a_backup_holds_is_restored_and_the_other_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _five_sessions()
    raw = sqlite3.connect(_data() / DB_NAME, isolation_level=None)  # garbled before any backup saw it
    raw.execute(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES ('2026-01-09T07:30:00.000000Z', 0, 600, -1e308, 1)"
    )
    raw.close()
    _damage(_data(), "practised_s", "nan")
    total, said = _stats_total(capsys)
    assert total == SESSIONS
    restored, left_out = said.splitlines()
    assert "2 sessions in kindly.db could not be read; 1 was restored from the backup" in restored
    assert left_out == "kindly: notice: 1 session in kindly.db could not be read and is left out"


def test_backups_of_a_garbled_history_never_push_out_the_last_good_one(tmp_path: Path) -> None:
    """No backup holds the garbled row (it was written after the last one); days of sessions follow."""
    clock = FakeClock()
    with open_history(tmp_path, clock) as store:
        store.add(SessionRecord(utc_now(clock), 0, 600.0, 600.0))
    [(_made, good)] = backup_files(backups_dir(tmp_path))
    raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    raw.execute(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES ('half past seven', 0, 600, 600, 1)"
    )
    raw.close()
    for half_day in range(40):  # twenty days of sessions, each one backed up
        clock.advance(12 * 3600)
        with open_history(tmp_path, clock) as store:
            store.add(SessionRecord(utc_now(clock), 0, 600.0, 601.0 + half_day))
    kept = [path for _made, path in backup_files(backups_dir(tmp_path))]
    assert good in kept
    assert len(kept) <= 5 + 7 + 1


def test_when_every_backup_holds_the_garbled_row_old_ones_are_let_go_as_ever(tmp_path: Path) -> None:
    """The row was garbled before the first backup: none is whole, so none is kept past its time."""
    clock = FakeClock()
    with open_history(tmp_path, clock):
        pass  # an empty history: no backup yet
    raw = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    raw.execute(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed)"
        " VALUES ('half past seven', 0, 600, 600, 1)"
    )
    raw.close()
    for half_day in range(40):  # twenty days of sessions, each one backed up
        clock.advance(12 * 3600)
        with open_history(tmp_path, clock) as store:
            store.add(SessionRecord(utc_now(clock), 0, 600.0, 601.0 + half_day))
    assert len(backup_files(backups_dir(tmp_path))) <= 5 + 7


# Values no session holds, by column: text that reads as nothing, bytes, numbers out of range, NULL.
_TEXT = st.text(max_size=20).map(lambda text: f"{text} !")  # a space and "!": no time, number, id or zone
_BLOB = st.binary(max_size=20)
_NULL = st.none()
_SECONDS = st.one_of(
    st.sampled_from([-1e308, 1e308, float("inf"), float("-inf"), -1.0, MAX_SESSION_S + 0.5]),
    st.floats(max_value=-0.001, allow_nan=False),
    st.floats(min_value=MAX_SESSION_S + 0.001, allow_nan=False),
    st.sampled_from(["nan", "NaN", "inf", "1e999", "-0x1"]),
)
_OFFSETS = st.one_of(
    st.integers(min_value=MAX_OFFSET_MIN + 1, max_value=2**63 - 1),
    st.integers(min_value=-(2**63), max_value=-MAX_OFFSET_MIN - 1),
    st.floats(min_value=-1e6, max_value=1e6).map(lambda x: int(x) + 0.5),
    st.sampled_from([99999999, -1e308, "nan"]),
)
_STARTS = st.one_of(
    st.floats(allow_nan=False),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from(["garbage", "2026-01-03T07:30:00", "2026-13-03T07:30:00Z", "nan", ""]),
)
_COMPLETED = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 3).map(lambda n: n + 2 if n in (0, 1) else n),
    st.sampled_from([0.5, -1e308, "yes"]),
)
HOSTILE = {
    "start_utc": st.one_of(_TEXT, _BLOB, _NULL, _STARTS),
    "utc_offset_min": st.one_of(_TEXT, _BLOB, _NULL, _OFFSETS),
    "planned_s": st.one_of(_TEXT, _BLOB, _NULL, _SECONDS),
    "practised_s": st.one_of(_TEXT, _BLOB, _NULL, _SECONDS),
    "completed": st.one_of(_TEXT, _BLOB, _NULL, _COMPLETED),
    "practice": st.one_of(_TEXT, _BLOB),
    "zone": st.one_of(_TEXT, _BLOB),
}
DAMAGE = st.sampled_from(sorted(HOSTILE)).flatmap(
    lambda column: st.tuples(st.just(column), HOSTILE[column], st.integers(1, SESSIONS))
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=DAMAGE)
def test_every_kind_of_garbled_row_is_restored_and_every_session_is_back(
    damage: tuple[str, object, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = tmp_path / "five"
    if not template.exists():
        with pytest.MonkeyPatch.context() as env:
            env.setenv("KINDLY_DATA_DIR", str(template))
            _five_sessions()
    before = _contents(template)
    column, value, row_id = damage
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch, pytest.MonkeyPatch.context() as env:
        folder = Path(scratch) / "data"
        shutil.copytree(template, folder)
        env.setenv("KINDLY_DATA_DIR", str(folder))
        _damage(folder, column, value, row_id)
        total, said = _stats_total(capsys)
        assert total == SESSIONS, said
        assert "left out" not in said and "could not be read" in said
        assert said.count("\n") == 1
        assert _contents(folder) == before
        assert list(folder.glob("kindly.db.damaged-*"))
