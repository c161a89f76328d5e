"""Writes a session to a 16-bit, 44.1 kHz mono WAV file, streaming block by block.

The file appears only when it is complete: blocks go to a temporary file
beside the target, which is renamed over it at the end, so a failed or
interrupted render never leaves a partial file behind.
"""

from __future__ import annotations

import os
import tempfile
import time
import wave
from pathlib import Path
from typing import Callable

import numpy as np

from kindly.audio.session_mixer import SessionMixer
from kindly.audio.sound_bank import SAMPLE_RATE

ProgressCallback = Callable[[float], None]


def pcm16(block: np.ndarray) -> bytes:
    return (block * 32767.0).astype("<i2").tobytes()


def write_wav(mixer: SessionMixer, out: Path, progress: ProgressCallback | None = None) -> None:
    """Mix the whole session into `out`, calling `progress(fraction)` after each block."""
    out = Path(out)
    directory = out.parent if str(out.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with wave.open(str(tmp), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            for start, block in mixer.blocks():
                wav.writeframesraw(pcm16(block))
                if progress is not None:
                    progress(min(1.0, (start + len(block)) / max(1, mixer.total_samples)))
        # mkstemp makes the file private (0600); a rendered session is an ordinary
        # file the user made, so it gets the mode the user's umask gives new files.
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class ProgressReporter:
    """Reports a long render's progress on standard error, at most once a second,
    and only once it has taken longer than `after_s`."""

    def __init__(self, write: Callable[[str], None], total_s: float, after_s: float = 2.0) -> None:
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
        self._write(
            f"kindly: rendering {fraction * 100:3.0f}% ({_mmss(done)} of {_mmss(self._total_s)})\n"
        )


def _mmss(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"
