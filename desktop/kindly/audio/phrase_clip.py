"""A phrase's voice as a file: what the system voice makes and the practice library schedules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PhraseClip:
    """An audio file that voices a phrase, and its length in seconds."""

    path: Path
    duration: float
