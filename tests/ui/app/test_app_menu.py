"""The window's Kindly menu: every action carries a menu role, so on macOS it joins the application menu."""

from __future__ import annotations

from PySide6.QtGui import QAction

from fakes import FakeClock
from kindly.ui.app.app_menu import add_app_action
from kindly.ui.app.app_presence import AppPresence
from kindly.ui.app.main_window import MainWindow

Role = QAction.MenuRole


def _roles(window: MainWindow) -> dict[str, QAction.MenuRole]:
    return {a.text(): a.menuRole() for a in window.menu_kindly.actions() if not a.isSeparator()}


def test_preferences_about_and_quit_take_their_places_in_the_macos_application_menu(window: MainWindow) -> None:
    assert _roles(window) == {
        "&Preferences…": Role.PreferencesRole,
        "&Keyboard shortcuts": Role.ApplicationSpecificRole,
        "&About Kindly": Role.AboutRole,
        "&Quit": Role.QuitRole,
    }


def test_the_login_switch_goes_to_the_application_menu_as_kindlys_own_item(
    window: MainWindow, clock: FakeClock
) -> None:
    AppPresence(window, clock, available=lambda: False)
    assert _roles(window)["Start Kindly at &login"] == Role.ApplicationSpecificRole


def test_every_action_in_the_menu_moves_so_macos_leaves_no_second_kindly_menu(
    window: MainWindow, clock: FakeClock
) -> None:
    # Qt hides a menu bar menu on macOS once it holds nothing but separators.
    AppPresence(window, clock, available=lambda: False)
    kept = {Role.NoRole, Role.TextHeuristicRole}
    assert [a.text() for a in window.menu_kindly.actions() if not a.isSeparator() and a.menuRole() in kept] == []


def test_an_app_action_is_added_above_about(window: MainWindow) -> None:
    action = QAction("Something app-wide", window)
    add_app_action(window.menu_kindly, action)
    texts = [a.text() for a in window.menu_kindly.actions()]
    assert texts.index("Something app-wide") == texts.index("&About Kindly") - 1
