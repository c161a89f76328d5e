"""Every bundled narration clip is rated as good speech by a packaged listener model (DistillMOS).

Runs in the narration test environment (`make narration-test`), which has
DistillMOS and torch; elsewhere it is skipped: `make test` never needs torch.
The floor, 4.3 of 5, is above what the Piper voice before Kokoro averaged
(4.26 over the same clips): a clip under it sounds broken, not merely plain.
"""

from __future__ import annotations

import importlib.util

import pytest

from kindly.library.narration_manifest import narration_dir
from kindly.tools.score_narration import MINIMUM_MOS, MosScorer, score_folder

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("distillmos") is None,
    reason="DistillMOS (and torch) are not installed here: make narration-test",
)


def test_every_bundled_clip_scores_at_least_the_floor() -> None:
    scores = score_folder(narration_dir(), MosScorer())
    assert len(scores) > 100
    low = [f"{s.practice}/{s.file} {s.score:.2f} {s.text[:50]!r}" for s in scores if s.score < MINIMUM_MOS]
    assert not low, f"{len(low)} clips under {MINIMUM_MOS}: " + "; ".join(low)
