"""The session plan: every bell, breath cue and narration phrase, at the second it sounds.

Rendering and live playback both follow this one list, so what a user hears
live is what `kindly render` writes. Every time is computed as an absolute
offset from the session start (`start + n * cycle + phase offset`), never by
adding durations up, so nothing drifts even over four hours.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from kindly.core.session_config import SessionConfig
from kindly.core.sound_catalog import BELLS, COUNT_BELL_RING_OUT_S, MAX_RING_OUT_S

CueKind = Literal["bell", "breath", "narration"]

# When two cues share an instant the bell is listed first, then the breath cue.
_KIND_ORDER = {"bell": 0, "breath": 1, "narration": 2}
_ROLE_ORDER = {"end": 0, "start": 1, "interval": 2, "count": 3}
_TIME_DIGITS = 6


@dataclass(frozen=True)
class Cue:
    """One timed event of a session.

    `name` is a bell's role (start, interval, count, end) or a breath cue's
    phase (inhale, hold, exhale, rest); narration cues carry their text, the
    practice they come from, their length and the clip that voices them.
    """

    t: float
    kind: CueKind
    name: str = ""
    text: str | None = None
    practice: str | None = None
    duration: float | None = None
    clip: str | None = None

    def sort_key(self) -> tuple[float, int, int]:
        return (self.t, _KIND_ORDER[self.kind], _ROLE_ORDER.get(self.name, 9))

    def to_json(self) -> dict[str, Any]:
        """The timeline JSON form of the contract."""
        out: dict[str, Any] = {"t": round(self.t, _TIME_DIGITS), "kind": self.kind}
        if self.kind == "bell":
            out["role"] = self.name
        elif self.kind == "breath":
            out["phase"] = self.name
        else:
            out["text"] = self.text
            out["practice"] = self.practice
            out["duration"] = round(self.duration or 0.0, _TIME_DIGITS)
        return out


@dataclass(frozen=True)
class BreathSpan:
    """A breath phase as it is lived: from `t` for `seconds`, in cycle `cycle` (0-based)."""

    t: float
    phase: str
    seconds: float
    cycle: int


@dataclass(frozen=True)
class SessionPlan:
    """A whole session, sorted by time; cues with equal time keep a fixed order.

    `narration_voice` says how its narration will be heard, so the screen can tell
    the user: "recorded", "system voice" or "captions only" (the practice library's
    statuses); None with no narration.
    """

    config: SessionConfig
    cues: tuple[Cue, ...]
    duration_s: float
    narration_voice: str | None = None
    safety_note: str = ""
    """The practice's gentle safety line, shown on screen at every start (spoken only the first time)."""

    @property
    def start_s(self) -> float:
        return self.config.start_s

    @property
    def end_s(self) -> float:
        return self.config.end_s

    def to_json(self) -> dict[str, Any]:
        return {
            "duration_s": round(self.duration_s, _TIME_DIGITS),
            "events": [c.to_json() for c in self.cues],
        }

    def breath_at(self, t: float) -> BreathSpan | None:
        """The breath phase in force at `t` (None during warm-up and after the end bell)."""
        return breath_phase_at(self.config, t)


def ring_out_seconds(config: SessionConfig) -> float:
    """How long the file goes on after the end bell: the bell's ring, at most 15 s."""
    ring_out = COUNT_BELL_RING_OUT_S if config.soft_end else BELLS[config.bell].ring_out_s
    return min(ring_out, MAX_RING_OUT_S)


def breath_phase_at(config: SessionConfig, t: float) -> BreathSpan | None:
    """The breath phase in force at `t`, computed from the start, never by stepping."""
    if t < config.start_s or t >= config.end_s:
        return None
    pattern = config.breath
    cycle_len = pattern.cycle_seconds
    cycle = int(math.floor((t - config.start_s) / cycle_len))
    cycle_start = config.start_s + cycle * cycle_len
    # Floating error at a boundary can put t a hair before its cycle's start.
    if cycle_start > t:
        cycle -= 1
        cycle_start = config.start_s + cycle * cycle_len
    for phase, offset, length in pattern.phase_offsets():
        if cycle_start + offset <= t < cycle_start + offset + length:
            return BreathSpan(cycle_start + offset, phase, length, cycle)
    phase, offset, length = pattern.phase_offsets()[-1]
    return BreathSpan(cycle_start + offset, phase, length, cycle)


def inhale_times(config: SessionConfig) -> list[float]:
    """The start of every breath cycle before the end bell."""
    start, end = config.start_s, config.end_s
    cycle_len = config.breath.cycle_seconds
    count = int(math.ceil((end - start) / cycle_len))
    # Each time is start + n * cycle, never a running sum, so a 4-hour session
    # is as exact at its end as at its start.
    times = [start + n * cycle_len for n in range(count + 1)]
    return [t for t in times if t < end]


def _bell_cues(config: SessionConfig) -> Iterable[Cue]:
    start, end = config.start_s, config.end_s
    yield Cue(start, "bell", "start")
    if config.interval_bell_min > 0:
        step = config.interval_bell_min * 60.0
        k = 1
        while start + k * step < end - 1e-9:
            yield Cue(start + k * step, "bell", "interval")
            k += 1
    if config.bell_every_breaths > 0:
        n = config.bell_every_breaths
        cycle_len = config.breath.cycle_seconds
        k = 1
        while start + k * n * cycle_len < end - 1e-9:
            yield Cue(start + k * n * cycle_len, "bell", "count")
            k += 1
    yield Cue(end, "bell", "end")


def _breath_cues(config: SessionConfig) -> Iterable[Cue]:
    if not config.breath_cues:
        return
    end = config.end_s
    offsets = config.breath.phase_offsets()
    for base in inhale_times(config):
        for phase, offset, _length in offsets:
            t = base + offset
            if t < end - 1e-9:
                yield Cue(t, "breath", phase)


def build_session_plan(config: SessionConfig, narration: Sequence[Cue] = ()) -> SessionPlan:
    """Lay out a whole session: bells, breath cues and any already scheduled narration."""
    cues = [*_bell_cues(config), *_breath_cues(config), *narration]
    cues.sort(key=Cue.sort_key)
    duration = config.end_s + ring_out_seconds(config)
    return SessionPlan(config=config, cues=tuple(cues), duration_s=duration)
