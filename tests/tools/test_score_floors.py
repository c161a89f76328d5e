"""Which floor each narration clip is held to: a whole clip's, or a padded short clip's."""

from __future__ import annotations

from kindly.tools.score_narration import (
    MINIMUM_CLIP_MOS,
    MINIMUM_SHORT_CLIP_MOS,
    MOS_WINDOW_S,
    ClipScore,
    under_their_floors,
)


def clip(score: float, seconds: float) -> ClipScore:
    return ClipScore("noting", "a.ogg", "Thinking.", score, seconds)


def test_a_clip_one_window_long_is_held_to_the_whole_clips_floor() -> None:
    below = clip(MINIMUM_CLIP_MOS - 0.01, MOS_WINDOW_S)
    assert below.floor == MINIMUM_CLIP_MOS
    assert under_their_floors([below, clip(MINIMUM_CLIP_MOS, 12.0)]) == [below]


def test_a_shorter_clip_rated_with_its_padding_is_held_to_its_own_floor() -> None:
    assert clip(4.0, 1.2).floor == MINIMUM_SHORT_CLIP_MOS < MINIMUM_CLIP_MOS
    assert under_their_floors([clip(MINIMUM_SHORT_CLIP_MOS, 1.2)]) == []
    assert under_their_floors([clip(MINIMUM_SHORT_CLIP_MOS - 0.01, 1.2)]) == [clip(MINIMUM_SHORT_CLIP_MOS - 0.01, 1.2)]
