"""Kindly's sounds decoded once into float32 mono at 44.1 kHz, by name or by file.

Bundled bells, cues and beds are decoded with soundfile (WAV, Ogg Vorbis and Opus,
no ffmpeg). A mono clip at 22.05 kHz (the narration and the system voice
speak so) is doubled with a half-band filter; any other rate or channel
count (a user's own recording of a phrase) is converted with pydub, which
does that job well.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

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
    if data.shape[1] == 1 and rate == SAMPLE_RATE:
        return np.ascontiguousarray(data[:, 0])
    if data.shape[1] == 1 and 2 * rate == SAMPLE_RATE:
        return upsample_twice(data[:, 0])
    return _convert_with_pydub(data, rate)


HALF_BAND_HALF = 16  # taps each side of the centre: image rejection well past 60 dB for speech


def _half_band_odd_taps() -> np.ndarray:
    """The odd taps of a Kaiser-windowed half-band low-pass (its even taps are 0, its centre 1)."""
    n = np.arange(-(2 * HALF_BAND_HALF - 1), 2 * HALF_BAND_HALF, 2)
    window = np.kaiser(4 * HALF_BAND_HALF + 1, 8.0)[2 * HALF_BAND_HALF + n]
    return (np.sinc(n / 2.0) * window).astype(np.float32)


_HALF_BAND_ODD = _half_band_odd_taps()


def upsample_twice(samples: np.ndarray) -> np.ndarray:
    """`samples` at twice their rate, band-limited by a half-band filter (polyphase: the even samples
    are the input itself, the odd ones one 32-tap convolution), in float32 with no large temporaries.

    The voices speak at 22.05 kHz; their clips are kept so (a third smaller) and doubled here as
    they load: pydub's conversion, and an FFT, each cost tens of MB more at a session's start.
    """
    x = np.asarray(samples, dtype=np.float32)
    out = np.empty(2 * x.size, dtype=np.float32)
    out[0::2] = x
    out[1::2] = np.convolve(x, _HALF_BAND_ODD, mode="full")[HALF_BAND_HALF : HALF_BAND_HALF + x.size]
    return out


def _convert_with_pydub(data: np.ndarray, rate: int) -> np.ndarray:
    import warnings

    with warnings.catch_warnings():
        # pydub looks for ffmpeg when imported; Kindly decodes with soundfile and never needs it.
        warnings.filterwarnings("ignore", "Couldn't find ffmpeg or avconv", RuntimeWarning)
        from pydub import AudioSegment

    pcm = (np.clip(data, -1.0, 1.0) * 32767.0).astype("<i2")
    segment = AudioSegment(pcm.tobytes(), frame_rate=rate, sample_width=2, channels=data.shape[1])
    segment = segment.set_channels(1).set_frame_rate(SAMPLE_RATE)
    samples = np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    return samples
