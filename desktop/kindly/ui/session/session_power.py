"""A power policy sized to the session: the display on while the pacer is watched, the system awake
while a session is only heard, nothing otherwise.

A 20-minute sit must not be cut by the screen dimming, locking or the laptop suspending halfway;
but a session listened to with the window away needs only the machine awake, and the screen
may sleep and lock as it always does. Pausing, stopping and the end bell give everything back:
a paused session may wait for hours, and the desktop's own idle rules then apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject

from kindly.platform.keep_awake import AwakeMode

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow

    from kindly.ui.app.main_window import MainWindow


class AwakeHolder(Protocol):
    """What keeps the computer awake (`kindly.platform.keep_awake.KeepAwake`); one mode at a time."""

    def hold(self, mode: AwakeMode) -> None: ...

    def close(self) -> None:
        """Let go of everything before Kindly quits."""
        ...


class SessionPower(QObject):
    """Follows the session and the window, and asks `keep_awake` for what the moment needs.

    - A running session with its pacer in view and the window in front: the display stays on.
    - A running session otherwise (the window hidden to the tray, minimised, or on another
      page): the system stays awake; the screen may sleep and lock.
    - Paused (by the person, or after the computer slept), stopped, ended, or no session:
      nothing is held.

    "In front" means shown and not minimised: the window's own visibility (Windowed, Maximized,
    FullScreen) as the window system reports it, through the QWindow's `visibilityChanged`.
    Whether the window is the *active* one is deliberately left out. Under X11 activation comes
    and goes around every popup (the Sound pop-up, the tray menu, a confirmation, a notification
    taking focus), and a pacer shown on one screen while the person types in another window is
    still being watched. Nothing is lost by ignoring it: while the person uses another window the
    desktop is not idle and its screen does not sleep anyway; once they sit still, the window that
    shows the pacer is what must keep the display on.
    """

    def __init__(self, window: MainWindow, keep_awake: AwakeHolder, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self._window = window
        self._controller = window.controller
        self._keep_awake = keep_awake
        self._asked = AwakeMode.NONE
        self._handle: QWindow | None = None
        self._controller.session_started.connect(self.update)
        self._controller.paused_changed.connect(self.update)
        self._controller.session_finished.connect(self.update)
        window.pages.currentChanged.connect(self.update)
        window.hidden.connect(self.update)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def asked(self) -> AwakeMode:
        """What was last asked of `keep_awake`."""
        return self._asked

    def wanted(self) -> AwakeMode:
        """What the session and the window need now."""
        if not self._controller.is_active or self._controller.is_paused:
            return AwakeMode.NONE
        if self._window.session_showing and self.window_in_front():
            return AwakeMode.DISPLAY
        return AwakeMode.SYSTEM

    def window_in_front(self) -> bool:
        """Shown and not minimised (see the class's note on why activation is not asked)."""
        from PySide6.QtGui import QWindow

        handle = self._window.windowHandle()
        if handle is None or not self._window.isVisible():
            return False
        return handle.visibility() not in (QWindow.Visibility.Hidden, QWindow.Visibility.Minimized)

    def update(self, *_: object) -> None:
        """Look at the session and the window again; ask for a change only when there is one."""
        if self._controller.is_active:
            self._follow_window()
        wanted = self.wanted()
        if wanted is not self._asked:
            self._asked = wanted
            self._keep_awake.hold(wanted)

    def _follow_window(self) -> None:
        """Hear the window's minimising, restoring, hiding and showing from its QWindow.

        A window started hidden in the tray has no QWindow yet: it is made (not shown) here, so
        that showing it later is heard. A signal, never an event filter: each of the window's
        events, a session's every repaint among them, would otherwise pass through Python.
        """
        handle: QWindow | None = self._window.windowHandle()  # None before the window is first made
        if handle is None:
            self._window.winId()
            handle = self._window.windowHandle()
        if handle is not None and handle is not self._handle:
            self._handle = handle
            handle.visibilityChanged.connect(self.update)

    def close(self) -> None:
        """Let go of everything and wait until the desktop has heard it (Kindly quitting, its bus still open)."""
        self._asked = AwakeMode.NONE
        self._keep_awake.close()
