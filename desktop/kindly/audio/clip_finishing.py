"""Finishing a spoken clip: its silence trimmed, its edges faded, its loudness the bells'.

Every speech engine's clip is finished the same way, so a user's own script
sounds beside the bells as the bundled narration does: trimmed, faded at both
ends so it never clicks, matched to the bells' loudness, and kept under a
true-peak ceiling (lossy encoding rebuilds the peaks between samples).
"""

from __future__ import annotations

import numpy as np

from kindly.audio.loudness import PEAK_CEILING_DB, TARGET_LOUDNESS_DB, limit_peaks, match_loudness, true_peak_db

# How a clip is finished; part of each engine's voice (kept in manifests), so changing it re-renders.
TRUE_PEAK_CEILING_DB = -1.5
TRUE_PEAK_TRIES = 4
FINISH = f"peaks-limited true-peak {TRUE_PEAK_CEILING_DB:g}"

SILENCE_BELOW_PEAK_DB = -40.0
KEEP_BEFORE_S = 0.03
KEEP_AFTER_S = 0.08
FADE_IN_S = 0.005
FADE_OUT_S = 0.03


def finish_clip(samples: np.ndarray, rate: int) -> np.ndarray:
    """Trim the silence around speech, fade both ends, and match the bells' loudness.

    The phrase is first brought to the target with no peak ceiling, then its
    few plosive peaks are limited, so a peaky phrase is as loud as the rest;
    the limit is lowered until the true peak is under `TRUE_PEAK_CEILING_DB`.
    """
    trimmed = trim_silence(np.asarray(samples, dtype=np.float64), rate)
    faded = fade_edges(trimmed, rate)
    loud = match_loudness(faded, rate, TARGET_LOUDNESS_DB, peak_ceiling_db=24.0)
    ceiling = PEAK_CEILING_DB
    finished = match_loudness(limit_peaks(loud, rate, ceiling), rate, TARGET_LOUDNESS_DB, ceiling)
    # The peaks between samples can rise above every sample: lower the sample ceiling by the overshoot.
    for _attempt in range(TRUE_PEAK_TRIES):
        over = true_peak_db(finished) - TRUE_PEAK_CEILING_DB
        if over <= 0.0:
            break
        ceiling -= over + 0.05
        finished = match_loudness(limit_peaks(loud, rate, ceiling), rate, TARGET_LOUDNESS_DB, ceiling)
    return finished


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing near-silence, keeping a breath of room at each end."""
    magnitude = np.abs(samples)
    peak = float(magnitude.max()) if samples.size else 0.0
    if peak == 0.0:
        return samples[:0]
    loud = np.flatnonzero(magnitude > peak * 10.0 ** (SILENCE_BELOW_PEAK_DB / 20.0))
    first = max(0, int(loud[0]) - int(KEEP_BEFORE_S * rate))
    last = min(samples.size, int(loud[-1]) + 1 + int(KEEP_AFTER_S * rate))
    return samples[first:last]


def fade_edges(samples: np.ndarray, rate: int) -> np.ndarray:
    """A few milliseconds of fade in and out, so the cut edges never click."""
    out = samples.copy()
    fade_in = min(out.size, max(1, int(FADE_IN_S * rate)))
    fade_out = min(out.size, max(1, int(FADE_OUT_S * rate)))
    out[:fade_in] *= np.linspace(0.0, 1.0, fade_in, endpoint=False)
    out[out.size - fade_out :] *= np.linspace(1.0, 0.0, fade_out)
    return out
