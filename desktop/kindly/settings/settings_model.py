"""Reading and writing settings through declared options, over any key-value store.

The store is an INI file kept by QSettings in the app (`kindly.ui.settings.
qsettings_store`); tests may give a dict. The file carries a schema version
and is brought up to date by the numbered migrations in `MIGRATIONS` when it
is opened for writing. A stored value that cannot be right (a word where a
number belongs, a volume of 400) reads as its default, with one warning kept
for the window to show: a hand-edited file never stops Kindly from starting,
and reading never changes the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kindly.core.streaks import StreakSettings
from kindly.settings import options as opt
from kindly.settings.options import Option

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_FILE_NAME = "kindly.ini"
SCHEMA_KEY = "meta/schema_version"
SCHEMA_VERSION = 2


class SettingsStore(Protocol):
    """Raw keys and values as the file keeps them (strings, or lists of strings)."""

    @property
    def path(self) -> Path: ...

    def contains(self, key: str) -> bool: ...

    def value(self, key: str) -> Any: ...

    def set_value(self, key: str, value: Any) -> None: ...

    def remove(self, key: str) -> None: ...

    def keys(self) -> list[str]: ...

    def sync(self) -> None:
        """Write pending changes to disk now."""
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


# from-version -> the step that brings a store to from-version + 1
MIGRATIONS: dict[int, Callable[[SettingsStore], None]] = {1: _migrate_1_to_2}


class Settings:
    """The user's settings, read and written through declared options.

    `writable=False` (the commands) never migrates or writes: a command
    reads the file as the window left it.
    """

    def __init__(self, store: SettingsStore, writable: bool = True) -> None:
        self._store = store
        self._writable = writable
        self.warnings: list[str] = []
        self._warned: set[str] = set()
        self._batching = False
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
        """Write pending changes now; a new file gets its schema version when first written."""
        if not self._writable:
            return
        if not self._store.contains(SCHEMA_KEY):
            self._store.set_value(SCHEMA_KEY, SCHEMA_VERSION)
        self._store.sync()

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
            self.sync()  # only when a file was upgraded: a start-up, even the first, writes nothing


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
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def _encode(option: Option[Any], value: Any) -> Any:
    if option.kind is bool:
        return "true" if value else "false"
    if option.kind is list:
        # QSettings writes an empty list as "@Invalid()"; an empty string reads back as [] too.
        return list(value) if value else ""
    return value


def _decode(option: Option[Any], raw: Any) -> tuple[Any, str | None]:
    """Turn what the store read from the INI text back into the option's type."""
    if option.kind is bool:
        flag = opt.BOOL_WORDS.get(str(raw).strip().lower())
        return (flag, None) if flag is not None else (None, f"{raw!r} is not true or false")
    if option.kind is int:
        number = _as_int(raw)
        return (number, None) if number is not None else (None, f"{raw!r} is not a whole number")
    if option.kind is list:
        if raw is None or raw == "":
            return [], None
        if isinstance(raw, str):
            return [raw], None
        if isinstance(raw, Sequence):
            return [str(v) for v in raw], None
        return None, f"{raw!r} is not a list"
    if isinstance(raw, (list, tuple)):
        # An INI value with an unquoted comma reads back as a list.
        return ", ".join(str(v) for v in raw), None
    return str(raw), None
