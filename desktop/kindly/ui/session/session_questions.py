"""The two questions asked before a running session is ended by the person: stopping it, replacing it.

Each is a message box opened on the window (`open()`: it never blocks the
event loop, so the session goes on and a test can answer it); its buttons
say what they do, "Keep going" is the default and Esc, and a letter
(S, K) answers from the keyboard. Answered, it closes itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

STOP_QUESTION = "Stop this session?"
KEPT_LINE = "The minutes practised so far are kept."
# Under this far into a session (pauses not counted), Stop and Esc stop at once: nothing much is lost.
ASK_BEFORE_STOPPING_AFTER_S = 60.0


class SessionQuestion(QMessageBox):
    """A yes-or-keep-going question; `yes_button` does what was asked, `keep_button` leaves the session be."""

    def __init__(self, parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(KEPT_LINE)
        self.setAccessibleName(text)
        self.yes_button: QPushButton = self.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        self.keep_button: QPushButton = self.addButton("&Keep going", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)  # a key pressed twice by mistake never ends a sit
        self.setEscapeButton(self.keep_button)
        self.yes_button.clicked.connect(on_yes)


def ask_to_stop(parent: QWidget, stop: Callable[[], None]) -> SessionQuestion:
    """Ask "Stop this session?"; `stop` is called if the person says so."""
    question = SessionQuestion(parent, STOP_QUESTION, STOP_QUESTION, "&Stop session", stop)
    question.open()
    return question


def ask_to_replace(parent: QWidget, title: str, replace: Callable[[], None]) -> SessionQuestion:
    """Ask before a running session gives way to `title` (a start from the window, the tray or `--start`)."""
    text = f"A session is running. Stop it and start {title}?"
    question = SessionQuestion(parent, "Start another session?", text, "&Stop and start", replace)
    question.open()
    return question
