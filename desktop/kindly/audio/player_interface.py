"""The small interface between a live session player and whoever shows the session.

The Qt shell talks to a `SessionPlayer` only through these names, so the real
simpleaudio player, a silent player (no audio device) and the tests' recording
doubles are interchangeable. Events are typed values; they may come from the
player's own timing thread, so the shell takes them into the GUI thread
(`kindly.ui.gui_thread.run_on_main`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from kindly.core.session_plan import Cue, SessionPlan


class PlayerState(enum.Enum):
    IDLE = "idle"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class CueReached:
    """A cue of the plan has just started sounding (or would have, with no device)."""

    cue: Cue


@dataclass(frozen=True)
class SessionFinished:
    """The end bell has rung out (completed) or the user stopped early."""

    practised_s: float
    completed: bool


@dataclass(frozen=True)
class SessionSuspended:
    """The machine slept; the player has paused and the time asleep is not practice."""

    asleep_s: float


@dataclass(frozen=True)
class AudioNotice:
    """Something the user should be told once, in one line (e.g. no audio device)."""

    message: str


PlayerEvent = CueReached | SessionFinished | SessionSuspended | AudioNotice


class PlayerListener(Protocol):
    """Whoever follows a player: it hears each event as a typed value, maybe on the player's thread."""

    def player_event(self, event: PlayerEvent) -> None: ...


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
