"""The window's Kindly menu (Preferences, Keyboard shortcuts, About, Quit) and the About box.

On macOS Qt moves every action with a menu role into the application menu
(the one named after the app), and hides a menu bar menu left with nothing
but separators: every action here carries a role, so macOS shows one Kindly
menu, its own, instead of two.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from kindly import APP_NAME, version


def build_kindly_menu(
    window: QMainWindow, open_preferences: Callable[[], object], open_shortcuts: Callable[[], object] | None = None
) -> QMenu:
    """The menu on `window`'s menu bar; `add_app_action` adds to it (the login switch) above About."""
    menu = window.menuBar().addMenu("&Kindly")
    preferences = QAction("&Preferences…", window)
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    # setShortcuts: setShortcut's overloads build the whole Qt namespace (~100 enums) before the first paint.
    preferences.setShortcuts([QKeySequence("Ctrl+,")])
    preferences.triggered.connect(open_preferences)
    menu.addAction(preferences)
    if open_shortcuts is not None:
        shortcuts = QAction("&Keyboard shortcuts", window)
        shortcuts.setMenuRole(QAction.MenuRole.ApplicationSpecificRole)
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+?")])  # GNOME's keys for the list of keys
        shortcuts.triggered.connect(open_shortcuts)
        menu.addAction(shortcuts)
    about = QAction("&About Kindly", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: show_about(window))
    quit_action = QAction("&Quit", window)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
    # Quit means quit, even with a tray that closing the window would hide to.
    quit_action.triggered.connect(QCoreApplication.quit)
    menu.addAction(about)
    menu.addSeparator()
    menu.addAction(quit_action)
    return menu


def add_app_action(menu: QMenu, action: QAction) -> None:
    """Put an app-wide `action` in the Kindly menu, above About (on macOS: in the application menu)."""
    action.setMenuRole(QAction.MenuRole.ApplicationSpecificRole)
    about = next((a for a in menu.actions() if a.menuRole() == QAction.MenuRole.AboutRole), None)
    if about is not None:
        menu.insertAction(about, action)
    else:
        menu.addAction(action)


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
