"""The loudness measure every Kindly sound is matched with (BS.1770 integrated loudness)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kindly.audio.loudness import (
    PEAK_CEILING_DB,
    TARGET_LOUDNESS_DB,
    k_weighting_gain,
    loudness_db,
    match_loudness,
    peak_db,
)

RATE = 44100


def sine(frequency: float, amplitude: float, seconds: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2.0 * np.pi * frequency * t)


@pytest.mark.parametrize("rate", [44100, 48000])
def test_a_full_scale_997_hz_sine_reads_minus_3_01_lufs_as_the_standard_says(rate: int) -> None:
    assert loudness_db(sine(997.0, 1.0, 3.0, rate), rate) == pytest.approx(-3.01, abs=0.02)


def test_k_weighting_matches_the_standard_48_khz_filters() -> None:
    # The two biquads printed in ITU-R BS.1770-4, evaluated directly.
    shelf_b, shelf_a = (
        (1.53512485958697, -2.69169618940638, 1.19839281085285),
        (1.0, -1.69065929318241, 0.73248077421585),
    )
    high_pass_b, high_pass_a = (1.0, -2.0, 1.0), (1.0, -1.99004745483398, 0.99007225036621)
    frequencies = np.array([20.0, 38.0, 100.0, 1000.0, 4000.0, 16000.0])
    z1 = np.exp(-2j * np.pi * frequencies / 48000)

    def response(b: tuple[float, ...], a: tuple[float, ...]) -> np.ndarray:
        return np.abs((b[0] + b[1] * z1 + b[2] * z1**2) / (a[0] + a[1] * z1 + a[2] * z1**2))

    expected = response(shelf_b, shelf_a) * response(high_pass_b, high_pass_a)
    np.testing.assert_allclose(k_weighting_gain(frequencies, 48000), expected, rtol=1e-6)


def test_low_rumble_counts_for_less_than_the_same_power_at_1_khz() -> None:
    assert loudness_db(sine(30.0, 0.1, 2.0), RATE) < loudness_db(sine(1000.0, 0.1, 2.0), RATE) - 3.0


def test_silence_around_a_sound_does_not_change_its_loudness() -> None:
    tone = sine(440.0, 0.2, 8.0)
    padded = np.concatenate([np.zeros(3 * RATE), tone, np.zeros(5 * RATE)])
    assert loudness_db(padded, RATE) == pytest.approx(loudness_db(tone, RATE), abs=0.3)


def test_a_faint_tail_more_than_10_lu_down_is_gated_out() -> None:
    tone = sine(440.0, 0.2, 8.0)
    with_tail = np.concatenate([tone, sine(440.0, 0.2 * 10 ** (-20 / 20), 6.0)])
    assert loudness_db(with_tail, RATE) == pytest.approx(loudness_db(tone, RATE), abs=0.3)


def test_silence_has_no_loudness() -> None:
    assert loudness_db(np.zeros(RATE), RATE) == -math.inf


def test_a_sound_shorter_than_one_block_is_still_measured() -> None:
    assert loudness_db(sine(997.0, 0.1, 0.1), RATE) == pytest.approx(-23.01, abs=0.1)


def test_integer_pcm_reads_the_same_as_its_float_form() -> None:
    tone = sine(440.0, 0.25, 1.0)
    pcm = np.round(tone * 32767).astype(np.int16)
    assert loudness_db(pcm, RATE) == pytest.approx(loudness_db(tone, RATE), abs=0.01)


def test_two_identical_channels_read_3_db_louder_than_one() -> None:
    tone = sine(997.0, 0.1, 2.0)
    assert loudness_db(np.stack([tone, tone], axis=1), RATE) == pytest.approx(loudness_db(tone, RATE) + 3.01, abs=0.02)


def test_matching_brings_a_sound_to_the_target() -> None:
    noise = np.random.default_rng(7).standard_normal(2 * RATE) * 0.01
    assert loudness_db(match_loudness(noise, RATE, TARGET_LOUDNESS_DB), RATE) == pytest.approx(
        TARGET_LOUDNESS_DB, abs=0.01
    )


def test_matching_is_exact_even_when_raising_a_faint_tail_lifts_it_over_the_absolute_gate() -> None:
    t = np.arange(10 * RATE) / RATE
    faint_bell = 0.003 * np.exp(-t / 1.5) * np.sin(2.0 * np.pi * 440.0 * t)
    assert loudness_db(match_loudness(faint_bell, RATE, TARGET_LOUDNESS_DB), RATE) == pytest.approx(
        TARGET_LOUDNESS_DB, abs=0.01
    )


def test_matching_never_lifts_a_peak_above_the_ceiling() -> None:
    click_train = np.zeros(2 * RATE)
    click_train[:: RATE // 4] = 0.5
    matched = match_loudness(click_train, RATE, TARGET_LOUDNESS_DB)
    assert peak_db(matched) == pytest.approx(PEAK_CEILING_DB, abs=1e-9)
    assert loudness_db(matched, RATE) < TARGET_LOUDNESS_DB


def test_matching_silence_leaves_it_silent() -> None:
    assert not np.any(match_loudness(np.zeros(RATE), RATE, TARGET_LOUDNESS_DB))


def test_limit_peaks_holds_every_sample_under_the_ceiling_and_leaves_the_rest_alone() -> None:
    from kindly.audio.loudness import limit_peaks, peak_db

    rate = 44100
    body = 0.3 * np.sin(2 * np.pi * 220 * np.arange(rate) / rate)
    spiky = body.copy()
    spiky[20000:20040] = 1.6
    limited = limit_peaks(spiky, rate, ceiling_db=-1.0)
    assert peak_db(limited) <= -1.0 + 1e-9
    assert np.array_equal(limited[:19000], spiky[:19000])
    assert np.array_equal(limited[21500:], spiky[21500:])


def test_limit_peaks_changes_nothing_already_under_the_ceiling() -> None:
    from kindly.audio.loudness import limit_peaks

    quiet = 0.5 * np.sin(np.arange(4410) / 7.0)
    assert np.array_equal(limit_peaks(quiet, 44100, ceiling_db=-1.0), quiet)


def test_the_true_peak_finds_the_crest_between_samples() -> None:
    from kindly.audio.loudness import true_peak_db

    # A quarter-rate sine sampled 45 degrees off its crests: no sample passes 0.707 of it.
    # Faded in and out, as every clip is, so its cut edges add no ringing of their own.
    n = np.arange(4096)
    fade = np.minimum(1.0, np.minimum(n, n[::-1]) / 512)
    samples = 0.5 * np.sin(np.pi / 2 * n + np.pi / 4) * fade
    assert peak_db(samples) == pytest.approx(20 * math.log10(0.5) - 3.01, abs=0.01)
    assert true_peak_db(samples) == pytest.approx(20 * math.log10(0.5), abs=0.05)


def test_the_true_peak_of_silence_is_minus_infinity() -> None:
    from kindly.audio.loudness import true_peak_db

    assert true_peak_db(np.zeros(100)) == -math.inf
