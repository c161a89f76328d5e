"""`kindly settings`: every declared setting, set and reset with the checks Preferences makes."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

import kindly.settings.options as opt
from kindly.cli import main
from kindly.library.practice_library import load_library
from kindly.settings.settings_file import open_settings
from user_scripts import write_user_script

# The bundled practices' ids (no user scripts: those are each test's own).
BUNDLED = tuple(load_library(user_dir=Path(os.devnull) / "none", voice_available=lambda: False).ids())


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
    assert main(["settings", "set", "tray/favourites", "noting, body-scan"]) == 0
    window = open_settings()
    assert (window.get(opt.DAY_START_HOUR), window.get(opt.FAVOURITES)) == (4, ["noting", "body-scan"])
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


def _kindly(*args: str) -> subprocess.CompletedProcess[str]:
    """Kindly as a person runs it: its own process, its own standard error (logging's included)."""
    return subprocess.run(
        [sys.executable, "-m", "kindly", *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
    )


# --- a special file where settings.json belongs ------------------------------------
@pytest.mark.posix_only("FIFOs")
@pytest.mark.parametrize(
    "command",
    [["settings"], ["settings", "--json"], ["stats"], ["settings", "set", "volume/bells", "30"]],
    ids=" ".join,
)
def test_a_fifo_as_the_settings_file_never_hangs_a_command_and_is_told_in_one_line(
    isolated_dirs: Path, command: list[str]
) -> None:
    path = isolated_dirs / "config" / "settings.json"
    path.parent.mkdir()
    os.mkfifo(path)
    done = _kindly(*command)  # a FIFO opened for reading waits for a writer: the timeout would end it
    assert done.returncode == 0, done.stderr
    assert (
        done.stderr
        == f"kindly: settings file {path} cannot be read (it is not a regular file but a FIFO); using the defaults\n"
    )


@pytest.mark.posix_only("FIFOs")
def test_a_setting_saved_over_a_fifo_keeps_the_fifo_aside(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "settings.json"
    path.parent.mkdir()
    os.mkfifo(path)
    assert _kindly("settings", "set", "volume/bells", "30").returncode == 0
    (aside,) = path.parent.glob("settings.json.damaged-*")
    assert stat.S_ISFIFO(os.lstat(aside).st_mode) and open_settings().get(opt.VOLUME_BELLS) == 30


@pytest.mark.posix_only("/dev/null, a device")
def test_a_link_to_a_device_as_the_settings_file_reads_as_the_defaults(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "settings.json"
    path.parent.mkdir()
    path.symlink_to(os.devnull)
    done = _kindly("settings", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["value"] == opt.PRACTICE.default
    assert (
        done.stderr
        == f"kindly: settings file {path} cannot be read (it is not a regular file but a device); using the defaults\n"
    )


# --- a full disk under the settings -------------------------------------------------
@pytest.fixture
def full_config_disk(isolated_dirs: Path) -> Iterator[Path]:
    """The config folder on a tmpfs of its own (64 kB), with settings.json in it, then filled to the last byte."""
    folder = isolated_dirs / "config"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:  # not root: CI runs the tests as root
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        assert _kindly("settings", "set", "session/minutes", "25").returncode == 0
        ballast = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(ballast, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(ballast)
        yield folder / "settings.json"
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


@pytest.mark.linux_only("a tmpfs mounted for the test")
@pytest.mark.parametrize("command", [["set", "session/minutes", "30"], ["reset", "session/minutes"]], ids=" ".join)
def test_a_full_disk_under_the_settings_exits_1_in_one_line_and_loses_nothing(
    full_config_disk: Path, command: list[str]
) -> None:
    path = full_config_disk
    before = path.read_bytes()
    done = _kindly("settings", *command)
    assert (done.returncode, done.stderr) == (1, f"kindly: failed: cannot write {path}: the disk is full\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["ballast", "settings.json", "settings.lock"]
    (path.parent / "ballast").unlink()  # room again: the same command saves
    assert _kindly("settings", *command).returncode == 0


# --- practice ids -------------------------------------------------------------------
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
HOSTILE_ID = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(["..", ".", "", "etc", "passwd", "~", *BUNDLED[:2]]), min_size=2, max_size=5).flatmap(
        lambda parts: st.sampled_from(["/", "\\"]).map(lambda sep: sep.join(parts))
    ),
    st.sampled_from(BUNDLED).flatmap(
        lambda i: st.sampled_from([i.upper(), i.title(), i.capitalize(), i.swapcase(), i.replace("-", "_")])
    ),
    st.tuples(st.sampled_from(BUNDLED), CONTROL, st.integers(0, 30)).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]),
    st.text(OTHER_DIGITS, min_size=1, max_size=4),
    st.tuples(st.sampled_from(BUNDLED), OTHER_DIGITS).map("".join),
    st.sampled_from(BUNDLED).map(lambda i: f" {i}"),
)
PROPERTY = examples(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _refused(capsys: pytest.CaptureFixture[str], key: str, typed: str) -> str:
    """What `settings set KEY TYPED` said, having checked it refused in one line, exit 2, naming what was typed."""
    capsys.readouterr()
    assert main(["settings", "set", "--", key, typed]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kindly: error: setting {key}: ") and err.count("\n") == 1 and err.endswith("\n")
    assert repr(typed) in err
    return err


def _no_favourites_written(isolated_dirs: Path) -> bool:
    path = isolated_dirs / "config" / "settings.json"
    return not path.exists() or opt.FAVOURITES.key not in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
@PROPERTY
@given(typed=HOSTILE_ID.filter(lambda t: t not in BUNDLED and t not in ("", "--")))
def test_a_practice_id_that_is_no_practice_is_refused_naming_it(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, typed: str
) -> None:
    assert "'kindly practices' lists them" in _refused(capsys, "session/practice", typed)
    assert open_settings(writable=False).get(opt.PRACTICE) == opt.PRACTICE.default


def _names_no_practice(typed: str) -> bool:
    """Whether a favourites value holds a name that is no practice: an empty one between commas, or an unknown id."""
    names = [name.strip() for name in typed.split(",")]
    return bool(typed.strip()) and any(name not in BUNDLED for name in names)


@pytest.mark.slow
@PROPERTY
@given(
    typed=st.lists(st.one_of(st.sampled_from(BUNDLED), HOSTILE_ID), min_size=1, max_size=4)
    .flatmap(lambda names: st.sampled_from([",", ", ", " ,"]).map(lambda sep: sep.join(names)))
    .filter(lambda t: _names_no_practice(t) and t != "--")
)
def test_favourites_that_name_no_practice_are_refused_naming_them(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, typed: str
) -> None:
    _refused(capsys, "tray/favourites", typed)
    assert _no_favourites_written(isolated_dirs)


@pytest.mark.parametrize("typed", ["noting,,", ",noting", "noting, ,body-scan"])
def test_favourites_with_an_empty_name_between_commas_are_refused(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, typed: str
) -> None:
    assert "has an empty name between its commas" in _refused(capsys, "tray/favourites", typed)


@pytest.mark.slow
@examples(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.lists(st.sampled_from(BUNDLED), unique=True, max_size=5))
def test_every_practice_id_is_accepted_alone_and_as_favourites(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, chosen: list[str]
) -> None:
    practice = chosen[0] if chosen else ""
    assert main(["settings", "set", "session/practice", practice]) == 0
    assert main(["settings", "set", "tray/favourites", ", ".join(chosen)]) == 0
    assert capsys.readouterr().err == ""
    settings = open_settings()
    assert (settings.get(opt.PRACTICE), settings.get(opt.FAVOURITES)) == (practice, chosen)


def test_a_user_script_s_id_is_a_practice_id(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    write_user_script("mine.txt")
    assert main(["settings", "set", "session/practice", "my-evening"]) == 0
    assert main(["settings", "set", "tray/favourites", "my-evening, noting"]) == 0
    assert open_settings().get(opt.FAVOURITES) == ["my-evening", "noting"]
