"""The practices as the window sees them: library lines, quick-start defaults, session plans.

It loads the practice library once (and again on request), turns it into
the window's `LibraryEntry` lines, broken scripts included, and builds each
session's plan with the practice's narration laid onto the breath.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from kindly.core.session_config import SessionConfig

if TYPE_CHECKING:
    from kindly.library.library_entry import LibraryEntry
    from kindly.core.session_plan import SessionPlan
    from kindly.library.practice_library import PracticeLibrary

NARRATION_NOTES = {
    "recorded": "",
    "system voice": "  ·  system voice",
    "captions only": "  ·  captions only (no voice found)",
}


def _load_library() -> PracticeLibrary:
    # Imported here: the library reads clip lengths with soundfile, which the
    # first painted window does not need.
    from kindly.library.practice_library import load_library

    return load_library()


class PracticeSource:
    """Holds the loaded library for the window and the session controller."""

    def __init__(self, loader: Callable[[], PracticeLibrary] = _load_library) -> None:
        self._loader = loader
        self._library: PracticeLibrary | None = None

    @property
    def library(self) -> PracticeLibrary:
        if self._library is None:
            self._library = self._loader()
        return self._library

    def entries(self) -> list[LibraryEntry]:
        """Read the scripts again and list them: good ones, then one line per refused script."""
        from kindly.library.library_entry import LibraryEntry  # with the library, after the first paint

        self._library = self._loader()
        lines = [
            LibraryEntry(
                practice=e.practice.id,
                title=e.practice.title,
                minutes=max(1, round(e.practice.default_minutes)),
                description=e.practice.description + NARRATION_NOTES.get(e.narration, ""),
                breath=e.practice.breath.spec(),
                user_script=e.source == "user",
                voice_ready=e.narration != "system voice",
                breath_cues=e.practice.breath_cues,
                min_minutes=e.practice.minimum_minutes,
                max_minutes=e.practice.maximum_minutes,
            )
            for e in self._library.entries
        ]
        for error in self._library.errors:
            where = error.split(":", 1)[0]
            lines.append(LibraryEntry(None, where.rsplit("/", 1)[-1], None, "", user_script=True, error=error))
        return lines

    def title_of(self, practice: str) -> str:
        """A practice's title, or its id when it is not (or no longer) in the library."""
        if self._library is not None:
            for entry in self._library.entries:
                if entry.practice.id == practice:
                    return entry.practice.title
        return practice

    def plan(self, config: SessionConfig) -> SessionPlan:
        """The session's plan: bells and breath, and the practice's narration if there is one,
        with how that narration will be heard (`narration_voice`), for the session screen to say.

        Raises:
            KindlyInputError: the practice is unknown or does not fit the minutes chosen.
        """
        from kindly.core.session_plan import build_session_plan

        if config.practice is None:
            return build_session_plan(config)
        from kindly.library.practice_library import narration_for_session

        practice = self.library.get(config.practice).practice
        config = replace(config, soft_end=practice.soft_end)
        cues, narration = narration_for_session(config.practice, config, self.library)
        return replace(build_session_plan(config, cues), narration_voice=narration, safety_note=practice.safety)
