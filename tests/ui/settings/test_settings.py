"""The settings file: declared options, round-trips, migrations, and kind handling of bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import kindly.settings.options as opt
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_model import SCHEMA_KEY, SCHEMA_VERSION
from kindly.ui.settings.qsettings_store import open_settings

pytestmark = pytest.mark.gui


def _write_ini(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_settings_live_in_an_ini_file_under_the_config_dir(isolated_dirs: Path) -> None:
    settings = open_settings()
    settings.set(opt.CAPTIONS, False)
    settings.sync()
    assert settings.path == isolated_dirs / "config" / "kindly.ini"
    assert "captions=false" in settings.path.read_text(encoding="utf-8")


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
        opt.FAVOURITES: ["gentle-hand", "timer-10"],
        opt.REMINDER_ENABLED: True,
        opt.REMINDER_TIME: "07:30",
    }
    first = open_settings()
    for option, value in values.items():
        first.set(option, value)
    first.sync()
    again = open_settings()
    assert {option: again.get(option) for option in values} == values
    assert again.warnings == []


def test_a_single_favourite_reads_back_as_a_list() -> None:
    first = open_settings()
    first.set(opt.FAVOURITES, ["only-one"])
    first.sync()
    assert open_settings().get(opt.FAVOURITES) == ["only-one"]


def test_an_unset_option_reads_as_its_default() -> None:
    assert open_settings().get(opt.MINUTES) == opt.MINUTES.default


def test_an_impossible_stored_value_is_replaced_by_its_default_with_a_warning(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "kindly.ini"
    _write_ini(path, f"[meta]\nschema_version={SCHEMA_VERSION}\n[volume]\nbells=400\n[session]\nminutes=lots\n")
    settings = open_settings()
    assert settings.get(opt.VOLUME_BELLS) == opt.VOLUME_BELLS.default
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert len(settings.warnings) == 2
    assert "volume/bells" in settings.warnings[0] and "400" in settings.warnings[0]


def test_a_bad_breath_pattern_in_the_file_falls_back_to_the_default(isolated_dirs: Path) -> None:
    _write_ini(
        isolated_dirs / "config" / "kindly.ini", f"[meta]\nschema_version={SCHEMA_VERSION}\n[session]\nbreath=99-1\n"
    )
    settings = open_settings()
    assert settings.get(opt.BREATH) == opt.BREATH.default
    assert "out of range" in settings.warnings[0]


def test_a_reminder_time_that_is_not_a_time_falls_back_to_the_default(isolated_dirs: Path) -> None:
    _write_ini(
        isolated_dirs / "config" / "kindly.ini", f"[meta]\nschema_version={SCHEMA_VERSION}\n[reminder]\ntime=25:00\n"
    )
    assert open_settings().get(opt.REMINDER_TIME) == opt.REMINDER_TIME.default


def test_a_schema_1_file_is_migrated_to_the_current_schema(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "kindly.ini"
    _write_ini(path, "[meta]\nschema_version=1\n[session]\ncaptions=false\nambient=\nminutes=15\n")
    settings = open_settings()
    assert settings.get(opt.CAPTIONS) is False
    assert settings.get(opt.AMBIENT) == opt.NO_AMBIENT
    assert settings.get(opt.MINUTES) == 15
    assert settings.schema_version == SCHEMA_VERSION
    settings.sync()
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    assert not raw.contains("session/captions")
    assert settings.warnings == []


def test_a_fresh_file_starts_at_the_current_schema() -> None:
    settings = open_settings()
    settings.sync()
    raw = QSettings(str(settings.path), QSettings.Format.IniFormat)
    assert int(raw.value(SCHEMA_KEY)) == SCHEMA_VERSION


def test_a_file_from_a_newer_kindly_is_left_alone_with_a_warning(isolated_dirs: Path) -> None:
    _write_ini(isolated_dirs / "config" / "kindly.ini", "[meta]\nschema_version=99\n[session]\nminutes=12\n")
    settings = open_settings()
    assert settings.get(opt.MINUTES) == 12
    assert "newer Kindly" in settings.warnings[0]


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


def test_no_favourites_are_kept_as_an_empty_value_not_an_invalid_one(isolated_dirs: Path) -> None:
    settings = open_settings()
    settings.set(opt.FAVOURITES, [])
    text = (isolated_dirs / "config" / "kindly.ini").read_text()
    assert "favourites=\n" in text and "@Invalid" not in text
    assert open_settings().get(opt.FAVOURITES) == []
