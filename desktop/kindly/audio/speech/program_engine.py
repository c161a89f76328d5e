"""A speech engine that is a program on this machine, run once per clause to write a WAV file.

What festival and espeak-ng share: the program is run headless, with no
console on Windows, under a time limit, and its WAV read back as mono; each
names itself and its last complaint when it fails.
"""

from __future__ import annotations

import subprocess
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

import numpy as np
import soundfile

from kindly.audio.speech.speaker import speak_paced
from kindly.core.errors import KindlyFailure
from kindly.platform.processes import quiet_process_options

SYNTHESIS_TIMEOUT_S = 120.0


class ProgramEngine(ABC):
    """A speech program and how to call it; `voice` names the sound it makes (kept in manifests)."""

    name: ClassVar[str]
    voice: ClassVar[str]
    slow: ClassVar[bool] = False  # a program speaks a phrase in a fraction of its length

    def __init__(self, program: str) -> None:
        self.program = program

    @abstractmethod
    def command(self, text_file: Path, wav_file: Path) -> list[str]:
        """The command line that speaks `text_file` into `wav_file`."""

    def speak(self, text: str) -> tuple[np.ndarray, int]:
        """The phrase spoken and finished (see `speak_paced`), and its sample rate.

        Raises:
            KindlyFailure: the engine failed, naming it and its last complaint.
        """
        return speak_paced(self._synthesize, text)

    def _synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """One clause through the engine, as mono floats and their rate."""
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


def _last_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""
