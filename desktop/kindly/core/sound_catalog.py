"""The names of Kindly's sounds, shared by the plan, the audio layer and the UI.

The core only knows names and how long a bell may ring out; the audio layer
maps each name to a file in `assets/audio/` (a test checks every one exists).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BellVoice:
    """A bell the user can choose, and how long it rings after its strike.

    `ring_out_s` is the longest it rings (a rendered file keeps that much after the end bell);
    `rung_out_s` when it has faded 30 dB below its strike, rung out to a listener, so a guided
    practice's first words can wait for it rather than land in its ring.
    """

    name: str
    title: str
    ring_out_s: float
    rung_out_s: float


BELLS: dict[str, BellVoice] = {
    "bowl": BellVoice("bowl", "Large singing bowl", 12.0, 8.0),
    "small-bowl": BellVoice("small-bowl", "Small bowl", 8.0, 5.5),
    "wood-block": BellVoice("wood-block", "Soft wood block", 2.5, 0.5),
}
DEFAULT_BELL = "bowl"

# The soft counting bell of `--bell-every-breaths` is its own voice so it
# never sounds like an interval bell, whichever bell the user picked.
COUNT_BELL = "count-chime"
COUNT_BELL_RING_OUT_S = 4.0

BREATH_CUES: dict[str, str] = {
    "inhale": "breath-inhale",
    "exhale": "breath-exhale",
    # Holds (and the second hold, "rest") share a barely-there tap.
    "hold": "breath-hold",
    "rest": "breath-hold",
}

AMBIENT_BEDS: dict[str, str] = {
    "rain": "Soft rain",
    "brown-noise": "Brown noise",
    "stream": "Distant stream",
}

MAX_RING_OUT_S = 15.0
