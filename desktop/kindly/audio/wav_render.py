"""Writes a session to a 16-bit, 44.1 kHz mono WAV file, streaming block by block.

The file appears only when it is complete (kindly.user_files.output_file):
blocks go to a temporary file beside the target, renamed over it at the
end, so a failed or interrupted render never leaves a partial file behind;
standard output and devices are streamed to as they are.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from kindly.audio.session_mixer import SessionMixer
from kindly.audio.sound_bank import SAMPLE_RATE

ProgressCallback = Callable[[float], None]


def pcm16(block: np.ndarray) -> bytes:
    return (block * 32767.0).astype("<i2").tobytes()


def write_wav(mixer: SessionMixer, out: Path, progress: ProgressCallback | None = None) -> None:
    """Mix the whole session into the file `out` names (`-`: standard output), calling `progress(fraction)`.

    A rendered session is an ordinary file the user made, so it gets the
    mode the user's umask gives new files.
    """
    from kindly.user_files import output_file, umask_mode

    with output_file(str(out), umask_mode()) as handle:
        write_wav_to(mixer, handle, progress)


def write_wav_to(mixer: SessionMixer, handle: IO[bytes], progress: ProgressCallback | None = None) -> None:
    """Stream the session as WAV into `handle`, header first with the final length: it never seeks,
    so a pipe, a device or standard output takes it as a file does (and a reader that quits is a
    plain BrokenPipeError, not a failed seek)."""
    handle.write(wav_header(mixer.total_samples))
    for start, block in mixer.blocks():
        handle.write(pcm16(block))
        if progress is not None:
            progress(min(1.0, (start + len(block)) / max(1, mixer.total_samples)))


def wav_header(frames: int) -> bytes:
    """The 44-byte RIFF header of a 16-bit mono PCM WAV at SAMPLE_RATE holding `frames` frames."""
    data = frames * 2
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data)
        + b"WAVE"
        + b"fmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
        + b"data"
        + struct.pack("<I", data)
    )


class ProgressReporter:
    """Reports a long render's progress on standard error, at most once a second,
    and only once it has taken longer than `after_s`."""

    def __init__(self, write: Callable[[str], object], total_s: float, after_s: float = 2.0) -> None:
        self._write = write
        self._total_s = total_s
        self._after_s = after_s
        self._started = time.monotonic()
        self._last = 0.0
        self.reported = False

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self._started < self._after_s or (now - self._last < 1.0 and fraction < 1.0):
            return
        self._last = now
        self.reported = True
        done = fraction * self._total_s
        self._write(f"kindly: rendering {fraction * 100:3.0f}% ({_mmss(done)} of {_mmss(self._total_s)})\n")


def _mmss(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"
