"""What every speech engine is (`Speaker`), how it speaks a phrase in paced pieces, and how it is missing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from kindly.audio.clip_finishing import finish_clip, trim_silence
from kindly.core.errors import KindlyFailure
from kindly.core.speech_pacing import CLAUSE_GAP_S, SENTENCE_GAP_S, spoken_pieces

Synthesize = Callable[[str], "tuple[np.ndarray, int]"]
Which = Callable[[str], "str | None"]  # where a program is: shutil.which, or a test's stand-in


class Speaker(Protocol):
    """A speech engine: `voice` names the sound it makes (kept in manifests and cache keys)."""

    @property
    def name(self) -> str: ...

    @property
    def voice(self) -> str: ...

    @property
    def slow(self) -> bool:
        """Whether it takes about as long to speak a phrase as the phrase lasts: a person's own script
        is then spoken ahead, while Kindly sits idle (`kindly.ui.app.voices_ahead`), not at Start."""
        ...

    def speak(self, text: str) -> tuple[np.ndarray, int]: ...


class EngineMissing(KindlyFailure):
    """The engine asked for is not on this machine; the message says what it needs.

    A command that asked for it by name adds how to ask for another.
    """

    def __init__(self, engine: str, needs: str) -> None:
        super().__init__(needs)
        self.engine = engine


def speak_paced(
    synthesize: Synthesize, text: str, clause_gap: float | None = CLAUSE_GAP_S, sentence_gap: float = SENTENCE_GAP_S
) -> tuple[np.ndarray, int]:
    """The phrase spoken clause by clause with a calm guide's pauses (`spoken_pieces`), finished, and its rate."""
    clips: list[np.ndarray] = []
    rate = 0
    for piece in spoken_pieces(text, clause_gap, sentence_gap):
        samples, rate = synthesize(piece.text)
        if clips:
            clips.append(np.zeros(int(piece.pause_before_s * rate)))
        clips.append(trim_silence(samples, rate))
    return finish_clip(np.concatenate(clips), rate), rate
