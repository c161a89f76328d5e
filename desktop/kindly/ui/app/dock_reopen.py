"""Clicking Kindly's Dock icon brings back the window that was closed to the tray (macOS).

Qt's Cocoa plugin turns each Dock click (and each "open Kindly" from Finder,
Spotlight or `open -a`, which macOS sends to the running app as a reopen) into
`applicationStateChanged(ApplicationActive)`, sent again even while Kindly is
already the active app, and shows no window itself: that is left to the app.
`AppPresence` wires this only where `reopens_window_on_activate()` says the
desktop expects it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kindly.ui.app.main_window import MainWindow

ACTIVE = Qt.ApplicationState.ApplicationActive


class DockReopen(QObject):
    """Shows the hidden window when the app is activated, as the tray's "Show Kindly" does."""

    def __init__(self, window: MainWindow, state: Qt.ApplicationState, parent: QObject | None = None) -> None:
        """`state`: the application's state now; connect `application_state_changed` for the changes."""
        super().__init__(parent)
        self._window = window
        self._state = state
        # Until the person has had the window and put it away, an activation is no request:
        # Qt activates the app itself as it finishes launching, `kindly --tray` at login too.
        self._put_away = False
        window.hidden.connect(self._note_put_away)

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        """For QGuiApplication.applicationStateChanged."""
        already_active = self._state == ACTIVE
        self._state = state
        if state != ACTIVE:
            return
        # Active again while active: only a reopen (a Dock click) sends that.
        if not (already_active or self._put_away):
            return
        if self._window.isVisible() or _another_window_shows(self._window):
            return  # the system brings forward what is on screen
        self._window.raise_window()

    def _note_put_away(self) -> None:
        self._put_away = True


def _another_window_shows(window: QWidget) -> bool:
    """Whether a dialog or window other than `window` is on screen (menus and tooltips aside)."""
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)
    return any(
        other is not window and other.isVisible() and other.windowType() in kinds
        for other in QApplication.topLevelWidgets()
    )
