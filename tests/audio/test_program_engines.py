"""The speech engines that are programs on this machine (festival, espeak-ng): how they are run and fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db
from kindly.audio.speech.engine_choice import choose_engine
from kindly.audio.speech.espeak_engine import EspeakEngine
from kindly.audio.speech.festival_engine import FestivalEngine
from kindly.core.errors import KindlyFailure
from kindly.core.speech_pacing import SENTENCE_GAP_S


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is in packaging/debian-packages.txt")
def test_espeak_ng_speaks_a_trimmed_clip_at_the_bells_loudness() -> None:
    engine = choose_engine("espeak-ng")
    samples, rate = engine.speak("Breathe in, and breathe out.")
    assert 0.8 < samples.size / rate < 5.0
    assert loudness_db(samples, rate) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.1)
    assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is in packaging/debian-packages.txt")
def test_sentences_are_joined_by_a_calm_silence() -> None:
    samples, rate = choose_engine("espeak-ng").speak("Rest here. Rest here.")
    sounding = np.flatnonzero(np.abs(samples) >= 1e-4)
    longest_quiet = int(np.max(np.diff(sounding)))
    assert longest_quiet >= int(SENTENCE_GAP_S * rate)


def test_a_failing_engine_is_named_in_one_line(tmp_path: Path) -> None:
    engine = EspeakEngine(str(tmp_path / "no-such-program"))
    with pytest.raises(KindlyFailure, match=r"^espeak-ng could not speak 'Hello'"):
        engine.speak("Hello")


def test_festival_speaks_the_text_file_into_the_wav_file_with_its_calm_voice(tmp_path: Path) -> None:
    command = FestivalEngine("/usr/bin/text2wave").command(tmp_path / "phrase.txt", tmp_path / "phrase.wav")
    assert command[0] == "/usr/bin/text2wave" and "(voice_cmu_us_slt_arctic_hts)" in command
    assert command[-3:] == ["-o", str(tmp_path / "phrase.wav"), str(tmp_path / "phrase.txt")]


def test_a_failing_festival_is_named_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(KindlyFailure, match=r"^festival could not speak 'Hello'"):
        FestivalEngine(str(tmp_path / "no-such-program")).speak("Hello")
