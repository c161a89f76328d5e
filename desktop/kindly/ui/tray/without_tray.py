"""Kindly where there is no system tray (GNOME without AppIndicator, a bare window manager).

The window is then the way to use Kindly: closing it quits, and `kindly --tray`
opens it and says why. `isSystemTrayAvailable` is asked at the moment the
window closes, so a tray host that comes or goes while Kindly runs is followed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QGuiApplication

from kindly.ui.tray.tray_icon import tray_available

Availability = Callable[[], bool]

NO_TRAY_LINE = "kindly: no system tray is available here, so Kindly opens its window instead"
NO_TRAY_NOTICE = "No system tray was found, so Kindly opened its window. Closing the window quits Kindly."


class QuitWithoutTray(QObject):
    """Closing the window keeps Kindly in the tray only when there is a tray to keep it in.

    Told by the window's `closing` signal, as it closes, it decides whether that was the last way
    to reach Kindly (quit) or not. A signal, not an event filter on the window: every event the
    window gets (an update request for each frame of a session) would pass through Python.
    """

    def __init__(
        self, closing: SignalInstance, available: Availability = tray_available, parent: QObject | None = None
    ) -> None:
        """`parent` keeps it (the window, or what holds the window)."""
        super().__init__(parent)
        self._available = available
        closing.connect(self.apply)
        self.apply()

    def apply(self) -> None:
        QGuiApplication.setQuitOnLastWindowClosed(not self._available())


class NoticeWindow(Protocol):
    """The main window, as far as `--tray` needs it."""

    def show(self) -> None: ...

    def show_notice(self, message: str) -> None: ...


def start_hidden_or_explain(window: NoticeWindow, available: Availability = tray_available) -> bool:
    """For `kindly --tray`: stay hidden when a tray can hold Kindly (True); else show the window and say why."""
    if available():
        return True
    print(NO_TRAY_LINE, file=sys.stderr, flush=True)
    window.show_notice(NO_TRAY_NOTICE)
    window.show()
    return False
