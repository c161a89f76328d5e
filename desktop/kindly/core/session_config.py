"""What the user chose for a session, validated in one place."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kindly.core.breath_pattern import DEFAULT_PATTERN, BreathPattern, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, DEFAULT_BELL
from kindly.core.user_numbers import as_written, exact

MINUTES_MAX = 240.0
WARMUP_MAX_S = 600.0
INTERVAL_MAX_MIN = 240.0
# A bell rings out for seconds: closer than this, interval bells would only be noise.
INTERVAL_MIN_MIN = 0.1
VOLUME_MAX = 100
BELL_EVERY_BREATHS_MAX = 999
LAYERS = ("bells", "breath", "narration", "ambient")
GUIDANCE_FULL = "full"
GUIDANCE_FEWER = "fewer words"
GUIDANCE = (GUIDANCE_FULL, GUIDANCE_FEWER)


@dataclass(frozen=True)
class LayerVolumes:
    """Loudness of each layer, 0 (silent) to 100 (full)."""

    bells: int = 80
    breath: int = 45
    narration: int = 90
    ambient: int = 35

    def get(self, layer: str) -> int:
        if layer not in LAYERS:
            raise KindlyInputError(f"unknown sound layer {layer!r} (one of: {', '.join(LAYERS)})")
        return int(getattr(self, layer))

    def validate(self) -> None:
        for layer in LAYERS:
            value = getattr(self, layer)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= VOLUME_MAX:
                raise KindlyInputError(f"volume for {layer} of {value!r} is out of range (0-100)")


@dataclass(frozen=True)
class SessionConfig:
    """Everything that shapes a session's timeline."""

    minutes: float = 10.0
    breath: BreathPattern = field(default_factory=lambda: parse_breath_pattern(DEFAULT_PATTERN))
    warmup_s: float = 5.0
    interval_bell_min: float = 0.0
    bell_every_breaths: int = 0
    breath_cues: bool = True
    bell: str = DEFAULT_BELL
    volumes: LayerVolumes = field(default_factory=LayerVolumes)
    ambient: str | None = None
    practice: str | None = None
    guidance: str = GUIDANCE_FULL
    """"fewer words" leaves a practice's long silences without re-invitations."""
    first_session: bool = False
    """A person's first session of the practice: its first-time phrases are spoken too."""
    soft_end: bool = False
    """The end bell is the soft counting chime: a bedtime practice ends without waking the listener."""

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Refuse any impossible setting, naming the value."""
        # Limits are compared with each number as it was written (`exact`): 240.00000000000001 is past 240.
        if not _finite(self.minutes) or not 0 < exact(self.minutes) <= exact(MINUTES_MAX):
            raise KindlyInputError(f"minutes of {as_written(self.minutes)} is out of range (more than 0, at most 240)")
        if not _finite(self.warmup_s) or exact(self.warmup_s) < 0:
            raise KindlyInputError(f"warm-up of {as_written(self.warmup_s)} s is negative (it must be 0 or more)")
        if exact(self.warmup_s) > exact(WARMUP_MAX_S):
            raise KindlyInputError(f"warm-up of {as_written(self.warmup_s)} s is too long (at most {WARMUP_MAX_S:g} s)")
        interval = self.interval_bell_min
        if not _finite(interval) or not (
            exact(interval) == 0 or exact(INTERVAL_MIN_MIN) <= exact(interval) <= exact(INTERVAL_MAX_MIN)
        ):
            raise KindlyInputError(
                f"interval bell of {as_written(interval)} minutes is out of range "
                f"(0 for none, else {INTERVAL_MIN_MIN:g} to {INTERVAL_MAX_MIN:g})"
            )
        every = self.bell_every_breaths
        if not isinstance(every, int) or isinstance(every, bool) or not 0 <= every <= BELL_EVERY_BREATHS_MAX:
            shown = as_written(every) if isinstance(every, (int, float)) and not isinstance(every, bool) else every
            raise KindlyInputError(
                f"bell every {shown} breaths is out of range (a whole number, 0 for none, at most "
                f"{BELL_EVERY_BREATHS_MAX})"
            )
        if self.bell not in BELLS:
            raise KindlyInputError(f"unknown bell {self.bell!r} (one of: {', '.join(BELLS)})")
        if self.ambient is not None and self.ambient not in AMBIENT_BEDS:
            raise KindlyInputError(f"unknown ambient bed {self.ambient!r} (one of: {', '.join(AMBIENT_BEDS)})")
        if self.guidance not in GUIDANCE:
            raise KindlyInputError(f"unknown guidance {self.guidance!r} (one of: {', '.join(GUIDANCE)})")
        self.volumes.validate()

    @property
    def start_s(self) -> float:
        """When the start bell sounds: the end of the warm-up."""
        return float(self.warmup_s)

    @property
    def end_s(self) -> float:
        """When the end bell sounds."""
        return self.warmup_s + 60.0 * self.minutes


def _finite(value: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
