"""A session that ends while the window is away is told by a notification, and its click opens the end screen."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.platform.desktop_notifications import OBJECT_PATH, SERVICE
from kindly.settings.settings_model import Settings
from kindly.ui.app.app_presence import AppPresence
from kindly.ui.app.main_window import MainWindow
from kindly.ui.app.session_end_notice import end_notice_text
from kindly.ui.session.session_controller import SessionOutcome
from session_bus_daemon import StandInService

on_a_bus = pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")

NOTIFICATION_ID = 7
FIVE_MINUTES_S = 5.0 + 300.0  # timer-5: its warm-up, then five minutes
FIVE_MINUTES_DONE = "Your 5-minute practice is complete. Take a gentle moment before you go on."


@pytest.fixture(autouse=True)
def restore_quit_on_close() -> Iterator[None]:
    yield
    QGuiApplication.setQuitOnLastWindowClosed(True)


@pytest.fixture
def notifications(session_bus: str) -> Iterator[StandInService]:
    with StandInService(SERVICE, {"Notify": ("u", (NOTIFICATION_ID,))}) as service:
        yield service


def _presence(window: MainWindow, clock: FakeClock, tray: bool) -> Iterator[AppPresence]:
    presence = AppPresence(window, clock, available=lambda: tray)
    yield presence
    bus = presence._session_bus  # opened by the first notification, if any
    if bus is not None:
        bus.close()


@pytest.fixture
def presence(window: MainWindow, clock: FakeClock) -> Iterator[AppPresence]:
    """Kindly with a tray, its window hidden in it (never shown)."""
    yield from _presence(window, clock, tray=True)


@pytest.fixture
def presence_on_bus(session_bus: str, window: MainWindow, clock: FakeClock) -> Iterator[AppPresence]:
    """The same on the test's session bus (closed before the bus is)."""
    yield from _presence(window, clock, tray=True)


@pytest.fixture
def trayless(window: MainWindow, clock: FakeClock) -> Iterator[AppPresence]:
    """Kindly where there is no tray: closing the window quits, so it is away only when minimised."""
    yield from _presence(window, clock, tray=False)


def record_tray_messages(presence: AppPresence, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the tray shows beside its icon (the real `show_message`, recorded, so a click still works)."""
    assert presence.tray is not None
    shown: list[tuple[str, str]] = []
    real = presence.tray.show_message

    def record(title: str, text: str, clicked: object = None) -> None:
        shown.append((title, text))
        real(title, text, clicked)  # type: ignore[arg-type]

    monkeypatch.setattr(presence.tray, "show_message", record)
    return shown


def _sit_to_the_end(window: MainWindow, clock: FakeClock) -> None:
    window.start_quick("timer-5")
    clock.advance(FIVE_MINUTES_S)
    window.controller.refresh()


def _click(service: StandInService) -> None:
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (NOTIFICATION_ID, "default"))


@on_a_bus
def test_a_session_ending_in_a_hidden_window_sends_one_notification_with_its_minutes(
    window: MainWindow, clock: FakeClock, presence_on_bus: AppPresence, notifications: StandInService
) -> None:
    _sit_to_the_end(window, clock)
    (call,) = notifications.calls_to("Notify")
    summary, body, actions = call.body[3], call.body[4], call.body[5]
    assert summary == "Silent timer"
    assert body.startswith("Your 5-minute practice is complete.")
    assert actions[0] == "default"


@on_a_bus
def test_a_session_ending_in_a_minimised_window_sends_a_notification(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, presence_on_bus: AppPresence, notifications: StandInService
) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.showMinimized()
    _sit_to_the_end(window, clock)
    assert len(notifications.calls_to("Notify")) == 1


@on_a_bus
def test_a_session_ending_in_view_sends_none(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, presence_on_bus: AppPresence, notifications: StandInService
) -> None:
    window.show()
    qtbot.waitExposed(window)
    _sit_to_the_end(window, clock)
    # Notify is a call Kindly waits on: one sent would be recorded by now.
    assert notifications.calls_to("Notify") == []


@on_a_bus
def test_a_session_the_person_stopped_sends_none(
    window: MainWindow, clock: FakeClock, presence_on_bus: AppPresence, notifications: StandInService
) -> None:
    window.start_quick("timer-5")
    clock.advance(120.0)
    window.controller.stop()
    assert notifications.calls_to("Notify") == []


@on_a_bus
def test_clicking_the_notification_opens_the_end_screen_with_its_check_in(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    settings: Settings,
    presence_on_bus: AppPresence,
    notifications: StandInService,
) -> None:
    settings.set(opt.CHECKINS, opt.CHECKINS_ALWAYS)
    _sit_to_the_end(window, clock)
    (call,) = notifications.calls_to("Notify")
    assert call.body[4] == "Your 5-minute practice is complete. A moment to check in?"
    _click(notifications)
    qtbot.waitUntil(window.isVisible)
    assert window.pages.currentWidget() is window.end_screen
    assert not window.end_screen.checkin.isHidden()
    assert window.end_screen.minutes_label.text() == "You practised for 5 minutes."


@on_a_bus
def test_without_a_notification_service_the_tray_says_it_and_its_click_opens_the_end_screen(
    window: MainWindow, clock: FakeClock, presence_on_bus: AppPresence, monkeypatch: pytest.MonkeyPatch
) -> None:
    presence = presence_on_bus
    tray_messages = record_tray_messages(presence, monkeypatch)
    _sit_to_the_end(window, clock)
    assert [text for _title, text in tray_messages] == [FIVE_MINUTES_DONE]
    assert presence.tray is not None
    presence.tray.icon.messageClicked.emit()
    assert window.isVisible() and window.pages.currentWidget() is window.end_screen


def test_without_a_session_bus_the_tray_says_it(
    window: MainWindow, clock: FakeClock, presence: AppPresence, monkeypatch: pytest.MonkeyPatch
) -> None:
    tray_messages = record_tray_messages(presence, monkeypatch)
    # Windows and macOS, or a Linux session without a bus: the tray's message is the notification.
    _sit_to_the_end(window, clock)
    assert tray_messages == [("Silent timer", FIVE_MINUTES_DONE)]


def test_without_a_tray_or_notifications_the_end_screen_waits_in_the_minimised_window(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, trayless: AppPresence, caplog: pytest.LogCaptureFixture
) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.showMinimized()
    with caplog.at_level(logging.INFO, logger="kindly"):
        _sit_to_the_end(window, clock)
    assert window.isMinimized()  # never pulled in front of what the person is doing
    assert window.pages.currentWidget() is window.end_screen
    assert "its end screen waits in the minimised window" in caplog.text


def _outcome(practised_s: float) -> SessionOutcome:
    return SessionOutcome(session=None, practised_s=practised_s, completed=True)  # type: ignore[arg-type]


def test_the_notice_names_the_minutes_and_the_check_in_waiting() -> None:
    assert (
        end_notice_text(_outcome(600.0), checkin=True) == "Your 10-minute practice is complete. A moment to check in?"
    )
    assert end_notice_text(_outcome(20.0), checkin=False).startswith("Your practice is complete.")
