"""The gentle daily reminder: one single-shot timer to the next due time, shown as a notification.

Nothing ticks while Kindly waits: the timer is set to the exact next due
instant (computed from the wall clock on the local calendar, see
`kindly.core.reminder_schedule`), and set again after it fires and whenever
the settings change. When it fires the reminder is offered as a notification
(the desktop's, or the tray's), which never takes the keyboard focus; it is skipped while a
session runs, or when the day's practice is already done.

A timer counts on the monotonic clock, which stands still while the machine
sleeps: after a wake the reminder comes late by the time asleep. One that
comes much later than its time is dropped rather than shown out of place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

import kindly.settings.options as opt
from kindly.core.clock import Clock
from kindly.core.reminder_schedule import TimeOfDay, next_due
from kindly.settings.settings_model import Settings

log = logging.getLogger(__name__)

REMINDER_TITLE = "Kindly"
REMINDER_TEXT = "A few quiet, kind minutes for yourself? Kindly is here when you are ready."
LATE_LIMIT_S = 3 * 3600.0
"""A reminder that comes this much past its time (the machine slept through it) is not shown."""


@dataclass(frozen=True)
class ReminderSetting:
    """Whether to remind, and at what time of day."""

    enabled: bool
    at: TimeOfDay

    @staticmethod
    def load(settings: Settings) -> ReminderSetting:
        # The setting is checked with TimeOfDay.parse as it is read (a bad one reads as the default).
        at = TimeOfDay.parse(settings.get(opt.REMINDER_TIME))
        return ReminderSetting(enabled=settings.get(opt.REMINDER_ENABLED), at=at)


class DailyReminder(QObject):
    """Schedules the daily reminder and calls `notify` when it is due and wanted."""

    reminded = Signal()  # the reminder was offered to the user

    def __init__(
        self,
        setting: Callable[[], ReminderSetting],
        notify: Callable[[str, str], None],
        clock: Clock,
        wanted: Callable[[], bool] = lambda: True,
        zone: tzinfo | None = None,
        parent: QObject | None = None,
        text: Callable[[], str] = lambda: REMINDER_TEXT,
    ) -> None:
        """
        Args:
            setting: reads the current reminder setting (called on every reschedule).
            notify: shows (title, text) to the user without taking focus.
            clock: the wall clock the due time is computed from.
            wanted: False when the reminder would be out of place (a session
                running, today's practice done); asked when it is due.
            zone: the local time zone; None is the machine's own.
            text: what the reminder says, asked when it is due (on a path, it names today's practice).
        """
        super().__init__(parent)
        self._setting = setting
        self._notify = notify
        self._clock = clock
        self._wanted = wanted
        self._text = text
        self._zone = zone
        self._due: float | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # The default coarse timer may fire up to 5% early: hours early for a long wait.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._fire)

    @property
    def due(self) -> float | None:
        """The instant (Unix seconds) the reminder is next due, or None when it is off."""
        return self._due

    def reschedule(self) -> None:
        """Set the timer from the current setting and clock (call it whenever the setting changes)."""
        self._schedule_after(self._clock.wall())

    def stop(self) -> None:
        self.timer.stop()
        self._due = None

    def _schedule_after(self, instant: float) -> None:
        setting = self._setting()
        if not setting.enabled:
            self.stop()
            return
        self._due = next_due(instant, setting.at, self._zone)
        delay_ms = max(0, round((self._due - self._clock.wall()) * 1000))
        self.timer.start(delay_ms)
        log.debug("daily reminder due in %.0f s", delay_ms / 1000)

    def _fire(self) -> None:
        due = self._due
        if due is None:
            return
        now = self._clock.wall()
        if now < due - 1.0:
            # The wall clock was set back while waiting: wait for the real time.
            self._schedule_after(now)
            return
        if now - due <= LATE_LIMIT_S and self._wanted():
            self._notify(REMINDER_TITLE, self._text())
            self.reminded.emit()
        # Strictly after the time that was due, so one due time never rings twice.
        self._schedule_after(max(now, due))
