"""Every user setting, declared once: key, type, default, range or choices, description.

Widgets and the tray never spell a settings key themselves; they read and
write the `Option` constants below through `Settings`. The file is an INI file
(QSettings) in `kindly.locations.config_dir()`, carries a schema version, and
is brought up to date by the numbered migrations in `MIGRATIONS`. A stored
value that cannot be right (a word where a number belongs, a volume of 400) is
replaced by its default with a warning, logged and kept for the UI to show:
a hand-edited file never stops Kindly from starting.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QSettings

from kindly import locations
from kindly.core.breath_pattern import DEFAULT_PATTERN, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.reminder_schedule import TimeOfDay
from kindly.core.session_config import INTERVAL_MAX_MIN, LayerVolumes
from kindly.private_files import create_private_file, make_private_dir
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, DEFAULT_BELL

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_FILE_NAME = "kindly.ini"
SCHEMA_KEY = "meta/schema_version"
SCHEMA_VERSION = 2
NO_AMBIENT = "none"
_HEX = re.compile(r"^([0-9a-f]{2})*\Z", re.ASCII)


@dataclass(frozen=True, eq=False)
class Option(Generic[T]):
    """One setting: where it is kept, what it holds, and what it means.

    `kind` is one of bool, int, str, list (of str). `check` refuses a value
    that has the right type but cannot be used, with the reason in words.
    """

    key: str
    kind: type
    default: T
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None
    check: Callable[[Any], str | None] | None = None

    def validate(self, value: Any) -> str | None:
        """Why `value` cannot be this option's value, or None when it can."""
        if self.kind is bool:
            ok = isinstance(value, bool)
        elif self.kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.kind is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, self.kind)
        if not ok:
            return f"{value!r} is not a {self.kind.__name__}"
        if self.minimum is not None and value < self.minimum:
            return f"{value!r} is below {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"{value!r} is above {self.maximum}"
        if self.choices is not None and value not in self.choices:
            return f"{value!r} is not one of: {', '.join(self.choices)}"
        if self.check is not None:
            return self.check(value)
        return None


def _check_breath(value: str) -> str | None:
    try:
        parse_breath_pattern(value)
    except KindlyInputError as exc:
        return str(exc)
    return None


def _check_time_of_day(value: str) -> str | None:
    try:
        TimeOfDay.parse(value)
    except KindlyInputError as exc:
        return str(exc)
    return None


_VOLUMES = LayerVolumes()

# --- The last session's choices (the set-up panel opens on them) -----------
PRACTICE = Option[str]("session/practice", str, "", "Practice id of the last session; empty for the silent timer.")
MINUTES = Option[int]("session/minutes", int, 10, "Length of the last session in minutes.", 1, 240)
BREATH = Option[str](
    "session/breath", str, DEFAULT_PATTERN,
    "Breath pattern: a preset name or seconds joined by '-'.", check=_check_breath,
)
WARMUP_S = Option[int]("session/warmup_s", int, 5, "Silent warm-up before the start bell, in seconds.", 0, 600)
INTERVAL_BELL_MIN = Option[int](
    "session/interval_bell_min", int, 0, "Minutes between interval bells; 0 for none.", 0, int(INTERVAL_MAX_MIN)
)
BELL_EVERY_BREATHS = Option[int](
    "session/bell_every_breaths", int, 0, "A soft bell every N breaths; 0 for none.", 0, 999
)
BELL = Option[str]("session/bell", str, DEFAULT_BELL, "Bell voice.", choices=tuple(BELLS))
AMBIENT = Option[str](
    "session/ambient", str, NO_AMBIENT, "Ambient bed under the session.", choices=(NO_AMBIENT, *AMBIENT_BEDS)
)
BREATH_CUES = Option[bool]("session/breath_cues", bool, True, "Sound a soft cue at each breath phase.")
FEWER_WORDS = Option[bool](
    "session/fewer_words", bool, False, "Leave a practice's long silences without re-invitations."
)
VOLUME_BELLS = Option[int]("volume/bells", int, _VOLUMES.bells, "Loudness of the bells.", 0, 100)
VOLUME_BREATH = Option[int]("volume/breath", int, _VOLUMES.breath, "Loudness of the breath cues.", 0, 100)
VOLUME_NARRATION = Option[int]("volume/narration", int, _VOLUMES.narration, "Loudness of the narration.", 0, 100)
VOLUME_AMBIENT = Option[int]("volume/ambient", int, _VOLUMES.ambient, "Loudness of the ambient bed.", 0, 100)

# --- The session screen ----------------------------------------------------
CAPTIONS = Option[bool]("display/captions", bool, True, "Show the narration as captions during a session.")

WINDOW_GEOMETRY = Option[str](
    "display/window_geometry", str, "", "Where the main window was and its size (Qt's saved geometry, hex).",
    check=lambda v: None if _HEX.match(v) else f"{v[:20]!r} is not saved window geometry",
)

# --- Streaks (see the streak rules in the product contract) ----------------
HIDE_STREAKS = Option[bool]("streaks/hide", bool, False, "Hide streaks everywhere; totals stay.")
DAY_START_HOUR = Option[int](
    "streaks/day_start_hour", int, 0, "Hour (0-6) at which a practice day begins; earlier counts as the day before.",
    0, 6,
)
REST_DAYS = Option[int]("streaks/rest_days", int, 0, "Rest days a week that keep a streak alive (0-2).", 0, 2)

# --- The tray --------------------------------------------------------------
FAVOURITES = Option[list]("tray/favourites", list, [], "Practice ids offered first in the tray menu.")
REMINDER_ENABLED = Option[bool]("reminder/enabled", bool, False, "Offer a gentle daily reminder.")
REMINDER_TIME = Option[str](
    "reminder/time", str, "19:00", "Time of the daily reminder, HH:MM local time.", check=_check_time_of_day
)

OPTIONS: tuple[Option[Any], ...] = (
    PRACTICE, MINUTES, BREATH, WARMUP_S, INTERVAL_BELL_MIN, BELL_EVERY_BREATHS, BELL, AMBIENT, BREATH_CUES,
    VOLUME_BELLS, VOLUME_BREATH, VOLUME_NARRATION, VOLUME_AMBIENT,
    CAPTIONS, WINDOW_GEOMETRY, HIDE_STREAKS, DAY_START_HOUR, REST_DAYS, FAVOURITES, REMINDER_ENABLED, REMINDER_TIME,
)
_BY_KEY = {o.key: o for o in OPTIONS}


def option(key: str) -> Option[Any]:
    """The declared option kept under `key`."""
    return _BY_KEY[key]


# --- Migrations ------------------------------------------------------------
def _migrate_1_to_2(store: QSettings) -> None:
    """Schema 1 kept the captions switch among the session choices and wrote
    "no ambient bed" as an empty string; schema 2 keeps display options under
    `display/` and names the empty choice."""
    if store.contains("session/captions"):
        store.setValue(CAPTIONS.key, store.value("session/captions"))
        store.remove("session/captions")
    if store.contains(AMBIENT.key) and str(store.value(AMBIENT.key)) == "":
        store.setValue(AMBIENT.key, NO_AMBIENT)


# from-version -> the step that brings a store to from-version + 1
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {1: _migrate_1_to_2}


def default_path() -> Path:
    return locations.config_dir() / SETTINGS_FILE_NAME


class Settings:
    """The user's settings file, read and written through declared options."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        # Readable by the user alone, whatever the umask: QSettings rewrites the file through a
        # temporary one that keeps the mode of the file it replaces, so it is made 0600 first.
        make_private_dir(self.path.parent)
        create_private_file(self.path)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        self.warnings: list[str] = []
        self._migrate()

    # reading and writing ----------------------------------------------------
    def get(self, opt: Option[T]) -> T:
        """The stored value, or the default when none is stored or it cannot be right."""
        if not self._store.contains(opt.key):
            return _copy(opt.default)
        raw = self._store.value(opt.key)
        value, problem = _decode(opt, raw)
        if problem is None:
            problem = opt.validate(value)
        if problem is not None:
            self._warn(f"setting {opt.key} in {self.path}: {problem}; using the default {opt.default!r}")
            self._store.setValue(opt.key, _encode(opt, opt.default))
            self.sync()
            return _copy(opt.default)
        return value

    def set(self, opt: Option[T], value: T) -> None:
        """Store a value, refusing one the option cannot hold (a programming error)."""
        problem = opt.validate(value)
        if problem is not None:
            raise ValueError(f"setting {opt.key}: {problem}")
        self._store.setValue(opt.key, _encode(opt, value))
        self.sync()

    def sync(self) -> None:
        """Write pending changes to disk now, readable by the user alone.

        Every change is written at once, here, so QSettings' own later sync
        finds nothing to do: its lock file (kindly.ini.lock) and temporary
        file are made while the umask is 077, and can never be left behind
        readable by others (as a kill mid-write would leave them).
        """
        if not self._store.contains(SCHEMA_KEY):  # a new file gets its version when first written
            self._store.setValue(SCHEMA_KEY, SCHEMA_VERSION)
        previous = os.umask(0o077)
        try:
            self._store.sync()
        finally:
            os.umask(previous)
        create_private_file(self.path)  # tightens it, should anything have loosened it

    @property
    def schema_version(self) -> int:
        return _as_int(self._store.value(SCHEMA_KEY, 0)) or 0

    # internals ----------------------------------------------------------------
    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warnings.append(message)

    def _migrate(self) -> None:
        keys = [k for k in self._store.allKeys() if k != SCHEMA_KEY]
        stored = _as_int(self._store.value(SCHEMA_KEY)) if self._store.contains(SCHEMA_KEY) else None
        if stored is None:
            if self._store.contains(SCHEMA_KEY):
                self._warn(f"settings file {self.path}: unreadable schema version; treating it as current")
            # A fresh file, or one from before versions were stored (schema 1).
            stored = 1 if keys else SCHEMA_VERSION
        if stored > SCHEMA_VERSION:
            self._warn(
                f"settings file {self.path} is from a newer Kindly (schema {stored}); "
                "unknown settings are left as they are"
            )
            return
        for version in range(stored, SCHEMA_VERSION):
            MIGRATIONS[version](self._store)
            log.info("settings migrated from schema %d to %d", version, version + 1)
        if stored != SCHEMA_VERSION or (keys and not self._store.contains(SCHEMA_KEY)):
            self._store.setValue(SCHEMA_KEY, SCHEMA_VERSION)
            self.sync()  # only when a file was upgraded: a start-up, even the first, writes nothing


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def _as_int(raw: Any) -> int | None:
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def _encode(opt: Option[Any], value: Any) -> Any:
    if opt.kind is bool:
        return "true" if value else "false"
    if opt.kind is list:
        return list(value)
    return value


def _decode(opt: Option[Any], raw: Any) -> tuple[Any, str | None]:
    """Turn what QSettings read from the INI text back into the option's type."""
    if opt.kind is bool:
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True, None
        if text in ("false", "0", "no", "off"):
            return False, None
        return None, f"{raw!r} is not true or false"
    if opt.kind is int:
        number = _as_int(raw)
        return (number, None) if number is not None else (None, f"{raw!r} is not a whole number")
    if opt.kind is list:
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
