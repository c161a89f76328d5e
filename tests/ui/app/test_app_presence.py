"""Kindly beside its window: the tray and reminder wired to the real window, and later launches' requests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock, FakeRunKey
from kindly.core.errors import KindlyInputError
from kindly.library.practice_library import PracticeLibrary
from kindly.platform.login_autostart import autostart_installed, install_autostart
from kindly.settings.settings_model import Settings
from kindly.ui.app.app_presence import AppPresence
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.app.single_instance import LaunchRequest
from kindly.ui.tray.reminder import REMINDER_TEXT
from session_bus_daemon import StandInService
from ui.conftest import LIBRARY, catalogue_of
from ui.recording_player import PlayerBox


@pytest.fixture(autouse=True)
def restore_quit_on_close() -> Iterator[None]:
    yield
    QGuiApplication.setQuitOnLastWindowClosed(True)


def _with_tray(window: MainWindow, clock: FakeClock) -> AppPresence:
    return AppPresence(window, clock, available=lambda: True)


def test_with_a_tray_kindly_shows_its_tray_icon(window: MainWindow, clock: FakeClock) -> None:
    presence = _with_tray(window, clock)
    assert presence.tray is not None and presence.tray.icon.isVisible()


def test_without_a_tray_there_is_no_tray_icon_and_closing_the_window_quits(
    window: MainWindow, clock: FakeClock
) -> None:
    presence = AppPresence(window, clock, available=lambda: False)
    assert presence.tray is None
    assert QGuiApplication.quitOnLastWindowClosed()


def test_favourites_are_offered_by_title_in_the_users_order(
    window: MainWindow, clock: FakeClock, settings: Settings
) -> None:
    settings.set(opt.FAVOURITES, ["body-scan", "no-longer-there", "broken", "gentle-hand"])
    assert _with_tray(window, clock).favourites() == [("body-scan", "Kind body scan"), ("gentle-hand", "A gentle hand")]


def test_a_favourite_in_the_tray_starts_that_practice(
    window: MainWindow, clock: FakeClock, settings: Settings, players: PlayerBox
) -> None:
    settings.set(opt.FAVOURITES, ["gentle-hand"])
    tray = _with_tray(window, clock).tray
    assert tray is not None
    tray.menu.aboutToShow.emit()
    next(a for a in tray.menu.actions() if a.text() == "A gentle hand").trigger()
    assert players.current.plan is not None and players.current.plan.config.practice == "gentle-hand"


def test_a_forwarded_start_request_starts_the_session_and_shows_it(
    window: MainWindow, clock: FakeClock, players: PlayerBox
) -> None:
    AppPresence(window, clock, available=lambda: True).handle_launch(LaunchRequest(start="timer-5"))
    assert window.controller.is_active
    assert players.current.plan is not None and players.current.plan.config.minutes == 5
    assert window.isVisible() and window.pages.currentWidget() is window.session_screen


def test_a_forwarded_start_of_an_unknown_practice_is_refused_with_the_reason(
    window: MainWindow, clock: FakeClock
) -> None:
    with pytest.raises(KindlyInputError, match="unknown practice or quick start 'nonesuch'"):
        _with_tray(window, clock).handle_launch(LaunchRequest(start="nonesuch"))
    assert not window.controller.is_active


def test_tray_start_during_session_asks_before_replacing(
    window: MainWindow, clock: FakeClock, players: PlayerBox
) -> None:
    tray = _with_tray(window, clock).tray
    assert tray is not None
    window.start_quick("timer-5")
    assert not window.isVisible()  # an audio-only session, the window in the tray
    tray.menu.aboutToShow.emit()
    next(a for a in tray.practices_menu.actions() if a.text() == "A gentle hand").trigger()
    assert window.isVisible() and window.pages.currentWidget() is window.session_screen
    assert window.replace_question is not None and window.replace_question.isVisible()
    assert len(players.players) == 1 and window.controller.is_active


def test_a_forwarded_start_during_a_session_shows_it_and_asks_before_replacing(
    window: MainWindow, clock: FakeClock, players: PlayerBox
) -> None:
    presence = _with_tray(window, clock)
    window.start_quick("timer-5")
    presence.handle_launch(LaunchRequest(start="gentle-hand"))  # kindly --start in another terminal
    assert window.isVisible() and window.pages.currentWidget() is window.session_screen
    question = window.replace_question
    assert question is not None and len(players.players) == 1
    question.yes_button.click()
    assert len(players.players) == 2 and window.controller.is_active


def test_a_plain_second_launch_brings_the_window_up(window: MainWindow, clock: FakeClock) -> None:
    _with_tray(window, clock).handle_launch(LaunchRequest())
    assert window.isVisible()


def test_a_second_launch_for_the_tray_leaves_the_window_as_it_is(window: MainWindow, clock: FakeClock) -> None:
    _with_tray(window, clock).handle_launch(LaunchRequest(tray=True))
    assert not window.isVisible()


def test_the_reminder_is_scheduled_from_the_settings(window: MainWindow, clock: FakeClock, settings: Settings) -> None:
    settings.set(opt.REMINDER_ENABLED, True)
    presence = _with_tray(window, clock)
    assert presence.reminder.timer.isActive()


def test_a_changed_reminder_setting_takes_effect_when_settings_change(
    window: MainWindow, clock: FakeClock, settings: Settings
) -> None:
    presence = _with_tray(window, clock)
    assert not presence.reminder.timer.isActive()
    settings.set(opt.REMINDER_ENABLED, True)
    presence.settings_changed()
    assert presence.reminder.timer.isActive()


def _ring(presence: AppPresence, clock: FakeClock) -> None:
    assert presence.reminder.due is not None
    clock.set_wall(presence.reminder.due)
    presence.reminder.timer.timeout.emit()


def test_no_reminder_interrupts_a_session(window: MainWindow, clock: FakeClock, settings: Settings) -> None:
    settings.set(opt.REMINDER_ENABLED, True)
    presence = AppPresence(window, clock, available=lambda: False)
    window.start_quick("timer-20")
    _ring(presence, clock)
    assert window.notice_bar.text() != REMINDER_TEXT


def test_no_reminder_once_the_days_practice_is_done(window: MainWindow, clock: FakeClock, settings: Settings) -> None:
    settings.set(opt.REMINDER_ENABLED, True)
    presence = AppPresence(window, clock, available=lambda: False, practised_today=lambda: True)
    _ring(presence, clock)
    assert window.notice_bar.text() != REMINDER_TEXT


def test_without_a_tray_the_reminder_is_a_quiet_line_in_the_window(
    window: MainWindow, clock: FakeClock, settings: Settings
) -> None:
    settings.set(opt.REMINDER_ENABLED, True)
    presence = AppPresence(window, clock, available=lambda: False)
    _ring(presence, clock)
    assert window.notice_bar.text() == REMINDER_TEXT


@pytest.fixture
def presence_on_bus(session_bus: str, window: MainWindow, clock: FakeClock) -> Iterator[AppPresence]:
    """Kindly with a tray on the test's session bus, its window hidden; its bus closes before the test's."""
    presence = _with_tray(window, clock)
    yield presence
    if presence._session_bus is not None:
        presence._session_bus.close()


def _sit_to_the_end_while_hidden(window: MainWindow, clock: FakeClock) -> None:
    window.start_quick("timer-5")
    clock.advance(305.0)
    window.controller.refresh()
    assert window.pages.currentWidget() is window.end_screen


@pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")
def test_the_reminder_is_a_desktop_notification_and_its_click_opens_the_practices(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, settings: Settings, presence_on_bus: AppPresence
) -> None:
    from kindly.platform.desktop_notifications import OBJECT_PATH, SERVICE

    settings.set(opt.REMINDER_ENABLED, True)
    presence_on_bus.settings_changed()
    with StandInService(SERVICE, {"Notify": ("u", (11,))}) as notifications:
        _sit_to_the_end_while_hidden(window, clock)  # earlier in the day; its end screen left unseen
        notifications.set_reply("Notify", ("u", (12,)))
        _ring(presence_on_bus, clock)
        reminder = notifications.calls_to("Notify")[-1]
        assert (reminder.body[3], reminder.body[4]) == ("Kindly", REMINDER_TEXT)
        notifications.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (12, "default"))
        qtbot.waitUntil(window.isVisible)
    assert window.pages.currentWidget() is window.tabs


def test_with_a_tray_and_no_notification_service_the_reminder_is_the_trays_message(
    window: MainWindow, clock: FakeClock, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set(opt.REMINDER_ENABLED, True)
    presence = _with_tray(window, clock)
    tray = presence.tray
    assert tray is not None
    shown: list[str] = []
    real = tray.show_message

    def record(title: str, text: str, clicked: Callable[[], None] | None = None) -> None:
        shown.append(text)
        real(title, text, clicked)

    monkeypatch.setattr(tray, "show_message", record)
    _sit_to_the_end_while_hidden(window, clock)
    _ring(presence, clock)
    assert shown[-1] == REMINDER_TEXT
    tray.icon.messageClicked.emit()
    assert window.isVisible() and window.pages.currentWidget() is window.tabs


@pytest.fixture
def unread_window(qtbot: object, settings: Settings, controller: object) -> Iterator[MainWindow]:
    """The window as Kindly hidden in the tray has it: the practices not read yet."""
    win = MainWindow(
        WindowParts(
            settings, controller, catalogue_of(PracticeLibrary((LIBRARY.entries[0],), ())), load_library_now=False
        )
    )
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    yield win


def test_hidden_in_the_tray_the_practices_are_read_when_the_menu_first_opens(
    unread_window: MainWindow, clock: FakeClock, settings: Settings
) -> None:
    settings.set(opt.FAVOURITES, ["gentle-hand"])
    tray = _with_tray(unread_window, clock).tray
    assert tray is not None
    assert "A gentle hand" not in [a.text() for a in tray.menu.actions()]
    tray.menu.aboutToShow.emit()
    assert "A gentle hand" in [a.text() for a in tray.menu.actions()]


def test_hidden_in_the_tray_a_forwarded_practice_starts_even_before_the_menu_was_opened(
    unread_window: MainWindow, clock: FakeClock, players: PlayerBox
) -> None:
    _with_tray(unread_window, clock).handle_launch(LaunchRequest(start="gentle-hand"))
    assert players.current.plan is not None and players.current.plan.config.practice == "gentle-hand"


def test_the_window_menu_offers_starting_at_login_even_without_a_tray(window: MainWindow, clock: FakeClock) -> None:
    AppPresence(window, clock, available=lambda: False)
    action = next(a for a in window.menu_kindly.actions() if a.text() == "Start Kindly at &login")
    action.trigger()
    assert autostart_installed()
    assert action.isChecked()


def test_the_window_menu_shows_a_login_entry_made_elsewhere_as_checked(window: MainWindow, clock: FakeClock) -> None:
    presence = AppPresence(window, clock, available=lambda: False)
    install_autostart()
    window.menu_kindly.aboutToShow.emit()
    assert presence.autostart_action.isChecked()


def test_a_login_entry_made_elsewhere_is_shown_checked_once_kindly_is_activated(
    window: MainWindow, clock: FakeClock, qapp: QApplication
) -> None:
    # On macOS the switch is in the application menu, whose opening Qt does not report.
    presence = AppPresence(window, clock, available=lambda: False)
    install_autostart()
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert presence.autostart_action.isChecked()


def test_a_login_entry_that_cannot_be_written_is_told_in_words_and_left_unchecked(
    window: MainWindow, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_key: FakeRunKey
) -> None:
    # Where each system keeps the entry cannot be written: a file where a folder should be
    # (Linux's XDG_CONFIG_HOME, the macOS home), a Run key that refuses (Windows).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    for name in ("XDG_CONFIG_HOME", "HOME", "USERPROFILE"):
        monkeypatch.setenv(name, str(blocker))
    run_key.refusal = "Access is denied"
    presence = AppPresence(window, clock, available=lambda: False)
    presence.autostart_action.trigger()
    assert window.notice_bar.text().startswith("Could not change starting at login:")
    assert not presence.autostart_action.isChecked()


def _cache_a_pixmap() -> None:
    from PySide6.QtGui import QPixmap, QPixmapCache

    QPixmapCache.insert("kindly-test", QPixmap(8, 8))


def _cached() -> bool:
    from PySide6.QtGui import QPixmapCache

    return QPixmapCache.find("kindly-test") is not None


def test_idle_in_the_tray_kindly_lets_go_of_the_pixmap_cache_and_its_timer(
    window: MainWindow, clock: FakeClock
) -> None:
    presence = _with_tray(window, clock)
    window.hide()
    _cache_a_pixmap()
    presence.release_idle_caches()
    assert not _cached()


def test_the_pixmap_cache_is_kept_while_the_window_shows(window: MainWindow, clock: FakeClock) -> None:
    presence = _with_tray(window, clock)
    window.show()
    _cache_a_pixmap()
    presence.release_idle_caches()
    assert _cached()


def test_hidden_to_the_tray_kindly_lets_go_of_idle_caches_once_it_has_settled(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindly.ui.app import app_presence

    monkeypatch.setattr(app_presence, "SETTLE_MS", 50)
    _with_tray(window, clock)
    window.show()
    _cache_a_pixmap()
    window.hide()
    qtbot.waitUntil(lambda: not _cached(), timeout=2000)


def test_the_wait_before_letting_go_of_caches_runs_once_per_hiding(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindly.ui.app import app_presence

    monkeypatch.setattr(app_presence, "SETTLE_MS", 50)
    _with_tray(window, clock)
    window.show()
    _cache_a_pixmap()
    window.hide()
    qtbot.waitUntil(lambda: not _cached(), timeout=2000)
    _cache_a_pixmap()
    qtbot.wait(200)  # four settles long: a repeating wait would have let go again
    assert _cached()


def test_closing_the_window_with_a_tray_keeps_kindly_running(window: MainWindow, clock: FakeClock) -> None:
    AppPresence(window, clock, available=lambda: True)
    QGuiApplication.setQuitOnLastWindowClosed(True)  # as if the tray had gone and come back
    window.show()
    window.close()
    assert not QGuiApplication.quitOnLastWindowClosed()
