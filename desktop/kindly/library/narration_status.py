"""How a practice will be heard: its own recordings, the system voice, or captions alone.

The library decides it, the window's list and the session screen say it;
the words for each live here once.
"""

from __future__ import annotations

from typing import Literal

Narration = Literal["recorded", "system voice", "captions only"]
RECORDED: Narration = "recorded"
SYSTEM_VOICE: Narration = "system voice"
CAPTIONS_ONLY: Narration = "captions only"

LIST_NOTES: dict[Narration, str] = {
    RECORDED: "",
    SYSTEM_VOICE: "  ·  read by a computer voice",
    CAPTIONS_ONLY: "  ·  captions only (no voice found)",
}
"""What the library list adds to a practice's description."""
