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

    def current_streak(self) -> int | None:
        """Today's streak for the end screen; None when streaks are hidden or unknown."""
        return self._streak_of(self._history.records())

    def current_streak_later(self, answer: Callable[[int | None], None]) -> None:
        """As `current_streak`, without waiting: `answer` is called on the history's thread."""
        self._history.records_later(lambda records: answer(self._streak_of(records)))

    def _streak_of(self, records: Sequence[SessionRecord] | None) -> int | None:
        if records is None:
            return None
        summary = self._summarise(records).summary
        return None if summary.hidden else summary.current_streak

    def _summarise(self, records: Sequence[SessionRecord]) -> History:
        settings = streak_settings(self._settings)
        today = local_date(datetime.fromtimestamp(self._clock.wall()), settings.day_start_min)
        return History(records, summarize(records, today, settings), settings.day_start_min)
