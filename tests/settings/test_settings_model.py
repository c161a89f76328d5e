"""The Qt-free settings model: declared options read over any store, without side effects."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

import kindly.settings.options as opt
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.session_config import MINUTES_MAX, WARMUP_MAX_S
from kindly.core.streaks import DAY_START_MAX_MIN, REST_DAYS_MAX
from kindly.settings.settings_model import SCHEMA_KEY, SCHEMA_VERSION, Settings, streak_settings


class DictStore:
    """A `SettingsStore` in memory that counts its writes to disk, and fails them with `failure` when set."""

    def __init__(self, values: dict[str, Any] | None = None, damage: str | None = None) -> None:
        self.values = dict(values or {})
        self.damage = damage
        self.failure: OSError | None = None
        self.syncs = 0

    @property
    def path(self) -> Path:
        return Path("memory.json")

    def contains(self, key: str) -> bool:
        return key in self.values

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def remove(self, key: str) -> None:
        self.values.pop(key, None)

    def keys(self) -> list[str]:
        return list(self.values)

    def sync(self) -> None:
        if self.failure is not None:
            raise self.failure
        self.syncs += 1


def test_reading_a_bad_value_changes_nothing_and_warns_once() -> None:
    store = DictStore({SCHEMA_KEY: str(SCHEMA_VERSION), opt.VOLUME_BELLS.key: "400"})
    settings = Settings(store)
    reads = [settings.get(opt.VOLUME_BELLS) for _ in range(3)]
    assert reads == [opt.VOLUME_BELLS.default] * 3
    assert (store.values[opt.VOLUME_BELLS.key], store.syncs, len(settings.warnings)) == ("400", 0, 1)


def test_a_batch_of_settings_is_written_once() -> None:
    store = DictStore({SCHEMA_KEY: str(SCHEMA_VERSION)})
    settings = Settings(store)
    with settings.batch():
        settings.set(opt.MINUTES, 20)
        settings.set(opt.BELL_EVERY_BREATHS, 4)
    assert (store.syncs, settings.get(opt.MINUTES), settings.get(opt.BELL_EVERY_BREATHS)) == (1, 20, 4)


def test_settings_opened_for_reading_never_migrate_or_write() -> None:
    store = DictStore({SCHEMA_KEY: "1", "session/captions": "false"})
    settings = Settings(store, writable=False)
    with pytest.raises(RuntimeError, match="reading only"):
        settings.set(opt.MINUTES, 5)
    settings.sync()
    assert (store.values, store.syncs) == ({SCHEMA_KEY: "1", "session/captions": "false"}, 0)


@pytest.mark.parametrize(
    ("option", "maximum"),
    [
        (opt.MINUTES, int(MINUTES_MAX)),
        (opt.WARMUP_S, int(WARMUP_MAX_S)),
        (opt.DAY_START_HOUR, DAY_START_MAX_MIN // 60),
        (opt.REST_DAYS, REST_DAYS_MAX),
    ],
)
def test_an_option_s_range_is_the_core_s_own(option: opt.Option[int], maximum: int) -> None:
    assert (option.maximum, option.validate(maximum), option.validate(maximum + 1) is not None) == (maximum, None, True)


def test_every_declared_option_is_listed_once() -> None:
    declared = [value for value in vars(opt).values() if isinstance(value, opt.Option)]
    assert sorted(o.key for o in declared) == sorted(o.key for o in opt.OPTIONS)
    assert len({o.key for o in opt.OPTIONS}) == len(opt.OPTIONS)


def test_streaks_are_counted_with_the_saved_day_start_rest_days_and_hiding() -> None:
    store = DictStore({SCHEMA_KEY: str(SCHEMA_VERSION), opt.DAY_START_HOUR.key: "4", opt.REST_DAYS.key: "1"})
    store.values[opt.HIDE_STREAKS.key] = "true"
    counted = streak_settings(Settings(store))
    assert (counted.day_start_min, counted.rest_days_per_week, counted.hidden) == (240, 1, True)


def test_a_schema_2_file_s_words_become_values_of_their_own_type() -> None:
    store = DictStore({SCHEMA_KEY: "2", opt.CAPTIONS.key: "false", opt.MINUTES.key: "15", opt.FAVOURITES.key: "one"})
    store.values[opt.PRACTICE.key] = ["a", "b"]  # an INI value with an unquoted comma
    Settings(store)
    assert store.values == {
        SCHEMA_KEY: SCHEMA_VERSION,
        opt.CAPTIONS.key: False,
        opt.MINUTES.key: 15,
        opt.FAVOURITES.key: ["one"],
        opt.PRACTICE.key: "a, b",
    }


def test_a_value_that_cannot_be_right_is_left_as_it_was_by_the_schema_3_migration() -> None:
    store = DictStore({SCHEMA_KEY: "2", opt.VOLUME_BELLS.key: "400", "someone/else": "x"})
    settings = Settings(store)
    assert (store.values[opt.VOLUME_BELLS.key], store.values["someone/else"]) == ("400", "x")
    assert settings.get(opt.VOLUME_BELLS) == opt.VOLUME_BELLS.default and len(settings.warnings) == 1


def test_a_file_that_cannot_be_read_is_one_warning() -> None:
    settings = Settings(DictStore(damage="settings file memory.json cannot be read (it is not JSON)"))
    assert settings.get(opt.MINUTES) == opt.MINUTES.default
    assert settings.warnings == ["settings file memory.json cannot be read (it is not JSON)"]


@pytest.mark.parametrize(
    ("failure", "raised", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), KindlyFailure, "cannot write memory.json: the disk is full"),
        (
            PermissionError(errno.EACCES, "Permission denied"),
            KindlyInputError,
            "cannot write memory.json: permission denied",
        ),
    ],
)
def test_a_write_that_fails_is_one_line(failure: OSError, raised: type[Exception], said: str) -> None:
    store = DictStore({SCHEMA_KEY: SCHEMA_VERSION})
    settings = Settings(store)
    store.failure = failure
    with pytest.raises(raised) as caught:
        settings.set(opt.MINUTES, 20)
    assert str(caught.value) == said


def test_an_upgrade_that_cannot_be_written_is_used_and_told() -> None:
    store = DictStore({SCHEMA_KEY: "1", "session/captions": "false"})
    store.failure = OSError(errno.ENOSPC, "No space left on device")
    settings = Settings(store)
    assert settings.get(opt.CAPTIONS) is False
    assert settings.warnings == [
        "cannot write memory.json: the disk is full; the settings are used, and saved when next changed"
    ]
