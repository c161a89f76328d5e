"""Where a person is on a path, and how it moves: never locked, never reset, never scolded.

A person starts a path when they choose. Each week begins when the last one
has had its seven days and they come back, or sooner when they choose "next".
Coming back after a missed week or a month away moves them on by one week,
to the week after the one they were in, never past weeks they have not seen:
the path picks up where they left it. The last week stays open as long as
they like. Times are UTC `datetime`s from the injected clock; nothing here
reads the time itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class PathProgress:
    """A person on a path: since when, the week they are in, and when that week began."""

    path_id: str
    started: datetime
    week: int
    week_began: datetime

    def days_into_week(self, now: datetime) -> int:
        """Whole days since this week began (0 on its first day); never negative, whatever the clock did."""
        return max(0, (now - self.week_began).days)


def start_path(path_id: str, now: datetime) -> PathProgress:
    """Week 1 begins now."""
    return PathProgress(path_id, now, 1, now)


def next_week(progress: PathProgress, weeks: int, now: datetime) -> PathProgress:
    """The person moves on now, whatever day of the week it is; the last week stays the last."""
    if progress.week >= weeks:
        return progress
    return replace(progress, week=progress.week + 1, week_began=now)


def week_is_over(progress: PathProgress, now: datetime) -> bool:
    """Whether the current week has had its seven days."""
    return now - progress.week_began >= WEEK


def come_back(progress: PathProgress, weeks: int, now: datetime) -> PathProgress:
    """The person opens Kindly (or `kindly path`) now: a week that has had its days gives way to
    the next one, beginning now. One step, however long they were away."""
    if week_is_over(progress, now):
        return next_week(progress, weeks, now)
    return progress


def finished(progress: PathProgress, weeks: int, now: datetime) -> bool:
    """The last week has had its seven days: the path is done (and stays open to come back to)."""
    return progress.week >= weeks and week_is_over(progress, now)
