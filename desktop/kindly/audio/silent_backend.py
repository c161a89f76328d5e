"""The output for a machine with no usable audio device: nothing sounds, the session still runs.

The player keeps the session on its clock, so cues reach the screen on time
and the session finishes; the user is told once that it runs silently. No
sound is decoded, so a missing or broken sound file cannot stop it either.
"""

from __future__ import annotations

from collections.abc import Mapping

from kindly.core.session_plan import Cue, SessionPlan


class SilentOutput:
    """A `LiveOutput` with no device behind it."""

    lead_s = 0.0

    def load(self, plan: SessionPlan, volumes: Mapping[str, int]) -> None:
        return None

    def begin(self, position: int) -> None:
        return None

    def cue(self, cue: Cue, skip: int, due_at: float) -> None:
        return None

    def hold(self, position: int, fade_s: float) -> None:
        return None

    def set_volume(self, layer: str, volume: int, position: int | None) -> None:
        return None

    def service(self, position: int, now: float) -> int | None:
        return None

    def close(self) -> None:
        return None
