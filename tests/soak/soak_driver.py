"""Run by the soak tests: the real Kindly, launched as `kindly` launches it, used as a person uses it.

Usage: python soak_driver.py SCENARIO [ARGS...]

The driver makes the QApplication (so it can hear Qt's warnings), then calls
`kindly.cli.main([])`: the same start-up, binding check, lock, window, tray,
live player and history as the desktop launcher. A script of steps then
drives the window from its event loop with real mouse and key events
(QTest), and says what happened on stdout, one `soak: ...` line each, for
the test process to read. It never asserts; the test does.

Scenarios:
  narrated MINUTES       choose a narrated practice, turn captions on, Start, keep it to the end bell
  repaints COUNT         show "Your practice" and repaint it COUNT times (resizes, tab switches)
  tray OPENINGS          start a silent timer; report each opening and closing of the tray menu
  preferences COUNT      open Preferences, change two fields, Close, COUNT times; check what was saved
  laptop                 a one-minute silent timer from the window: paused and resumed from the desktop's
                         media controls (the test's dbus-send), closed to the tray, its end notification
                         clicked (the test's stand-in), then the check-in answered with the arrow keys and Done
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path

import psutil
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QWidget

from kindly.ui.app.app_main import create_application
from kindly.ui.app.main_window import MainWindow
from kindly.ui.app.window_check import PaintCounter, repaint_stats

NARRATED_PRACTICE = "right-now"  # paced, captioned, and 3 minutes is within its 3-6
# A step waits for one of these: a number of seconds, or a condition polled every 50 ms.
Wait = float | Callable[[], bool]
Steps = Generator[Wait, None, None]


def say(*words: object) -> None:
    print("soak:", *words, flush=True)


def _on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
        say("qt-warning", message.replace("\n", " "))


class MenuWatcher(QObject):
    """Says when any popup menu (the tray's among them) is shown or hidden, and counts the showings."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.shown = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QMenu) and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            if event.type() == QEvent.Type.Show:
                self.shown += 1
                say("menu-shown", self.shown)
            else:
                say("menu-hidden")
        return False


def main_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)


def click(widget: QWidget) -> None:
    """A left click where a person aims: a check box on its box and words (it may be wider than they are,
    and a click in the empty space past them does nothing), anything else in its middle."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QCheckBox

    at = widget.rect().center()
    if isinstance(widget, QCheckBox):
        at = QPoint(min(at.x(), 8 + widget.fontMetrics().horizontalAdvance(widget.text()) // 2), at.y())
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def shoot(name: str) -> None:
    """A screenshot of the whole X screen (window manager frames included), if the test asked for them."""
    folder = os.environ.get("SOAK_SCREENSHOTS")
    if folder:
        path = Path(folder) / f"{name}.png"
        QApplication.primaryScreen().grabWindow(0).save(str(path))
        say("screenshot", path)


def ready() -> Steps:
    """Until the window is up with its practices read (they load just after the first paint)."""
    yield lambda: (w := main_window()) is not None and w.isVisible() and w.library_view.entries() != []
    say("ready")


def narrated(minutes: str) -> Steps:
    yield from ready()
    window = main_window()
    assert window is not None
    window.library_view.select(NARRATED_PRACTICE)
    panel = window.setup_panel
    panel.minutes.setValue(int(minutes))
    panel.warmup.setValue(5)
    yield 0.5
    shoot("narrated-setup")
    click(panel.start_button)
    yield lambda: window.controller.session is not None
    session = window.controller.session
    assert session is not None
    screen = window.session_screen
    if not screen.captions_button.isChecked():
        click(screen.captions_button)
    paints = PaintCounter(screen).watch(screen.pacer)
    captions: set[str] = set()
    finished: list[bool] = []
    window.controller.session_finished.connect(lambda outcome: finished.append(bool(outcome.completed)))
    say("session-started", session.plan.config.practice, f"{session.plan.end_s:.1f}")
    started = time.monotonic()
    next_report = 10.0
    while not finished:
        yield 0.25
        if screen.caption_label.text():
            captions.add(screen.caption_label.text())
        elapsed = time.monotonic() - started
        if elapsed >= next_report:
            say(
                "alive",
                f"{elapsed:.0f}",
                "pacer-paints",
                paints.count,
                "captions",
                len(captions),
                "rss",
                f"{psutil.Process().memory_info().rss / 1e6:.1f}",
            )
            if next_report == 60.0:
                shoot("narrated-session")
            next_report += 10.0
    say("session-finished", f"completed={finished[0]}", "pacer-paints", paints.count, "captions", len(captions))
    yield 1.0
    shoot("narrated-end")
    say("end-screen", window.pages.currentWidget() is window.end_screen)


def repaints(count: str) -> Steps:
    yield from ready()
    window = main_window()
    assert window is not None
    stats = window.show_stats()
    assert stats is not None
    yield 0.5
    shoot("repaints-stats")
    repainted = repaint_stats(window, int(count), progress=lambda n: say("repaint", n))
    say("repaints-done", repainted)


def tray(openings: str) -> Steps:
    yield from ready()
    window = main_window()
    assert window is not None
    watcher = MenuWatcher(window)
    QApplication.instance().installEventFilter(watcher)
    window.start_quick("timer-5")
    yield lambda: window.controller.session is not None
    say("session-started", "timer-5")
    # The test opens and closes the tray menu with real clicks meanwhile.
    yield (
        lambda: (
            watcher.shown >= int(openings)
            and not any(isinstance(m, QMenu) and m.isVisible() for m in QApplication.topLevelWidgets())
        )
    )
    yield 0.5
    say("tray-done", watcher.shown, "session-running", window.controller.is_active)
    window.controller.stop()


def preferences(count: str) -> Steps:
    import kindly.settings.options as opt
    from kindly.settings.settings_file import open_settings
    from kindly.ui.settings.preferences_dialog import PreferencesDialog

    yield from ready()
    window = main_window()
    assert window is not None
    mismatches = 0
    for n in range(int(count)):
        window.activateWindow()
        yield window.isActiveWindow  # the window manager gives focus back once the dialog has gone
        QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # Ctrl+, as a person opens it
        yield lambda: any(isinstance(w, PreferencesDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PreferencesDialog) and w.isVisible())
        hide = not dialog.hide_streaks.isChecked()
        click(dialog.hide_streaks)
        dialog.day_start.setValue(n % 4)
        yield 0.05
        if n == 0:
            shoot("preferences")
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)  # changes apply at once
        click(close)
        yield lambda: not dialog.isVisible()
        saved = open_settings()  # a fresh read of the file, as the next launch or a command would read it
        if saved.get(opt.HIDE_STREAKS) != hide or saved.get(opt.DAY_START_HOUR) != n % 4:
            mismatches += 1
    say("preferences-done", int(count), "mismatches", mismatches)


def laptop() -> Steps:
    yield from ready()
    window = main_window()
    assert window is not None
    window.library_view.select(None)  # the silent timer, at its shortest
    panel = window.setup_panel
    panel.minutes.setValue(1)
    panel.warmup.setValue(0)
    yield 0.5
    click(panel.start_button)
    # Check-ins are on for every session here: the one before is skipped, as many people do.
    yield lambda: window.checkin_before is not None and window.checkin_before.isVisible()
    click(window.checkin_before.skip_button)
    yield lambda: window.controller.session is not None
    finished: list[bool] = []
    window.controller.session_finished.connect(lambda outcome: finished.append(bool(outcome.completed)))
    window.controller.paused_changed.connect(lambda paused: say("paused", paused))
    say("session-started")
    yield 1.0
    shoot("laptop-session")
    # The test pauses and resumes the session from the desktop's media controls meanwhile.
    yield lambda: window.controller.is_active and window.controller.position_s() >= 20.0
    window.close()  # the window's close button: with a tray, Kindly goes on there and the session with it
    yield lambda: not window.isVisible()
    say("hidden", window.controller.is_active)
    yield lambda: bool(finished)
    say("session-finished", f"completed={finished[0]}", "visible", window.isVisible())
    # The test clicks the end notification: the window comes back on the end screen.
    yield window.isVisible
    yield 1.0
    say("end-screen", window.pages.currentWidget() is window.end_screen)
    shoot("laptop-end")
    checkin = window.end_screen.checkin
    window.activateWindow()
    yield window.isActiveWindow
    for question in (checkin.kindness, checkin.ease):
        question.slider.setFocus(Qt.FocusReason.TabFocusReason)
        for _ in range(2):
            QTest.keyClick(question.slider, Qt.Key.Key_Right)
        yield 0.2
    say("answers", checkin.kindness.slider.value(), checkin.ease.slider.value())
    click(window.end_screen.done_button)
    yield 0.5
    say("home", window.pages.currentWidget() is not window.end_screen)


SCENARIOS: dict[str, Callable[..., Steps]] = {
    "narrated": narrated,
    "repaints": repaints,
    "tray": tray,
    "preferences": preferences,
    "laptop": laptop,
}


def run_steps(steps: Steps) -> None:
    """Drive `steps` from the event loop: each yield waits without blocking it."""

    def advance() -> None:
        try:
            wait = next(steps)
        except StopIteration:
            say("done")
            QTimer.singleShot(500, QApplication.quit)
            return
        if callable(wait):
            poll(wait)
        else:
            QTimer.singleShot(int(wait * 1000), advance)

    def poll(condition: Callable[[], bool]) -> None:
        if condition():
            QTimer.singleShot(0, advance)
        else:
            QTimer.singleShot(50, lambda: poll(condition))

    QTimer.singleShot(0, advance)


def main(scenario: str, *args: str) -> int:
    qInstallMessageHandler(_on_qt_message)
    create_application(["kindly"])
    run_steps(SCENARIOS[scenario](*args))
    from kindly.cli import main as kindly_main

    status = kindly_main([])
    say("exit", status)
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
