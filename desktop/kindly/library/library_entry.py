"""One line of the practice library, as the window, the tray and the set-up panel read it.

A plain dataclass with no Qt, so the list, the delegate that draws it and
the panel it fills can all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryEntry:
    """One line of the library. `practice` None is the silent timer; `error` marks a broken script."""

    practice: str | None
    title: str
    minutes: int | None
    description: str
    breath: str | None = None
    user_script: bool = False
    error: str | None = None
    # False when the phrases are spoken by the system voice: preparing them may take seconds.
    voice_ready: bool = True
    # A practice's own: whether paced breath cues start on, and the lengths it agrees to.
    breath_cues: bool = True
    min_minutes: float | None = None
    max_minutes: float | None = None

    @property
    def startable(self) -> bool:
        return self.error is None
