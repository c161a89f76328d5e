"""Kindly mixing a session itself, for an audio device that plays one stream at a time.

On bare ALSA hardware with no mixer (no sound server, no dmix) a second
simpleaudio stream cannot open while one plays, so a bell could not ring
under a breath cue. Instead of failing, the session is mixed here by
`SessionMixer` (the same mix `render` writes) and streamed in segments of
10-20 s, one stream at a time.

A device that cannot overlap two streams cannot hand one over to the next
without a gap either: a few tens of milliseconds are lost while it closes and
reopens. So each segment ends where no cue starts just before or after (a
cue's attack and first second are never split by the gap), each edge fades over `EDGE_FADE_S` (no click), and each
segment starts at the timeline position it will be heard at, so the gap
costs a moment of sound, never timing. Pause, stop and a new volume stop the
stream and restart it from where the timeline has reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np

from kindly.audio.live_output import DUE_SLACK_SAMPLES
from kindly.audio.session_mixer import SessionMixer, to_sample
from kindly.audio.simpleaudio_backend import to_pcm16
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.clock import Clock, SystemClock
from kindly.core.session_plan import Cue, SessionPlan

SEGMENT_S = 15.0
SEGMENT_MIN_S = 10.0
SEGMENT_MAX_S = 20.0
# A handover never falls in a cue's first second (its attack and body stay in
# one stream) nor where a cue starts in the half second after (the gap).
HANDOVER_CLEAR_BEFORE_S = 1.0
HANDOVER_CLEAR_AFTER_S = 0.5
EDGE_FADE_S = 0.01
BUSY_POLL_S = 0.005
# How long pause or stop waits for the device to let go before playing its fade.
RELEASE_WAIT_S = 0.3


class StreamDevice(Protocol):
    """One stream at a time: the simpleaudio backend, or a test's double."""

    @property
    def lead_s(self) -> float: ...

    def play_pcm(self, pcm: bytes) -> object: ...

    def stop(self, handle: object) -> None: ...

    def is_playing(self, handle: object) -> bool: ...


class SelfMixingOutput:
    """A `LiveOutput` that streams the session's own mix, segment by segment."""

    def __init__(self, device: StreamDevice, bank: SoundBank, clock: Clock | None = None) -> None:
        self._device = device
        self._bank = bank
        self._clock = clock or SystemClock()
        self._mixer: SessionMixer | None = None
        self._plan: SessionPlan | None = None
        self._handles: list[object] = []
        self._segment_end: int | None = None

    @property
    def lead_s(self) -> float:
        return self._device.lead_s

    def load(self, plan: SessionPlan, volumes: Mapping[str, int]) -> None:
        self._plan = plan
        self._mixer = SessionMixer(plan, self._bank)
        for layer, volume in volumes.items():
            self._mixer.set_volume(layer, volume)

    def begin(self, position: int) -> None:
        # The next service call (at once) streams from here.
        self._segment_end = position

    def cue(self, cue: Cue, skip: int, due_at: float) -> None:
        """Every cue is already in the mix."""

    def hold(self, position: int, fade_s: float) -> None:
        self._stop_all()
        self._segment_end = None
        if fade_s <= 0.0 or self._mixer is None:
            return
        waited = self._wait_for_device()
        start = position + to_sample(waited)
        tail = self._mixer.block(start, int(fade_s * SAMPLE_RATE))
        tail *= np.linspace(1.0, 0.0, len(tail), dtype=np.float32)
        if len(tail):
            self._handles.append(self._device.play_pcm(to_pcm16(tail, 1.0, self._pad())))

    def set_volume(self, layer: str, volume: int, position: int | None) -> None:
        if self._mixer is None:
            return
        self._mixer.set_volume(layer, volume)
        if position is not None:
            # Restart the stream from here at the new volume (service does it, at once).
            self._stop_all()
            self._segment_end = position

    def service(self, position: int, now: float) -> int | None:
        if self._mixer is None or self._segment_end is None:
            return None
        if position + DUE_SLACK_SAMPLES < self._segment_end:
            return self._segment_end
        position = max(position, self._segment_end)
        if position >= self._mixer.total_samples:
            return None
        if self._busy():
            return position + to_sample(BUSY_POLL_S)
        end = self._handover_after(position)
        block = self._mixer.block(position, end - position)
        edge = min(len(block) // 2, int(EDGE_FADE_S * SAMPLE_RATE))
        if edge:
            block[:edge] *= np.linspace(0.0, 1.0, edge, dtype=np.float32)
            block[-edge:] *= np.linspace(1.0, 0.0, edge, dtype=np.float32)
        self._handles = [self._device.play_pcm(to_pcm16(block, 1.0, self._pad()))]
        self._segment_end = end
        return end

    def close(self) -> None:
        self._segment_end = None

    # --- internals ---------------------------------------------------------------
    def _pad(self) -> int:
        return int(round(self._device.lead_s * SAMPLE_RATE))

    def _handover_after(self, position: int) -> int:
        """Where a segment starting at `position` ends: 10-20 s on, clear of any cue's start."""
        assert self._plan is not None and self._mixer is not None
        total = self._mixer.total_samples
        start_s = position / SAMPLE_RATE
        steps = np.arange(SEGMENT_S, SEGMENT_MIN_S - 1e-9, -0.5).tolist()
        steps += np.arange(SEGMENT_S + 0.5, SEGMENT_MAX_S + 1e-9, 0.5).tolist()
        for length in steps:
            end_s = start_s + length
            if to_sample(end_s) >= total:
                return total
            if not self._plan.cues_between(end_s - HANDOVER_CLEAR_BEFORE_S, end_s + HANDOVER_CLEAR_AFTER_S):
                return to_sample(end_s)
        return min(total, to_sample(start_s + SEGMENT_S))

    def _busy(self) -> bool:
        self._handles = [h for h in self._handles if self._device.is_playing(h)]
        return bool(self._handles)

    def _stop_all(self) -> None:
        for handle in self._handles:
            self._device.stop(handle)

    def _wait_for_device(self) -> float:
        """Wait (at most `RELEASE_WAIT_S`) for a stopped stream to let go; the seconds waited."""
        waited = 0.0
        while self._busy() and waited < RELEASE_WAIT_S:
            self._clock.sleep(BUSY_POLL_S)
            waited += BUSY_POLL_S
        return waited
