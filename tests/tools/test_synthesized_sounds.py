"""The bundled bells, breath cues and ambient beds, as decoded from assets/audio/, and the tool that makes them."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly.audio.loudness import (
    AMBIENT_BED_LOUDNESS_DB,
    PEAK_CEILING_DB,
    SOFT_CUE_LOUDNESS_DB,
    TARGET_LOUDNESS_DB,
    loudness_db,
    peak_db,
)
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, BREATH_CUES, COUNT_BELL, COUNT_BELL_RING_OUT_S
from kindly.locations import audio_dir
from kindly.tools.synthesize_sounds import HOLD_TAP_LOUDNESS_DB, RECIPES, main

RATE = 44100
BELL_FILES = [f"{name}.wav" for name in BELLS] + [f"{COUNT_BELL}.wav"]
BREATH_FILES = sorted({f"{name}.wav" for name in BREATH_CUES.values()})
ONE_SHOTS = BELL_FILES + BREATH_FILES
BEDS = [f"ambient/{name}.ogg" for name in AMBIENT_BEDS]

# The longest each one-shot may last: a bell its ring-out, a breath cue the
# shortest phase it can mark (inhale and exhale 1 s; a hold may be half a second).
LONGEST_S = {f"{name}.wav": bell.ring_out_s for name, bell in BELLS.items()} | {
    f"{COUNT_BELL}.wav": COUNT_BELL_RING_OUT_S,
    "breath-inhale.wav": 1.0,
    "breath-exhale.wav": 1.0,
    "breath-hold.wav": 0.5,
}
LOUDNESS_TARGET = (
    {f"{name}.wav": TARGET_LOUDNESS_DB for name in BELLS}
    | {
        f"{COUNT_BELL}.wav": SOFT_CUE_LOUDNESS_DB,
        "breath-inhale.wav": SOFT_CUE_LOUDNESS_DB,
        "breath-exhale.wav": SOFT_CUE_LOUDNESS_DB,
        "breath-hold.wav": HOLD_TAP_LOUDNESS_DB,
    }
    | {bed: AMBIENT_BED_LOUDNESS_DB for bed in BEDS}
)


@functools.cache
def decode(relative: str, folder: Path | None = None) -> np.ndarray:
    """The decoded samples (read-only: shared between tests)."""
    samples, rate = soundfile.read(str((folder or audio_dir()) / relative), dtype="float64")
    assert rate == RATE and samples.ndim == 1, f"{relative}: {rate} Hz, shape {samples.shape}"
    samples.flags.writeable = False
    return samples


def short_rms_db(samples: np.ndarray, window_s: float = 0.005) -> np.ndarray:
    size = int(window_s * RATE)
    count = len(samples) // size
    power = np.mean(samples[: count * size].reshape(count, size) ** 2, axis=1)
    return 10.0 * np.log10(np.maximum(power, 1e-20))


def power_spectrum(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples)))) ** 2
    return np.fft.rfftfreq(len(samples), 1.0 / RATE), spectrum


def centroid_hz(samples: np.ndarray) -> float:
    frequencies, power = power_spectrum(samples)
    return float(np.sum(frequencies * power) / np.sum(power))


def flatness(samples: np.ndarray) -> float:
    """Spectral flatness from 100 Hz to 8 kHz: near 0 for pure ringing tones, larger for breathy noise."""
    frequencies, power = power_spectrum(samples)
    band = power[(frequencies > 100.0) & (frequencies < 8000.0)] + 1e-20
    return float(np.exp(np.mean(np.log(band))) / np.mean(band))


def thirds(samples: np.ndarray) -> list[np.ndarray]:
    third = len(samples) // 3
    return [samples[i * third : (i + 1) * third] for i in range(3)]


@pytest.fixture(scope="module")
def remade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tool run afresh into an empty folder, once for the module (about a second)."""
    out = tmp_path_factory.mktemp("remade")
    assert main(["--out", str(out)]) == 0
    return out


def test_every_sound_the_catalogue_names_has_a_recipe() -> None:
    names = {recipe.name for recipe in RECIPES}
    assert names >= set(BELLS) | {COUNT_BELL} | set(BREATH_CUES.values()) | set(AMBIENT_BEDS)


@pytest.mark.parametrize("relative", ONE_SHOTS + BEDS)
def test_each_sound_is_bundled_as_44_1_khz_mono(relative: str) -> None:
    info = soundfile.info(str(audio_dir() / relative))
    assert (info.samplerate, info.channels) == (RATE, 1)
    assert info.subtype == ("PCM_16" if relative.endswith(".wav") else "VORBIS")


@pytest.mark.parametrize("relative", ONE_SHOTS)
def test_each_one_shot_is_no_longer_than_its_ring_out(relative: str) -> None:
    assert len(decode(relative)) / RATE <= LONGEST_S[relative]


@pytest.mark.parametrize("relative", ONE_SHOTS)
def test_each_one_shot_starts_from_silence_without_a_click(relative: str) -> None:
    samples = decode(relative)
    first_ms = np.abs(samples[: RATE // 1000])
    assert samples[0] == 0.0
    assert first_ms.max() <= 0.3 * np.abs(samples).max()


@pytest.mark.parametrize("relative", ONE_SHOTS)
def test_each_one_shot_is_heard_within_25_ms(relative: str) -> None:
    """Live playback and onset detection need the attack at once, even in the soft swells."""
    levels = short_rms_db(decode(relative))
    assert levels[:5].max() >= levels.max() - 20.0


@pytest.mark.parametrize("relative", ONE_SHOTS)
def test_each_one_shot_dies_away_into_silence(relative: str) -> None:
    samples = decode(relative)
    last_10_ms = samples[-RATE // 100 :]
    assert samples[-1] == 0.0
    assert 20.0 * np.log10(np.sqrt(np.mean(last_10_ms**2)) + 1e-12) <= peak_db(samples) - 60.0


@pytest.mark.parametrize("bell", BELLS)
def test_each_bell_has_rung_out_30_db_below_its_strike_when_the_catalogue_says(bell: str) -> None:
    """A practice's first words wait for `rung_out_s`: the ring must be faint by then."""
    levels = short_rms_db(decode(f"{bell}.wav"), window_s=0.1)
    rung_out = int(BELLS[bell].rung_out_s / 0.1)
    assert levels[rung_out:].max() <= levels.max() - 30.0


@pytest.mark.parametrize("relative", ONE_SHOTS + BEDS)
def test_each_sound_peaks_at_or_under_minus_1_dbfs(relative: str) -> None:
    assert peak_db(decode(relative)) <= PEAK_CEILING_DB + 0.01


@pytest.mark.parametrize("relative", ONE_SHOTS + BEDS)
def test_each_sound_is_within_1_db_of_its_loudness_target(relative: str) -> None:
    assert loudness_db(decode(relative), RATE) == pytest.approx(LOUDNESS_TARGET[relative], abs=1.0)


def test_the_inhale_cue_brightens_as_it_goes() -> None:
    first, _, last = thirds(decode("breath-inhale.wav"))
    assert centroid_hz(last) >= 1.3 * centroid_hz(first)


def test_the_exhale_cue_darkens_as_it_goes() -> None:
    first, _, last = thirds(decode("breath-exhale.wav"))
    assert centroid_hz(first) >= 1.3 * centroid_hz(last)


def test_the_inhale_cue_swells_while_the_exhale_cue_fades() -> None:
    inhale_levels = [short_rms_db(part, 0.05).mean() for part in thirds(decode("breath-inhale.wav"))]
    exhale_levels = [short_rms_db(part, 0.05).mean() for part in thirds(decode("breath-exhale.wav"))]
    assert inhale_levels[1] > inhale_levels[0] + 3.0
    assert exhale_levels[0] > exhale_levels[2] + 6.0


@pytest.mark.parametrize("cue", ["breath-inhale.wav", "breath-exhale.wav"])
@pytest.mark.parametrize("bell", BELL_FILES)
def test_inhale_and_exhale_cues_sit_apart_from_every_bell_in_brightness(cue: str, bell: str) -> None:
    cue_centroid, bell_centroid = centroid_hz(decode(cue)), centroid_hz(decode(bell))
    assert abs(np.log2(cue_centroid / bell_centroid)) >= np.log2(1.2)


@pytest.mark.parametrize("cue", ["breath-inhale.wav", "breath-exhale.wav"])
@pytest.mark.parametrize("bell", BELL_FILES)
def test_inhale_and_exhale_cues_are_breathy_where_bells_ring_clear(cue: str, bell: str) -> None:
    assert flatness(decode(cue)) >= 10.0 * flatness(decode(bell))


@pytest.mark.parametrize("bed", BEDS)
def test_each_ambient_bed_steps_from_its_last_sample_to_its_first_like_any_two_neighbours(bed: str) -> None:
    samples = decode(bed)
    assert abs(samples[0] - samples[-1]) <= np.percentile(np.abs(np.diff(samples)), 99.9)


@pytest.mark.parametrize("bed", BEDS)
def test_each_ambient_bed_keeps_its_level_across_the_loop_point(bed: str) -> None:
    samples = decode(bed)
    tenth = RATE // 10
    count = len(samples) // tenth
    # Levels of consecutive 100 ms windows, the last one ending at the loop point.
    levels = short_rms_db(samples[len(samples) - count * tenth :], 0.1)
    ordinary_changes = np.abs(np.diff(levels))
    assert abs(levels[0] - levels[-1]) <= np.percentile(ordinary_changes, 99)


@pytest.mark.parametrize("bed", BEDS)
def test_each_ambient_bed_is_even_with_no_swell_or_lull(bed: str) -> None:
    samples = decode(bed)
    three_s = 3 * RATE
    levels = [
        loudness_db(samples[start : start + three_s], RATE) for start in range(0, len(samples) - three_s + 1, three_s)
    ]
    assert max(levels) - min(levels) <= 3.0


@pytest.mark.parametrize("bed", BEDS)
def test_each_ambient_bed_loops_for_20_to_30_seconds_in_under_600_kb(bed: str) -> None:
    assert 20.0 <= soundfile.info(str(audio_dir() / bed)).duration <= 30.0
    assert (audio_dir() / bed).stat().st_size < 600 * 1024


def test_all_bundled_audio_fits_in_15_mb() -> None:
    total = sum(path.stat().st_size for path in audio_dir().rglob("*") if path.is_file())
    assert total <= 15 * 1024 * 1024


@pytest.mark.parametrize("relative", ONE_SHOTS)
def test_the_tool_remakes_each_bundled_wav_byte_for_byte(remade: Path, relative: str) -> None:
    assert (remade / relative).read_bytes() == (audio_dir() / relative).read_bytes()


@pytest.mark.parametrize("bed", BEDS)
def test_the_tool_remakes_each_bundled_bed_within_codec_tolerance(remade: Path, bed: str) -> None:
    fresh, bundled = decode(bed, remade), decode(bed)
    assert len(fresh) == len(bundled)
    np.testing.assert_allclose(fresh, bundled, atol=1e-3)
