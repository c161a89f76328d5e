"""The daily reminder: one single-shot timer to the exact due time, offered without taking focus."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.core.reminder_schedule import TimeOfDay
from kindly.settings.settings_file import open_settings
from kindly.ui.tray.reminder import LATE_LIMIT_S, REMINDER_TEXT, DailyReminder, ReminderSetting

ZONE = ZoneInfo("Europe/Paris")
HOUR_MS = 3600 * 1000


def _wall(*fields: int) -> float:
    return datetime(*fields, tzinfo=ZONE).timestamp()  # type: ignore[misc]


class Recorder:
    """Stands in for the tray: what was shown, and whether the reminder is wanted now."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.setting = ReminderSetting(enabled=True, at=TimeOfDay(19, 0))
        self.wanted = True

    def notify(self, title: str, text: str) -> None:
        self.shown.append((title, text))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def reminder(qapp: object, clock: FakeClock, recorder: Recorder) -> DailyReminder:
    clock.set_wall(_wall(2026, 6, 1, 18, 0))
    made = DailyReminder(lambda: recorder.setting, recorder.notify, clock, lambda: recorder.wanted, ZONE)
    made.reschedule()
    return made


def _ring(reminder: DailyReminder, clock: FakeClock) -> None:
    """Move the clock to the due time and let the timer fire."""
    assert reminder.due is not None
    clock.set_wall(reminder.due)
    reminder.timer.timeout.emit()


def test_the_timer_is_set_once_for_the_exact_time_left_until_the_reminder(reminder: DailyReminder) -> None:
    assert reminder.timer.isActive() and reminder.timer.isSingleShot()
    assert reminder.timer.interval() == HOUR_MS


def test_a_disabled_reminder_sets_no_timer_at_all(qapp: object, clock: FakeClock, recorder: Recorder) -> None:
    recorder.setting = ReminderSetting(enabled=False, at=TimeOfDay(19, 0))
    reminder = DailyReminder(lambda: recorder.setting, recorder.notify, clock, zone=ZONE)
    reminder.reschedule()
    assert not reminder.timer.isActive()
    assert reminder.due is None


def test_when_due_the_reminder_is_offered_once(reminder: DailyReminder, clock: FakeClock, recorder: Recorder) -> None:
    _ring(reminder, clock)
    assert recorder.shown == [("Kindly", REMINDER_TEXT)]


def test_the_reminder_says_what_it_is_given_when_it_is_due(qapp: object, clock: FakeClock, recorder: Recorder) -> None:
    clock.set_wall(_wall(2026, 6, 1, 18, 0))
    words = ["Today on your path: A one-minute pause."]
    made = DailyReminder(lambda: recorder.setting, recorder.notify, clock, zone=ZONE, text=lambda: words[-1])
    made.reschedule()
    words.append("Today on your path: Right now.")  # asked when due, not when scheduled
    _ring(made, clock)
    assert recorder.shown == [("Kindly", "Today on your path: Right now.")]


def test_after_it_rings_the_next_reminder_is_tomorrow_at_the_same_time(
    reminder: DailyReminder, clock: FakeClock
) -> None:
    _ring(reminder, clock)
    assert reminder.due == _wall(2026, 6, 2, 19, 0)
    assert reminder.timer.isActive() and reminder.timer.interval() == 24 * HOUR_MS


def test_a_timer_that_fires_a_moment_early_still_rings_once_and_waits_for_tomorrow(
    reminder: DailyReminder, clock: FakeClock, recorder: Recorder
) -> None:
    assert reminder.due is not None
    clock.set_wall(reminder.due - 0.004)
    reminder.timer.timeout.emit()
    assert len(recorder.shown) == 1
    assert reminder.due == _wall(2026, 6, 2, 19, 0)


def test_a_reminder_that_is_not_wanted_now_stays_quiet_and_waits_for_tomorrow(
    reminder: DailyReminder, clock: FakeClock, recorder: Recorder
) -> None:
    recorder.wanted = False
    _ring(reminder, clock)
    assert recorder.shown == []
    assert reminder.due == _wall(2026, 6, 2, 19, 0)


def test_a_reminder_the_machine_slept_through_is_not_shown_hours_late(
    reminder: DailyReminder, clock: FakeClock, recorder: Recorder
) -> None:
    assert reminder.due is not None
    clock.set_wall(reminder.due + LATE_LIMIT_S + 60)
    reminder.timer.timeout.emit()
    assert recorder.shown == []
    assert reminder.due == _wall(2026, 6, 2, 19, 0)


def test_when_the_clock_was_set_back_the_timer_waits_for_the_real_time(
    reminder: DailyReminder, clock: FakeClock, recorder: Recorder
) -> None:
    clock.set_wall(_wall(2026, 6, 1, 17, 0))
    reminder.timer.timeout.emit()
    assert recorder.shown == []
    assert reminder.timer.interval() == 2 * HOUR_MS


def test_a_new_reminder_time_resets_the_timer(reminder: DailyReminder, recorder: Recorder) -> None:
    recorder.setting = ReminderSetting(enabled=True, at=TimeOfDay(18, 30))
    reminder.reschedule()
    assert reminder.timer.interval() == HOUR_MS // 2


def test_switching_the_reminder_off_stops_the_timer(reminder: DailyReminder, recorder: Recorder) -> None:
    recorder.setting = ReminderSetting(enabled=False, at=TimeOfDay(19, 0))
    reminder.reschedule()
    assert not reminder.timer.isActive()


def test_the_reminder_setting_is_read_from_the_settings_file(qapp: object) -> None:
    settings = open_settings()
    settings.set(opt.REMINDER_ENABLED, True)
    settings.set(opt.REMINDER_TIME, "07:45")
    assert ReminderSetting.load(settings) == ReminderSetting(enabled=True, at=TimeOfDay(7, 45))


def test_by_default_there_is_no_reminder(qapp: object) -> None:
    assert not ReminderSetting.load(open_settings()).enabled
