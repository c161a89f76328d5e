"""The history as the "Your practice" page and the end screen read it: records and today's summary.

The streak rules are the core's and the settings are the saved ones
(`kindly.settings.settings_model.streak_settings`), exactly as `kindly stats`
counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kindly.core.clock import Clock
from kindly.core.practice_words import PracticeStory, story_of
from kindly.core.session_record import local_date
from kindly.core.streaks import summarize
from kindly.settings.settings_model import Settings, streak_settings

if TYPE_CHECKING:
    from kindly.core.session_record import SessionRecord
    from kindly.core.streaks import StreakSummary
    from kindly.store.session_history import SessionHistory


@dataclass(frozen=True)
class History:
    """What the stats page shows: every session, the summary as of today, and the day start used."""

    records: Sequence[SessionRecord]
    summary: StreakSummary
    day_start_min: int = 0


HistorySource = Callable[[], History]


class HistorySummary:
    """Summaries of one `SessionHistory` with this person's streak settings, as of today here."""

    def __init__(self, history: SessionHistory, settings: Settings, clock: Clock) -> None:
        self._history = history
        self._settings = settings
        self._clock = clock

    def history(self) -> History:
        """Every session and the summary as of today here (empty when the history is unavailable)."""
        return self._summarise(self._history.records() or [])

    def story(self) -> PracticeStory | None:
        """The whole story so far (days, runs, time away, today) for the end screen; None when unknown."""
        return self._story_of(self._history.records())

    def story_later(self, answer: Callable[[PracticeStory | None], None]) -> None:
        """As `story`, without waiting: `answer` is called on the history's thread."""
        self._history.records_later(lambda records: answer(self._story_of(records)))

    def _story_of(self, records: Sequence[SessionRecord] | None) -> PracticeStory | None:
        if records is None:
            return None
        history = self._summarise(records)
        return story_of(records, history.summary, history.day_start_min)

    def _summarise(self, records: Sequence[SessionRecord]) -> History:
        settings = streak_settings(self._settings)
        today = local_date(datetime.fromtimestamp(self._clock.wall()), settings.day_start_min)
        return History(records, summarize(records, today, settings), settings.day_start_min)
