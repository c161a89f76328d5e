"""Voices through simpleaudio: one `play_buffer` per sound, the sound server mixes them.

Each `play_buffer` opens its own stream on ALSA's default device. Through
PulseAudio or PipeWire (ALSA's `pulse` plugin) those streams mix, so a bell
rings out under a breath cue. Two things keep the timing exact:

* A new stream loses its first few ms of audio, so every buffer starts with
  `PAD_S` of silence and is started that much early (`lead_s`): the silence
  is what gets lost and the attack is heard whole, on time. A buffer started
  late (the thread woke late on a busy machine, or another stream was
  opening) has its lateness taken off the padding, down to `MIN_PAD_S`.
* Converting a long sound to 16-bit PCM takes milliseconds; sounds that
  repeat (bells, breath cues) are converted once, ahead (`prepare`).

This is the fallback for a system where PortAudio cannot be loaded (see
`player_factory`); `device_opens` tells a device from none before a session.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import numpy as np

from kindly.audio.sound_bank import SAMPLE_RATE
from kindly.audio.voice_backend import AudioDeviceError
from kindly.core.clock import Clock, SystemClock

PAD_S = 0.06
MIN_PAD_S = 0.02
_CACHE_SIZE = 32
_CHECK_S = 0.05


def to_pcm16(samples: np.ndarray, gain: float, pad: int = 0) -> bytes:
    """Float samples times `gain` as 16-bit little-endian PCM, after `pad` samples of silence."""
    out = np.zeros(pad + len(samples), dtype="<i2")
    scaled = np.clip(samples * np.float32(gain), -1.0, 1.0)
    out[pad:] = (scaled * 32767.0).astype("<i2")
    return out.tobytes()


class SimpleaudioBackend:
    """A `VoiceBackend` that gives each voice its own padded simpleaudio stream."""

    def __init__(self, module: ModuleType | Any, pad_s: float = PAD_S, clock: Clock | None = None) -> None:
        self._sa = module
        self._pad = int(round(pad_s * SAMPLE_RATE))
        self._min_pad = min(self._pad, int(round(MIN_PAD_S * SAMPLE_RATE)))
        self._clock = clock or SystemClock()
        self._prepared: dict[tuple[int, float], tuple[np.ndarray, bytes]] = {}

    @property
    def lead_s(self) -> float:
        return self._pad / SAMPLE_RATE

    def prepare(self, samples: np.ndarray, gain: float) -> None:
        """Convert a sound that will be played whole at this gain, so `play` is instant."""
        key = (id(samples), gain)
        if key in self._prepared:
            return
        if len(self._prepared) >= _CACHE_SIZE:
            self._prepared.pop(next(iter(self._prepared)))
        self._prepared[key] = (samples, to_pcm16(samples, gain, self._pad))

    def play(self, samples: np.ndarray, gain: float, due_at: float | None = None) -> object:
        cached = self._prepared.get((id(samples), gain))
        # The cache holds the array itself, so an id reused by a new array never matches.
        pcm = cached[1] if cached is not None and cached[0] is samples else to_pcm16(samples, gain, self._pad)
        if due_at is not None:
            late = int(round((self._clock.monotonic() - due_at) * SAMPLE_RATE))
            trim = min(max(0, late), self._pad - self._min_pad)
            if trim:
                pcm = pcm[2 * trim :]
        return self.play_pcm(pcm)

    def play_pcm(self, pcm: bytes) -> object:
        """Start ready-made mono 16-bit PCM (already padded) now."""
        try:
            return self._sa.play_buffer(pcm, 1, 2, SAMPLE_RATE)
        except Exception as exc:  # simpleaudio raises its own SimpleaudioError for every device failure
            raise AudioDeviceError(str(exc)) from None

    def stop(self, handle: object) -> None:
        if handle is not None:
            handle.stop()  # type: ignore[attr-defined]

    @staticmethod
    def is_playing(handle: object) -> bool:
        return handle is not None and bool(handle.is_playing())  # type: ignore[attr-defined]


def load_simpleaudio() -> ModuleType:
    """`import simpleaudio` (the simpleaudio-patched distribution); ImportError when it is missing."""
    import simpleaudio

    return simpleaudio


def device_opens(module: ModuleType | Any) -> str | None:
    """Play a moment of silence on the default device: None if it opened, else why not (one line)."""
    with quiet_native_stderr():
        try:
            module.play_buffer(bytes(2 * int(_CHECK_S * SAMPLE_RATE)), 1, 2, SAMPLE_RATE).stop()
        except Exception as exc:  # simpleaudio raises its own SimpleaudioError for every device failure
            return _first_line(exc)
    return None


def _first_line(exc: BaseException) -> str:
    """simpleaudio's "Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory" as its reason."""
    text = (str(exc).strip() or type(exc).__name__).splitlines()[0]
    return text.rsplit("MSG:", 1)[-1].strip() or text


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hide what ALSA and libpulse print on file descriptor 2 while a device is opened.

    Their lines ("ALSA lib ... cannot find card '0'") mean nothing to a user;
    the check's result says it in one line instead.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
