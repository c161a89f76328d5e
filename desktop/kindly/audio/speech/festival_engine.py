"""Festival's `text2wave` with the CMU SLT HTS voice, slowed to a calm pace."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kindly.audio.clip_finishing import FINISH
from kindly.audio.speech.program_engine import ProgramEngine
from kindly.audio.speech.speaker import Which
from kindly.core.speech_pacing import CLAUSE_GAP_S, SENTENCE_GAP_S

FESTIVAL_PROGRAM = "text2wave"
FESTIVAL_VOICE = "cmu_us_slt_arctic_hts"
FESTIVAL_VOICE_DIRS = (Path("/usr/share/festival/voices/us") / FESTIVAL_VOICE,)
FESTIVAL_RATE = 44100
# HTS speech rate: below 1 is slower. 0.72 stretches each phrase by about 1.4x,
# a calm, unhurried pace (festival's Duration_Stretch does not reach HTS voices).
FESTIVAL_SPEED = 0.72
FESTIVAL_NEEDS = f"needs festival's text2wave and the {FESTIVAL_VOICE} voice (Debian: festival festvox-us-slt-hts)"


class FestivalEngine(ProgramEngine):
    """Festival speaking through its `text2wave` program."""

    name = "festival"
    voice = f"festival {FESTIVAL_VOICE} speed {FESTIVAL_SPEED} comma {CLAUSE_GAP_S} gap {SENTENCE_GAP_S} {FINISH}"

    def command(self, text_file: Path, wav_file: Path) -> list[str]:
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


def festival_voice_installed(dirs: Sequence[Path] = FESTIVAL_VOICE_DIRS) -> bool:
    return any(d.is_dir() for d in dirs)


def find_festival(which: Which, voice_installed: Callable[[], bool]) -> FestivalEngine | None:
    """Festival, when its program and its voice are both on this machine."""
    program = which(FESTIVAL_PROGRAM)
    return FestivalEngine(program) if program is not None and voice_installed() else None
