"""This week on the path, as the home page, the end screen and the tray show it.

It reads where the person is (through the session history, off the GUI
thread), lets a week that has had its seven days give way to the next as they
come back (`kindly.core.path_progress.come_back`), and names the week's
practices by their titles from the practice catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindly.core.clock import Clock, utc_now
from kindly.core.path_progress import PathProgress, come_back, finished, next_week, start_path

if TYPE_CHECKING:
    # The paths are read with the practices, after the first paint: their modules load then.
    from kindly.core.path_script import PathWeek, PracticePath
    from kindly.library.practice_catalogue import PracticeCatalogue
    from kindly.library.practice_paths import PathLibrary
    from kindly.store.session_history import SessionHistory


@dataclass(frozen=True)
class ThisWeek:
    """The week the person is in, with its practices' titles."""

    path: PracticePath
    progress: PathProgress
    week: PathWeek
    practice_title: str
    daily_title: str

    def has_practice(self, practice: str | None) -> bool:
        """Whether `practice` is one of this week's (its main practice or its daily one)."""
        return practice is not None and practice in (self.week.practice, self.week.daily)

    def prompt_after(self, practice: str | None) -> str | None:
        """The week's reflection prompt, after one of its own practices; None after any other."""
        return self.week.prompt if self.has_practice(practice) else None


def checkin_offered(when: str, week: ThisWeek | None, practice: str | None) -> bool:
    """Whether a check-in is offered around a session of `practice` (`when` is the CHECKINS setting):
    by default around this week's practices on the path, else always or never as the person chose."""
    from kindly.settings.options import CHECKINS_ALWAYS, CHECKINS_ON_PATH

    if when == CHECKINS_ALWAYS:
        return True
    return when == CHECKINS_ON_PATH and week is not None and week.has_practice(practice)


class PathWeekSource:
    """The path for the window: the one the person is on, or the bundled one to begin."""

    def __init__(self, catalogue: PracticeCatalogue, history: SessionHistory, clock: Clock) -> None:
        self._catalogue = catalogue
        self._history = history
        self._clock = clock
        self._paths: PathLibrary | None = None

    def reload(self) -> None:
        """Read the paths again (with the practices: a path names them)."""
        from kindly.library.practice_paths import load_paths

        self._paths = load_paths(self._catalogue.ids())  # its lines suffice: no script parsed for a path

    @property
    def offered(self) -> PracticePath | None:
        """The path a person not on one is invited to begin."""
        return self._library().offered()

    def current_later(self, answer: Callable[[ThisWeek | None], None]) -> None:
        """This week (a week that has had its days giving way to the next; None when on no path),
        answered from the history's thread once it has read the progress: the window never waits."""
        self._library()  # the paths are read here, on the caller's thread, not on the history's
        self._history.path_progress_later(lambda progress: answer(self._this_week(progress)))

    def _this_week(self, progress: PathProgress | None) -> ThisWeek | None:
        if progress is None:
            return None
        path = next((p for p in self._library().paths if p.id == progress.path_id), None)
        if path is None:
            return None  # its file has gone: `kindly path` says so and how to step off
        moved = come_back(progress, len(path.weeks), utc_now(self._clock))
        if moved != progress:
            self._history.keep_path(moved)
        return self._week(path, moved)

    def begin(self, path: PracticePath | None = None) -> ThisWeek | None:
        """Begin `path` (by default the offered one) at week 1, now: the first time, or starting
        again (`kindly path start --again`); the sessions practised on it stay."""
        path = path if path is not None else self.offered
        if path is None:
            return None
        progress = start_path(path.id, utc_now(self._clock))
        self._history.keep_path(progress)
        return self._week(path, progress)

    def move_on(self, week: ThisWeek) -> ThisWeek:
        """Move on to the next week now, whatever day of this one it is (`kindly path next`);
        the last week stays the last."""
        progress = next_week(week.progress, len(week.path.weeks), utc_now(self._clock))
        if progress != week.progress:
            self._history.keep_path(progress)
        return self._week(week.path, progress)

    def leave(self) -> None:
        """Step off the path, now (`kindly path leave`): the sessions and check-ins stay."""
        self._history.leave_path(utc_now(self._clock))

    def day_of(self, week: ThisWeek) -> int:
        """Which day of its week it is, 1 to 7 (a week kept open longer stays on its seventh)."""
        return min(7, week.progress.days_into_week(utc_now(self._clock)) + 1)

    def walked(self, week: ThisWeek) -> bool:
        """Whether the whole path is walked: its last week has had its seven days."""
        return finished(week.progress, len(week.path.weeks), utc_now(self._clock))

    def _library(self) -> PathLibrary:
        if self._paths is None:
            self.reload()
        assert self._paths is not None
        return self._paths

    def _week(self, path: PracticePath, progress: PathProgress) -> ThisWeek:
        week = path.weeks[min(progress.week, len(path.weeks)) - 1]
        return ThisWeek(
            path, progress, week, self._catalogue.title_of(week.practice), self._catalogue.title_of(week.daily)
        )
