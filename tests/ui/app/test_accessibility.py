"""Every control can be named by a screen reader and reached from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kindly.settings.settings_model import Settings
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.session.session_controller import SessionController
from kindly.ui.stats.stats_view import StatsView
from ui.conftest import catalogue_of

INTERACTIVE = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView, QTabBar)


def _owned_by_another_control(widget: QWidget) -> bool:
    """Qt's inner parts (a spin box's editor, a combo's pop-up list, a scroll bar) speak through their owner;
    a page that scrolls (a QScrollArea) owns nothing: its controls are checked like any other."""
    parent = widget.parentWidget()
    while parent is not None:
        owner = isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea)
        if owner or isinstance(parent, (*INTERACTIVE, QMenuBar)):
            return True
        parent = parent.parentWidget()
    return False


@pytest.fixture
def full_window(qtbot: QtBot, settings: Settings, controller: SessionController) -> MainWindow:
    """The main window with every page built: home, stats, the check-in, the session and the end screen."""

    win = MainWindow(
        WindowParts(
            settings, controller, catalogue=catalogue_of(), stats_page=lambda: StatsView(forget=lambda _id, _done: None)
        )
    )
    qtbot.addWidget(win)
    win.show_stats()
    win.show_checkin_before("the silent timer")
    assert win.session_screen is not None and win.end_screen is not None
    return win


def _controls(window: MainWindow) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and not isinstance(w, QScrollBar) and not _owned_by_another_control(w)
    ]


def test_the_window_has_controls_to_check(full_window: MainWindow) -> None:
    assert len(_controls(full_window)) >= 30


def _read_name(widget: QWidget) -> str:
    """The name a screen reader is given: the widget's own words or its form label's, unless it has one set."""
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_every_interactive_control_has_an_accessible_name(full_window: MainWindow) -> None:
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in _controls(full_window) if not _read_name(w).strip()]
    assert unnamed == []


def test_every_interactive_control_can_take_keyboard_focus(full_window: MainWindow) -> None:
    unreachable = [_read_name(w) for w in _controls(full_window) if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)]
    assert unreachable == []


def _mnemonic(text: str) -> str | None:
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if 0 <= at < len(cleaned) - 1 else None


def test_every_labelled_control_on_the_home_page_has_its_own_mnemonic(qtbot: object, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    window.show()
    texts = [w.text() for w in window.findChildren(QLabel) if w.buddy() is not None and w.isVisibleTo(window)]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisibleTo(window) and w.text()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions()]
    keys = [_mnemonic(t) for t in texts]
    missing = [t for t, k in zip(texts, keys) if k is None]
    repeated = sorted({k for k in keys if k is not None and keys.count(k) > 1})
    assert (missing, repeated) == ([], [])


@pytest.mark.parametrize("page", ["before", "after"])
def test_every_control_of_a_check_in_has_its_own_mnemonic(full_window: MainWindow, page: str) -> None:
    from PySide6.QtWidgets import QLabel

    screen = full_window.checkin_before.parentWidget() if page == "before" else full_window.end_screen  # type: ignore[union-attr]
    labels = [w.text() for w in screen.findChildren(QLabel) if w.buddy() is not None]
    texts = labels + [w.text() for w in screen.findChildren(QAbstractButton) if w.text()]
    keys = [_mnemonic(t) for t in texts]
    assert [t for t, k in zip(texts, keys) if k is None] == []
    assert sorted({k for k in keys if k is not None and keys.count(k) > 1}) == []


def test_with_more_open_every_labelled_control_still_has_its_own_mnemonic(qtbot: object, window: MainWindow) -> None:
    window.setup_panel.more_button.setChecked(True)
    test_every_labelled_control_on_the_home_page_has_its_own_mnemonic(qtbot, window)
