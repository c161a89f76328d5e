"""Test doubles for the live player's outputs: a voice backend and a one-stream device that record.

They keep what they were asked to play, when (on the test's fake clock), and
when it was stopped, so a test can say what a listener would have heard and
when, to the sample, with no sound card and no sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio.event_methods import EventMethods
from kindly.audio.sound_bank import SAMPLE_RATE
from kindly.audio.voice_backend import AudioDeviceError
from kindly.core.clock import Clock


@dataclass
class PlayedVoice:
    """One `play` call: the samples and gain asked for, started at `started_at`."""

    samples: np.ndarray
    gain: float
    started_at: float
    lead_s: float
    due_at: float | None = None
    stopped_at: float | None = None

    @property
    def heard_at(self) -> float:
        return self.started_at + self.lead_s

    @property
    def heard_until(self) -> float:
        end = self.heard_at + len(self.samples) / SAMPLE_RATE
        return end if self.stopped_at is None else min(end, self.stopped_at)


class RecordingBackend:
    """A `VoiceBackend` that plays nothing and remembers everything; may fail on purpose."""

    def __init__(self, clock: Clock, lead_s: float = 0.04, fail_from_call: int | None = None) -> None:
        self._clock = clock
        self.lead_s = lead_s
        self.played: list[PlayedVoice] = []
        self.prepared: list[tuple[np.ndarray, float]] = []
        self._fail_from_call = fail_from_call
        self.calls = 0

    def prepare(self, samples: np.ndarray, gain: float) -> None:
        self.prepared.append((samples, gain))

    def play(self, samples: np.ndarray, gain: float, due_at: float | None = None) -> object:
        self.calls += 1
        if self._fail_from_call is not None and self.calls >= self._fail_from_call:
            raise AudioDeviceError("PCM device unplugged")
        now = self._clock.monotonic()
        self.played.append(PlayedVoice(np.array(samples, copy=True), gain, now, self.lead_s, due_at))
        return len(self.played) - 1

    def stop(self, handle: object) -> None:
        voice = self.played[int(handle)]  # type: ignore[call-overload]
        if voice.stopped_at is None:
            voice.stopped_at = self._clock.monotonic()

    def sounding(self, at: float) -> list[PlayedVoice]:
        """The voices a listener hears at monotonic instant `at`."""
        return [v for v in self.played if v.heard_at <= at < v.heard_until]


class RecordingListener(EventMethods):
    """A `PlayerListener` that writes down each event with the fake clock's time."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.cues: list[tuple[float, object]] = []
        self.finished: list[tuple[float, float, bool]] = []
        self.suspended: list[float] = []
        self.notices: list[str] = []

    def cue_reached(self, cue: object) -> None:
        self.cues.append((self._clock.monotonic(), cue))

    def session_finished(self, practised_s: float, completed: bool) -> None:
        self.finished.append((self._clock.monotonic(), practised_s, completed))

    def session_suspended(self, asleep_s: float) -> None:
        self.suspended.append(asleep_s)

    def audio_notice(self, message: str) -> None:
        self.notices.append(message)


def run_until(player: object, clock: object, until: float) -> int:
    """Drive a player as its thread would, on a fake clock, up to monotonic `until`.

    Each step jumps the clock to the instant the player asked to be woken at
    (never past `until`). Returns how many steps it took.
    """
    steps = 0
    while True:
        wake = player.run_due()  # type: ignore[attr-defined]
        steps += 1
        now = clock.monotonic()  # type: ignore[attr-defined]
        if wake is None or wake == float("inf") or now >= until:
            return steps
        clock.advance(max(min(wake, until) - now, 0.0))  # type: ignore[attr-defined]
        if steps > 1_000_000:
            raise AssertionError("the player never stopped asking to be woken")
