"""How a live player's session becomes sound: the outputs and the voice-per-sound one.

The player owns time (deadlines on the monotonic clock, pauses, sleep); an
output owns sound. Positions are samples on the plan's timeline, and every
call means "heard `lead_s` from now": the player calls `cue` exactly `lead_s`
before a cue's time, and passes the position that will be heard `lead_s`
from now to the others.

`VoiceOutput` plays each sound as its own voice on a `VoiceBackend` (the
sound server mixes them) and keeps track of what sounds where, so that a
pause, a volume change or a stop can pick every sound up from the sample it
had reached. The ambient bed is played in overlapping chunks cut from
`SessionMixer.ambient_block`, so it loops, fades and ducks as in a render.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from kindly.audio.session_mixer import SessionMixer, cue_samples, layer_of, to_sample, volume_gain
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.audio.voice_backend import VoiceBackend
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.session_plan import Cue, SessionPlan

log = logging.getLogger(__name__)

# Long chunks mean few streams (each costs CPU to open); a new ambient volume
# re-issues the sounding chunk from where it is, so it still applies at once.
AMBIENT_CHUNK_S = 10.0
# Chunks overlap by this much with complementary linear fades: the same bed
# crossfaded into itself, so a millisecond of start jitter is never a click.
AMBIENT_CROSSFADE_S = 0.03
# A sound picked up mid-way (resume, new volume) fades in over this, not a click.
PICKUP_RAMP_S = 0.005
# Positions within this many samples of a deadline count as due (half a
# millisecond: the player's thread wakes a hair early at times).
DUE_SLACK_SAMPLES = 22


class LiveOutput(Protocol):
    """What the player drives; positions are samples on the plan's timeline."""

    @property
    def lead_s(self) -> float: ...

    def load(self, plan: SessionPlan, volumes: Mapping[str, int]) -> None:
        """Get ready to play `plan` (decode its sounds) at these layer volumes (0-100)."""

    def begin(self, position: int) -> None:
        """Sound whatever is sounding at `position` (playing starts or resumes)."""

    def cue(self, cue: Cue, skip: int, due_at: float) -> None:
        """Start a cue's sound from its sample `skip` (0 but when the player is very late).

        `due_at` is the monotonic instant it was due to start (`lead_s` before its time).
        """

    def hold(self, position: int, fade_s: float) -> None:
        """Silence everything at `position`, fading out over `fade_s` (pause, stop)."""

    def set_volume(self, layer: str, volume: int, position: int | None) -> None:
        """New volume for a layer; re-sound what is sounding at `position` (None: not playing)."""

    def service(self, position: int, now: float) -> int | None:
        """Housekeeping at `position` (heard `lead_s` after monotonic `now`).

        Returns the position it next needs a call at, if any.
        """

    def close(self) -> None:
        """The session is over; whatever still rings may ring out."""


@dataclass
class _Voice:
    """A sound placed on the timeline, and the backend's handle while it plays."""

    start: int
    samples: np.ndarray
    layer: str
    handle: object = None

    @property
    def end(self) -> int:
        return self.start + len(self.samples)


class VoiceOutput:
    """Each cue (and each ambient chunk) a voice of its own on a mixing backend."""

    def __init__(self, backend: VoiceBackend, bank: SoundBank) -> None:
        self._backend = backend
        self._bank = bank
        self._gains: dict[str, float] = {}
        self._voices: list[_Voice] = []
        self._plan: SessionPlan | None = None
        self._mixer: SessionMixer | None = None
        self._ambient_next: int | None = None
        self._total = 0
        # Narration is decoded one phrase ahead rather than all at load: a long
        # practice's phrases together would be held in memory all session.
        self._phrases: list[Cue] = []
        self._next_phrase = 0
        self._ahead: tuple[Cue, np.ndarray] | None = None

    @property
    def lead_s(self) -> float:
        return self._backend.lead_s

    def load(self, plan: SessionPlan, volumes: Mapping[str, int]) -> None:
        self._plan = plan
        # Bells, cues and the bed are decoded now, not at a cue's deadline; each
        # narration clip is checked now (its header) and decoded a phrase ahead.
        self._mixer = SessionMixer(plan, self._bank)
        self._phrases = [c for c in plan.cues if c.kind == "narration"]
        for phrase in self._phrases:
            self._bank.check_clip(phrase.clip or "")
        self._next_phrase = 0
        self._ahead = None
        self._decode_next_phrase()
        self._total = self._mixer.total_samples
        self._gains = {layer: volume_gain(v) for layer, v in volumes.items()}
        self._ambient_next = to_sample(plan.start_s) if plan.config.ambient else None
        self._prepare(plan.cues)

    def begin(self, position: int) -> None:
        kept: list[_Voice] = []
        for voice in self._voices:
            if voice.end <= position:
                continue
            if voice.start >= position:
                # Started ahead of its time just before a pause: it is due again later.
                if voice.layer == "ambient" and self._ambient_next is not None:
                    self._ambient_next = min(self._ambient_next, voice.start)
                continue
            kept.append(voice)
            self._sound(voice, position - voice.start)
        self._voices = kept

    def cue(self, cue: Cue, skip: int, due_at: float) -> None:
        assert self._plan is not None
        if cue.kind == "narration":
            samples = self._phrase_samples(cue)
            if samples is None:
                return
        else:
            samples = cue_samples(cue, self._plan, self._bank)
        voice = _Voice(to_sample(cue.t), samples, layer_of(cue))
        self._voices.append(voice)
        self._sound(voice, skip, due_at)
        if cue.kind == "narration":
            if cue in self._phrases:
                self._next_phrase = max(self._next_phrase, self._phrases.index(cue) + 1)
            self._decode_next_phrase()

    def hold(self, position: int, fade_s: float) -> None:
        fade = int(round(fade_s * SAMPLE_RATE))
        for voice in self._voices:
            if voice.handle is None:
                continue
            self._backend.stop(voice.handle)
            voice.handle = None
            gain = self._gains[voice.layer]
            if fade > 0 and gain > 0.0 and voice.start < position < voice.end:
                offset = position - voice.start
                tail = voice.samples[offset : offset + fade]
                ramp = np.linspace(1.0, 0.0, fade, dtype=np.float32)[: len(tail)]
                self._backend.play(tail * ramp, gain)

    def set_volume(self, layer: str, volume: int, position: int | None) -> None:
        self._gains[layer] = volume_gain(volume)
        if self._plan is not None:
            self._prepare(c for c in self._plan.cues if layer_of(c) == layer)
        if position is None:
            return
        for voice in self._voices:
            if voice.layer == layer and voice.start < position < voice.end:
                if voice.handle is not None:
                    self._backend.stop(voice.handle)
                self._sound(voice, position - voice.start)

    def service(self, position: int, now: float) -> int | None:
        self._voices = [v for v in self._voices if v.end > position or v.start > position]
        while self._ambient_next is not None and self._ambient_next <= position + DUE_SLACK_SAMPLES:
            start = self._ambient_next
            due_at = now + max(0, start - position) / SAMPLE_RATE
            self._ambient_next = self._issue_ambient_chunk(start, position, due_at)
        return self._ambient_next

    def close(self) -> None:
        self._voices = []
        self._ambient_next = None

    # --- internals -------------------------------------------------------------
    def _phrase_samples(self, cue: Cue) -> np.ndarray | None:
        """The phrase decoded ahead, or decoded now; None (and a log line) if it cannot be."""
        if self._ahead is not None and self._ahead[0] == cue:
            samples = self._ahead[1]
            self._ahead = None
            return samples
        try:
            return self._bank.clip(cue.clip or "")
        except (KindlyFailure, KindlyInputError) as exc:
            log.warning("narration phrase skipped: %s", exc)
            return None

    def _decode_next_phrase(self) -> None:
        """Decode the first phrase not yet decoded, so it is ready long before it is due."""
        while self._next_phrase < len(self._phrases):
            cue = self._phrases[self._next_phrase]
            self._next_phrase += 1
            try:
                self._ahead = (cue, self._bank.clip(cue.clip or ""))
            except (KindlyFailure, KindlyInputError) as exc:
                log.warning("narration phrase skipped: %s", exc)
                continue
            return

    def _sound(self, voice: _Voice, offset: int, due_at: float | None = None) -> None:
        voice.handle = None
        gain = self._gains[voice.layer]
        if gain <= 0.0 or offset >= len(voice.samples):
            return
        if offset <= 0:
            voice.handle = self._backend.play(voice.samples, gain, due_at)
            return
        samples = voice.samples[offset:].copy()
        ramp = min(len(samples), int(PICKUP_RAMP_S * SAMPLE_RATE))
        samples[:ramp] *= np.linspace(0.0, 1.0, ramp, dtype=np.float32)
        voice.handle = self._backend.play(samples, gain)

    def _issue_ambient_chunk(self, start: int, position: int, due_at: float) -> int | None:
        """Play the bed's chunk from `start` (picked up at `position`); the next chunk's start."""
        assert self._mixer is not None
        chunk = int(AMBIENT_CHUNK_S * SAMPLE_RATE)
        overlap = int(AMBIENT_CROSSFADE_S * SAMPLE_RATE)
        end = min(start + chunk, self._total)
        samples = self._mixer.ambient_block(start, end - start + overlap)
        if self._plan is not None and start > to_sample(self._plan.start_s):
            # The first chunk needs no fade: the bed itself fades in from the start bell.
            head = min(overlap, len(samples))
            samples[:head] *= np.linspace(0.0, 1.0, head, endpoint=False, dtype=np.float32)
        tail = len(samples) - (end - start)
        if tail > 0:
            samples[-tail:] *= np.linspace(1.0, 0.0, tail, endpoint=False, dtype=np.float32)
        voice = _Voice(start, samples, "ambient")
        self._voices.append(voice)
        self._sound(voice, max(0, position - start), due_at)
        return end if end < self._total else None

    def _prepare(self, cues: Iterable[Cue]) -> None:
        """Have the backend convert repeated sounds (bells, breath cues) ahead of their time."""
        prepare = getattr(self._backend, "prepare", None)
        if prepare is None or self._plan is None:
            return
        seen: set[int] = set()
        for cue in cues:
            if cue.kind == "narration":
                continue
            samples = cue_samples(cue, self._plan, self._bank)
            gain = self._gains[layer_of(cue)]
            if id(samples) not in seen and gain > 0.0:
                seen.add(id(samples))
                prepare(samples, gain)
