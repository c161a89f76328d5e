"""Run by the AT-SPI tests: the real Kindly, launched as `kindly` launches it, shown screen by screen.

Usage: python atspi_driver.py FOLDER

The driver makes the QApplication and calls `kindly.cli.main([])` (the same start-up as the desktop
launcher), then shows each screen in turn: home, "Your practice", Preferences, the path, the set-up
with a breath pattern it cannot follow and then with one it can, a one-minute silent timer running,
and the end screen after Stop. At each it writes the words its labels draw to FOLDER/SCREEN.json,
says `atspi: screen SCREEN` on stdout, and waits until the test has read the accessible tree and
made FOLDER/SCREEN.read. It never asserts; the test does.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from kindly.ui.app.app_main import create_application
from kindly.ui.app.main_window import MainWindow
from kindly.ui.home.session_setup_panel import SessionSetupPanel

Wait = Callable[[], bool]
Steps = Generator[Wait, None, None]
POLL_MS = 50


def say(*words: object) -> None:
    print("atspi:", *words, flush=True)


def main_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)


def drawn(text: str) -> str:
    """The words a label draws: rich text as plain text, a mnemonic's & gone."""
    if QtGuiNamespace.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shown(folder: Path, screen: str) -> Steps:
    """Tell the test this screen is up, with the words its labels draw; wait until it has read the tree."""
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    labels = [w for window in windows for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    (folder / f"{screen}.json").write_text(json.dumps([drawn(label.text()) for label in labels]))
    say("screen", screen)
    yield (folder / f"{screen}.read").exists


def breath_pattern(folder: Path, panel: SessionSetupPanel) -> Steps:
    """The set-up with a custom breath pattern that cannot be followed, then with one that can."""
    panel.breath.setCurrentIndex(panel.breath.findData("custom"))
    panel.custom_breath.setText("4-x")
    yield panel.breath_error.isVisible
    yield from shown(folder, "breath-invalid")
    panel.custom_breath.setText("4-6")
    yield lambda: not panel.breath_error.isVisible()
    yield from shown(folder, "breath-valid")
    panel.breath.setCurrentIndex(0)


def screens(folder: Path) -> Steps:
    yield lambda: (w := main_window()) is not None and w.isVisible() and w.library_view.entries() != []
    window = main_window()
    assert window is not None
    yield lambda: window.this_week is None or window.this_week.isVisible()  # once the history has answered
    yield from shown(folder, "home")
    window.show_stats()
    yield lambda: window.tabs.currentIndex() == 1
    yield from shown(folder, "stats")
    window.show_home()
    preferences = window.open_preferences()
    yield preferences.isVisible
    yield from shown(folder, "preferences")
    preferences.close()
    if hasattr(window, "show_path"):  # an older Kindly (counted for comparison) had no path page
        path = window.show_path()
        yield lambda: path is not None and path.isVisible()
        yield from shown(folder, "path")
        window.show_home()
    window.tabs.setCurrentIndex(0)  # the practice tab, where the set-up is (the path may be on another)
    panel = window.setup_panel
    yield panel.isVisible
    yield from breath_pattern(folder, panel)
    window.library_view.select(None)
    panel.minutes.setValue(1)
    panel.warmup.setValue(0)
    panel.start_button.click()
    yield lambda: window.controller.session is not None and window.session_screen.time_label.text().endswith("left")
    yield from shown(folder, "session")
    window.controller.stop()
    yield lambda: window.pages.currentWidget() is window.end_screen
    yield from shown(folder, "end")
    say("done")
    QApplication.instance().quit()


def run_steps(steps: Steps) -> None:
    """Drive `steps` from the event loop: each yields a condition, polled until it holds."""
    waiting: list[Wait] = []

    def tick() -> None:
        if waiting and not waiting[0]():
            return
        waiting.clear()
        try:
            waiting.append(next(steps))
        except StopIteration:
            timer.stop()

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(tick)
    timer.start()
    run_steps.timer = timer  # type: ignore[attr-defined]  # kept alive with the app


def main(folder: str) -> int:
    create_application(["kindly"])
    run_steps(screens(Path(folder)))
    from kindly.cli import main as kindly_main

    status = kindly_main([])
    say("exit", status)
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
