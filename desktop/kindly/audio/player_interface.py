"""The small interface between a live session player and whoever shows the session.

The Qt shell talks to a `SessionPlayer` only through these names, so the real
simpleaudio player, a silent player (no audio device) and the tests' recording
doubles are interchangeable. Listener calls may come from the player's own
timing thread: a Qt listener must hand them on through queued signals.
"""

from __future__ import annotations

import enum
from typing import Protocol

from kindly.core.session_plan import Cue, SessionPlan


class PlayerState(enum.Enum):
    IDLE = "idle"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class PlayerListener(Protocol):
    """Events a player reports, named for what happened."""

    def cue_reached(self, cue: Cue) -> None:
        """A cue of the plan has just started sounding (or would have, with no device)."""

    def session_finished(self, practised_s: float, completed: bool) -> None:
        """The end bell has rung out (completed) or the user stopped early."""

    def session_suspended(self, asleep_s: float) -> None:
        """The machine slept; the player has paused and the time asleep is not practice."""

    def audio_notice(self, message: str) -> None:
        """Something the user should be told once, in one line (e.g. no audio device)."""


class SessionPlayer(Protocol):
    """Plays one session plan live, on an injectable clock."""

    @property
    def state(self) -> PlayerState: ...

    def play(self, plan: SessionPlan) -> None:
        """Start the plan from its beginning (warm-up included)."""

    def pause(self) -> None:
        """Hold every sound where it is; `resume` continues each from that point."""

    def resume(self) -> None: ...

    def stop(self) -> None:
        """Fade everything out within half a second and report the session finished early."""

    def set_volume(self, layer: str, volume: int) -> None:
        """Change one layer (bells, breath, narration, ambient; 0-100) within a second."""

    def position_s(self) -> float:
        """Seconds into the plan, excluding pauses and sleep."""

    def practised_s(self) -> float:
        """Seconds of practice so far: time after the start bell, capped at the end bell."""
