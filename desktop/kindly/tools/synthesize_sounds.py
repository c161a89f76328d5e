"""Synthesizes Kindly's own bells, breath cues and ambient beds into `assets/audio/`.

Every sound is made here from numbers, so it is original and can be made
again bit for bit: each recipe draws from its own fixed random seed. Run
`python -m kindly.tools.synthesize_sounds [--out DIR]` (or `make sounds`).

What every file shares, and the tests check:
- mono, 44.1 kHz; one-shots are 16-bit WAV, ambient beds Ogg Vorbis;
- one-shots start at zero with a few milliseconds' fade-in and still reach
  their full voice within 25 ms (live playback and onset detection rely on
  it), and die away into silence well inside their ring-out;
- each is matched to a documented loudness (`kindly.audio.loudness`) with
  peaks at or under -1 dBFS;
- ambient beds are built on a circle (circular filtering, events wrapped
  round the end, modulations with whole cycles per loop), so the last sample
  leads into the first as smoothly as any two neighbours: a seamless loop.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from kindly.audio.loudness import (
    AMBIENT_BED_LOUDNESS_DB,
    PEAK_CEILING_DB,
    SOFT_CUE_LOUDNESS_DB,
    TARGET_LOUDNESS_DB,
    fast_fft_length,
    match_loudness,
)
from kindly.core.sound_catalog import BREATH_CUES, COUNT_BELL
from kindly.locations import audio_dir

RATE = 44100
FADE_IN_S = 0.003
HOLD_TAP_LOUDNESS_DB = SOFT_CUE_LOUDNESS_DB - 6.0
"""The hold tap is barely there: 6 dB under the other breath cues."""
AMBIENT_SUBDIR = "ambient"
# Loop lengths with only small prime factors, so the circular FFTs are quick.
LONG_LOOP_SAMPLES = 2**20  # 23.8 s: rain and stream, long enough that no drop is heard to repeat
SHORT_LOOP_SAMPLES = 2**15 * 27  # 20.1 s: brown noise has no events to recognise
_EVENTS_PER_CHUNK = 2000  # keeps the scattering's scratch arrays to a few tens of MB
VORBIS_COMPRESSION_LEVEL = 0.6  # libsndfile's default Vorbis quality: small files, no audible loss on noise.


@dataclass(frozen=True)
class Recipe:
    """One bundled sound: its file, its loudness target, its random seed and how to make it."""

    filename: str
    target_db: float
    seed: int
    make: Callable[[np.random.Generator], np.ndarray]
    loop: bool = False

    @property
    def name(self) -> str:
        return Path(self.filename).stem


# ---------------------------------------------------------------- shared pieces


def _times(seconds: float) -> np.ndarray:
    return np.arange(int(round(seconds * RATE))) / RATE


def _ramp(length: int) -> np.ndarray:
    """A raised-cosine rise from exactly 0 towards 1 over `length` samples."""
    return 0.5 - 0.5 * np.cos(np.pi * np.arange(length) / max(length, 1))


def _fade_edges(sound: np.ndarray, fade_out_s: float, fade_in_s: float = FADE_IN_S) -> np.ndarray:
    """Starts from zero and ends in exact silence, so no edge ever clicks."""
    shaped = sound.copy()
    fade_in = int(round(fade_in_s * RATE))
    fade_out = int(round(fade_out_s * RATE))
    shaped[:fade_in] *= _ramp(fade_in)
    shaped[len(shaped) - fade_out :] *= _ramp(fade_out)[::-1]
    return shaped


def _band_gain(frequencies: np.ndarray, low: float | None, high: float | None, order: int = 2) -> np.ndarray:
    """A Butterworth-like band-pass magnitude (high-pass at `low`, low-pass at `high`)."""
    gain = np.ones_like(frequencies)
    safe = np.maximum(frequencies, 1e-3)
    if low is not None:
        gain /= np.sqrt(1.0 + (low / safe) ** (2 * order))
    if high is not None:
        gain /= np.sqrt(1.0 + (safe / high) ** (2 * order))
    return gain


def _passband(low: float, high: float) -> Callable[[np.ndarray], np.ndarray]:
    """1 inside [low, high) Hz, 0 outside: one band of a room's response."""
    return lambda f: ((f >= low) & (f < high)).astype(float)


def _shaped_noise(rng: np.random.Generator, length: int, gain: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Gaussian noise coloured by `gain(frequencies)`; periodic in `length` (it is made on a circle)."""
    spectrum = np.fft.rfft(rng.standard_normal(length))
    spectrum *= gain(np.fft.rfftfreq(length, 1.0 / RATE))
    noise = np.fft.irfft(spectrum, n=length)
    return noise / np.sqrt(np.mean(noise**2))


def _filtered(sound: np.ndarray, gain: Callable[[np.ndarray], np.ndarray], circular: bool = False) -> np.ndarray:
    """`sound` through a zero-phase filter of magnitude `gain(frequencies)`."""
    length = len(sound)
    size = length if circular else fast_fft_length(length + RATE // 4)
    spectrum = np.fft.rfft(sound, n=size) * gain(np.fft.rfftfreq(size, 1.0 / RATE))
    return np.fft.irfft(spectrum, n=size)[:length]


def _room(rng: np.random.Generator, seconds: float, t60_low: float, t60_high: float) -> np.ndarray:
    """The impulse response of a quiet wooden room: lows linger longer than highs."""
    t = _times(seconds)
    edges = (0.0, 400.0, 1500.0, 5000.0, RATE / 2)
    t60s = np.geomspace(t60_low, t60_high, len(edges) - 1)
    response = np.zeros(len(t))
    for (low, high), t60 in zip(itertools.pairwise(edges), t60s):
        band = _shaped_noise(rng, len(t), _passband(low, high))
        # Soft furnishings absorb the highs: each band up is quieter as well as shorter.
        response += band * np.sqrt(high - low) * (1000.0 / max(high, 1000.0)) * np.exp(-6.91 * t / t60)
    predelay = int(0.011 * RATE)
    response = np.concatenate([np.zeros(predelay), response[: len(t) - predelay]])
    response[predelay : predelay + int(0.004 * RATE)] *= _ramp(int(0.004 * RATE))
    return response / np.sqrt(np.sum(response**2))


def _with_room(dry: np.ndarray, room: np.ndarray, wet: float) -> np.ndarray:
    """`dry` plus `wet` of itself heard in `room` (linear convolution, cut to the dry length)."""
    size = fast_fft_length(len(dry) + len(room))
    reverb = np.fft.irfft(np.fft.rfft(dry, n=size) * np.fft.rfft(room, n=size), n=size)[: len(dry)]
    return dry + wet * reverb * np.sqrt(np.mean(dry**2) / max(np.mean(reverb**2), 1e-30))


def _mode_pair(
    t: np.ndarray, frequency: float, amplitude: float, tau: float, beat_hz: float, twin: float
) -> np.ndarray:
    """One partial of a struck bowl or bar: two near-twin modes `beat_hz` apart, so it swells and ebbs slowly.

    A bowl is never perfectly round; each of its ring modes splits in two,
    and the pair beat against each other. `twin` is the weaker mode's share.
    Both start from rest together (a sine's zero) the instant they are struck,
    and a felt mallet takes a couple of milliseconds to give them their energy.
    """
    contact = 1.0 - np.exp(-t / 0.002)
    decay = amplitude * np.exp(-t / tau) * contact
    low = np.sin(2.0 * np.pi * (frequency - beat_hz / 2.0) * t)
    high = np.sin(2.0 * np.pi * (frequency + beat_hz / 2.0) * t)
    return decay * (low + twin * high) / (1.0 + twin)


def _mallet(rng: np.random.Generator, t: np.ndarray, softness_hz: float, tau: float) -> np.ndarray:
    """The felt of the mallet meeting metal or wood: a short, dark puff of noise."""
    noise = _shaped_noise(rng, len(t), lambda f: _band_gain(f, 80.0, softness_hz))
    return noise * np.exp(-t / tau)


def _late_fade(t: np.ndarray, start_s: float) -> np.ndarray:
    """1 until `start_s`, then a long half-cosine to 0 at the end: the decay steepens gently."""
    fade = np.ones_like(t)
    tail = t >= start_s
    span = t[-1] - start_s
    fade[tail] = 0.5 + 0.5 * np.cos(np.pi * (t[tail] - start_s) / span)
    return fade


def _bowl(
    rng: np.random.Generator,
    seconds: float,
    fundamental: float,
    ratios: Sequence[float],
    amplitudes: Sequence[float],
    taus: Sequence[float],
    beats: Sequence[float],
    fade_from_s: float,
) -> np.ndarray:
    """A struck bowl: its partials (`ratios` of the `fundamental`), the mallet's felt and the room."""
    t = _times(seconds)
    ring = np.zeros(len(t))
    for ratio, amplitude, tau, beat in zip(ratios, amplitudes, taus, beats):
        twin = rng.uniform(0.3, 0.5)
        ring += _mode_pair(t, fundamental * ratio, amplitude, tau, beat, twin)
    strike = 0.05 * _mallet(rng, t, 1800.0, 0.006)
    room = _room(rng, 2.2, t60_low=2.4, t60_high=0.8)
    sound = _with_room(ring + strike, room, wet=0.28) * _late_fade(t, fade_from_s)
    return _fade_edges(sound, fade_out_s=0.05)


# ---------------------------------------------------------------- the bells


def make_bowl(rng: np.random.Generator) -> np.ndarray:
    """A large singing bowl struck with a felt mallet: low, warm, slow to fade."""
    return _bowl(
        rng,
        seconds=11.5,
        fundamental=146.8,  # D3
        # The bowl's ring modes (2,0) to (6,0): inharmonic, as a real bowl's are.
        ratios=(1.0, 2.76, 5.18, 8.26, 11.9),
        amplitudes=(1.0, 0.62, 0.3, 0.12, 0.05),
        taus=(2.7, 1.9, 1.1, 0.6, 0.35),
        beats=(0.55, 1.15, 1.9, 2.6, 3.4),
        fade_from_s=7.0,
    )


def make_small_bowl(rng: np.random.Generator) -> np.ndarray:
    """A small bowl: a higher, brighter voice with quicker beats and a shorter ring."""
    return _bowl(
        rng,
        seconds=7.5,
        fundamental=392.0,  # G4
        ratios=(1.0, 2.74, 5.1, 8.3),
        amplitudes=(1.0, 0.8, 0.42, 0.18),
        taus=(1.75, 1.15, 0.65, 0.35),
        beats=(1.2, 2.1, 3.0, 3.9),
        fade_from_s=4.5,
    )


def make_wood_block(rng: np.random.Generator) -> np.ndarray:
    """A soft, warm knock on a hollow temple block, heard in a small room."""
    t = _times(1.2)
    # The hollow's air resonance, then the wood's own quickly damped modes.
    # Each starts from rest (a sine's zero) and a padded mallet takes 1.5 ms
    # to give them their energy, which keeps the knock round, not sharp.
    modes = ((212.0, 0.6, 0.07), (415.0, 1.0, 0.09), (1037.0, 0.3, 0.035), (1662.0, 0.12, 0.02), (2451.0, 0.05, 0.012))
    contact = 1.0 - np.exp(-t / 0.0015)
    knock = np.zeros(len(t))
    for frequency, amplitude, tau in modes:
        knock += amplitude * np.exp(-t / tau) * contact * np.sin(2.0 * np.pi * frequency * t)
    knock += 0.35 * _mallet(rng, t, 1400.0, 0.004)
    room = _room(rng, 0.9, t60_low=0.7, t60_high=0.25)
    sound = _with_room(knock, room, wet=0.5) * _late_fade(t, 0.6)
    return _fade_edges(sound, fade_out_s=0.05)


def make_count_chime(rng: np.random.Generator) -> np.ndarray:
    """A small high chime to count breaths by: one clear note, lighter than any bell."""
    t = _times(2.5)
    note = 1174.7  # D6, three octaves above the large bowl's D3
    # A small bar's modes (1 : 2.76 : 5.40): the upper two give a brief glint, then only the note rings.
    ring = _mode_pair(t, note, 1.0, 0.5, 2.4, 0.35)
    ring += _mode_pair(t, note * 2.756, 0.16, 0.12, 3.1, 0.4)
    ring += _mode_pair(t, note * 5.404, 0.04, 0.05, 4.3, 0.4)
    ring += 0.02 * _mallet(rng, t, 3000.0, 0.003)
    room = _room(rng, 1.2, t60_low=1.4, t60_high=0.6)
    sound = _with_room(ring, room, wet=0.3) * _late_fade(t, 1.4)
    return _fade_edges(sound, fade_out_s=0.05)


# ---------------------------------------------------------------- the breath cues


BREATH_LOW_HZ = 440.0  # A4: where an inhale starts and an exhale comes to rest
BREATH_HIGH_HZ = 587.3  # D5, a fourth above: the top of the breath, where holds tap


def _breath(rng: np.random.Generator, envelope: np.ndarray, brightness: np.ndarray, pitch: np.ndarray) -> np.ndarray:
    """A soft, airy note, like a wooden flute: a gliding tone wrapped in breath noise.

    `pitch` (Hz) and `brightness` (0 dark to 1 bright) are given per sample.
    The tone gains overtones and the breath noise moves up as the brightness
    rises; the noise colour moves by crossfading two fixed bands, which keeps
    everything in numpy without a sample-by-sample filter.
    """
    length = len(envelope)
    dark = _shaped_noise(rng, length, lambda f: _band_gain(f, 250.0, 900.0, 3))
    light = _shaped_noise(rng, length, lambda f: _band_gain(f, 1000.0, 3200.0, 3))
    air = np.sqrt(1.0 - brightness) * dark + np.sqrt(brightness) * light
    phase = 2.0 * np.pi * np.cumsum(pitch) / RATE
    tone = np.sin(phase) + (0.08 + 0.3 * brightness) * np.sin(2.0 * phase) + 0.1 * brightness * np.sin(3.0 * phase)
    return envelope * (tone + 0.3 * air)


def _ease(progress: np.ndarray) -> np.ndarray:
    """0 to 1 along a smooth S: slow to leave, slow to arrive."""
    return 0.5 - 0.5 * np.cos(np.pi * np.clip(progress, 0.0, 1.0))


def make_breath_inhale(rng: np.random.Generator) -> np.ndarray:
    """Breathing in: a soft note heard at once, swelling as it rises a fourth and brightens."""
    t = _times(1.0)
    progress = t / t[-1]
    # A quarter of full voice within the first 10 ms, then the swell, then a soft release.
    swell = 0.25 + 0.75 * _ease(progress / 0.7)
    release = np.cos(np.pi / 2.0 * np.clip((progress - 0.72) / 0.28, 0.0, 1.0)) ** 2
    rise = _ease(progress / 0.8)
    pitch = BREATH_LOW_HZ * (BREATH_HIGH_HZ / BREATH_LOW_HZ) ** rise
    sound = _breath(rng, swell * release, rise, pitch)
    return _fade_edges(sound, fade_out_s=0.02, fade_in_s=0.006)


def make_breath_exhale(rng: np.random.Generator) -> np.ndarray:
    """Breathing out: a soft note at its fullest almost at once, sighing down a fourth as it darkens."""
    t = _times(1.0)
    progress = t / t[-1]
    bloom = 0.55 + 0.45 * _ease(progress / 0.08)
    envelope = bloom * np.cos(np.pi / 2.0 * progress) ** 1.5
    fall = _ease(progress / 0.85)
    pitch = BREATH_HIGH_HZ * (BREATH_LOW_HZ / BREATH_HIGH_HZ) ** fall
    sound = _breath(rng, envelope, 1.0 - fall, pitch)
    return _fade_edges(sound, fade_out_s=0.02, fade_in_s=0.006)


def make_breath_hold(rng: np.random.Generator) -> np.ndarray:
    """A hold: a barely-there fingertip tap on the breath's top note, to be felt rather than heard."""
    t = _times(0.4)
    tap = np.exp(-t / 0.025) * np.sin(2.0 * np.pi * BREATH_HIGH_HZ * t)
    tap += 0.4 * np.exp(-t / 0.04) * np.sin(2.0 * np.pi * BREATH_HIGH_HZ / 2.0 * t)
    tap += 0.3 * _mallet(rng, t, 1200.0, 0.003)
    return _fade_edges(tap, fade_out_s=0.15)


# ---------------------------------------------------------------- the ambient beds


def _scattered(rng: np.random.Generator, length: int, kernels: Sequence[np.ndarray], per_second: float) -> np.ndarray:
    """Short sounds (drops, bubbles: one of `kernels` each) at random moments on a circle of `length` samples.

    Each event has a random kernel and a random strength; events that run
    past the end of the loop come back in at its start, so the loop has no seam.
    """
    bank = np.stack(kernels)
    count = max(1, int(per_second * length / RATE))
    which = rng.integers(0, len(bank), size=count)
    strengths = rng.exponential(1.0, count).clip(0.0, 3.0)
    starts = rng.integers(0, length, size=count)
    offsets = np.arange(bank.shape[1])
    sound = np.zeros(length)
    for chunk in range(0, count, _EVENTS_PER_CHUNK):
        part = slice(chunk, chunk + _EVENTS_PER_CHUNK)
        positions = (starts[part, np.newaxis] + offsets) % length
        weights = bank[which[part]] * strengths[part, np.newaxis]
        sound += np.bincount(positions.ravel(), weights=weights.ravel(), minlength=length)
    return sound


def _slow_drift(length: int, cycles: Sequence[int], depth: float, rng: np.random.Generator) -> np.ndarray:
    """A gentle breathing of level made of whole cycles per loop, so it too wraps seamlessly.

    It changes so slowly that it is drawn every 64 samples and joined with straight lines.
    """
    coarse = np.arange(0, length + 64, 64)
    drift = np.zeros(len(coarse))
    for cycle in cycles:
        drift += np.sin(2.0 * np.pi * cycle * coarse / length + rng.uniform(0.0, 2.0 * np.pi))
    return 1.0 + depth * np.interp(np.arange(length), coarse, drift) / len(cycles)


def make_rain(rng: np.random.Generator) -> np.ndarray:
    """Soft rain on a roof and leaves: a wide, even hush with countless tiny drops in it."""
    length = LONG_LOOP_SAMPLES
    hush = _shaped_noise(rng, length, lambda f: _band_gain(f, 350.0, 5500.0, 1) * (np.maximum(f, 1.0) / 1000.0) ** -0.3)
    hush *= _slow_drift(length, (1, 2, 3), 0.08, rng)

    # Countless tiny drops: short damped rings of many pitches, some crisp, some dull.
    drop_t = np.arange(int(0.01 * RATE)) / RATE
    # Each drop draws one of 64 voices, so no pitch stands out as a whistle.
    drops = [
        np.exp(-drop_t / tau) * np.sin(2.0 * np.pi * frequency * drop_t)
        for frequency, tau in zip(
            np.exp(rng.uniform(np.log(1800.0), np.log(6000.0), 64)), rng.uniform(0.0012, 0.0035, 64)
        )
    ]
    patter = _scattered(rng, length, drops, per_second=600.0)

    # Now and then a nearer drop into a puddle, its pitch rising as the bubble shrinks.
    plink_t = np.arange(int(0.05 * RATE)) / RATE
    plinks = []
    for pitch in np.exp(rng.uniform(np.log(900.0), np.log(2200.0), 16)):
        chirp = np.cumsum(pitch * (1.0 + 0.8 * plink_t / plink_t[-1])) / RATE
        plink = np.exp(-plink_t / 0.012) * np.sin(2.0 * np.pi * chirp)
        plink[: int(0.002 * RATE)] *= _ramp(int(0.002 * RATE))
        plinks.append(plink)
    puddles = _scattered(rng, length, plinks, per_second=4.0)

    patter = _filtered(patter, lambda f: _band_gain(f, 900.0, 7000.0, 1), circular=True)
    mix = hush + 0.9 * patter / np.sqrt(np.mean(patter**2)) + 0.25 * puddles / np.sqrt(np.mean(puddles**2))
    return _filtered(mix, lambda f: _band_gain(f, 120.0, 6500.0, 1), circular=True)


def make_brown_noise(rng: np.random.Generator) -> np.ndarray:
    """Brown noise: a deep, steady rumble, like far-off surf, with its sub-bass trimmed."""
    length = SHORT_LOOP_SAMPLES
    return _shaped_noise(
        rng, length, lambda f: _band_gain(f, 35.0, 5000.0, 2) / np.maximum(f, 35.0) * np.sqrt(1.0 + (f / 400.0))
    )


def make_stream(rng: np.random.Generator) -> np.ndarray:
    """A stream heard from a little way off: a soft rush of water with a burble of bubbles in it."""
    length = LONG_LOOP_SAMPLES
    rush_low = _shaped_noise(rng, length, lambda f: _band_gain(f, 150.0, 700.0, 2))
    rush_high = _shaped_noise(rng, length, lambda f: _band_gain(f, 600.0, 2600.0, 2))
    rush = 0.8 * rush_low * _slow_drift(length, (2, 5, 7), 0.15, rng)
    rush += 0.5 * rush_high * _slow_drift(length, (3, 4, 9), 0.2, rng)

    # Bubbles after van den Doel's model: a pitch that rises as the bubble
    # reaches the surface, damped faster the higher it sings.
    bubble_t = np.arange(int(0.04 * RATE)) / RATE
    bubbles = []
    for pitch in np.exp(rng.uniform(np.log(280.0), np.log(1300.0), 48)):
        damping = 0.13 * pitch + 0.0072 * pitch**1.5
        rise = 1.0 + rng.uniform(0.1, 0.4) * bubble_t * damping
        bubble = np.exp(-bubble_t * damping) * np.sin(2.0 * np.pi * np.cumsum(pitch * rise) / RATE)
        bubble[: int(0.001 * RATE)] *= _ramp(int(0.001 * RATE))
        bubbles.append(bubble * np.sqrt(280.0 / pitch))
    burble = _scattered(rng, length, bubbles, per_second=140.0)
    burble *= _slow_drift(length, (4, 6, 11), 0.3, rng)

    mix = rush + 0.6 * burble / np.sqrt(np.mean(burble**2))
    # Distance: the highs are the first to fade.
    return _filtered(mix, lambda f: _band_gain(f, 90.0, 2200.0, 2), circular=True)


# ---------------------------------------------------------------- the catalogue and the tool


RECIPES: tuple[Recipe, ...] = (
    Recipe("bowl.wav", TARGET_LOUDNESS_DB, 1101, make_bowl),
    Recipe("small-bowl.wav", TARGET_LOUDNESS_DB, 1102, make_small_bowl),
    Recipe("wood-block.wav", TARGET_LOUDNESS_DB, 1103, make_wood_block),
    Recipe(f"{COUNT_BELL}.wav", SOFT_CUE_LOUDNESS_DB, 1104, make_count_chime),
    Recipe(f"{BREATH_CUES['inhale']}.wav", SOFT_CUE_LOUDNESS_DB, 1201, make_breath_inhale),
    Recipe(f"{BREATH_CUES['exhale']}.wav", SOFT_CUE_LOUDNESS_DB, 1202, make_breath_exhale),
    Recipe(f"{BREATH_CUES['hold']}.wav", HOLD_TAP_LOUDNESS_DB, 1203, make_breath_hold),
    Recipe(f"{AMBIENT_SUBDIR}/rain.ogg", AMBIENT_BED_LOUDNESS_DB, 1301, make_rain, loop=True),
    Recipe(f"{AMBIENT_SUBDIR}/brown-noise.ogg", AMBIENT_BED_LOUDNESS_DB, 1302, make_brown_noise, loop=True),
    Recipe(f"{AMBIENT_SUBDIR}/stream.ogg", AMBIENT_BED_LOUDNESS_DB, 1303, make_stream, loop=True),
)


def render(recipe: Recipe) -> np.ndarray:
    """The recipe's sound at its loudness target, as floats in [-1, 1]."""
    sound = recipe.make(np.random.default_rng(recipe.seed))
    return match_loudness(sound, RATE, recipe.target_db, PEAK_CEILING_DB)


def write(recipe: Recipe, sound: np.ndarray, out_dir: Path) -> Path:
    """Writes one sound: one-shots as 16-bit WAV (quantised here, so the bytes are ours), beds as Ogg Vorbis."""
    path = out_dir / recipe.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    if recipe.loop:
        soundfile.write(
            path,
            sound.astype(np.float32),
            RATE,
            format="OGG",
            subtype="VORBIS",
            compression_level=VORBIS_COMPRESSION_LEVEL,
        )
    else:
        pcm = np.round(np.clip(sound, -1.0, 1.0) * 32767.0).astype(np.int16)
        soundfile.write(path, pcm, RATE, format="WAV", subtype="PCM_16")
    return path


def synthesize_all(out_dir: Path) -> list[Path]:
    """Makes every bundled sound into `out_dir`, returning the files written."""
    return [write(recipe, render(recipe), out_dir) for recipe in RECIPES]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kindly.tools.synthesize_sounds",
        description="Synthesize Kindly's bells, breath cues and ambient beds.",
    )
    parser.add_argument("--out", type=Path, default=audio_dir(), help="folder to write into (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in synthesize_all(args.out):
        info = soundfile.info(str(path))
        print(f"{path}  {info.duration:5.2f} s  {path.stat().st_size / 1024:6.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
