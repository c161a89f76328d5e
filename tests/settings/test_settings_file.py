"""The settings file: JSON beside the window and the commands, whole or not at all, never in the way."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kindly.settings.options as opt
from kindly.core.errors import KindlyFailure
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import SCHEMA_KEY, SCHEMA_VERSION


def _config(isolated_dirs: Path) -> Path:
    return isolated_dirs / "config"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_json(isolated_dirs: Path, contents: dict[str, Any]) -> Path:
    path = _config(isolated_dirs) / "settings.json"
    _write(path, json.dumps({SCHEMA_KEY: SCHEMA_VERSION, **contents}))
    return path


def _stored(isolated_dirs: Path) -> dict[str, Any]:
    return json.loads((_config(isolated_dirs) / "settings.json").read_text(encoding="utf-8"))


def test_settings_live_in_a_json_file_under_the_config_dir_with_each_value_in_its_type(isolated_dirs: Path) -> None:
    settings = open_settings()
    settings.set(opt.CAPTIONS, False)
    settings.set(opt.MINUTES, 25)
    settings.set(opt.FAVOURITES, ["gentle-hand"])
    assert settings.path == _config(isolated_dirs) / "settings.json"
    assert _stored(isolated_dirs) == {
        SCHEMA_KEY: SCHEMA_VERSION,
        "display/captions": False,
        "session/minutes": 25,
        "tray/favourites": ["gentle-hand"],
    }


def test_every_option_round_trips_through_the_file() -> None:
    values = {
        opt.PRACTICE: "gentle-hand",
        opt.MINUTES: 23,
        opt.BREATH: "4-2-6",
        opt.BELL: "small-bowl",
        opt.AMBIENT: "rain",
        opt.BREATH_CUES: False,
        opt.VOLUME_AMBIENT: 0,
        opt.HIDE_STREAKS: True,
        opt.DAY_START_HOUR: 4,
        opt.REST_DAYS: 2,
        opt.FAVOURITES: ["gentle-hand", "timer-10", "a, b", 'quote "x"', "ünï ☺"],
        opt.REMINDER_ENABLED: True,
        opt.REMINDER_TIME: "07:30",
        opt.PAUSE_OTHER_PLAYERS: True,
    }
    first = open_settings()
    with first.batch():
        for option, value in values.items():
            first.set(option, value)
    again = open_settings()
    assert {option: again.get(option) for option in values} == values
    assert again.warnings == []


def test_no_favourites_are_kept_as_an_empty_list(isolated_dirs: Path) -> None:
    open_settings().set(opt.FAVOURITES, [])
    assert _stored(isolated_dirs)["tray/favourites"] == []
    assert open_settings().get(opt.FAVOURITES) == []


def test_an_unset_option_reads_as_its_default() -> None:
    assert open_settings().get(opt.MINUTES) == opt.MINUTES.default


@pytest.mark.posix_only("file modes and the umask (Windows' access lists: tests/platform)")
def test_the_file_and_its_folder_are_readable_by_the_user_alone_whatever_the_umask(isolated_dirs: Path) -> None:
    previous = os.umask(0)
    try:
        open_settings().set(opt.MINUTES, 12)
    finally:
        os.umask(previous)
    config = _config(isolated_dirs)
    modes = [stat.S_IMODE(p.stat().st_mode) for p in (config, config / "settings.json", config / "settings.lock")]
    assert modes == [0o700, 0o600, 0o600]
    assert sorted(p.name for p in config.iterdir()) == ["settings.json", "settings.lock"]  # no temporary file left


def test_an_impossible_stored_value_is_replaced_by_its_default_with_a_warning(isolated_dirs: Path) -> None:
    _write_json(isolated_dirs, {"volume/bells": 400, "session/minutes": "lots"})
    settings = open_settings()
    assert settings.get(opt.VOLUME_BELLS) == opt.VOLUME_BELLS.default
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert len(settings.warnings) == 2
    assert "volume/bells" in settings.warnings[0] and "400" in settings.warnings[0]


@pytest.mark.parametrize(
    ("option", "stored"),
    [
        (opt.CAPTIONS, "maybe"),
        (opt.CAPTIONS, 1),
        (opt.MINUTES, 2.5),
        (opt.MINUTES, True),
        (opt.FAVOURITES, [1, 2]),
        (opt.FAVOURITES, {"id": "gentle-hand"}),
        (opt.BELL, 3),
        (opt.REMINDER_TIME, None),
    ],
)
def test_a_value_of_the_wrong_json_type_reads_as_the_default_with_a_warning(
    isolated_dirs: Path, option: opt.Option[Any], stored: Any
) -> None:
    _write_json(isolated_dirs, {option.key: stored})
    settings = open_settings(writable=False)
    assert settings.get(option) == option.default
    assert len(settings.warnings) == 1 and option.key in settings.warnings[0]


def test_a_bad_breath_pattern_in_the_file_falls_back_to_the_default(isolated_dirs: Path) -> None:
    _write_json(isolated_dirs, {"session/breath": "99-1"})
    settings = open_settings()
    assert settings.get(opt.BREATH) == opt.BREATH.default
    assert "out of range" in settings.warnings[0]


def test_a_fresh_file_starts_at_the_current_schema(isolated_dirs: Path) -> None:
    open_settings().sync()
    assert _stored(isolated_dirs) == {SCHEMA_KEY: SCHEMA_VERSION}


def test_opening_for_the_window_writes_nothing_until_a_setting_changes(isolated_dirs: Path) -> None:
    settings = open_settings()
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert list(_config(isolated_dirs).iterdir()) == []


def test_a_file_from_a_newer_kindly_is_left_alone_with_a_warning(isolated_dirs: Path) -> None:
    path = _write_json(isolated_dirs, {SCHEMA_KEY: 99, "session/minutes": 12, "future/thing": {"x": 1}})
    before = path.read_bytes()
    settings = open_settings()
    assert settings.get(opt.MINUTES) == 12
    assert "newer Kindly" in settings.warnings[0]
    assert path.read_bytes() == before


def test_setting_an_impossible_value_is_refused() -> None:
    with pytest.raises(ValueError, match="day_start_hour"):
        open_settings().set(opt.DAY_START_HOUR, 9)


def test_session_choices_round_trip_and_build_a_config() -> None:
    choices = SessionChoices(practice=None, minutes=7, breath="box", ambient="stream", bell="wood-block")
    choices.save(open_settings())
    loaded = SessionChoices.load(open_settings())
    assert loaded == choices
    config = loaded.to_config()
    assert (config.minutes, config.breath.spec(), config.ambient, config.bell) == (
        7.0,
        "4-4-4-4",
        "stream",
        "wood-block",
    )


# --- shared by the window and the commands -------------------------------------------
def test_a_read_sees_what_another_process_wrote_since() -> None:
    window = open_settings()
    assert window.get(opt.REST_DAYS) == 0
    open_settings().set(opt.REST_DAYS, 2)  # `kindly settings set streaks/rest_days 2`
    assert window.get(opt.REST_DAYS) == 2


def test_a_write_keeps_what_another_process_wrote_meanwhile(isolated_dirs: Path) -> None:
    window = open_settings()
    window.set(opt.MINUTES, 20)
    open_settings().set(opt.REST_DAYS, 2)
    window.set(opt.CAPTIONS, False)
    stored = _stored(isolated_dirs)
    assert (stored["session/minutes"], stored["streaks/rest_days"], stored["display/captions"]) == (20, 2, False)


def test_a_write_changes_only_the_keys_this_process_changed(isolated_dirs: Path) -> None:
    window = open_settings()
    window.set(opt.MINUTES, 20)
    command = open_settings()
    command.set(opt.MINUTES, 30)
    command.reset(opt.MINUTES)  # the command's reset wins over the window's older value
    window.set(opt.CAPTIONS, False)
    assert "session/minutes" not in _stored(isolated_dirs)
    assert window.get(opt.MINUTES) == opt.MINUTES.default


def test_a_reset_here_removes_only_that_key(isolated_dirs: Path) -> None:
    window = open_settings()
    window.set(opt.MINUTES, 20)
    open_settings().set(opt.REST_DAYS, 1)
    window.reset(opt.MINUTES)
    assert _stored(isolated_dirs) == {SCHEMA_KEY: SCHEMA_VERSION, "streaks/rest_days": 1}


# --- a damaged file --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"session/minutes": 12', "it is not JSON"),
        ("[1, 2]", "it holds a JSON list, not an object"),
        ("\udcff", "it is not UTF-8 text"),
        ("[" * 100_000, "it is not JSON"),
    ],
)
def test_a_damaged_file_reads_as_the_defaults_with_one_warning_and_is_left_as_it_is(
    isolated_dirs: Path, text: str, said: str
) -> None:
    path = _config(isolated_dirs) / "settings.json"
    path.parent.mkdir()
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    settings = open_settings()
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert len(settings.warnings) == 1
    assert settings.warnings[0].startswith(f"settings file {path} cannot be read ({said}")
    assert settings.warnings[0].endswith("using the defaults")
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_damaged_file_is_kept_aside_when_a_setting_is_next_saved(isolated_dirs: Path) -> None:
    path = _config(isolated_dirs) / "settings.json"
    _write(path, "not json at all")
    settings = open_settings()
    settings.set(opt.MINUTES, 15)
    (aside,) = path.parent.glob("settings.json.damaged-*")
    assert aside.read_text(encoding="utf-8") == "not json at all"
    assert aside.name[len("settings.json.damaged-") :].endswith("Z")
    assert _stored(isolated_dirs) == {SCHEMA_KEY: SCHEMA_VERSION, "session/minutes": 15}


def test_a_file_kept_aside_never_replaces_another(isolated_dirs: Path) -> None:
    path = _config(isolated_dirs) / "settings.json"
    for text in ("first damage", "second damage"):
        _write(path, text)
        open_settings().set(opt.MINUTES, 15)
    kept = sorted(p.read_text(encoding="utf-8") for p in path.parent.glob("settings.json.damaged-*"))
    assert kept == ["first damage", "second damage"]


def test_an_empty_file_reads_as_no_settings_without_a_warning(isolated_dirs: Path) -> None:
    _write(_config(isolated_dirs) / "settings.json", "")
    assert open_settings().warnings == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_file_s_place_never_hangs_a_read(isolated_dirs: Path) -> None:
    path = _config(isolated_dirs) / "settings.json"
    path.parent.mkdir()
    os.mkfifo(path)
    settings = open_settings(writable=False)  # would block for ever if the FIFO were opened
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert "(it is not a regular file but a FIFO)" in settings.warnings[0]


def test_a_folder_in_the_file_s_place_is_kept_aside_when_a_setting_is_saved(isolated_dirs: Path) -> None:
    path = _config(isolated_dirs) / "settings.json"
    (path / "inside").mkdir(parents=True)
    settings = open_settings()
    assert "(it is a folder)" in settings.warnings[0]
    settings.set(opt.MINUTES, 15)
    (aside,) = path.parent.glob("settings.json.damaged-*")
    assert (aside / "inside").is_dir() and _stored(isolated_dirs)["session/minutes"] == 15


@pytest.mark.posix_only("FIFOs")
def test_a_link_to_a_fifo_elsewhere_is_kept_aside_and_the_fifo_left_where_it_is(
    isolated_dirs: Path, tmp_path: Path
) -> None:
    # A link to a device (/dev/zero) is the same case: what it names is never Kindly's to move.
    fifo = tmp_path / "elsewhere" / "pipe"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    path = _config(isolated_dirs) / "settings.json"
    path.parent.mkdir()
    path.symlink_to(fifo)
    settings = open_settings()
    assert "(it is not a regular file but a FIFO)" in settings.warnings[0]
    settings.set(opt.MINUTES, 15)
    (aside,) = path.parent.glob("settings.json.damaged-*")
    assert aside.is_symlink() and os.readlink(aside) == str(fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and list(fifo.parent.iterdir()) == [fifo]
    assert not path.is_symlink() and _stored(isolated_dirs)["session/minutes"] == 15


def test_a_file_too_large_to_be_kindly_s_reads_as_the_defaults(isolated_dirs: Path) -> None:
    _write(_config(isolated_dirs) / "settings.json", '{"x": "' + "a" * 2_000_000 + '"}')
    assert "it is too large" in open_settings(writable=False).warnings[0]


# --- whole or not at all ---------------------------------------------------------------
def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_the_old_file_and_says_so_in_one_line(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = open_settings()
    settings.set(opt.MINUTES, 15)
    before = (_config(isolated_dirs) / "settings.json").read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _disk_full)
        with pytest.raises(KindlyFailure, match=r"^cannot write .*settings\.json: the disk is full$"):
            settings.set(opt.MINUTES, 25)
    assert (_config(isolated_dirs) / "settings.json").read_bytes() == before
    assert sorted(p.name for p in _config(isolated_dirs).iterdir()) == ["settings.json", "settings.lock"]
    settings.set(opt.CAPTIONS, False)  # room again: what could not be written is written now
    assert (_stored(isolated_dirs)["session/minutes"], _stored(isolated_dirs)["display/captions"]) == (25, False)


def test_the_window_is_told_of_a_write_that_failed_and_goes_on(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    settings = open_settings()
    settings.on_write_failure = told.append
    monkeypatch.setattr(os, "fsync", _disk_full)
    settings.set(opt.MINUTES, 25)
    assert told == [f"Settings not saved: cannot write {settings.path}: the disk is full"]
    assert settings.get(opt.MINUTES) == 25  # kept for this run, and for the next write


def test_a_write_stopped_before_its_rename_leaves_the_old_file_whole(isolated_dirs: Path) -> None:
    open_settings().set(opt.MINUTES, 15)
    before = (_config(isolated_dirs) / "settings.json").read_bytes()
    stopped = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os\n"
            "import kindly.settings.options as opt\n"
            "from kindly.settings import settings_file\n"
            "settings = settings_file.open_settings()\n"
            "settings_file.replace_durably = lambda source, target: os._exit(9)  # killed as the new file is complete\n"
            "settings.set(opt.MINUTES, 25)\n",
        ],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        timeout=60,
    )
    assert stopped.returncode == 9, stopped.stderr
    assert (_config(isolated_dirs) / "settings.json").read_bytes() == before
    assert open_settings().get(opt.MINUTES) == 15


# --- from kindly.ini -------------------------------------------------------------------
LEGACY_INI = (
    "[General]\ntop=level\n\n"
    "[meta]\nschema_version=2\n\n"
    "[display]\ncaptions=false\n\n"
    "[session]\nminutes=15\nbell=small-bowl\n\n"
    '[tray]\nfavourites=gentle-hand, "a, b"\n'
)


def test_a_command_reads_kindly_ini_and_writes_nothing(isolated_dirs: Path) -> None:
    ini = _config(isolated_dirs) / "kindly.ini"
    _write(ini, LEGACY_INI)
    settings = open_settings(writable=False)
    assert (settings.get(opt.MINUTES), settings.get(opt.CAPTIONS), settings.get(opt.FAVOURITES)) == (
        15,
        False,
        ["gentle-hand", "a, b"],
    )
    assert [p.name for p in ini.parent.iterdir()] == ["kindly.ini"]


def test_the_window_moves_kindly_ini_into_settings_json_and_keeps_the_old_file(isolated_dirs: Path) -> None:
    ini = _config(isolated_dirs) / "kindly.ini"
    _write(ini, LEGACY_INI)
    settings = open_settings()
    assert _stored(isolated_dirs) == {
        SCHEMA_KEY: SCHEMA_VERSION,
        "top": "level",  # every key is kept, Kindly's or not
        "display/captions": False,
        "session/minutes": 15,
        "session/bell": "small-bowl",
        "tray/favourites": ["gentle-hand", "a, b"],
    }
    assert not ini.exists()
    assert (ini.parent / "kindly.ini.migrated").read_text(encoding="utf-8") == LEGACY_INI
    assert (settings.get(opt.MINUTES), settings.warnings) == (15, [])


def test_a_schema_1_kindly_ini_is_migrated_to_the_current_schema(isolated_dirs: Path) -> None:
    _write(
        _config(isolated_dirs) / "kindly.ini",
        "[meta]\nschema_version=1\n[session]\ncaptions=false\nambient=\nminutes=15\n",
    )
    settings = open_settings()
    assert (settings.get(opt.CAPTIONS), settings.get(opt.AMBIENT), settings.get(opt.MINUTES)) == (
        False,
        opt.NO_AMBIENT,
        15,
    )
    assert _stored(isolated_dirs) == {
        SCHEMA_KEY: SCHEMA_VERSION,
        "display/captions": False,
        "session/ambient": opt.NO_AMBIENT,
        "session/minutes": 15,
    }
    assert settings.warnings == []


def test_a_kindly_ini_with_no_settings_is_moved_at_the_first_change(isolated_dirs: Path) -> None:
    ini = _config(isolated_dirs) / "kindly.ini"
    _write(ini, "")
    settings = open_settings()
    assert ini.exists()
    settings.set(opt.MINUTES, 12)
    assert (ini.parent / "kindly.ini.migrated").exists() and not ini.exists()
    assert _stored(isolated_dirs)["session/minutes"] == 12


def test_settings_json_wins_over_a_kindly_ini_beside_it(isolated_dirs: Path) -> None:
    _write_json(isolated_dirs, {"session/minutes": 30})
    _write(_config(isolated_dirs) / "kindly.ini", "[session]\nminutes=15\n")
    assert open_settings().get(opt.MINUTES) == 30


def test_a_kindly_ini_migrated_before_is_never_replaced(isolated_dirs: Path) -> None:
    config = _config(isolated_dirs)
    _write(config / "kindly.ini.migrated", "[session]\nminutes=5\n")
    _write(config / "kindly.ini", "[session]\nminutes=15\n")
    open_settings().sync()
    assert (config / "kindly.ini.migrated").read_text(encoding="utf-8") == "[session]\nminutes=5\n"
    assert (config / "kindly.ini.migrated-2").read_text(encoding="utf-8") == "[session]\nminutes=15\n"
