"""Quick starts: turning a name (`--start NAME`, a tray menu entry) into a session.

A name is a practice id, a silent-timer preset (`timer-5`, `timer-10`,
`timer-20`) or `last` (the last session as it was set up). The tray and the
command line both resolve names here, so they always agree.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindly.core.errors import KindlyInputError

if TYPE_CHECKING:  # names only: `kindly --start NAME` checks its name before the session choices are loaded
    from kindly.core.checkin import CheckIn
    from kindly.library.session_choices import SessionChoices

LAST = "last"
RIGHT_NOW = "right-now"
"""The practice for a moment of distress: the tray offers it first."""
RIGHT_NOW_LABEL = "Right now: three minutes for a hard moment"
TIMER_PRESETS: dict[str, int] = {"timer-5": 5, "timer-10": 10, "timer-20": 20}


@dataclass(frozen=True)
class PracticeDefaults:
    """What a practice brings to a quick start: its own length, breath pattern and breath-cue default."""

    minutes: int
    breath: str | None = None
    breath_cues: bool = True


@dataclass(frozen=True)
class SessionRequest:
    """A session to start: the full set of choices, the name it was asked by, and the check-in the
    person gave just before (kept with the session's row)."""

    name: str
    choices: SessionChoices
    checkin_before: CheckIn | None = None

    @property
    def practice(self) -> str | None:
        return self.choices.practice


def quick_start_presets() -> list[tuple[str, str]]:
    """(name, label) of the built-in quick starts, in menu order."""
    timers = [(name, f"Silent timer, {minutes} minutes") for name, minutes in TIMER_PRESETS.items()]
    return [*timers, (LAST, "Last session again")]


def resolve_quick_start(name: str, last: SessionChoices, practices: Mapping[str, PracticeDefaults]) -> SessionRequest:
    """The session a quick-start name asks for.

    Bells, volumes and the ambient bed always come from the last set-up; a
    practice brings its own length and breath pattern; a timer preset is the
    silent timer, plain: no breath cues. A practice that asks for a
    natural breath starts with paced breath cues off.

    Raises:
        KindlyInputError: the name is neither a preset nor a known practice.
    """
    key = name.strip()
    if key == LAST:
        if last.practice is not None and last.practice not in practices:
            raise KindlyInputError(f"the last practice {last.practice!r} is no longer available")
        return SessionRequest(key, last)
    if key in TIMER_PRESETS:
        # A timer preset is plain (the time and a still ring) whatever the last practice paced.
        return SessionRequest(key, last.with_changes(practice=None, minutes=TIMER_PRESETS[key], breath_cues=False))
    if key in practices:
        defaults = practices[key]
        changes: dict[str, object] = {"practice": key, "minutes": defaults.minutes, "breath_cues": defaults.breath_cues}
        if defaults.breath:
            changes["breath"] = defaults.breath
        return SessionRequest(key, last.with_changes(**changes))
    # One line, where it is read (the window's notice): the names are for a terminal, `kindly practices`.
    raise KindlyInputError(f"unknown practice or quick start {name!r}; 'kindly practices' lists the names")


def check_start_name(name: str) -> None:
    """Refuse a `--start` name that is neither a preset, `last` nor a practice's id, in the launching
    process and before any window (the window, the tray and a running Kindly tell theirs in a notice).

    Only the scripts are read, for their ids: none of their voices is looked for.

    Raises:
        KindlyInputError: an unknown name; one that a refused script gave itself names its file and line.
    """
    from kindly.library.practice_library import read_practice_ids
    from kindly.library.script_files import refused_as

    key = name.strip()
    practice_ids, problems = read_practice_ids()
    if key == LAST or key in TIMER_PRESETS or key in practice_ids:
        return
    refused = refused_as(key, problems)
    if refused is not None:
        raise KindlyInputError(f"unknown practice or quick start {name!r}: {refused}")
    listed = "'kindly practices' lists the practices"  # said in a terminal, where the command can be run
    raise KindlyInputError(f"unknown practice or quick start {name!r} (one of: {_names(practice_ids)}; {listed})")


def _names(practice_ids: Collection[str]) -> str:
    return ", ".join([*TIMER_PRESETS, LAST, *sorted(practice_ids)])
