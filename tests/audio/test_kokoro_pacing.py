"""How the Kokoro voice is given a phrase: whole sentences, cut at the commas only when heard briskly.

The model itself is replaced by a tone as long as the words it is given (the
real voice is tested in `tests/tools/test_kokoro_voice.py`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kindly.audio.speech.kokoro_engine import (
    KOKORO_BRISKEST_WPM,
    KOKORO_CLAUSE_GAP_S,
    KOKORO_SENTENCE_GAP_S,
    KokoroEngine,
)
from kindly.core.speech_pacing import has_clauses, heard_faster_than

RATE = 24000
BRISK_LINE = "May I rest, when I am tired."
CALM_LINES = "Let the breath come and go, in its own time. Rest here."


def engine_speaking_at(words_a_minute: float, heard: list[str], tmp_path: Path) -> KokoroEngine:
    """A Kokoro engine whose model is a tone lasting each word 60/`words_a_minute` seconds."""
    engine = KokoroEngine(tmp_path / "voice.bin", cache=tmp_path / "cache")

    def synthesize(text: str) -> tuple[np.ndarray, int]:
        heard.append(text)
        seconds = len(text.split()) * 60.0 / words_a_minute
        t = np.arange(int(seconds * RATE)) / RATE
        return 0.3 * np.sin(2 * np.pi * 220.0 * t), RATE

    engine._synthesize = synthesize  # type: ignore[method-assign]
    return engine


def test_a_calm_phrase_is_given_to_the_voice_a_whole_sentence_at_a_time(tmp_path: Path) -> None:
    heard: list[str] = []
    samples, rate = engine_speaking_at(100.0, heard, tmp_path).speak(CALM_LINES)
    assert heard == ["Let the breath come and go, in its own time.", "Rest here."]
    assert samples.size / rate == pytest.approx(12 * 60.0 / 100.0 + KOKORO_SENTENCE_GAP_S, abs=0.05)


def test_a_line_heard_briskly_is_spoken_again_cut_at_its_commas(tmp_path: Path) -> None:
    heard: list[str] = []
    samples, rate = engine_speaking_at(180.0, heard, tmp_path).speak(BRISK_LINE)
    assert heard == [BRISK_LINE, "May I rest,", "when I am tired."]
    assert samples.size / rate == pytest.approx(7 * 60.0 / 180.0 + KOKORO_CLAUSE_GAP_S, abs=0.05)


def test_a_brisk_line_with_no_comma_to_pause_at_is_kept_as_it_was_spoken(tmp_path: Path) -> None:
    heard: list[str] = []
    engine_speaking_at(180.0, heard, tmp_path).speak("Let the body grow heavier with each breath out.")
    assert heard == ["Let the body grow heavier with each breath out."]


def test_a_phrase_too_short_to_have_a_pace_is_never_heard_briskly() -> None:
    assert not heard_faster_than("Thinking.", 0.2, KOKORO_BRISKEST_WPM)
    assert not heard_faster_than("Rest, now.", 0.5, KOKORO_BRISKEST_WPM)


def test_the_briskest_calm_pace_is_the_line_between_whole_and_cut() -> None:
    seconds = 7 * 60.0 / KOKORO_BRISKEST_WPM
    assert not heard_faster_than(BRISK_LINE, seconds, KOKORO_BRISKEST_WPM)
    assert heard_faster_than(BRISK_LINE, seconds - 0.1, KOKORO_BRISKEST_WPM)


def test_a_comma_before_a_clause_of_three_words_or_more_is_one_to_cut_at() -> None:
    assert has_clauses(BRISK_LINE)
    assert not has_clauses("Soften, soothe, allow.")
    assert not has_clauses("Rest here. Breathe.")
