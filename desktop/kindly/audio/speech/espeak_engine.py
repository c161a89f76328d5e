"""espeak-ng, the engine nearly every machine can have: a clear voice at a slow rate."""

from __future__ import annotations

from pathlib import Path

from kindly.audio.clip_finishing import FINISH
from kindly.audio.speech.program_engine import ProgramEngine
from kindly.audio.speech.speaker import Which
from kindly.core.speech_pacing import CLAUSE_GAP_S, SENTENCE_GAP_S

ESPEAK_PROGRAM = "espeak-ng"
ESPEAK_VOICE = "en-us"
ESPEAK_WORDS_PER_MINUTE = 140
ESPEAK_WORD_GAP = 3  # extra pause between words, in units of 10 ms
ESPEAK_NEEDS = f"no {ESPEAK_PROGRAM!r} program on the PATH"


class EspeakEngine(ProgramEngine):
    """espeak-ng speaking through its program."""

    name = "espeak-ng"
    voice = f"espeak-ng {ESPEAK_VOICE} {ESPEAK_WORDS_PER_MINUTE} wpm comma {CLAUSE_GAP_S} gap {SENTENCE_GAP_S} {FINISH}"

    def command(self, text_file: Path, wav_file: Path) -> list[str]:
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


def find_espeak(which: Which) -> EspeakEngine | None:
    """espeak-ng, when its program is on the PATH."""
    program = which(ESPEAK_PROGRAM)
    return EspeakEngine(program) if program is not None else None
