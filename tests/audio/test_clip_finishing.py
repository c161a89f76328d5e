"""Finishing a spoken clip: trimmed, faded, as loud as the bells, its true peak under the ceiling."""

from __future__ import annotations

import numpy as np
import pytest

from kindly.audio.clip_finishing import TRUE_PEAK_CEILING_DB, fade_edges, finish_clip, trim_silence
from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db, true_peak_db

RATE = 22050


def test_trimming_drops_the_silence_around_speech_but_keeps_a_little_room() -> None:
    tone = 0.5 * np.sin(np.arange(RATE) * 2 * np.pi * 220 / RATE)
    samples = np.concatenate([np.zeros(RATE), tone, np.zeros(2 * RATE)])
    trimmed = trim_silence(samples, RATE)
    assert RATE < trimmed.size < RATE + int(0.2 * RATE)


def test_faded_edges_start_and_end_at_silence() -> None:
    faded = fade_edges(np.ones(RATE), RATE)
    assert faded[0] == 0.0 and faded[-1] == 0.0 and faded[RATE // 2] == 1.0


def test_a_finished_clip_keeps_its_true_peak_under_the_ceiling_at_the_bells_loudness() -> None:
    # A quarter-rate tone sampled 45 degrees off its crests: every peak falls between samples.
    n = np.arange(RATE)
    tone = np.sin(np.pi / 2 * n + np.pi / 4) * np.hanning(RATE)
    noise = np.random.default_rng(3).normal(0.0, 0.05, RATE) * np.hanning(RATE)
    finished = finish_clip(tone + noise, RATE)
    assert true_peak_db(finished) <= TRUE_PEAK_CEILING_DB + 0.01
    assert loudness_db(finished, RATE) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.3)
