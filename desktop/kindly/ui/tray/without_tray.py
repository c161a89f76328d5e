"""Kindly where there is no system tray (GNOME without AppIndicator, a bare window manager).

The window is then the way to use Kindly: closing it quits, and `kindly --tray`
opens it and says why. `isSystemTrayAvailable` is asked at the moment the
window closes, so a tray host that comes or goes while Kindly runs is followed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kindly.ui.tray.tray_icon import tray_available

Availability = Callable[[], bool]

NO_TRAY_LINE = "kindly: no system tray is available here, so Kindly opens its window instead"
NO_TRAY_NOTICE = "No system tray was found, so Kindly opened its window. Closing the window quits Kindly."


class QuitWithoutTray(QObject):
    """Closing the window keeps Kindly in the tray only when there is a tray to keep it in.

    Installed as an event filter on the main window: as the window closes it
    decides whether that was the last way to reach Kindly (quit) or not.
    """

    def __init__(self, window: QWidget, available: Availability = tray_available) -> None:
        super().__init__(window)
        self._available = available
        self._window = window
        window.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        QGuiApplication.setQuitOnLastWindowClosed(not self._available())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the window is being destroyed this object's Python half may be gone already.
        if event.type() == QEvent.Type.Close and watched is getattr(self, "_window", None):
            self.apply()
        return False


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
