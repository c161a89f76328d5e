"""On macOS a Dock click brings back the window closed to the tray; activating Kindly otherwise leaves it be.

What is checked is the handler's contract for the state changes Qt's Cocoa plugin sends (a reopen
is `ApplicationActive`, sent again while already active); that a real Dock click sends them is Qt's
part, which only a Mac can show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.ui.app.app_presence import AppPresence
from kindly.ui.app.dock_reopen import DockReopen
from kindly.ui.app.main_window import MainWindow

ACTIVE = Qt.ApplicationState.ApplicationActive
INACTIVE = Qt.ApplicationState.ApplicationInactive


def _reopen(window: MainWindow) -> DockReopen:
    return DockReopen(window, INACTIVE, window)  # another app is in front


def _close_to_the_tray(window: MainWindow) -> None:
    window.show()
    window.hide()


def test_a_dock_click_brings_back_the_window_closed_to_the_tray(window: MainWindow) -> None:
    reopen = _reopen(window)
    _close_to_the_tray(window)
    reopen.application_state_changed(ACTIVE)
    assert window.isVisible()


def test_a_dock_click_while_kindly_is_the_active_app_brings_the_window_back(
    window: MainWindow,
) -> None:
    reopen = _reopen(window)  # started for the tray: the window was never shown
    reopen.application_state_changed(ACTIVE)
    reopen.application_state_changed(ACTIVE)  # Qt sends it again for the reopen
    assert window.isVisible()


def test_the_activation_as_kindly_launches_for_the_tray_keeps_the_window_hidden(
    window: MainWindow,
) -> None:
    reopen = _reopen(window)
    reopen.application_state_changed(ACTIVE)
    assert not window.isVisible()


def test_going_to_another_app_never_shows_the_window(window: MainWindow) -> None:
    reopen = _reopen(window)
    _close_to_the_tray(window)
    reopen.application_state_changed(INACTIVE)
    assert not window.isVisible()


def test_with_another_kindly_window_on_screen_the_main_window_stays_hidden(window: MainWindow, qtbot: QtBot) -> None:
    reopen = _reopen(window)
    _close_to_the_tray(window)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    reopen.application_state_changed(ACTIVE)
    assert not window.isVisible()


@pytest.fixture
def presence_for(window: MainWindow, clock: FakeClock, qapp: QApplication) -> Iterator[Callable[[bool], AppPresence]]:
    """AppPresence around `window`, told whether the desktop reopens windows on activation."""
    made: list[AppPresence] = []

    def make(reopen_on_activate: bool) -> AppPresence:
        made.append(AppPresence(window, clock, available=lambda: True, reopen_on_activate=reopen_on_activate))
        return made[-1]

    yield make
    for presence in made:  # the application outlives the test: leave it no handler of a test's window
        if presence.dock_reopen is not None:
            qapp.applicationStateChanged.disconnect(presence.dock_reopen.application_state_changed)


def test_where_the_desktop_reopens_on_activation_kindly_listens_for_it(
    window: MainWindow, qapp: QApplication, presence_for: Callable[[bool], AppPresence]
) -> None:
    presence_for(True)
    _close_to_the_tray(window)
    qapp.applicationStateChanged.emit(INACTIVE)
    qapp.applicationStateChanged.emit(ACTIVE)
    assert window.isVisible()


def test_elsewhere_activating_kindly_leaves_the_window_in_the_tray(
    window: MainWindow, qapp: QApplication, presence_for: Callable[[bool], AppPresence]
) -> None:
    presence_for(False)
    _close_to_the_tray(window)
    qapp.applicationStateChanged.emit(INACTIVE)
    qapp.applicationStateChanged.emit(ACTIVE)
    assert not window.isVisible()
