"""Speaking a phrase into a clip with a speech engine on this machine, offline.

Three engines, each run as a program writing a WAV file: festival with the
CMU SLT HTS voice (the bundled narration), espeak-ng (a fallback that is on
almost every Linux machine), and piper with a model the user supplies.
Running a program rather than a Python binding (pyttsx3) keeps Kindly free
of a native dependency, works without a sound card, and lets the result be
cached as a file. Every clip is then finished the same way: trimmed of
silence, faded at both ends so it never clicks, and matched to the bells'
loudness.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import soundfile

from kindly.audio.loudness import TARGET_LOUDNESS_DB, limit_peaks, match_loudness
from kindly.core.errors import KindlyFailure, KindlyInputError

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
PIPER_LENGTH_SCALE = 1.2
SYNTHESIS_TIMEOUT_S = 120.0
SENTENCE_GAP_S = 0.7
# How a clip is finished after synthesis; part of the manifest's voice, so changing it re-renders.
FINISH = "peaks-limited"
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")

SILENCE_BELOW_PEAK_DB = -40.0
KEEP_BEFORE_S = 0.03
KEEP_AFTER_S = 0.08
FADE_IN_S = 0.005
FADE_OUT_S = 0.03

Which = Callable[[str], "str | None"]


@dataclass(frozen=True)
class SpeechEngine:
    """A speech program and how to call it; `voice` names the sound it makes (kept in manifests)."""

    name: str
    program: str
    voice: str
    model: str | None = None

    def command(self, text_file: Path, wav_file: Path) -> tuple[list[str], bool]:
        """The command line, and whether the text goes in on standard input."""
        if self.name == "festival":
            return (
                [
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
                ],
                False,
            )
        if self.name == "espeak-ng":
            return (
                [
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
                ],
                False,
            )
        assert self.model is not None
        return (
            [
                self.program,
                "--model",
                self.model,
                "--length_scale",
                str(PIPER_LENGTH_SCALE),
                "--output_file",
                str(wav_file),
            ],
            True,
        )

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase spoken, finished (trimmed, faded, loudness-matched), and its sample rate.

        Each sentence is spoken on its own and the sentences are joined with a
        short silence: engines run sentences together faster than a calm
        guide would, and slowing every sound instead makes a voice drag.

        Raises:
            KindlyFailure: the engine failed, naming it and its last complaint.
        """
        pieces: list[np.ndarray] = []
        rate = 0
        for sentence in split_sentences(text):
            samples, rate = self._synthesize(sentence)
            if pieces:
                pieces.append(np.zeros(int(SENTENCE_GAP_S * rate)))
            pieces.append(trim_silence(samples, rate))
        return finish_clip(np.concatenate(pieces), rate), rate

    def _synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """One sentence through the engine, as mono floats and their rate."""
        with tempfile.TemporaryDirectory(prefix="kindly-voice-") as tmp:
            text_file = Path(tmp) / "phrase.txt"
            wav_file = Path(tmp) / "phrase.wav"
            text_file.write_text(text + "\n", encoding="utf-8")
            command, via_stdin = self.command(text_file, wav_file)
            try:
                result = subprocess.run(
                    command,
                    input=(text + "\n").encode("utf-8") if via_stdin else None,
                    stdin=None if via_stdin else subprocess.DEVNULL,
                    capture_output=True,
                    timeout=SYNTHESIS_TIMEOUT_S,
                    check=False,
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


def choose_engine(
    requested: str | None,
    piper_model: str | None = None,
    which: Which = shutil.which,
    festival_voice: Callable[[], bool] = festival_voice_installed,
) -> SpeechEngine:
    """The engine to speak with: the one asked for, else festival, else espeak-ng.

    Raises:
        KindlyInputError: an unknown engine, or piper without a model (or a model with another engine).
        KindlyFailure: the engine asked for (or any engine at all) is not installed.
    """
    if requested is not None and requested not in ENGINES:
        raise KindlyInputError(f"unknown speech engine {requested!r} (one of: {', '.join(ENGINES)})")
    if piper_model and requested != "piper":
        raise KindlyInputError("--piper-model goes with --engine piper")
    if requested == "piper":
        if not piper_model:
            raise KindlyInputError("--engine piper needs --piper-model PATH (a .onnx voice model)")
        if not Path(piper_model).is_file():
            raise KindlyInputError(f"piper model {piper_model} does not exist")
        program = which("piper")
        if program is None:
            raise KindlyFailure("--engine piper: no 'piper' program on the PATH (install piper, or use festival)")
        voice = f"piper {Path(piper_model).name} length {PIPER_LENGTH_SCALE} gap {SENTENCE_GAP_S} {FINISH}"
        return SpeechEngine("piper", program, voice, piper_model)
    if requested in (None, "festival"):
        program = which("text2wave")
        if program is not None and festival_voice():
            voice = f"festival {FESTIVAL_VOICE} speed {FESTIVAL_SPEED} gap {SENTENCE_GAP_S} {FINISH}"
            return SpeechEngine("festival", program, voice)
        if requested == "festival":
            raise KindlyFailure(
                f"--engine festival: needs festival's text2wave and the {FESTIVAL_VOICE} voice "
                "(Debian: festival festvox-us-slt-hts)"
            )
    program = which("espeak-ng")
    if program is not None:
        voice = f"espeak-ng {ESPEAK_VOICE} {ESPEAK_WORDS_PER_MINUTE} wpm gap {SENTENCE_GAP_S} {FINISH}"
        return SpeechEngine("espeak-ng", program, voice)
    if requested == "espeak-ng":
        raise KindlyFailure("--engine espeak-ng: no 'espeak-ng' program on the PATH")
    raise KindlyFailure("no speech engine: install festival and festvox-us-slt-hts, or espeak-ng")
