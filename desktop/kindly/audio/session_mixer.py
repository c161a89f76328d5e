"""Mixes a session plan into PCM, one block at a time.

Rendering and live playback (the PortAudio stream)
pull blocks from here, so they sound the same. Each cue's samples are added
into only the blocks it overlaps, in one pass over a sorted list, so a long
session costs no more to mix a minute of than a short one. Memory stays flat
however long the session is: a narration phrase is decoded when the first
block reaching it is mixed and let go once the mix has passed its end, so a
session holds the phrases it is playing, never a whole practice's.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.session_config import LAYERS, LayerVolumes
from kindly.core.session_plan import Cue, SessionPlan
from kindly.core.sound_catalog import BREATH_CUES, COUNT_BELL

BLOCK_SAMPLES = SAMPLE_RATE * 5
AMBIENT_FADE_IN_S = 6.0
DUCK_DB = -9.0
DUCK_RAMP_S = 0.4


def volume_gain(volume: int) -> float:
    """A 0-100 volume as an amplitude factor; squared so the slider feels even to the ear."""
    v = min(max(volume, 0), 100) / 100.0
    return v * v


def layer_of(cue: Cue) -> str:
    if cue.kind == "bell":
        return "bells"
    if cue.kind == "breath":
        return "breath"
    return "narration"


def cue_samples(cue: Cue, plan: SessionPlan, bank: SoundBank) -> np.ndarray:
    """The sound a cue plays, before its layer's volume."""
    if cue.kind == "bell":
        soft = cue.name == "count" or (cue.name == "end" and plan.config.soft_end)
        return bank.named(COUNT_BELL if soft else plan.config.bell)
    if cue.kind == "breath":
        return bank.named(BREATH_CUES[cue.name])
    if not cue.clip:
        raise ValueError(f"narration cue at {cue.t:.3f} s has no clip")
    return bank.clip(cue.clip)


# A narration phrase's length is known from its plan cue before it is decoded; the decode may be
# a little longer (rounding, resampling), and is what counts once it exists.
PHRASE_SLACK_S = 0.5


@dataclass(frozen=True)
class Voice:
    """A cue placed on the session's sample timeline, before its sound is decoded."""

    start: int
    cue: Cue
    layer: str
    reach: int  # samples it may sound for: its phrase's length plus slack (the decode corrects it)


def to_sample(t: float) -> int:
    return int(round(t * SAMPLE_RATE))


class SessionMixer:
    """Pulls mixed float32 blocks of a plan; volumes may change between blocks."""

    def __init__(self, plan: SessionPlan, bank: SoundBank, volumes: LayerVolumes | None = None) -> None:
        self.plan = plan
        self.total_samples = to_sample(plan.duration_s)
        self._gains = {layer: volume_gain((volumes or plan.config.volumes).get(layer)) for layer in LAYERS}
        self._bank = bank
        self._voices: list[Voice] | None = None  # placed at the first mixed block
        self._starts: list[int] = []
        self._longest = 0
        self._sounds: dict[int, np.ndarray] = {}  # voice index -> its samples, while it may be heard
        self._bed = bank.ambient(plan.config.ambient) if plan.config.ambient else None
        self._ducks = [
            (to_sample(c.t), to_sample(c.t + (c.duration or 0.0))) for c in plan.cues if c.kind == "narration"
        ]

    def set_volume(self, layer: str, volume: int) -> None:
        if layer not in self._gains:
            raise ValueError(f"unknown layer {layer!r}")
        self._gains[layer] = volume_gain(volume)

    def block(self, start: int, count: int) -> np.ndarray:
        """Mixed samples `[start, start + count)`, clipped to the session's length."""
        count = max(0, min(count, self.total_samples - start))
        out = np.zeros(count, dtype=np.float32)
        if count == 0:
            return out
        stop = start + count
        voices = self._placed_voices()
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, stop)
        for index in range(lo, hi):
            voice = voices[index]
            if voice.start + voice.reach <= start:
                continue
            gain = self._gains[voice.layer]
            if gain == 0.0:
                continue
            samples = self._sound(index)
            a = max(start, voice.start)
            b = min(stop, voice.start + len(samples))
            if a < b:
                out[a - start : b - start] += samples[a - voice.start : b - voice.start] * gain
        self._let_go_before(start)
        if self._bed is not None and self._gains["ambient"] > 0.0:
            out += self._ambient(start, count) * self._gains["ambient"]
        np.clip(out, -1.0, 1.0, out=out)
        return out

    def _placed_voices(self) -> list[Voice]:
        if self._voices is None:
            voices = [Voice(to_sample(c.t), c, layer_of(c), self._reach(c)) for c in self.plan.cues]
            voices.sort(key=lambda v: v.start)
            self._starts = [v.start for v in voices]
            self._longest = max((v.reach for v in voices), default=0)
            self._voices = voices
        return self._voices

    def _reach(self, cue: Cue) -> int:
        """How long a cue may sound, without decoding a phrase whose length the plan knows."""
        if cue.kind == "narration" and cue.duration:
            return to_sample(cue.duration + PHRASE_SLACK_S)
        return len(cue_samples(cue, self.plan, self._bank))  # bells and breath cues: kept by the bank

    def _sound(self, index: int) -> np.ndarray:
        samples = self._sounds.get(index)
        if samples is None:
            assert self._voices is not None
            voice = self._voices[index]
            samples = cue_samples(voice.cue, self.plan, self._bank)
            self._sounds[index] = samples
            if len(samples) != voice.reach:
                self._voices[index] = Voice(voice.start, voice.cue, voice.layer, len(samples))
                self._longest = max(self._longest, len(samples))
        return samples

    def _let_go_before(self, start: int) -> None:
        """Drop the sounds the mix has passed (mixing from an earlier place decodes them again)."""
        assert self._voices is not None
        voices = self._voices
        for index in [i for i, samples in self._sounds.items() if voices[i].start + len(samples) <= start]:
            del self._sounds[index]

    def ambient_block(self, start: int, count: int) -> np.ndarray:
        """The ambient layer alone over `[start, start + count)`, before its volume.

        Live playback plays the bed in chunks taken from here, so it loops,
        fades and ducks exactly as in a render. Silence when there is no bed.
        """
        count = max(0, min(count, self.total_samples - start))
        if self._bed is None or count == 0:
            return np.zeros(count, dtype=np.float32)
        return self._ambient(start, count)

    def blocks(self, size: int = BLOCK_SAMPLES) -> Iterator[tuple[int, np.ndarray]]:
        for start in range(0, self.total_samples, size):
            yield start, self.block(start, size)

    def _ambient(self, start: int, count: int) -> np.ndarray:
        """The looping bed under the session: fades in from the start bell, ducks under
        narration, fades out as the end bell rings out."""
        assert self._bed is not None
        samples = _loop_slice(self._bed, start, count)
        envelope = self._ambient_envelope(start, count)
        if envelope is not None:
            samples *= envelope
        return samples

    def _ambient_envelope(self, start: int, count: int) -> np.ndarray | None:
        """The bed's gain over a block, or None where it is simply 1 (most of a session)."""
        stop = start + count
        fade_in_end = to_sample(self.plan.start_s + AMBIENT_FADE_IN_S)
        fade_out_start = to_sample(self.plan.end_s)
        ramp = DUCK_RAMP_S * SAMPLE_RATE
        ducks = [(a, b) for a, b in self._ducks if b + ramp > start and a - ramp < stop]
        if start >= fade_in_end and stop <= fade_out_start and not ducks:
            return None
        t = np.arange(start, stop, dtype=np.float64) / SAMPLE_RATE
        begin, end, total = self.plan.start_s, self.plan.end_s, self.plan.duration_s
        envelope = np.clip((t - begin) / AMBIENT_FADE_IN_S, 0.0, 1.0)
        envelope *= np.clip((total - t) / max(total - end, 1e-6), 0.0, 1.0)
        if ducks:
            s = t * SAMPLE_RATE
            depth = np.zeros(count, dtype=np.float64)
            for a, b in ducks:
                rise = np.clip((s - (a - ramp)) / ramp, 0.0, 1.0)
                fall = np.clip(((b + ramp) - s) / ramp, 0.0, 1.0)
                np.maximum(depth, np.minimum(rise, fall), out=depth)
            envelope *= 1.0 - depth * (1.0 - 10.0 ** (DUCK_DB / 20.0))
        return envelope.astype(np.float32)


def _loop_slice(bed: np.ndarray, start: int, count: int) -> np.ndarray:
    """`count` samples of a looping bed from absolute sample `start`, as a new array."""
    out = np.empty(count, dtype=np.float32)
    pos = start % len(bed)
    filled = 0
    while filled < count:
        take = min(count - filled, len(bed) - pos)
        out[filled : filled + take] = bed[pos : pos + take]
        filled += take
        pos = 0
    return out
