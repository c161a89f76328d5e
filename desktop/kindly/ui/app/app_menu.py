"""The window's Kindly menu (Preferences, About, Quit) and the About box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from kindly import APP_NAME, version


def build_kindly_menu(window: QMainWindow, open_preferences: Callable[[], object]) -> QMenu:
    """The menu on `window`'s menu bar; the tray adds its login switch above About."""
    menu = window.menuBar().addMenu("&Kindly")
    preferences = QAction("&Preferences…", window)
    # setShortcuts: setShortcut's overloads build the whole Qt namespace (~100 enums) before the first paint.
    preferences.setShortcuts([QKeySequence("Ctrl+,")])
    preferences.triggered.connect(open_preferences)
    menu.addAction(preferences)
    about = QAction("&About Kindly", window)
    about.triggered.connect(lambda: show_about(window))
    quit_action = QAction("&Quit", window)
    quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
    # Quit means quit, even with a tray that closing the window would hide to.
    quit_action.triggered.connect(QCoreApplication.quit)
    menu.addAction(about)
    menu.addSeparator()
    menu.addAction(quit_action)
    return menu


def show_about(parent: QMainWindow) -> None:
    """What Kindly is, that it stays on this computer, and that it is not therapy."""
    from PySide6.QtWidgets import QMessageBox

    from kindly.ui.home.practice_library_view import NOT_THERAPY_NOTE

    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<p><b>{APP_NAME} {version()}</b></p>"
        "<p>A meditation timer for self-compassion practice: narrated practices "
        "over a gentle, breath-paced bell timer. Everything stays on this computer.</p>"
        f"<p>{NOT_THERAPY_NOTE} If you are struggling, please reach out to someone "
        "you trust or to a professional.</p>",
    )
