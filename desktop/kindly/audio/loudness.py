"""How loud a sound is, and how to bring it to Kindly's common loudness.

Every sound Kindly plays (bells, breath cues, ambient beds, narration) is
matched to a target here, so that no layer jumps out at the user and the
volume sliders mean the same thing for every layer.

The measure is the integrated loudness of ITU-R BS.1770-4 (the one behind
EBU R128), in LUFS (dB relative to full scale, K-weighted):

1. K-weighting: a +4 dB high shelf above ~1.7 kHz and a high-pass at ~38 Hz,
   the standard's two biquads re-derived for any sample rate (as libebur128
   does). They are applied in the frequency domain with their exact
   magnitude response: loudness is a power measure, so the filters' phase
   does not matter, and numpy needs no sample-by-sample loop.
2. Mean square power in 400 ms blocks overlapping by 75 %.
3. Gating: blocks below -70 LUFS are dropped, then blocks more than 10 LU
   below the mean of the rest. Silence around a sound does not change its
   loudness, and a bell's faint tail does not drag its loudness down.

A sound shorter than one block is measured as a single block of its own
length. A 997 Hz sine at full scale reads -3.01 LUFS, as the standard says.
"""

from __future__ import annotations

import math

import numpy as np

TARGET_LOUDNESS_DB = -20.0
"""Bells and narration: the loudness every foreground sound is matched to."""

SOFT_CUE_LOUDNESS_DB = TARGET_LOUDNESS_DB - 8.0
"""Breath cues and the counting chime: felt rather than heard, 8 dB under the bells."""

AMBIENT_BED_LOUDNESS_DB = TARGET_LOUDNESS_DB - 10.0
"""Ambient beds: a quiet, even background 10 dB under the bells (before the user's volume)."""

PEAK_CEILING_DB = -1.0
"""No sample of a matched sound goes above this (dBFS), leaving room for inter-sample peaks."""

TRUE_PEAK_OVERSAMPLING = 4
"""BS.1770-4 Annex 2: the true peak is the highest sample of the sound oversampled four times."""

BLOCK_S = 0.4
BLOCK_OVERLAP = 0.75
ABSOLUTE_GATE_DB = -70.0
RELATIVE_GATE_DB = -10.0
_MATCH_ITERATIONS = 20
_LOUDNESS_OFFSET_DB = -0.691  # BS.1770: makes a 1 kHz full-scale sine read -3.01 LUFS.


def _as_float(samples: np.ndarray) -> np.ndarray:
    """Floats in [-1, 1]: integer PCM is scaled by its full scale."""
    array = np.asarray(samples)
    if np.issubdtype(array.dtype, np.integer):
        return array.astype(np.float64) / float(-np.iinfo(array.dtype).min)
    return array.astype(np.float64, copy=False)


def _biquad_response(b: tuple[float, float, float], a: tuple[float, float, float], z1: np.ndarray) -> np.ndarray:
    """|H| of one biquad, given z^-1 = e^-jw at the frequencies wanted."""
    z2 = z1 * z1
    return np.abs((b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2))


def k_weighting_gain(frequencies: np.ndarray, rate: int) -> np.ndarray:
    """The K-weighting magnitude response (linear gain) at `frequencies` Hz for `rate`."""
    w = 2.0 * np.pi * np.asarray(frequencies, dtype=np.float64) / rate
    # Stage 1: the head's acoustic effect, a high shelf.
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh**0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf_b = ((vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0)
    shelf_a = (1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0)
    # Stage 2: the RLB high-pass.
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1.0 + k / q + k * k
    high_pass_b = (1.0, -2.0, 1.0)
    high_pass_a = (1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0)
    z1 = np.exp(-1j * w)
    return _biquad_response(shelf_b, shelf_a, z1) * _biquad_response(high_pass_b, high_pass_a, z1)


def fast_fft_length(minimum: int) -> int:
    """The smallest length >= `minimum` with no prime factor above 5 (fast for the FFT)."""
    best = 1 << max(minimum - 1, 0).bit_length()
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            candidate = power35
            while candidate < minimum:
                candidate *= 2
            best = min(best, candidate)
            power35 *= 3
        power5 *= 5
    return best


def _k_weighted(channels: np.ndarray, rate: int) -> np.ndarray:
    """Each channel (rows) through the K-weighting magnitude response."""
    length = channels.shape[1]
    # Room for the filters' ringing, so it does not wrap round onto the start.
    padded = fast_fft_length(length + int(0.05 * rate))
    spectrum = np.fft.rfft(channels, n=padded, axis=1)
    spectrum *= k_weighting_gain(np.fft.rfftfreq(padded, 1.0 / rate), rate)
    return np.fft.irfft(spectrum, n=padded, axis=1)


def _block_powers(weighted: np.ndarray, rate: int, length: int) -> np.ndarray:
    """Mean square of each gating block, summed over channels."""
    block = int(round(BLOCK_S * rate))
    if length < block:
        return np.array([np.sum(np.mean(weighted[:, :length] ** 2, axis=1))])
    hop = int(round(block * (1.0 - BLOCK_OVERLAP)))
    count = 1 + (length - block) // hop
    cumulative = np.concatenate(
        [np.zeros((weighted.shape[0], 1)), np.cumsum(weighted[:, :length] ** 2, axis=1)], axis=1
    )
    starts = np.arange(count) * hop
    sums = cumulative[:, starts + block] - cumulative[:, starts]
    return np.maximum(np.sum(sums, axis=0) / block, 0.0)


def _power_to_db(power: float) -> float:
    return _LOUDNESS_OFFSET_DB + 10.0 * math.log10(power) if power > 0.0 else -math.inf


def _gating_block_powers(samples: np.ndarray, rate: int) -> np.ndarray:
    """The K-weighted mean square power of every gating block of `samples`."""
    audio = _as_float(samples)
    channels = audio[np.newaxis, :] if audio.ndim == 1 else audio.T
    length = channels.shape[1]
    if length == 0:
        return np.zeros(0)
    return _block_powers(_k_weighted(channels, rate), rate, length)


def _gated_loudness_db(powers: np.ndarray) -> float:
    """Steps 3 and 4 of BS.1770: the two gates, then the mean power in LUFS."""
    absolute_gate = 10.0 ** ((ABSOLUTE_GATE_DB - _LOUDNESS_OFFSET_DB) / 10.0)
    loud_enough = powers[powers > absolute_gate]
    if loud_enough.size == 0:
        return -math.inf
    relative_gate = float(np.mean(loud_enough)) * 10.0 ** (RELATIVE_GATE_DB / 10.0)
    return _power_to_db(float(np.mean(loud_enough[loud_enough > relative_gate])))


def loudness_db(samples: np.ndarray, rate: int) -> float:
    """The gated integrated loudness of `samples` in LUFS; -inf for silence.

    Args:
        samples: mono as a 1-D array, or several channels as (frames, channels);
            floats in [-1, 1] or integer PCM.
        rate: the sample rate in Hz.
    """
    return _gated_loudness_db(_gating_block_powers(samples, rate))


def peak_db(samples: np.ndarray) -> float:
    """The highest absolute sample, in dBFS (-inf for silence)."""
    audio = _as_float(samples)
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    return 20.0 * math.log10(peak) if peak > 0.0 else -math.inf


def true_peak_db(samples: np.ndarray) -> float:
    """The true (inter-sample) peak of mono `samples` in dBTP, from 4x band-limited oversampling.

    A lossy encoder rebuilds the waveform between the samples, where a peak
    can rise above every sample; this is the peak it sees. Oversampling is done
    in the frequency domain (zero-padded spectrum), so it needs no filter design.
    """
    audio = _as_float(samples).ravel()
    if audio.size == 0 or not np.any(audio):
        return -math.inf
    padded = fast_fft_length(audio.size + 64)
    spectrum = np.fft.rfft(audio, n=padded)
    over = np.fft.irfft(spectrum, n=padded * TRUE_PEAK_OVERSAMPLING) * TRUE_PEAK_OVERSAMPLING
    peak = max(float(np.max(np.abs(over))), float(np.max(np.abs(audio))))
    return 20.0 * math.log10(peak)


def match_loudness(
    samples: np.ndarray, rate: int, target_db: float, peak_ceiling_db: float = PEAK_CEILING_DB
) -> np.ndarray:
    """`samples` scaled to `target_db` LUFS, as float64 in [-1, 1].

    Peak protection: the gain is never so high that a sample would pass
    `peak_ceiling_db`; a sound too peaky for the target comes back quieter than
    the target rather than clipped or squashed (check with `loudness_db`).
    Silence comes back unchanged, as no gain can make it loud.
    """
    audio = _as_float(samples)
    powers = _gating_block_powers(audio, rate)
    current = _gated_loudness_db(powers)
    if not math.isfinite(current):
        return audio.astype(np.float64, copy=True)
    # Loudness is not quite linear in gain: raising a sound lifts faint blocks
    # over the absolute gate. Scaling the block powers finds the exact gain
    # without filtering the sound again.
    gain_db = target_db - current
    for _ in range(_MATCH_ITERATIONS):
        error = target_db - _gated_loudness_db(powers * 10.0 ** (gain_db / 10.0))
        if abs(error) < 1e-6:
            break
        gain_db += error
    gain_db = min(gain_db, peak_ceiling_db - peak_db(audio))
    return audio * 10.0 ** (gain_db / 20.0)


def limit_peaks(
    samples: np.ndarray, rate: int, ceiling_db: float = PEAK_CEILING_DB, window_s: float = 0.01
) -> np.ndarray:
    """Tame the few peaks above `ceiling_db` with a smooth, look-ahead gain (a brickwall limiter).

    Speech has rare plosive peaks far above its body; without this,
    `match_loudness`'s peak protection leaves a whole phrase quieter. The gain
    needed at each sample is min-filtered over `window_s` either side and then
    averaged over `window_s`: every averaged gain is at most the gain its own
    sample needs, so no sample passes the ceiling, and the gain moves in
    ~10 ms ramps rather than clicks.
    """
    audio = _as_float(samples)
    ceiling = 10.0 ** (ceiling_db / 20.0)
    need = np.minimum(1.0, ceiling / np.maximum(np.abs(audio), 1e-12))
    if need.min() >= 1.0:
        return audio.astype(np.float64, copy=True)
    half = max(1, int(window_s * rate))
    padded = np.pad(need, half, mode="edge")
    held = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1).min(axis=1)
    kernel = np.ones(half) / half
    smooth = np.convolve(np.pad(held, (half // 2, half - 1 - half // 2), mode="edge"), kernel, mode="valid")
    return audio * np.minimum(smooth, need)
