"""The power policy: the display on while the pacer is watched, the system awake while a session is
only heard, nothing when paused, stopped or ended; and, on a real session bus, what the desktop hears."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.platform.keep_awake import REASON, AwakeMode
from kindly.ui.app.app_presence import AppPresence
from kindly.ui.app.main_window import MainWindow
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_power import SessionPower
from session_bus_daemon import StandInService
from ui.recording_player import PlayerBox

NONE, SYSTEM, DISPLAY = AwakeMode.NONE, AwakeMode.SYSTEM, AwakeMode.DISPLAY
TIMER_5_S = 5 + 5 * 60.0  # the warm-up, then five minutes


class RecordingKeepAwake:
    """Writes down each mode asked for, in order."""

    def __init__(self) -> None:
        self.asked: list[AwakeMode] = []
        self.closed = False

    @property
    def now(self) -> AwakeMode:
        return self.asked[-1] if self.asked else NONE

    def hold(self, mode: AwakeMode) -> None:
        self.asked.append(mode)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def keep() -> RecordingKeepAwake:
    return RecordingKeepAwake()


@pytest.fixture
def power(window: MainWindow, keep: RecordingKeepAwake) -> SessionPower:
    return SessionPower(window, keep)


def _shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    return window


def _wait_for(qtbot: QtBot, keep: RecordingKeepAwake, mode: AwakeMode) -> None:
    """The window system tells of minimising and showing a moment later, as it does on a desktop."""
    qtbot.waitUntil(lambda: keep.now is mode, timeout=3000)


def test_nothing_is_held_while_no_session_runs(qtbot: QtBot, window: MainWindow, power: SessionPower) -> None:
    _shown(qtbot, window)
    window.show_stats()
    assert power.asked is NONE and power.wanted() is NONE


def test_a_session_with_its_pacer_in_view_keeps_the_display_on(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    assert window.session_showing
    assert keep.asked == [DISPLAY]


def test_the_time_going_by_asks_nothing_more(
    qtbot: QtBot,
    window: MainWindow,
    controller: SessionController,
    clock: FakeClock,
    keep: RecordingKeepAwake,
    power: SessionPower,
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    for _ in range(3):
        clock.advance(30.0)
        controller.refresh()
    assert keep.asked == [DISPLAY]


def test_pausing_lets_go_of_everything_and_resuming_takes_the_display_back(
    qtbot: QtBot, window: MainWindow, controller: SessionController, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    controller.pause()
    assert keep.now is NONE
    controller.resume()
    assert keep.asked == [DISPLAY, NONE, DISPLAY]


def test_minimising_the_window_lets_the_screen_sleep_but_keeps_the_system_awake(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.showMinimized()
    _wait_for(qtbot, keep, SYSTEM)
    window.showNormal()
    _wait_for(qtbot, keep, DISPLAY)
    assert keep.asked == [DISPLAY, SYSTEM, DISPLAY]


def test_hiding_the_window_to_the_tray_keeps_only_the_system_awake(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.hide()
    assert keep.now is SYSTEM
    window.raise_window()
    _wait_for(qtbot, keep, DISPLAY)


def test_a_session_started_from_the_tray_keeps_the_system_awake_until_its_window_is_shown(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    window.start_quick("timer-5")  # the window was never shown: no native window yet
    assert keep.asked == [SYSTEM]
    window.raise_window()
    qtbot.waitExposed(window)
    _wait_for(qtbot, keep, DISPLAY)


def test_a_session_with_its_pacer_out_of_view_keeps_only_the_system_awake(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.pages.setCurrentWidget(window.tabs)
    assert keep.now is SYSTEM
    window.pages.setCurrentWidget(window.session_screen)
    assert keep.now is DISPLAY


def test_the_end_bell_lets_go_of_everything(
    qtbot: QtBot,
    window: MainWindow,
    controller: SessionController,
    clock: FakeClock,
    keep: RecordingKeepAwake,
    power: SessionPower,
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    clock.advance(TIMER_5_S)
    with qtbot.waitSignal(controller.session_finished):
        controller.refresh()
    assert keep.asked == [DISPLAY, NONE]


def test_stopping_lets_go_of_everything(
    qtbot: QtBot, window: MainWindow, controller: SessionController, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.hide()
    controller.stop()
    assert keep.asked == [DISPLAY, SYSTEM, NONE]


def test_the_computer_having_slept_pauses_the_session_and_lets_go(
    qtbot: QtBot, window: MainWindow, players: PlayerBox, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    players.current.suspend(600.0)
    _wait_for(qtbot, keep, NONE)


def test_a_session_replacing_a_running_one_keeps_the_display_on(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.start_quick("timer-10")
    assert keep.now is DISPLAY


def test_a_session_paused_in_the_tray_stays_let_go_when_the_window_comes_back(
    qtbot: QtBot, window: MainWindow, controller: SessionController, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    window.hide()
    controller.pause()
    window.raise_window()
    qtbot.waitExposed(window)
    assert keep.asked == [DISPLAY, SYSTEM, NONE]


def test_quitting_mid_session_lets_go_and_waits_for_the_desktop_to_hear_it(
    qtbot: QtBot, window: MainWindow, keep: RecordingKeepAwake, power: SessionPower
) -> None:
    _shown(qtbot, window).start_quick("timer-5")
    power.close()
    assert keep.closed and power.asked is NONE


# --- on a real session bus, wired into the app as Kindly runs it ---------------------------------


@pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")
def test_the_desktop_hears_the_display_kept_on_then_only_the_system_then_nothing(
    qtbot: QtBot,
    session_bus: str,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
    window: MainWindow,
    controller: SessionController,
) -> None:
    monkeypatch.setenv("XDG_SESSION_DESKTOP", "openbox")  # a freedesktop desktop: neither KDE nor Xfce
    cookies = iter(range(7, 100))
    replies = {"Inhibit": lambda _call: ("u", (next(cookies),)), "UnInhibit": (None, ())}
    with (
        StandInService("org.freedesktop.ScreenSaver", replies) as screen,
        StandInService("org.freedesktop.PowerManagement", replies) as power_manager,
    ):
        presence = AppPresence(window, clock, available=lambda: False)
        try:
            _shown(qtbot, window).start_quick("timer-5")
            [inhibit] = screen.wait_for("Inhibit")
            assert inhibit.body == ("Kindly", REASON)

            controller.pause()
            assert screen.wait_for("UnInhibit")[0].body == (7,)
            controller.resume()
            screen.wait_for("Inhibit", 2)

            window.hide()  # to the tray: the screen may sleep, the laptop must not
            assert screen.wait_for("UnInhibit", 2)[1].body == (8,)
            power_manager.wait_for("Inhibit")
            assert power_manager.calls_to("Inhibit")[0].body == ("Kindly", REASON)

            clock.advance(TIMER_5_S)
            controller.refresh()  # the end bell
            assert power_manager.wait_for("UnInhibit")[0].body == (9,)
            assert len(screen.calls_to("Inhibit")) == 2 and len(power_manager.calls_to("Inhibit")) == 1
        finally:
            QGuiApplication.setQuitOnLastWindowClosed(True)
            presence.session_power.close()  # as Kindly quits: the desktop hears everything let go, then the bus closes
            if presence.session_bus is not None:
                presence.session_bus.close()
