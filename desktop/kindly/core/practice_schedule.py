"""Laying a practice's phrases onto a session's breath: when each one is spoken.

The rules (the contract's): a phrase starts on an inhale boundary, never
overlaps the one before it, and never runs past the end bell. The opening is
laid forwards from the start bell; the closing backwards from the end bell,
so its last word ends just before it; the script's one `[rest]` is whatever
lies between, so one script fits 5 minutes or 45. Boundaries are whole cycle
indices turned into times as `start + n * cycle`, so nothing drifts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from kindly.core.breath_pattern import BreathPattern, parse_breath_pattern
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import Pause, Phrase, Practice, Step
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue

CLOSING_MARGIN_S = 0.5
"""The last closing phrase ends at least this long before the end bell strikes."""

WORDS_PER_SECOND = 2.5
"""A calm speaking pace, for phrases shown as captions with no voice to time them."""

_EPS = 1e-6


@dataclass(frozen=True)
class PhraseTiming:
    """Where one phrase was placed, for the tests and the UI's caption list."""

    phrase: Phrase
    t: float
    duration: float


def breath_for(practice: Practice, requested: str | None) -> BreathPattern:
    """The user's pattern if they gave one, else the practice's own."""
    return parse_breath_pattern(requested) if requested else practice.breath


def estimated_speech_seconds(text: str) -> float:
    """How long a phrase takes to say at a calm pace (for captions without audio)."""
    words = len(text.split())
    return round(1.0 + words / WORDS_PER_SECOND, 3)


class _Grid:
    """The session's inhale boundaries as indices: `time(n) = start + n * cycle`."""

    def __init__(self, config: SessionConfig) -> None:
        self.start = config.start_s
        self.cycle = config.breath.cycle_seconds

    def time(self, n: int) -> float:
        return self.start + n * self.cycle

    def first_at_or_after(self, t: float) -> int:
        return max(0, math.ceil((t - self.start) / self.cycle - _EPS))

    def last_at_or_before(self, t: float) -> int:
        return math.floor((t - self.start) / self.cycle + _EPS)


def schedule_practice(
    practice: Practice,
    config: SessionConfig,
    durations: Sequence[float],
    clips: Sequence[str | None] | None = None,
) -> list[Cue]:
    """The practice's narration cues for this session, ready for `build_session_plan`.

    Args:
        practice: the parsed script.
        config: the session (its breath pattern, start and end).
        durations: each phrase's spoken length in seconds, in `practice.phrases()` order.
        clips: each phrase's audio file (absolute path), or None where it is only captioned.

    Raises:
        KindlyInputError: one line naming the practice and its minimum, when the
            session is shorter than the practice's minimum or its guidance does not fit.
    """
    return [
        Cue(
            timing.t,
            "narration",
            text=timing.phrase.text,
            practice=practice.id,
            duration=timing.duration,
            clip=(clips[timing.phrase.number - 1] if clips is not None else None),
        )
        for timing in place_phrases(practice, config, durations, clips)
    ]


def place_phrases(
    practice: Practice,
    config: SessionConfig,
    durations: Sequence[float],
    clips: Sequence[str | None] | None = None,
) -> list[PhraseTiming]:
    """Each phrase with its start time and length, in order (see `schedule_practice`)."""
    count = len(practice.phrases())
    if len(durations) != count or (clips is not None and len(clips) != count):
        raise KindlyFailure(
            f"practice {practice.id!r} has {count} phrases but {len(durations)} clip lengths were given"
        )
    for value in durations:
        if not (math.isfinite(value) and value >= 0):
            raise KindlyFailure(f"practice {practice.id!r}: a clip length of {value!r} s is impossible")
    if config.minutes < practice.minimum_minutes - _EPS:
        raise KindlyInputError(
            f"practice {practice.id!r} needs at least {practice.minimum_minutes:g} minutes "
            f"(asked for {config.minutes:g})"
        )
    grid = _Grid(config)
    opening, opening_end = _lay_forwards(practice.opening, grid, durations)
    closing, closing_start = _lay_backwards(practice.closing, grid, durations, config.end_s - CLOSING_MARGIN_S)
    if opening_end > closing_start + _EPS or closing_start < config.start_s - _EPS:
        needed = (opening_end - config.start_s) + (config.end_s - closing_start)
        raise KindlyInputError(
            f"practice {practice.id!r} does not fit in {config.minutes:g} minutes with breath pattern "
            f"{config.breath.spec()} (its guidance alone takes about {_minutes_text(needed)}; "
            f"its minimum is {practice.minimum_minutes:g} minutes with its own pattern {practice.breath.spec()})"
        )
    return opening + closing


def _minutes_text(seconds: float) -> str:
    return f"{math.ceil(seconds / 30.0) / 2.0:g} minutes"


def _lay_forwards(
    steps: Sequence[Step], grid: _Grid, durations: Sequence[float]
) -> tuple[list[PhraseTiming], float]:
    """The opening from the start bell; returns the timings and when its last sound ends."""
    timings: list[PhraseTiming] = []
    earliest = grid.start
    for step in steps:
        if isinstance(step, Phrase):
            t = grid.time(grid.first_at_or_after(earliest))
            length = float(durations[step.number - 1])
            timings.append(PhraseTiming(step, t, length))
            earliest = t + length
        elif isinstance(step, Pause) and step.breaths:
            earliest = grid.time(grid.first_at_or_after(earliest) + step.breaths)
        else:
            earliest += step.seconds
    return timings, earliest


def _lay_backwards(
    steps: Sequence[Step], grid: _Grid, durations: Sequence[float], deadline: float
) -> tuple[list[PhraseTiming], float]:
    """The closing back from `deadline`; returns the timings and the latest the rest may end."""
    timings: list[PhraseTiming] = []
    latest_end = deadline
    for step in reversed(steps):
        if isinstance(step, Phrase):
            length = float(durations[step.number - 1])
            t = grid.time(grid.last_at_or_before(latest_end - length))
            timings.append(PhraseTiming(step, t, length))
            latest_end = t
        elif isinstance(step, Pause) and step.breaths:
            latest_end -= step.breaths * grid.cycle
        else:
            latest_end -= step.seconds
    timings.reverse()
    return timings, latest_end
