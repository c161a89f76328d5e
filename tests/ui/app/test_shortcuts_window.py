"""The keyboard shortcuts window: every key the window answers is listed there."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kindly.ui.app.main_window import MainWindow
from kindly.ui.app.shortcuts_window import SHORTCUTS, ShortcutsWindow
from kindly.ui.session.session_media_controls import SessionMediaControls


def listed_keys() -> set[str]:
    """Every key the window lists, as Qt spells it (portable text)."""
    return {QKeySequence(key).toString() for _where, rows in SHORTCUTS for row in rows for key in row.keys}


def test_every_shortcut_of_the_window_is_listed(qtbot: QtBot, window: MainWindow) -> None:
    window.session_screen  # built when first needed; its keys with it  # noqa: B018
    SessionMediaControls(window, lambda: None, parent=window)
    keys = {s.key().toString() for s in window.findChildren(QShortcut)}
    keys |= {k.toString() for a in window.findChildren(QAction) for k in a.shortcuts()}
    assert keys and keys - listed_keys() == set()


def test_the_list_names_full_screen_and_its_double_click(qtbot: QtBot) -> None:
    shown = ShortcutsWindow()
    qtbot.addWidget(shown)
    words = " ".join(label.text() for label in shown.findChildren(QLabel))
    assert "whole screen" in words and "double click" in words


def test_the_shortcuts_window_is_opened_once_and_brought_up_again(window: MainWindow) -> None:
    first = window.open_shortcuts()
    first.close()
    assert window.open_shortcuts() is first and first.isVisible()


def test_esc_at_a_check_in_is_told_as_each_page_does_it(qtbot: QtBot) -> None:
    from kindly.ui.session.checkin_panel import KEYS_HINT, KEYS_HINT_BEFORE

    shown = ShortcutsWindow()
    qtbot.addWidget(shown)
    words = " ".join(label.text() for label in shown.findChildren(QLabel))
    assert "Esc goes back" in KEYS_HINT_BEFORE and "Esc skips" in KEYS_HINT  # what the pages say
    assert "Before a session: back, and nothing starts; after it: skip the check-in" in words
