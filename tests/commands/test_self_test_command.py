"""`kindly self-test`: one line per check, exit 0 only when all pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kindly import locations
from kindly.cli import main
from kindly.commands.self_test_command import CHECKS


@pytest.fixture
def copied_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "assets"
    shutil.copytree(locations.assets_dir(), copy)
    monkeypatch.setattr(locations, "assets_dir", lambda: copy)
    return copy


def test_every_check_passes_and_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["self-test", "--only", "sounds"]) + main(["self-test", "--only", "storage"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split()[:2] for line in lines] == [["sounds", "ok"], ["storage", "ok"]]


def test_the_checks_cover_sounds_mixing_practices_and_storage() -> None:
    assert {"sounds", "mixing", "practices", "storage"} <= set(CHECKS)


def test_a_missing_sound_fails_its_check_in_one_line(copied_assets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (copied_assets / "audio" / "bowl.wav").unlink()
    assert main(["self-test", "--only", "sounds"]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("sounds     FAILED  missing sound file ")
    assert "bowl.wav" in out


def test_a_corrupt_sound_fails_its_check(copied_assets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (copied_assets / "audio" / "ambient" / "rain.ogg").write_bytes(b"OggS" + b"\x00" * 100)
    assert main(["self-test", "--only", "sounds"]) == 1
    assert "corrupt sound file" in capsys.readouterr().out


def test_a_practice_without_its_clips_fails_its_check(copied_assets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(copied_assets / "audio" / "narration" / "noting")
    assert main(["self-test", "--only", "practices"]) == 1
    assert "noting" in capsys.readouterr().out


def test_a_bundled_script_changed_after_its_index_was_written_fails_the_practices_check(
    copied_assets: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A bundle that changed a file on the way: the home page would pass its index over.
    script = copied_assets / "scripts" / "noting.txt"
    script.write_text(script.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["self-test", "--only", "practices"]) == 1
    assert "the practice index does not match" in capsys.readouterr().out


def test_the_practices_check_says_the_practices_are_listed_from_their_index(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["self-test", "--only", "practices"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("recorded phrases, listed from their index")


def test_self_test_never_touches_the_users_data_dir(tmp_path: Path) -> None:
    assert main(["self-test", "--only", "storage"]) == 0
    assert not (tmp_path / "data").exists()


def test_the_practices_check_reads_no_scripts_left_in_the_shared_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It once looked for "no user scripts" in a fixed folder under /tmp, which anyone on the machine can fill."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / "kindly-self-test-no-user-scripts"
    planted.mkdir()
    (planted / "planted.txt").write_text("id: planted\n", encoding="utf-8")
    assert main(["self-test", "--only", "practices"]) == 0
    assert capsys.readouterr().out.startswith("practices  ok")


def _self_test_window(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindly", "self-test", "--only", "window", *args],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.gui
@pytest.mark.slow
def test_the_window_check_keeps_a_session_on_screen_then_repaints_your_practice(tmp_path: Path) -> None:
    done = _self_test_window("--window", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith("window     ok  a session kept on screen for 2 s (")
    assert "'Your practice' repainted 500 times" in line
    assert not (tmp_path / "data").exists()  # its history and settings went to a temporary folder


@pytest.mark.parametrize("seconds", ["0", "1e3", "٣", "3601", "-5", ""])
def test_the_window_check_takes_whole_seconds_from_one_to_an_hour(seconds: str) -> None:
    done = _self_test_window("--window", seconds)
    assert done.returncode == 2
    assert done.stderr.startswith(f"kindly: error: --window {seconds!r} is ")
    assert done.stderr.count("\n") == 1


def test_the_window_check_runs_only_when_asked() -> None:
    assert "window" not in CHECKS


@pytest.mark.posix_only("file modes (Windows' access lists: tests/platform)")
def test_the_privacy_check_passes_for_folders_kindly_made(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "add", "--start", "2026-11-24T07:30", "--minutes", "10"]) == 0
    capsys.readouterr()
    assert main(["self-test", "--only", "privacy"]) == 0
    assert capsys.readouterr().out.split()[:2] == ["privacy", "ok"]


@pytest.mark.posix_only("file modes (Windows' access lists: tests/platform)")
def test_the_privacy_check_fails_naming_a_data_folder_others_can_read(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(os.environ["KINDLY_DATA_DIR"])
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    assert main(["self-test", "--only", "privacy"]) == 1
    assert capsys.readouterr().out.strip() == f"privacy    FAILED  {data} can be read by other users (mode 0755)"
