"""The end of a session the person is not looking at: a notification says so, with its minutes.

Closed to the tray or minimised, a session goes on as sound alone and ends with its bell. The
end screen, with its check-in, is then waiting in the hidden window: the notification says the
practice is complete and clicking it brings the window up on that screen. A window in view
needs no notification (the end screen is in front of the person already), and a session the
person stopped themselves needs none either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kindly import APP_NAME
from kindly.ui.app.main_window import MainWindow
from kindly.ui.session.session_controller import SessionOutcome

log = logging.getLogger(__name__)

# Shows (title, text) without taking the focus and runs the callable when it is clicked;
# False when there is nowhere to show it (`kindly.ui.app.notifier.Notifier.notify`).
Notify = Callable[[str, str, Callable[[], None]], bool]


def end_notice_text(outcome: SessionOutcome, checkin: bool) -> str:
    """What the notification says: the practice's length, and the check-in waiting when there is one."""
    minutes = outcome.practised_minutes
    practice = f"Your {minutes}-minute practice" if minutes >= 1 else "Your practice"
    after = "A moment to check in?" if checkin else "Take a gentle moment before you go on."
    return f"{practice} is complete. {after}"


class SessionEndNotice(QObject):
    """Notifies when a session ends by its bell while the window is hidden or minimised."""

    def __init__(self, window: MainWindow, notify: Notify) -> None:
        """Made after the window: its end screen is filled in before this hears the session end."""
        super().__init__(window)
        self._window = window
        self._notify = notify
        window.controller.session_finished.connect(self._on_session_finished)

    def open_end_screen(self) -> None:
        """Bring the window up on what it shows: the end screen, unless the person has moved on since."""
        self._window.raise_window()

    def _in_view(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _on_session_finished(self, outcome: SessionOutcome) -> None:
        if not outcome.completed or self._in_view():
            return
        title = outcome.session.title or APP_NAME
        text = end_notice_text(outcome, checkin=not self._window.end_screen.checkin.isHidden())
        if not self._notify(title, text, self.open_end_screen):
            # The window is minimised (without a tray, closing it quits): its taskbar entry asks
            # for attention, which never takes the focus, and the end screen waits in it.
            log.info("session complete; its end screen waits in the minimised window")
            QApplication.alert(self._window)
