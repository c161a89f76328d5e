"""Every kind of damage to the history: N sessions written, the damage done, the next command brings N back and says so.

Real SQLite files, the real `kindly` commands; the damage is what a botched
copy, a sync tool, another program or a slip in a file manager does.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kindly.cli import main
from kindly.store.history_opening import DB_NAME

SESSIONS = 6


def _data() -> Path:
    return Path(os.environ["KINDLY_DATA_DIR"])


def _six_sessions_today() -> None:
    """Six sessions in one day, recorded one after another (each one backed up as it is stored)."""
    for n in range(SESSIONS):
        assert main(["history", "add", "--start", f"2026-11-24T0{n}:30", "--minutes", "10"]) == 0


def _exported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[list[dict[str, object]], str]:
    """What `kindly history export` brings back, and what it said on standard error."""
    capsys.readouterr()
    out = tmp_path / "export.json"
    assert main(["history", "export", "--format", "json", str(out)]) == 0
    said = capsys.readouterr().err
    return json.loads(out.read_text())["sessions"], said


def _aside() -> list[str]:
    return sorted(p.name for p in _data().iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm")))


def test_an_emptied_history_file_is_noticed_and_every_session_restored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).write_bytes(b"")
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert said.startswith("kindly: notice: the history file was damaged (the history file is empty)")
    assert "could not be read" not in said  # an empty file held nothing to lose
    assert said.count("\n") == 1
    assert _aside() and _aside()[0] in said


def test_a_damaged_header_after_six_sessions_in_one_day_loses_none_of_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    with open(_data() / DB_NAME, "r+b") as raw:
        raw.write(b"not the SQLite header")
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "was restored" in said


def test_sessions_written_after_the_last_backup_are_salvaged_from_the_damaged_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    raw = sqlite3.connect(_data() / DB_NAME, isolation_level=None)  # rows no backup has seen
    raw.executemany(
        "INSERT INTO sessions (start_utc, utc_offset_min, planned_s, practised_s, completed) VALUES (?, 0, 600, 600, 1)",
        [(f"2026-11-25T0{n}:00:00.000000Z",) for n in range(3)],
    )
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    with open(_data() / DB_NAME, "r+b") as damaged:
        damaged.seek(36)  # the header's count of free pages, now wrong: quick_check fails, the rows still read
        damaged.write((7).to_bytes(4, "big"))
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS + 3
    assert "with 3 sessions salvaged from the damaged file" in said


def test_another_programs_database_in_its_place_is_moved_aside_and_history_restored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    other = sqlite3.connect(_data() / DB_NAME)
    other.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    other.commit()
    other.close()
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "another program's tables (contacts)" in said


def test_a_missing_sessions_table_is_damage_and_history_is_restored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    raw = sqlite3.connect(_data() / DB_NAME, isolation_level=None)
    raw.execute("DROP TABLE sessions")
    raw.close()
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "its sessions table is missing" in said


def test_garbled_rows_are_restored_from_the_backup_and_never_block_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    raw = sqlite3.connect(_data() / DB_NAME, isolation_level=None)
    raw.execute("UPDATE sessions SET start_utc = 'half past seven' WHERE id = 2")
    raw.execute("UPDATE sessions SET practised_s = 'a while' WHERE id = 4")
    raw.close()
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert said.startswith("kindly: notice: 2 sessions in kindly.db could not be read; 2 were restored from the backup")
    assert said.count("\n") == 1
    assert main(["history", "add", "--start", "2026-11-26T07:30", "--minutes", "10"]) == 0  # still recording
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_sessions"] == SESSIONS + 1


@pytest.mark.posix_only("symbolic links (on Windows they need a privilege)")
def test_a_link_to_nothing_where_the_history_file_belongs_is_moved_aside_and_history_restored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    (_data() / DB_NAME).symlink_to(tmp_path / "unplugged-drive" / "kindly.db")
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "a link to nothing stands where the history file belongs" in said and "was restored" in said
    assert os.readlink(_data() / _aside()[0]) == str(tmp_path / "unplugged-drive" / "kindly.db")


@pytest.mark.posix_only("file modes")
def test_a_folder_where_the_history_file_belongs_is_moved_aside_and_its_parent_left_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    (_data() / DB_NAME).mkdir()
    (_data() / DB_NAME / "photo.jpg").write_bytes(b"someone's photo")
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "a folder stands where the history file belongs" in said
    assert (_data() / _aside()[0] / "photo.jpg").read_bytes() == b"someone's photo"
    assert stat.S_IMODE(_data().stat().st_mode) == 0o700


@pytest.mark.posix_only("FIFOs")
def test_a_fifo_where_the_history_file_belongs_never_hangs_and_is_moved_aside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    os.mkfifo(_data() / DB_NAME)
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "not a file (a FIFO, a device or a socket)" in said
    assert stat.S_ISFIFO((_data() / _aside()[0]).stat().st_mode)


@pytest.mark.posix_only("FIFOs")
def test_a_fifo_named_like_a_backup_is_passed_over_and_never_hangs_a_restore(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    os.mkfifo(_data() / "backups" / "kindly-20991231T000000Z.db")  # "newest" by its name
    (_data() / DB_NAME).write_bytes(b"")
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert "was restored" in said


def test_a_file_where_the_backups_folder_belongs_is_moved_aside_and_recording_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    backups = _data() / "backups"
    for old in backups.iterdir():
        old.unlink()
    backups.rmdir()
    backups.write_text("a note someone saved here")
    capsys.readouterr()
    assert main(["history", "add", "--start", "2026-11-26T07:30", "--minutes", "10"]) == 0
    said = capsys.readouterr().err
    assert "not a folder stood where the backups belong" in said
    assert backups.is_dir() and any(backups.iterdir())
    assert [p.read_text() for p in _data().glob("backups.damaged-*")] == ["a note someone saved here"]
    sessions, _said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS + 1


@pytest.mark.skipif(not hasattr(os, "setuid") or os.geteuid() != 0, reason="needs root to act as another user")
def test_a_history_file_the_user_cannot_read_is_moved_aside_and_history_restored(
    request: pytest.FixtureRequest,
) -> None:
    """As root nothing is unreadable, so the command runs as `nobody`, whose data folder it is."""
    nobody = 65534
    home = Path(tempfile.mkdtemp(prefix="kindly-nobody-"))  # pytest's own folders are root's alone
    request.addfinalizer(lambda: shutil.rmtree(home, ignore_errors=True))
    data = home / "data"
    data.mkdir()
    env = {**os.environ, "KINDLY_DATA_DIR": str(data), "KINDLY_CONFIG_DIR": str(home / "config"), "HOME": str(home)}
    os.chown(home, nobody, nobody)
    os.chown(data, nobody, nobody)

    def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
        # The interpreter lives under /root here, which nobody may not read: the same command runs once
        # as root on a throwaway folder, importing all it needs, then the process becomes nobody.
        become = (
            "import contextlib, io, os, sys, tempfile\n"
            "import kindly.cli\n"
            "real = os.environ['KINDLY_DATA_DIR']\n"
            "os.environ['KINDLY_DATA_DIR'] = tempfile.mkdtemp()\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    kindly.cli.main(['history', 'add', '--start', '2026-11-24T07:30', '--minutes', '10'])\n"
            "    kindly.cli.main(['history', 'import', os.devnull])\n"
            "    kindly.cli.main(sys.argv[1:])\n"
            "os.environ['KINDLY_DATA_DIR'] = real\n"
            "os.setgid(65534); os.setuid(65534)\n"
            "sys.exit(kindly.cli.main(sys.argv[1:]))\n"
        )
        return subprocess.run(
            [sys.executable, "-c", become, *args], env=env, capture_output=True, text=True, timeout=60, cwd=home
        )

    for n in range(SESSIONS):
        done = as_nobody("history", "add", "--start", f"2026-11-24T0{n}:30", "--minutes", "10")
        assert done.returncode == 0, done.stderr
    os.chown(data / DB_NAME, 0, 0)  # a restore from another account's copy, say: root's now, not theirs
    os.chmod(data / DB_NAME, 0o600)
    done = as_nobody("stats", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_sessions"] == SESSIONS
    assert "the history file cannot be read (its permissions do not let you)" in done.stderr


def test_a_deleted_history_file_comes_back_from_its_backup_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert said.startswith("kindly: notice: the history file was missing; the backup from ")


def test_a_backup_named_for_the_future_is_restored_only_after_every_real_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["history", "add", "--start", "2026-11-20T07:30", "--minutes", "10"]) == 0
    [first] = list((_data() / "backups").iterdir())
    first.rename(first.with_name("kindly-20991231T000000Z.db"))  # made while the clock was years ahead
    _six_sessions_today()
    (_data() / DB_NAME).write_bytes(b"")
    sessions, _said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS + 1


@pytest.mark.parametrize("companion", ["-wal", "-journal"])
def test_a_folder_where_sqlite_keeps_its_log_is_moved_aside_and_history_restored(
    companion: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    Path(f"{_data() / DB_NAME}{companion}").mkdir()
    sessions, said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS
    assert f"stands where the history's kindly.db{companion} belongs" in said


def _eight_adds_at_once() -> list[tuple[int, str]]:
    """Eight `history add` commands started together; each one's exit status and standard error."""
    adds = [
        subprocess.Popen(
            [sys.executable, "-m", "kindly", "history", "add", "--start", f"2026-02-0{n}T07:30", "--minutes", "10"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(1, 9)
    ]
    return [(add.wait(timeout=60), add.communicate()[1]) for add in adds]


def test_commands_run_side_by_side_record_every_session_and_fail_none() -> None:
    results = _eight_adds_at_once()
    assert [(code, err) for code, err in results if code != 0] == []
    done = subprocess.run(
        [sys.executable, "-m", "kindly", "stats", "--json"], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout)["total_sessions"] == 8


def test_commands_run_side_by_side_on_an_emptied_history_lose_nothing() -> None:
    _six_sessions_today()
    (_data() / DB_NAME).write_bytes(b"")
    results = _eight_adds_at_once()
    assert [(code, err) for code, err in results if code != 0] == []
    notices = [err for _code, err in results if "was damaged" in err]
    assert len(notices) == 1  # one command repaired it; the others found it whole
    done = subprocess.run(
        [sys.executable, "-m", "kindly", "stats", "--json"], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout)["total_sessions"] == SESSIONS + 8


def test_a_deleted_history_with_a_folder_where_its_log_belongs_is_restored_and_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _six_sessions_today()
    (_data() / DB_NAME).unlink()
    Path(f"{_data() / DB_NAME}-wal").mkdir()
    assert main(["history", "add", "--start", "2026-11-26T07:30", "--minutes", "10"]) == 0
    said = capsys.readouterr().err
    assert "stands where the history's kindly.db-wal belongs" in said and "the backup from" in said
    sessions, _said = _exported(capsys, tmp_path)
    assert len(sessions) == SESSIONS + 1
