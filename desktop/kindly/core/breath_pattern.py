"""Breath patterns: the grammar `IN-EX`, `IN-HOLD-EX`, `IN-HOLD-EX-REST` and named presets.

A pattern is the shape of one breath cycle. Inhale and exhale last 1-30 s,
holds 0-30 s; a zero-length hold is kept in the pattern but never cued.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from kindly.core.errors import KindlyInputError
from kindly.core.user_numbers import WrittenFloat, as_written, exact

Phase = Literal["inhale", "hold", "exhale", "rest"]

PRESETS: dict[str, str] = {
    "box": "4-4-4-4",
    "478": "4-7-8",
    "coherent": "5.5-5.5",
    "calm": "4-6",
}
PRESET_DESCRIPTIONS: dict[str, str] = {
    "box": "Box breathing: in 4, hold 4, out 4, hold 4",
    "478": "4-7-8: in 4, hold 7, out 8",
    "coherent": "Coherent breathing: in 5.5, out 5.5",
    "calm": "Calm: in 4, out 6",
}
DEFAULT_PATTERN = "calm"

BREATH_MIN_S = 1.0
BREATH_MAX_S = 30.0
HOLD_MIN_S = 0.0
HOLD_MAX_S = 30.0

_NUMBER = re.compile(r"^\d+(\.\d+)?\Z", re.ASCII)


@dataclass(frozen=True)
class BreathPhase:
    """One phase of a cycle and how long it lasts, in seconds."""

    phase: Phase
    seconds: float


@dataclass(frozen=True)
class BreathPattern:
    """The four phases of one breath cycle (holds may be zero)."""

    inhale: float
    hold: float
    exhale: float
    rest: float
    name: str | None = None

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold + self.exhale + self.rest

    def phases(self) -> tuple[BreathPhase, ...]:
        """The phases in order, zero-length holds included."""
        return (
            BreathPhase("inhale", self.inhale),
            BreathPhase("hold", self.hold),
            BreathPhase("exhale", self.exhale),
            BreathPhase("rest", self.rest),
        )

    def phase_offsets(self) -> tuple[tuple[Phase, float, float], ...]:
        """(phase, start offset within the cycle, length) for each non-zero phase."""
        out: list[tuple[Phase, float, float]] = []
        offset = 0.0
        for p in self.phases():
            if p.seconds > 0:
                out.append((p.phase, offset, p.seconds))
            offset += p.seconds
        return tuple(out)

    def spec(self) -> str:
        """The pattern written back in the grammar, shortest form."""
        parts: list[float]
        if self.rest == 0 and self.hold == 0:
            parts = [self.inhale, self.exhale]
        elif self.rest == 0:
            parts = [self.inhale, self.hold, self.exhale]
        else:
            parts = [self.inhale, self.hold, self.exhale, self.rest]
        return "-".join(_format_seconds(p) for p in parts)

    def describe(self) -> str:
        if self.name and self.name in PRESET_DESCRIPTIONS:
            return PRESET_DESCRIPTIONS[self.name]
        return f"Custom: {self.spec()}"


def _format_seconds(value: float) -> str:
    return f"{value:g}"


def parse_breath_pattern(text: str) -> BreathPattern:
    """Parse a preset name or a dash-joined list of seconds.

    Raises:
        KindlyInputError: naming the pattern and what is wrong with it.
    """
    raw = text.strip()
    key = raw.lower()
    if key in PRESETS:
        return _parse_numbers(PRESETS[key], raw, name=key)
    return _parse_numbers(raw, raw, name=None)


def _parse_numbers(spec: str, shown: str, name: str | None) -> BreathPattern:
    parts = spec.split("-")
    if len(parts) not in (2, 3, 4):
        presets = ", ".join(PRESETS)
        raise KindlyInputError(
            f"breath pattern {shown!r} must have 2, 3 or 4 phases joined by '-' "
            f"(inhale-exhale, inhale-hold-exhale or inhale-hold-exhale-hold), or be one of: {presets}"
        )
    values: list[float] = []
    for part in parts:
        part = part.strip()
        if not _NUMBER.match(part):
            raise KindlyInputError(f"breath pattern {shown!r}: {part!r} is not a number of seconds")
        value = float(part)
        if not math.isfinite(value):
            raise KindlyInputError(f"breath pattern {shown!r}: {part!r} is not a number of seconds")
        values.append(WrittenFloat(value, part))
    if len(values) == 2:
        inhale, hold, exhale, rest = values[0], 0.0, values[1], 0.0
    elif len(values) == 3:
        inhale, hold, exhale, rest = values[0], values[1], values[2], 0.0
    else:
        inhale, hold, exhale, rest = values
    for label, value in (("inhale", inhale), ("exhale", exhale)):
        if not exact(BREATH_MIN_S) <= exact(value) <= exact(BREATH_MAX_S):
            raise KindlyInputError(
                f"breath pattern {shown!r}: {label} of {as_written(value)} s is out of range "
                f"({_format_seconds(BREATH_MIN_S)}-{_format_seconds(BREATH_MAX_S)} s)"
            )
    for label, value in (("hold", hold), ("second hold", rest)):
        if not exact(HOLD_MIN_S) <= exact(value) <= exact(HOLD_MAX_S):
            raise KindlyInputError(
                f"breath pattern {shown!r}: {label} of {as_written(value)} s is out of range "
                f"({_format_seconds(HOLD_MIN_S)}-{_format_seconds(HOLD_MAX_S)} s)"
            )
    return BreathPattern(inhale=inhale, hold=hold, exhale=exhale, rest=rest, name=name)
