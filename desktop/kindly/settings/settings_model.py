"""Reading and writing settings through declared options, over any key-value store.

The store is the JSON file `settings.json` that the window and the commands
share (`kindly.settings.settings_file`, which also reads the `kindly.ini` of
earlier versions); tests may give a dict. The file carries a schema version
and is brought up to date by the numbered migrations in `MIGRATIONS` when it
is opened for writing. A stored value that cannot be right (a word where a
number belongs, a volume of 400) reads as its default, with one warning kept
for the window to show, as does a file that cannot be read at all: a
hand-edited file never stops Kindly from starting, and reading never changes
the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.streaks import StreakSettings
from kindly.core.user_numbers import parse_whole
from kindly.settings import options as opt
from kindly.settings.options import Option

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_FILE_NAME = "settings.json"
SCHEMA_KEY = "meta/schema_version"
SCHEMA_VERSION = 3
FILE_WARNING_KEY = ""  # the file as a whole, beside the per-key warnings


class SettingsStore(Protocol):
    """Raw keys and values as the file keeps them (JSON values; strings and lists of strings from an INI file)."""

    @property
    def path(self) -> Path: ...

    @property
    def damage(self) -> str | None:
        """Why the file could not be read at all (it then reads as empty), in words; None when it could."""
        ...

    def contains(self, key: str) -> bool: ...

    def value(self, key: str) -> Any: ...

    def set_value(self, key: str, value: Any) -> None: ...

    def remove(self, key: str) -> None: ...

    def keys(self) -> list[str]: ...

    def sync(self) -> None:
        """Write pending changes to disk now.

        Raises:
            OSError: they could not be written; they stay pending, and the file is as it was.
        """
        ...


def _migrate_1_to_2(store: SettingsStore) -> None:
    """Schema 1 kept the captions switch among the session choices and wrote
    "no ambient bed" as an empty string; schema 2 keeps display options under
    `display/` and names the empty choice."""
    if store.contains("session/captions"):
        store.set_value(opt.CAPTIONS.key, store.value("session/captions"))
        store.remove("session/captions")
    if store.contains(opt.AMBIENT.key) and str(store.value(opt.AMBIENT.key)) == "":
        store.set_value(opt.AMBIENT.key, opt.NO_AMBIENT)


def _migrate_2_to_3(store: SettingsStore) -> None:
    """Schema 2 lived in an INI file, where every value is text ("true", "12"); schema 3 keeps each
    value in its own JSON type. A value that cannot be right is left as it is, to warn when read."""
    for option in opt.OPTIONS:
        if store.contains(option.key):
            value, problem = _decode(option, store.value(option.key))
            if problem is None and option.validate(value) is None:
                store.set_value(option.key, _encode(option, value))


# from-version -> the step that brings a store to from-version + 1
MIGRATIONS: dict[int, Callable[[SettingsStore], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


class Settings:
    """The user's settings, read and written through declared options.

    `writable=False` (the commands) never migrates or writes: a command
    reads the file as the window left it. A write that fails (a full disk)
    raises one line, unless `on_write_failure` is set (the window, which
    shows it and goes on); the changes are then tried again at the next write.
    """

    def __init__(self, store: SettingsStore, writable: bool = True) -> None:
        self._store = store
        self._writable = writable
        self.warnings: list[str] = []
        self.on_write_failure: Callable[[str], None] | None = None
        self._warned: set[str] = set()
        self._batching = False
        damage = store.damage
        if damage is not None:
            self._warn_once(FILE_WARNING_KEY, damage)
        self._migrate()

    @property
    def path(self) -> Path:
        return self._store.path

    # reading and writing ----------------------------------------------------
    def get(self, option: Option[T]) -> T:
        """The stored value, or the default when none is stored or it cannot be right."""
        if not self._store.contains(option.key):
            return _copy(option.default)
        raw = self._store.value(option.key)
        value, problem = _decode(option, raw)
        if problem is None:
            problem = option.validate(value)
        if problem is not None:
            self._warn_once(
                option.key, f"setting {option.key} in {self.path}: {problem}; using the default {option.default!r}"
            )
            return _copy(option.default)
        return value

    def set(self, option: Option[T], value: T) -> None:
        """Store a value, refusing one the option cannot hold (a programming error)."""
        if not self._writable:
            raise RuntimeError(f"settings {self.path} were opened for reading only")
        problem = option.validate(value)
        if problem is not None:
            raise ValueError(f"setting {option.key}: {problem}")
        self._store.set_value(option.key, _encode(option, value))
        self._warned.discard(option.key)
        if not self._batching:
            self.sync()

    def reset(self, option: Option[Any]) -> None:
        """Forget the stored value: the option reads as its default again."""
        if not self._writable:
            raise RuntimeError(f"settings {self.path} were opened for reading only")
        self._store.remove(option.key)
        self._warned.discard(option.key)
        if not self._batching:
            self.sync()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several `set`s written to disk once, at the end (the set-up panel's 14 choices at Start)."""
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
            self.sync()

    def sync(self) -> None:
        """Write pending changes now; a new file gets its schema version when first written.

        Raises:
            KindlyFailure: the file could not be written (`kindly.user_files.write_failure`'s line),
                unless `on_write_failure` was set; KindlyInputError for a folder the user cannot write.
        """
        if not self._writable:
            return
        if not self._store.contains(SCHEMA_KEY):
            self._store.set_value(SCHEMA_KEY, SCHEMA_VERSION)
        try:
            self._store.sync()
        except OSError as exc:
            from kindly.user_files import write_failure  # only when a write fails: not on every start-up

            failure = write_failure(str(self.path), exc)
            if self.on_write_failure is None:
                raise failure from None
            log.error("settings not saved: %s", failure)
            self.on_write_failure(f"Settings not saved: {failure}")

    @property
    def schema_version(self) -> int:
        return _as_int(self._store.value(SCHEMA_KEY)) or 0 if self._store.contains(SCHEMA_KEY) else 0

    # internals ----------------------------------------------------------------
    def _warn_once(self, key: str, message: str) -> None:
        if key in self._warned:
            return
        self._warned.add(key)
        log.warning("%s", message)
        self.warnings.append(message)

    def _migrate(self) -> None:
        keys = [k for k in self._store.keys() if k != SCHEMA_KEY]
        stored = _as_int(self._store.value(SCHEMA_KEY)) if self._store.contains(SCHEMA_KEY) else None
        if stored is None:
            if self._store.contains(SCHEMA_KEY):
                self._warn_once(
                    SCHEMA_KEY, f"settings file {self.path}: unreadable schema version; treating it as current"
                )
            # A fresh file, or one from before versions were stored (schema 1).
            stored = 1 if keys else SCHEMA_VERSION
        if stored > SCHEMA_VERSION:
            self._warn_once(
                SCHEMA_KEY,
                f"settings file {self.path} is from a newer Kindly (schema {stored}); "
                "unknown settings are left as they are",
            )
            return
        if not self._writable:
            return  # read as it is: a command never rewrites the window's file
        for version in range(stored, SCHEMA_VERSION):
            MIGRATIONS[version](self._store)
            log.info("settings migrated from schema %d to %d", version, version + 1)
        if stored != SCHEMA_VERSION or (keys and not self._store.contains(SCHEMA_KEY)):
            self._store.set_value(SCHEMA_KEY, SCHEMA_VERSION)
            try:
                self.sync()  # only when a file was upgraded: a start-up, even the first, writes nothing
            except (KindlyFailure, KindlyInputError) as exc:  # used as upgraded; written at the next change
                self._warn_once(SCHEMA_KEY, f"{exc}; the settings are used, and saved when next changed")


def streak_settings(settings: Settings) -> StreakSettings:
    """How streaks are counted for this person: the window and `kindly stats` both ask here."""
    return StreakSettings(
        day_start_min=settings.get(opt.DAY_START_HOUR) * 60,
        rest_days_per_week=settings.get(opt.REST_DAYS),
        hidden=settings.get(opt.HIDE_STREAKS),
    )


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def _as_int(raw: Any) -> int | None:
    """The whole number an INI file kept as text, read as every number is (ASCII digits, bounded); else None."""
    try:
        return int(parse_whole(str(raw).strip(), "setting"))
    except KindlyInputError:
        return None


def _encode(option: Option[Any], value: Any) -> Any:
    """The JSON value kept for `value`: true/false, a number, text, or a list of text."""
    return list(value) if option.kind is list else value


def _decode(option: Option[Any], raw: Any) -> tuple[Any, str | None]:
    """The option's value from what the file holds: its JSON type, or the text an INI file (schema 2) kept."""
    if option.kind is bool:
        if isinstance(raw, bool):
            return raw, None
        flag = opt.BOOL_WORDS.get(raw.strip().lower()) if isinstance(raw, str) else None
        return (flag, None) if flag is not None else (None, f"{raw!r} is not true or false")
    if option.kind is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw, None
        number = _as_int(raw) if isinstance(raw, str) else None
        return (number, None) if number is not None else (None, f"{raw!r} is not a whole number")
    if option.kind is list:
        if raw is None or raw == "":  # an INI file's empty list: @Invalid(), or nothing
            return [], None
        if isinstance(raw, str):  # an INI file's list of one
            return [raw], None
        if isinstance(raw, Sequence) and all(isinstance(v, str) for v in raw):
            return list(raw), None
        return None, f"{raw!r} is not a list of names"
    if isinstance(raw, str):
        return raw, None
    if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
        return ", ".join(raw), None  # an INI value with an unquoted comma reads back as a list
    return None, f"{raw!r} is not text"
