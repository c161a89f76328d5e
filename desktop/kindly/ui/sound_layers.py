"""The session's sound layers as the window names them: the set-up panel and the volume popup agree."""

from __future__ import annotations

# Mnemonics are unique across the home page (see tests/ui/app/test_accessibility.py).
LAYER_TITLES = {"bells": "Bell&s", "breath": "Breath &cues", "narration": "&Narration", "ambient": "&Ambient"}
