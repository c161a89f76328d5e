"""`kindly settings`: every declared setting, set and reset with the checks Preferences makes."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import kindly.settings.options as opt
from kindly.cli import main
from kindly.settings.settings_file import open_settings


def settings_json(capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    capsys.readouterr()  # what earlier commands printed
    assert main(["settings", "--json"]) == 0
    return {s["key"]: s for s in json.loads(capsys.readouterr().out)}


def test_every_declared_setting_is_listed_with_its_value_and_default(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    listed = settings_json(capsys)
    assert list(listed) == [o.key for o in opt.OPTIONS]
    assert listed["streaks/rest_days"] == {
        "key": "streaks/rest_days",
        "value": 0,
        "default": 0,
        "type": "int",
        "description": opt.REST_DAYS.description,
        "minimum": 0,
        "maximum": 2,
    }
    assert not (isolated_dirs / "config" / "settings.json").exists()  # listing writes nothing


def test_a_value_set_here_is_the_one_the_window_reads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "streaks/day_start_hour", "4"]) == 0
    assert main(["settings", "set", "tray/favourites", "gentle-hand, body-scan"]) == 0
    window = open_settings()
    assert (window.get(opt.DAY_START_HOUR), window.get(opt.FAVOURITES)) == (4, ["gentle-hand", "body-scan"])
    assert settings_json(capsys)["streaks/day_start_hour"]["value"] == 4


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("streaks/rest_days", "3", "setting streaks/rest_days: 3 is above 2"),
        ("volume/bells", "loud", "setting volume/bells: 'loud' is not a whole number"),
        ("display/captions", "maybe", "setting display/captions: 'maybe' is not true or false"),
        ("session/bell", "gong", "setting session/bell: 'gong' is not one of:"),
        ("reminder/time", "25:00", "setting reminder/time: reminder time '25:00'"),
        ("no/such", "1", "unknown setting 'no/such' (one of: session/practice,"),
    ],
)
def test_a_value_preferences_would_refuse_exits_2_in_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, key: str, value: str, said: str
) -> None:
    assert main(["settings", "set", key, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kindly: error: {said}") and err.count("\n") == 1
    assert not (isolated_dirs / "config" / "settings.json").exists()


def test_reset_puts_one_setting_back_to_its_default_and_leaves_the_others(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "set", "streaks/rest_days", "2"]) == 0
    assert main(["settings", "set", "streaks/hide", "yes"]) == 0
    assert main(["settings", "reset", "streaks/rest_days"]) == 0
    listed = settings_json(capsys)
    assert (listed["streaks/rest_days"]["value"], listed["streaks/hide"]["value"]) == (0, True)


def test_the_list_marks_what_differs_from_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "session/minutes", "25"]) == 0
    capsys.readouterr()
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "session/minutes" in out and "25  (default 10)" in out


def test_a_full_disk_is_told_in_one_line_and_the_file_is_as_it_was(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["settings", "set", "session/minutes", "25"]) == 0
    path = isolated_dirs / "config" / "settings.json"
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    capsys.readouterr()
    assert main(["settings", "set", "session/minutes", "30"]) == 1
    assert capsys.readouterr().err == f"kindly: failed: cannot write {path}: the disk is full\n"
    assert path.read_bytes() == before


def test_a_damaged_file_is_told_once_and_every_setting_listed_with_its_default(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    path = isolated_dirs / "config" / "settings.json"
    path.parent.mkdir()
    path.write_text("{not json", encoding="utf-8")
    listed = settings_json(capsys)
    assert all(s["value"] == s["default"] for s in listed.values())
    assert main(["settings"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"kindly: settings file {path} cannot be read (it is not JSON") and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == "{not json"  # listing never writes
