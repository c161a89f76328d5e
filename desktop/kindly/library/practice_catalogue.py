"""The practice catalogue: the one model of the practices that the window, the tray,
Preferences and the quick starts all read.

It holds the loaded library (bundled, user and path practices, each with its
metadata and narration status, and every refused script as a typed
`ScriptProblem`), turns it into the library list's lines, answers "which
practice is this" and "what does a quick start bring", and builds each
session's plan with the practice's narration laid onto the breath. Nothing
is ever read back out of a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kindly.core.session_config import SessionConfig
from kindly.library.library_entry import LibraryEntry
from kindly.library.narration_status import LIST_NOTES, SYSTEM_VOICE
from kindly.library.quick_starts import RIGHT_NOW

if TYPE_CHECKING:
    from kindly.core.session_plan import SessionPlan
    from kindly.library.practice_library import PracticeEntry, PracticeLibrary
    from kindly.library.quick_starts import PracticeDefaults


def _load_library() -> PracticeLibrary:
    # Imported here: the library reads clip lengths with soundfile, which the
    # first painted window does not need.
    from kindly.library.practice_library import load_library

    return load_library()


class PracticeCatalogue:
    """The practices as they were last read: lines for the list, defaults, titles and plans.

    With an `index` (the window's: `practice_index.read_index`), `reload` takes the lines from it when
    it has them, and the scripts themselves are parsed only when a session or a practice's own words
    are asked for (`library`).
    """

    def __init__(
        self,
        loader: Callable[[], PracticeLibrary] = _load_library,
        index: Callable[[], list[LibraryEntry] | None] | None = None,
    ) -> None:
        self._loader = loader
        self._index = index
        self._library: PracticeLibrary | None = None
        self._lines: list[LibraryEntry] = []
        self._read = False

    @property
    def loaded(self) -> bool:
        """Whether the practices' lines have been read (from the index or the scripts)."""
        return self._read

    @property
    def library(self) -> PracticeLibrary:
        """The practices as parsed: read now if only their lines were (from the index), or nothing was."""
        if self._library is None:
            self._read_scripts()
        assert self._library is not None
        return self._library

    def reload(self) -> None:
        """Read the practices again (a user may have added or fixed one): their lines from the index
        when it holds them as the scripts say, else the scripts themselves."""
        indexed = self._index() if self._index is not None else None
        if indexed is None:
            self._read_scripts()
            return
        self._library = None  # parsed when first asked for
        self._lines = in_order_of_use(indexed)
        self._read = True

    def _read_scripts(self) -> None:
        library = self._loader()
        self._library = library
        self._lines = in_order_of_use([library_line(e) for e in library.entries]) + [
            LibraryEntry(None, problem.file_name, None, "", user_script=True, error=str(problem))
            for problem in library.problems
        ]
        self._read = True

    def lines(self) -> list[LibraryEntry]:
        """The library list: good practices in order, then one line per refused script.

        Empty until the practices are first read (`reload`): Kindly hidden in
        the tray reads them only when its menu opens or a session is asked for.
        """
        return list(self._lines)

    def startable(self) -> list[LibraryEntry]:
        """The practices a session can be started with, in the list's order."""
        return [line for line in self.lines() if line.practice is not None and line.startable]

    def choices(self) -> list[tuple[str, str]]:
        """(id, title) of every practice a person can choose, in the list's order.

        The one answer to "is this a practice": Preferences offers these as favourites, the tray
        lists them, and `kindly settings set` accepts no other id.
        """
        return [(line.practice, line.title) for line in self.startable() if line.practice is not None]

    def ids(self) -> list[str]:
        """The id of every practice that can start: what a path's weeks may name (read first if need be)."""
        if not self._read:
            self.reload()
        return [practice for practice, _title in self.choices()]

    def entry(self, practice: str | None) -> LibraryEntry | None:
        """The line of a practice that can start, or None (the silent timer, or not there)."""
        return next((line for line in self.startable() if line.practice == practice), None)

    def quick_start_defaults(self) -> dict[str, PracticeDefaults]:
        """What each practice brings to a quick start: its length, breath and breath cues."""
        from kindly.library.quick_starts import PracticeDefaults  # with the session choices, after the first paint

        return {
            line.practice: PracticeDefaults(
                minutes=line.minutes or 10, breath=line.breath, breath_cues=line.breath_cues
            )
            for line in self.startable()
            if line.practice is not None
        }

    def title_of(self, practice: str) -> str:
        """A practice's title, or its id when it is not (or no longer) in the library."""
        line = self.entry(practice)
        return line.title if line is not None else practice

    def plan(self, config: SessionConfig) -> SessionPlan:
        """The session's plan: bells and breath, and the practice's narration if there is one,
        with how that narration will be heard (`narration_voice`), for the session screen to say.

        Raises:
            KindlyInputError: the practice is unknown or does not fit the minutes chosen.
        """
        from kindly.core.session_plan import build_session_plan

        practice_id = config.practice
        if practice_id is None:
            return build_session_plan(config)
        from kindly.library.practice_library import narration_for_session

        practice = self.library.get(practice_id).practice
        config = replace(config, soft_end=practice.soft_end)
        cues, narration = narration_for_session(practice_id, config, self.library)
        return replace(build_session_plan(config, cues), narration_voice=narration, safety_note=practice.safety)


def library_line(entry: PracticeEntry) -> LibraryEntry:
    """A parsed practice as the list shows it (and as `make practice-index` writes it ahead)."""
    practice = entry.practice
    return LibraryEntry(
        practice=practice.id,
        title=practice.title,
        minutes=max(1, round(practice.default_minutes)),
        description=practice.description + LIST_NOTES[entry.narration],
        breath=practice.breath.spec(),
        user_script=entry.source == "user",
        voice_ready=entry.narration != SYSTEM_VOICE,
        breath_cues=practice.breath_cues,
        min_minutes=practice.minimum_minutes,
        max_minutes=practice.maximum_minutes,
    )


def in_order_of_use(lines: list[LibraryEntry]) -> list[LibraryEntry]:
    """The practices in the order a person reaches for them: the one for a hard moment first, then the
    short ones before the long (by title among the same length), Kindly's own before a person's scripts."""
    return sorted(lines, key=lambda e: (e.user_script, e.practice != RIGHT_NOW, e.minutes or 0, e.title.lower()))
