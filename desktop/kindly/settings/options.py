"""Every user setting, declared once: key, type, default, range or choices, description.

Widgets, the tray and the commands never spell a settings key themselves;
they read and write these `Option` constants through `Settings`. Ranges come
from the core's own limits, so a setting can never hold what a session,
a streak or a reminder would refuse.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kindly.core.breath_pattern import DEFAULT_PATTERN, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.session_config import (
    BELL_EVERY_BREATHS_MAX,
    INTERVAL_MAX_MIN,
    MINUTES_MAX,
    VOLUME_MAX,
    WARMUP_MAX_S,
    LayerVolumes,
)
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, DEFAULT_BELL
from kindly.core.streaks import DAY_START_MAX_MIN, REST_DAYS_MAX
from kindly.core.user_numbers import parse_whole

T = TypeVar("T")

NO_AMBIENT = "none"
# How a switch may be written, in the file or on the command line.
BOOL_WORDS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}
_HEX = re.compile(r"^([0-9a-f]{2})*\Z", re.ASCII)


@dataclass(frozen=True, eq=False)
class Option(Generic[T]):
    """One setting: where it is kept, what it holds, and what it means.

    `kind` is one of bool, int, str, list (of str). `check` refuses a value
    that has the right type but cannot be used, with the reason in words.
    `practice_ids`: the value names practices (empty text: none), which
    `kindly settings set` checks against the practices Preferences offers;
    a stored id that has since gone reads as it is, for its user to say so.
    """

    key: str
    kind: type
    default: T
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None
    check: Callable[[Any], str | None] | None = None
    practice_ids: bool = False

    def from_text(self, text: str) -> T:
        """The value a person typed (`kindly settings set KEY VALUE`), checked as Preferences checks it.

        Raises:
            KindlyInputError: the text is not a value this option can hold, saying why.
        """
        value: Any
        if self.kind is bool:
            value = BOOL_WORDS.get(text.strip().lower())
            if value is None:
                raise KindlyInputError(f"setting {self.key}: {text!r} is not true or false")
        elif self.kind is int:
            # As every number a person types: ASCII digits, no spaces, bounded in length before it is read.
            value = int(parse_whole(text, f"setting {self.key}:"))
        elif self.kind is list:
            value = [item.strip() for item in text.split(",")] if text.strip() else []
            if "" in value:
                raise KindlyInputError(f"setting {self.key}: {text!r} has an empty name between its commas")
        else:
            value = text
        problem = self.validate(value)
        if problem is not None:
            raise KindlyInputError(f"setting {self.key}: {problem}")
        return value

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
    from kindly.core.reminder_schedule import TimeOfDay  # with the reminder, after the window: not at launch

    try:
        TimeOfDay.parse(value)
    except KindlyInputError as exc:
        return str(exc)
    return None


def _check_geometry(value: str) -> str | None:
    return None if _HEX.match(value) else f"{value[:20]!r} is not saved window geometry"


_VOLUMES = LayerVolumes()

# --- The last session's choices (the set-up panel opens on them) -----------
PRACTICE = Option[str](
    "session/practice", str, "", "Practice id of the last session; empty for the silent timer.", practice_ids=True
)
MINUTES = Option[int]("session/minutes", int, 10, "Length of the last session in minutes.", 1, int(MINUTES_MAX))
BREATH = Option[str](
    "session/breath",
    str,
    DEFAULT_PATTERN,
    "Breath pattern: a preset name or seconds joined by '-'.",
    check=_check_breath,
)
WARMUP_S = Option[int](
    "session/warmup_s", int, 5, "Silent warm-up before the start bell, in seconds.", 0, int(WARMUP_MAX_S)
)
INTERVAL_BELL_MIN = Option[int](
    "session/interval_bell_min", int, 0, "Minutes between interval bells; 0 for none.", 0, int(INTERVAL_MAX_MIN)
)
BELL_EVERY_BREATHS = Option[int](
    "session/bell_every_breaths", int, 0, "A soft bell every N breaths; 0 for none.", 0, BELL_EVERY_BREATHS_MAX
)
BELL = Option[str]("session/bell", str, DEFAULT_BELL, "Bell voice.", choices=tuple(BELLS))
AMBIENT = Option[str](
    "session/ambient", str, NO_AMBIENT, "Ambient bed under the session.", choices=(NO_AMBIENT, *AMBIENT_BEDS)
)
BREATH_CUES = Option[bool](
    "session/breath_cues", bool, False, "Sound a soft cue at each breath phase (off: a silent timer is plain)."
)
FEWER_WORDS = Option[bool](
    "session/fewer_words", bool, False, "Leave a practice's long silences without re-invitations."
)
VOLUME_BELLS = Option[int]("volume/bells", int, _VOLUMES.bells, "Loudness of the bells.", 0, VOLUME_MAX)
VOLUME_BREATH = Option[int]("volume/breath", int, _VOLUMES.breath, "Loudness of the breath cues.", 0, VOLUME_MAX)
VOLUME_NARRATION = Option[int]("volume/narration", int, _VOLUMES.narration, "Loudness of the narration.", 0, VOLUME_MAX)
VOLUME_AMBIENT = Option[int]("volume/ambient", int, _VOLUMES.ambient, "Loudness of the ambient bed.", 0, VOLUME_MAX)

# --- The session screen ----------------------------------------------------
CAPTIONS = Option[bool]("display/captions", bool, True, "Show the narration as captions during a session.")
TIME_LEFT = Option[bool]("display/time_left", bool, True, "Show the time left during a session.")
THEME_SYSTEM = "system"
THEME_LIGHT = "light"
THEME_DARK = "dark"
THEME = Option[str](
    "display/theme",
    str,
    THEME_SYSTEM,
    "Kindly's colours: system (follow the desktop, light or dark as it changes), light or dark.",
    choices=(THEME_SYSTEM, THEME_LIGHT, THEME_DARK),
)
ANNOUNCE_NOTHING = "nothing"
ANNOUNCE_MINUTES = "minutes"
ANNOUNCE_PHASES = "phases"
ANNOUNCE = Option[str](
    "accessibility/announce",
    str,
    ANNOUNCE_MINUTES,
    "What a screen reader is told during a session: nothing, minutes (the start, each minute left, a pause, "
    "a sound problem and the end) or phases (all that and each breath phase). The T key tells the time left always.",
    choices=(ANNOUNCE_NOTHING, ANNOUNCE_MINUTES, ANNOUNCE_PHASES),
)
WINDOW_GEOMETRY = Option[str](
    "display/window_geometry",
    str,
    "",
    "Where the main window was and its size (Qt's saved geometry, hex).",
    check=_check_geometry,
)

# --- Streaks (see the streak rules in the product contract) ----------------
HIDE_STREAKS = Option[bool]("streaks/hide", bool, False, "Hide streaks everywhere; totals stay.")
DAY_START_HOUR = Option[int](
    "streaks/day_start_hour",
    int,
    0,
    "Hour (0-6) at which a practice day begins; earlier counts as the day before.",
    0,
    DAY_START_MAX_MIN // 60,
)
REST_DAYS = Option[int](
    "streaks/rest_days", int, 0, "Rest days a week that keep a streak alive (0-2).", 0, REST_DAYS_MAX
)

# --- Check-ins ------------------------------------------------------------
CHECKINS_ON_PATH = "path"
CHECKINS_ALWAYS = "always"
CHECKINS_NEVER = "never"
CHECKINS = Option[str](
    "checkins/offer",
    str,
    CHECKINS_ON_PATH,
    "When a check-in is offered before and after a session: path (this week's practices on your path), "
    "always, or never.",
    choices=(CHECKINS_ON_PATH, CHECKINS_ALWAYS, CHECKINS_NEVER),
)

# --- The tray --------------------------------------------------------------
FAVOURITES = Option[list[str]](
    "tray/favourites", list, [], "Practice ids offered first in the tray menu.", practice_ids=True
)
REMINDER_ENABLED = Option[bool]("reminder/enabled", bool, False, "Offer a gentle daily reminder.")
REMINDER_TIME = Option[str](
    "reminder/time", str, "19:00", "Time of the daily reminder, HH:MM local time.", check=_check_time_of_day
)

# --- The desktop around a session -------------------------------------------
PAUSE_OTHER_PLAYERS = Option[bool](
    "media/pause_other_players",
    bool,
    False,
    "Pause other media players (music, a podcast) when a session starts, and resume them after (Linux).",
)


# --- History shared through a synced folder (kindly.sync, docs/sync.md) ------
def _check_sync_folder(value: str) -> str | None:
    """Only its form here: whether the folder is there and usable is asked when it is set and at each sync
    (an unmounted drive must not turn the setting off)."""
    return None if value == "" or os.path.isabs(value) else f"{value!r} is not an absolute path"


SYNC_FOLDER = Option[str](
    "sync/folder",
    str,
    "",
    "A folder your sync tool (Syncthing, Nextcloud, Dropbox) shares between your machines; Kindly keeps "
    "its journals there and merges every machine's sessions. Empty: off.",
    check=_check_sync_folder,
)

OPTIONS: tuple[Option[Any], ...] = (
    PRACTICE, MINUTES, BREATH, WARMUP_S, INTERVAL_BELL_MIN, BELL_EVERY_BREATHS, BELL, AMBIENT, BREATH_CUES,
    FEWER_WORDS, VOLUME_BELLS, VOLUME_BREATH, VOLUME_NARRATION, VOLUME_AMBIENT,
    CAPTIONS, TIME_LEFT, THEME, ANNOUNCE, WINDOW_GEOMETRY, HIDE_STREAKS, DAY_START_HOUR, REST_DAYS, CHECKINS, FAVOURITES,
    REMINDER_ENABLED, REMINDER_TIME, PAUSE_OTHER_PLAYERS, SYNC_FOLDER,
)  # fmt: skip


def option_named(key: str) -> Option[Any]:
    """The declared option kept under `key` (`session/minutes`).

    Raises:
        KindlyInputError: no setting has that key, listing the ones there are.
    """
    for option in OPTIONS:
        if option.key == key:
            return option
    raise KindlyInputError(f"unknown setting {key!r} (one of: {', '.join(o.key for o in OPTIONS)})")
