"""Qt's own messages, where Kindly has no standard error: kept in Kindly's log.

Qt writes its warnings to the process's standard error (in a Windows GUI
program, to a debugger that is not there), so a windowed `kindly.exe` would
lose them, the fatal one included: a missing platform plugin is told in a
Qt fatal message, after which Qt ends the process. Routed here, each goes to
the log (`kindly.platform.windowed_messages`), and a fatal one to a message
box as well, which needs no Qt.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("kindly.qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_qt_messages_without_stderr() -> bool:
    """With no standard error, send Qt's messages to the log from now on; True when it did.

    Called before the QApplication is made, so that a platform plugin that cannot load is kept too.
    """
    if sys.stderr is not None:
        return False
    qInstallMessageHandler(qt_message_to_log)
    return True


def qt_message_to_log(kind: QtMsgType, _context: QMessageLogContext | None, message: str) -> None:
    log.log(LEVELS.get(kind, logging.WARNING), "%s", message)
    if kind == QtMsgType.QtFatalMsg:  # Qt ends the process when this returns: the user is told first
        from kindly.platform.windowed_messages import show_error_box

        show_error_box(f"kindly: failed: {message}")
