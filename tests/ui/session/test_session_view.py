"""The session screen as a person sets it: focus (F, a double-click; Esc gives it back), the time left or not,
and the keyboard in the window (Return presses the focused button)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.ui.app.main_window import MainWindow
from ui.focus_chain import tab_stops, unnamed_stops
from ui.recording_player import PlayerBox


@pytest.fixture
def in_session(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.start_quick("timer-5")
    assert window.pages.currentWidget() is window.session_screen
    return window


def test_f_gives_the_session_the_whole_screen_without_the_menu(in_session: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(in_session.session_screen.pause_button, Qt.Key.Key_F)
    assert in_session.isFullScreen() and in_session.menuBar().isHidden()


def test_a_double_click_does_the_same(in_session: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseDClick(in_session.session_screen, Qt.MouseButton.LeftButton)
    assert in_session.isFullScreen()


def test_esc_in_focus_gives_the_screen_back_and_the_session_goes_on(in_session: MainWindow, qtbot: QtBot) -> None:
    in_session.toggle_focus()
    qtbot.keyClick(in_session.session_screen.pause_button, Qt.Key.Key_Escape)
    assert not in_session.isFullScreen() and not in_session.menuBar().isHidden()
    assert in_session.controller.is_active


def test_esc_out_of_focus_in_the_first_minute_stops_the_session_at_once(in_session: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(in_session.session_screen.pause_button, Qt.Key.Key_Escape)
    assert not in_session.controller.is_active


def test_two_escs_in_focus_never_end_a_sit(in_session: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    screen = in_session.session_screen
    clock.advance(120.0)
    in_session.toggle_focus()
    qtbot.keyClick(screen.pause_button, Qt.Key.Key_Escape)  # out of focus, only
    assert not in_session.isFullScreen() and screen.stop_question is None
    qtbot.keyClick(screen.pause_button, Qt.Key.Key_Escape)  # asks
    assert screen.stop_question is not None and screen.stop_question.isVisible()
    assert in_session.controller.is_active


def _focused(window: MainWindow) -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None and window.isAncestorOf(focus)
    return focus


def test_tab_to_stop_then_return_presses_stop(in_session: MainWindow, qtbot: QtBot) -> None:
    screen = in_session.session_screen
    qtbot.waitUntil(screen.pause_button.hasFocus)
    qtbot.keyClick(_focused(in_session), Qt.Key.Key_Tab)
    assert screen.stop_button.hasFocus()
    qtbot.keyClick(_focused(in_session), Qt.Key.Key_Return)
    assert not in_session.controller.is_active  # in the first minute Stop stops at once


def test_return_presses_the_focused_button_on_the_end_screen(
    in_session: MainWindow, qtbot: QtBot, players: PlayerBox
) -> None:
    in_session.controller.stop()
    end = in_session.end_screen
    end.again_button.setFocus()
    qtbot.keyClick(end.again_button, Qt.Key.Key_Enter)
    assert in_session.controller.is_active and len(players.players) == 2


def test_the_end_screen_stays_in_focus_until_done(in_session: MainWindow, clock: FakeClock) -> None:
    in_session.toggle_focus()
    clock.advance(5.0 + 300.0 + 1.0)
    in_session.controller.refresh()
    assert in_session.pages.currentWidget() is in_session.end_screen and in_session.isFullScreen()
    in_session.end_screen.done_button.click()
    assert not in_session.isFullScreen() and in_session.pages.currentWidget() is in_session.tabs


def test_an_empty_notice_takes_no_room(in_session: MainWindow) -> None:
    in_session.show_notice("")
    assert in_session.notice_bar.isHidden()
    in_session.show_notice("Something to say.")
    assert not in_session.notice_bar.isHidden()


def test_the_time_left_can_be_left_off_the_screen(in_session: MainWindow) -> None:
    import kindly.settings.options as opt

    assert not in_session.session_screen.time_label.isHidden()
    in_session.settings.set(opt.TIME_LEFT, False)
    in_session.apply_settings()
    assert in_session.session_screen.time_label.isHidden()


def test_in_focus_the_buttons_and_pointer_go_when_the_pointer_rests(in_session: MainWindow) -> None:
    screen = in_session.session_screen
    in_session.toggle_focus()
    screen.controls_timer.timeout.emit()  # the pointer has rested
    assert screen.controls.isHidden() and screen.cursor().shape() == Qt.CursorShape.BlankCursor
    assert in_session.controller.is_active


def test_a_moving_pointer_brings_the_buttons_back(in_session: MainWindow, qtbot: QtBot) -> None:
    screen = in_session.session_screen
    in_session.toggle_focus()
    screen.controls_timer.timeout.emit()
    qtbot.mouseMove(screen.pacer, screen.pacer.rect().center())
    qtbot.mouseMove(screen.pacer, screen.pacer.rect().center() + screen.pacer.rect().topLeft() + QPoint(5, 5))
    qtbot.waitUntil(lambda: not screen.controls.isHidden())
    assert screen.controls_timer.isActive()  # and they go again once it rests


def test_space_still_pauses_while_the_buttons_are_away(in_session: MainWindow, qtbot: QtBot) -> None:
    screen = in_session.session_screen
    in_session.toggle_focus()
    screen.controls_timer.timeout.emit()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert in_session.controller.is_paused


def test_out_of_focus_the_buttons_stay(in_session: MainWindow) -> None:
    screen = in_session.session_screen
    in_session.toggle_focus()
    screen.controls_timer.timeout.emit()
    in_session.leave_focus()
    assert not screen.controls.isHidden() and not screen.controls_timer.isActive()


def test_a_window_put_away_while_stop_is_asked_keeps_the_session_going(
    in_session: MainWindow, clock: FakeClock
) -> None:
    screen = in_session.session_screen
    clock.advance(120.0)
    screen.stop_button.click()
    assert screen.stop_question is not None
    in_session.hide()  # closed to the tray
    assert screen.stop_question is None and in_session.controller.is_active


def test_in_focus_with_the_buttons_away_the_keyboard_rests_on_a_named_control(in_session: MainWindow) -> None:
    screen = in_session.session_screen
    in_session.toggle_focus()
    screen.pause_button.setFocus()
    screen.controls_timer.timeout.emit()
    focused = QApplication.focusWidget()
    assert focused is screen.pacer and focused.accessibleName() == "Breath pacer"


def test_every_tab_stop_of_the_session_screen_is_a_named_visible_control(in_session: MainWindow) -> None:
    screen = in_session.session_screen
    assert tab_stops(screen) and unnamed_stops(screen) == []
