"""`kindly self-test --window SECONDS`: the real window kept through a session, then its pages repainted.

A Qt binding or a platform plugin that fails only after thousands of calls
(PySide6 6.12.0 on Python 3.11 freed None twelve seconds into a session)
passes every quick check. This one uses the window as a person does: a
silent timer on the session screen with the pacer animating for SECONDS,
then "Your practice" shown and repainted hundreds of times with resizes
and tab switches. It runs on whatever platform Qt is given (a real display,
or offscreen where there is none), with its history and settings in a
temporary folder, so the user's own practice is never touched.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kindly.ui.app.main_window import MainWindow

STATS_REPAINTS = 500
# What the offscreen platform cannot do (raise a window, size it for a window manager, grab the
# keyboard) it says in a warning of its own; that is a limit of the platform, not a fault in Kindly.
OFFSCREEN_LIMIT = "This plugin does not support "


@dataclass(frozen=True)
class WindowReport:
    """What the check saw the window do."""

    seconds: float
    pacer_paints: int
    stats_repaints: int
    finished_early: bool
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return (
            not self.finished_early
            and not self.warnings
            and self.pacer_paints > self.seconds * 5
            and self.stats_repaints >= STATS_REPAINTS
        )


class PaintCounter(QObject):
    """Counts the paint events that reach the widgets it is installed on."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.count = 0

    def watch(self, *widgets: QWidget) -> PaintCounter:
        for widget in widgets:
            widget.installEventFilter(self)
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def run_window_check(seconds: float) -> WindowReport:
    """Keep a visible session for `seconds`, then repaint the stats page; in a private temporary home."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    warnings: list[str] = []

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        from PySide6.QtGui import QGuiApplication

        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if QGuiApplication.platformName() == "offscreen" and message.startswith(OFFSCREEN_LIMIT):
            return
        warnings.append(message)

    with tempfile.TemporaryDirectory(prefix="kindly-window-check-") as home:
        saved = {name: os.environ.get(name) for name in ("KINDLY_DATA_DIR", "KINDLY_CONFIG_DIR")}
        os.environ["KINDLY_DATA_DIR"] = os.path.join(home, "data")
        os.environ["KINDLY_CONFIG_DIR"] = os.path.join(home, "config")
        previous = qInstallMessageHandler(on_message)
        try:
            return _run(seconds, warnings)
        finally:
            qInstallMessageHandler(previous)
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _run(seconds: float, warnings: list[str]) -> WindowReport:
    from kindly.ui.app.app_main import build_parts, create_application
    from kindly.ui.app.qt_binding_check import require_sound_binding

    require_sound_binding()
    app = create_application(["kindly"])
    parts = build_parts(app)
    window = parts.window
    window.show()
    window.reload_library()
    finished: list[bool] = []
    parts.controller.session_finished.connect(lambda outcome: finished.append(True))
    # A timer that outlasts the check (ending by itself would end the test early), paced from its
    # first second: a warm-up's still circle, like a plain timer's ring, draws no frames, and the
    # check counts them.
    from kindly.library.quick_starts import SessionRequest
    from kindly.library.session_choices import SessionChoices

    paced = SessionRequest("timer-20", SessionChoices(minutes=20, warmup_s=0, breath_cues=True))
    if not window.start_session(paced):
        raise RuntimeError(f"the session did not start: {window.notice_bar.text()}")
    pacer = PaintCounter(window).watch(window.session_screen.pacer)
    _spin(app, seconds, lambda: bool(finished))
    early = bool(finished)
    parts.controller.stop()
    window.show_home()
    stats = window.show_stats()
    repaints = repaint_stats(window, STATS_REPAINTS) if stats is not None else 0
    report = WindowReport(seconds, pacer.count, repaints, early, tuple(warnings))
    parts.history.close()
    window.hide()
    _close(window)
    return report


def repaint_stats(window: MainWindow, count: int, progress: Callable[[int], object] | None = None) -> int:
    """Repaint the shown "Your practice" page `count` times, resized each time and now and then left and
    shown again (a tab switch); returns how many repaints painted it. `progress(n)` every 500."""
    stats = window.stats_page
    assert stats is not None
    painted = PaintCounter(window).watch(stats, *stats.findChildren(QWidget))
    size = window.size()
    repainted = 0
    for n in range(count):
        if n % 50 == 25:
            window.tabs.setCurrentIndex(0)
            QCoreApplication.processEvents()
            window.tabs.setCurrentIndex(1)
        else:
            window.resize(size.width() + (n % 40) * 4, size.height() + (n % 30) * 3)
        before = painted.count
        # What the page shows: it scrolls, so its content (StatsView.content) is what is painted.
        getattr(stats, "content", stats).repaint()
        QCoreApplication.processEvents()
        repainted += painted.count > before
        if progress is not None and n % 500 == 0:
            progress(n)
    window.resize(size)
    painted.deleteLater()
    return repainted


def _spin(app: QCoreApplication, seconds: float, done: Callable[[], bool]) -> None:
    """Run the event loop for `seconds` (or until `done()`), as the app's own loop runs it."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    ticker = QTimer()
    ticker.timeout.connect(lambda: loop.quit() if time.monotonic() >= deadline or done() else None)
    ticker.start(100)
    loop.exec()
    ticker.stop()


def _close(window: QWidget) -> None:
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
