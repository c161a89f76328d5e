"""The session as one PortAudio stream: Kindly's own mix, fed ahead into a ring the callback reads.

One callback stream (sounddevice) stays open for the whole session. The
player's thread (its `service` calls) mixes the session from `SessionMixer`
(volumes and ducking included) about `AHEAD_S` ahead into a preallocated
ring addressed by timeline sample; PortAudio's callback only copies from the
ring into its buffer. The callback allocates no arrays, takes no lock, logs
nothing and never waits: what it shares with the feeder is one tuple
(`_state`, replaced whole, so it always reads a consistent snapshot) and the
ring. Where nothing was mixed (the feeder was starved) it plays zeros.

How a callback block finds its place on the timeline: `begin` anchors the
timeline to PortAudio's stream clock (position P is heard `lead_s` after
the stream time read then). The callback keeps a read pointer that advances
by the block size, so consecutive blocks join sample-exactly, and checks it
against the block's DAC time (`outputBufferDacTime`) mapped through the
anchor. When they disagree by more than `JUMP_S` (the callback was not
called for a while, the device stalled or was slow to start, a clock
jumped), the pointer jumps to where the DAC time says the listener is; a
smaller steady difference (the device's clock running apart from the
system's) is averaged over blocks and corrected once it reaches `RESYNC_S`.
The pointer alone would drift from the clock and, after a stall, play the
missed stretch late; the DAC time alone jitters by milliseconds from block
to block, and PulseAudio's plugin shifts it by a few ms at times while the
sound does not move: following it closely would move cues, and click. A cue whose time has passed is
therefore never played late: the ring still holds the cue, but the pointer
has moved past it.

`lead_s` is the stream's own output latency plus `LEAD_MARGIN_S`: nothing
is padded, every cue is in the mix at its sample.

A device that goes away (the callback stops being called, or the stream
stops) is noticed by `service` within `STALL_S`; PortAudio is then
reinitialised (its device list is read once, at start-up) and the stream
reopened on the current default device, from the timeline position the
session has reached. If no device opens, `AudioDeviceError` tells the player,
which goes on silently and says so once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import numpy as np

from kindly.audio.live_output import DUE_SLACK_SAMPLES
from kindly.audio.session_mixer import SessionMixer
from kindly.audio.simpleaudio_backend import quiet_native_stderr
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.audio.voice_backend import AudioDeviceError
from kindly.core.clock import Clock, SystemClock
from kindly.core.session_plan import Cue, SessionPlan
from kindly.platform.alsa_device_list import leave_out_add_on_devices
from kindly.platform.audio_host import WASAPI, preferred_host_api

log = logging.getLogger(__name__)

# 4096 frames at 44.1 kHz: a callback every 93 ms, a quarter of the wake-ups of 1024 (less of a
# core while a session plays: make bench's session-cpu measures it), and still an output latency
# far inside what a bell needs: the player schedules ahead of it.
BLOCK_FRAMES = 4096
RING_SAMPLES = 1 << 17  # 2.97 s: holds AHEAD_S plus the device's latency with room to spare
AHEAD_S = 1.0
# The feeder tops the ring up once it has less than this left ahead of the listener: with the
# window hidden, the player thread wakes twice a second. A pause, a stop or a new volume still
# takes effect at once, because what is queued is faded or mixed again in the ring.
REFILL_S = 0.5
LEAD_MARGIN_S = 0.01
# PulseAudio's plugin shifts its reported delay by a few ms now and then while the sound
# itself does not move: only a steady difference beyond that is a clock running apart.
RESYNC_S = 0.015
JUMP_S = 0.04
# How much each block's difference counts in the running average (about 20 blocks, half a second).
DRIFT_WEIGHT = 0.05
# No callback for this long while playing: the device has gone. A stream just
# opened is given longer: on PulseAudio it fills its buffer, then can wait almost
# STALL_S before its first regular callback.
STALL_S = 0.5
START_GRACE_S = 1.5
STARTED_CALLS = 8
PICKUP_RAMP_S = 0.005
CROSSFADE_S = 0.01

_RESYNC = int(RESYNC_S * SAMPLE_RATE)
_JUMP = int(JUMP_S * SAMPLE_RATE)


def load_sounddevice() -> ModuleType:
    """`import sounddevice`; OSError when the PortAudio library cannot be loaded, ImportError when missing.

    Importing it starts PortAudio, which reads the device list: ALSA's add-on devices leave it first
    (quietly: on a machine with no sound card, ALSA prints its lookups' failures on stderr).
    """
    with quiet_native_stderr():
        leave_out_add_on_devices()
    import sounddevice

    return sounddevice


class PortAudioOutput:
    """A `LiveOutput` playing the session's own mix through one PortAudio stream."""

    def __init__(
        self, sd: ModuleType | Any, bank: SoundBank, clock: Clock | None = None, host_api: str | None = None
    ) -> None:
        self._sd = sd
        self._bank = bank
        self._clock = clock or SystemClock()
        self._host_api = host_api if host_api is not None else preferred_host_api()
        self._mixer: SessionMixer | None = None
        self._ring = np.zeros(RING_SAMPLES, dtype=np.float32)
        # (generation, stream time P is heard at, P, mixed from, mixed to) or None: play zeros.
        self._state: tuple[int, float, int, int, int] | None = None
        self._generation = 0
        # The callback's own: the generation it follows and its read pointer.
        self._read_generation = -1
        self._next = 0
        self._drift = 0.0  # running average of (where the DAC time says - the pointer), in samples
        self._calls = 0
        self._playing = False
        self._watch = (0, 0.0)  # (callbacks counted, monotonic time) at the last health check
        self._opened_at_call = 0  # the callback count when the stream was opened
        self._latency = 0.0
        self.device_name = ""
        self._stream: Any = None
        self._open()

    # --- LiveOutput ------------------------------------------------------------------
    @property
    def lead_s(self) -> float:
        return self._latency + LEAD_MARGIN_S

    def load(self, plan: SessionPlan, volumes: Mapping[str, int]) -> None:
        self._mixer = SessionMixer(plan, self._bank)
        for layer, volume in volumes.items():
            self._mixer.set_volume(layer, volume)

    def begin(self, position: int) -> None:
        if self._stream is None or not self._stream.active:
            self._reopen()
        self._anchor(position, self.lead_s)
        self._playing = True

    def cue(self, cue: Cue, skip: int, due_at: float) -> None:
        """Every cue is already in the mix."""

    def hold(self, position: int, fade_s: float) -> None:
        self._playing = False
        state = self._state
        if state is None or self._mixer is None:
            return
        generation, at, anchor, lo, hi = state
        start = max(position, self._next if self._read_generation == generation else position, lo)
        fade = int(round(fade_s * SAMPLE_RATE))
        if fade > 0 and start < hi:
            tail = self._mixer.block(start, fade)
            tail *= np.linspace(1.0, 0.0, len(tail), dtype=np.float32)
            self._write(start, tail)
            self._state = (generation, at, anchor, lo, start + len(tail))
        else:
            self._state = (generation, at, anchor, lo, min(hi, start))

    def set_volume(self, layer: str, volume: int, position: int | None) -> None:
        if self._mixer is None:
            return
        self._mixer.set_volume(layer, volume)
        state = self._state
        if position is None or state is None or not self._playing:
            return
        generation, _, _, lo, hi = state
        start = max(position, lo, self._next if self._read_generation == generation else lo)
        if start < hi:
            # The mix already queued is mixed again, crossfaded in so the step is never a click.
            old = self._read(start, min(hi - start, int(CROSSFADE_S * SAMPLE_RATE)))
            block = self._mixer.block(start, hi - start)
            ramp = np.linspace(0.0, 1.0, len(old), dtype=np.float32)
            block[: len(old)] = old * (1.0 - ramp) + block[: len(old)] * ramp
            self._write(start, block)

    def service(self, position: int, now: float) -> int | None:
        if not self._playing or self._mixer is None:
            return None
        self._check_device(position, now)
        state = self._state
        if state is None:
            return None
        generation, at, anchor, lo, hi = state
        total = self._mixer.total_samples
        if hi < position:
            # Starved: what was not mixed in time is not played late; mixing goes on from here.
            lo = hi = position
        end = min(total, position + int(AHEAD_S * SAMPLE_RATE))
        if end - hi >= int((AHEAD_S - REFILL_S) * SAMPLE_RATE) - DUE_SLACK_SAMPLES or (end == total and hi < total):
            self._write(hi, self._mixer.block(hi, end - hi))
            lo = max(lo, end - RING_SAMPLES + 1)
            self._state = (generation, at, anchor, lo, end)
            hi = end
        if hi >= total:
            return None
        return hi - int(REFILL_S * SAMPLE_RATE)

    def close(self) -> None:
        """The stream plays what is mixed (the end bell's ring-out, a stop's fade), then closes."""
        self._playing = False
        stream, self._stream = self._stream, None
        if stream is None:
            return
        state = self._state
        left = 0.0
        if state is not None and self._read_generation == state[0]:
            left = max(0, state[4] - self._next) / SAMPLE_RATE
        _close_later(stream, left + self._latency + 0.1)

    # --- the callback (PortAudio's thread) ----------------------------------------------
    def _callback(self, outdata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        self._calls += 1
        out = outdata[:, 0]
        state = self._state
        if state is None:
            out.fill(0.0)
            return
        generation, at, anchor, lo, hi = state
        dac = time.outputBufferDacTime or (time.currentTime + self._latency)
        heard = anchor + int(round((dac - at) * SAMPLE_RATE))
        start = self._next
        if self._read_generation != generation or abs(heard - start) > _JUMP:
            self._read_generation = generation
            self._drift = 0.0
            start = heard
        else:
            self._drift += DRIFT_WEIGHT * ((heard - start) - self._drift)
            if abs(self._drift) > _RESYNC:
                start += int(round(self._drift))
                self._drift = 0.0
        stop = start + frames
        self._next = stop
        a = max(start, lo)
        b = min(stop, hi)
        if a >= b:
            out.fill(0.0)
            return
        if a > start:
            out[: a - start].fill(0.0)
        if b < stop:
            out[b - start :].fill(0.0)
        i = a % RING_SAMPLES
        first = min(b - a, RING_SAMPLES - i)
        np.copyto(out[a - start : a - start + first], self._ring[i : i + first])
        if first < b - a:
            np.copyto(out[a - start + first : b - start], self._ring[: b - a - first])

    # --- internals ----------------------------------------------------------------------
    def _open(self) -> None:
        """Open and start the stream on the default output device (of the preferred host API)."""
        sd = self._sd
        try:
            with quiet_native_stderr():
                device, extra = self._device()
                stream = sd.OutputStream(
                    samplerate=SAMPLE_RATE,
                    channels=1,
                    dtype="float32",
                    blocksize=BLOCK_FRAMES,
                    device=device,
                    extra_settings=extra,
                    callback=self._callback,
                )
                stream.start()
        except Exception as exc:  # sounddevice.PortAudioError, or ValueError for no device at all
            raise AudioDeviceError(_first_line(exc)) from None
        self._stream = stream
        self._latency = float(stream.latency)
        self._watch = (self._calls, self._clock.monotonic())
        self._opened_at_call = self._calls
        try:
            device = sd.query_devices(stream.device)
            self.device_name = f"{device['name']!r} ({sd.query_hostapis(device['hostapi'])['name']})"
        except Exception:  # the name is for diagnostics only
            self.device_name = "the default output"

    def _device(self) -> tuple[int | None, Any]:
        """The preferred host API's default output (with its settings), or PortAudio's default."""
        sd = self._sd
        if self._host_api is None:
            return None, None
        for api in sd.query_hostapis():
            if api["name"] == self._host_api and api["default_output_device"] >= 0:
                extra = sd.WasapiSettings(auto_convert=True) if api["name"] == WASAPI else None
                return int(api["default_output_device"]), extra
        return None, None

    def _reopen(self) -> None:
        """Close the stream and open one on the current default device (PortAudio re-reads its list)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort(ignore_errors=True)
                stream.close(ignore_errors=True)
            except Exception as exc:  # a stream on a vanished device may refuse even this
                log.info("closing the old audio stream failed: %s", exc)
        try:
            self._sd._terminate()
            with quiet_native_stderr():
                leave_out_add_on_devices()
            self._sd._initialize()
        except Exception as exc:
            raise AudioDeviceError(_first_line(exc)) from None
        self._open()
        log.info("audio stream reopened on %s", self.device_name)

    def _check_device(self, position: int, now: float) -> None:
        """Reopen the stream if its callback stopped (the device went away); keeps the timeline."""
        calls, since = self._watch
        stream = self._stream
        healthy = stream is not None and stream.active
        if healthy and self._calls != calls:
            self._watch = (self._calls, now)
            return
        started = self._calls - self._opened_at_call >= STARTED_CALLS
        if healthy and now - since < (STALL_S if started else START_GRACE_S):
            return
        log.warning("the audio device stopped; reopening the stream on the default device")
        lead_s = self.lead_s  # `position` is heard this long from now, whatever the new stream's latency
        self._reopen()
        self._anchor(position, lead_s)

    def _anchor(self, position: int, lead_s: float) -> None:
        """Position `position` is heard `lead_s` from now; the ring is filled from it."""
        assert self._stream is not None
        self._generation += 1
        at = float(self._stream.time) + lead_s
        self._state = (self._generation, at, position, position, position)
        if self._mixer is None:
            return
        end = min(self._mixer.total_samples, position + int(AHEAD_S * SAMPLE_RATE))
        block = self._mixer.block(position, end - position)
        if position > 0:
            ramp = min(len(block), int(PICKUP_RAMP_S * SAMPLE_RATE))
            block[:ramp] *= np.linspace(0.0, 1.0, ramp, dtype=np.float32)
        self._write(position, block)
        self._state = (self._generation, at, position, position, position + len(block))

    def _write(self, start: int, samples: np.ndarray) -> None:
        i = start % RING_SAMPLES
        first = min(len(samples), RING_SAMPLES - i)
        self._ring[i : i + first] = samples[:first]
        self._ring[: len(samples) - first] = samples[first:]

    def _read(self, start: int, count: int) -> np.ndarray:
        index = (np.arange(start, start + count) % RING_SAMPLES).astype(np.intp)
        return self._ring[index].copy()


def _close_later(stream: Any, delay_s: float) -> None:
    """Close `stream` once what it holds has played, off the player's thread."""

    def close() -> None:
        try:
            stream.close(ignore_errors=True)
        except Exception as exc:
            log.info("closing the audio stream failed: %s", exc)

    timer = threading.Timer(delay_s, close)
    timer.daemon = True
    timer.start()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
