"""Kindly's sounds decoded once into float32 mono at 44.1 kHz, by name or by file.

Bundled bells, cues and beds are decoded with soundfile (WAV, Ogg Vorbis and Opus,
no ffmpeg). A recording of more than one channel (a person's own, of a
phrase) is mixed to mono by pydub; a clip at any other rate (the Kokoro
narration speaks at 24 kHz, Piper and espeak-ng at 22.05 kHz) is converted by
libsoxr (`soxr`), whose band-limited filter keeps speech out of the top octave.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile
import soxr

from kindly import locations
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.sound_catalog import AMBIENT_BEDS

SAMPLE_RATE = 44100


class SoundBank:
    """Decodes each sound the first time it is asked for and keeps it."""

    def __init__(self, audio_dir: Path | None = None) -> None:
        self._dir = audio_dir or locations.audio_dir()
        self._cache: dict[str, np.ndarray] = {}
        self._ambient: tuple[str, np.ndarray] | None = None

    @property
    def audio_dir(self) -> Path:
        return self._dir

    def named(self, name: str) -> np.ndarray:
        """A bundled bell or cue, e.g. `bowl` or `breath-inhale`."""
        return self._load(self._dir / f"{name}.wav", bundled=True)

    def ambient(self, name: str) -> np.ndarray:
        """A bundled ambient bed, made to loop seamlessly."""
        if name not in AMBIENT_BEDS:
            raise KindlyInputError(f"unknown ambient bed {name!r} (one of: {', '.join(AMBIENT_BEDS)})")
        # Only the last bed is kept: the app keeps one bank for all its sessions, and each bed
        # decoded is megabytes; a person who changes beds pays one decode, not the memory of all.
        if self._ambient is None or self._ambient[0] != name:
            self._ambient = (name, decode_file(self._dir / "ambient" / f"{name}.ogg", bundled=True))
        return self._ambient[1]

    def clip(self, path: str | Path) -> np.ndarray:
        """A narration clip: bundled, cached from the system voice, or the user's own recording.

        Decoded afresh each time and not kept: a phrase sounds once, and a
        practice's clips together would be held for the whole session.
        """
        path = Path(path)
        return decode_file(path, bundled=self._dir in path.parents)

    def check_clip(self, path: str | Path) -> None:
        """Fail now, in one line, if a clip is missing or not audio (reads its header only)."""
        path = Path(path)
        bundled = self._dir in path.parents
        error = KindlyFailure if bundled else KindlyInputError
        what = "sound file" if bundled else "recording"
        if not path.is_file():
            raise error(f"missing {what} {path}")
        try:
            soundfile.info(str(path))
        except (soundfile.LibsndfileError, RuntimeError, ValueError) as exc:
            raise error(f"corrupt {what} {path}: {exc}") from None

    def _load(self, path: Path, bundled: bool) -> np.ndarray:
        key = str(path)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        samples = decode_file(path, bundled=bundled)
        self._cache[key] = samples
        return samples


def decode_file(path: Path, bundled: bool = True) -> np.ndarray:
    """Decode any file soundfile reads into float32 mono at 44.1 kHz.

    A missing or corrupt bundled file is the program's failure (exit 1); a
    user's bad recording is their input, named in one line (exit 2).
    """
    error = KindlyFailure if bundled else KindlyInputError
    what = "sound file" if bundled else "recording"
    if not path.is_file():
        raise error(f"missing {what} {path}")
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, ValueError) as exc:
        raise error(f"corrupt {what} {path}: {exc}") from None
    if data.shape[0] == 0:
        raise error(f"empty {what} {path}")
    mono = np.ascontiguousarray(data[:, 0]) if data.shape[1] == 1 else mono_with_pydub(data, rate)
    return mono if rate == SAMPLE_RATE else at_mixer_rate(mono, rate)


def at_mixer_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono `samples` at `rate`, converted to the mixer's 44.1 kHz by libsoxr (its HQ filter).

    Band-limited: pydub's conversion interpolated between samples, and left a 24 kHz voice's
    6 kHz sibilants mirrored at 18 kHz only 20 dB down (10 kHz at 14 kHz, 6 dB down).
    """
    converted = soxr.resample(np.asarray(samples, dtype=np.float32), rate, SAMPLE_RATE, quality="HQ")
    return np.ascontiguousarray(converted, dtype=np.float32)


def mono_with_pydub(data: np.ndarray, rate: int) -> np.ndarray:
    """A recording of several channels mixed to one by pydub, at its own rate (float32 in -1..1)."""
    import warnings

    with warnings.catch_warnings():
        # pydub looks for ffmpeg when imported; Kindly decodes with soundfile and never needs it.
        warnings.filterwarnings("ignore", "Couldn't find ffmpeg or avconv", RuntimeWarning)
        from pydub import AudioSegment

    pcm = (np.clip(data, -1.0, 1.0) * 32767.0).astype("<i2")
    segment = AudioSegment(pcm.tobytes(), frame_rate=rate, sample_width=2, channels=data.shape[1])
    return np.frombuffer(segment.set_channels(1).raw_data, dtype="<i2").astype(np.float32) / 32768.0
