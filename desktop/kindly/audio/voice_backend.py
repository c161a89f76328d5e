"""What a live player needs from something that makes sound: start a voice, stop it.

A voice is one sound (a bell, a breath cue, a phrase, a chunk of the ambient
bed) played once from its first sample. The backend starts it at once and it
is heard `lead_s` later: a backend that pads each buffer with silence (to
keep its attack whole) says so here, and the player starts every voice that
much before its time. Given the instant a voice was due to start (`due_at`),
a padding backend takes any lateness off its padding, so a voice started a
few milliseconds late (a busy machine) is still heard on time.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class AudioDeviceError(Exception):
    """The audio device could not be opened or stopped playing."""


class VoiceBackend(Protocol):
    """Plays any number of voices at once (the sound server mixes them)."""

    @property
    def lead_s(self) -> float:
        """How long after `play` a voice's first sample is heard."""
        ...

    def play(self, samples: np.ndarray, gain: float, due_at: float | None = None) -> object:
        """Start float32 mono 44.1 kHz `samples` times `gain` now (due at monotonic `due_at`).

        Returns a handle for `stop`.

        Raises:
            AudioDeviceError: the device refused the sound.
        """
        ...

    def stop(self, handle: object) -> None:
        """Silence one voice (a voice that has ended already is left alone)."""
        ...
