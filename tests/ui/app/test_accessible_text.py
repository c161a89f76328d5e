"""What a screen reader and speech input get from each page, read through Qt's own accessibility layer.

Three rules (WCAG 2.5.3 "label in name", and Qt's model, where a label's text *is* its name):
a control that takes focus has a name; that name holds the words drawn on it or beside it, so
"click Test sound" works; and a label that shows words is read as those words, never as a caption
standing in for them (a named label reads "Time left", never "1:34 left").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.session.session_controller import SessionController
from kindly.ui.stats.stats_view import StatsView
from ui.app.test_accessibility import INTERACTIVE, _owned_by_another_control
from ui.conftest import RETURNING, show_session_screen


def _name(widget: QWidget) -> str:
    """What the screen reader is given as the widget's name.

    A combo box is the exception: on Linux Qt gives its current choice as its name and its label
    through the labelled-by relation, so its name as other platforms read it is checked instead.
    """
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    if isinstance(widget, QComboBox):
        return widget.accessibleName() or _visible_label(widget, widget.window())
    return interface.text(QAccessible.Text.Name)


def _drawn(text: str) -> str:
    """The words a label or button draws: rich text as plain text, the mnemonic's & gone."""
    if QtGuiNamespace.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return re.sub(r"&(.)", r"\1", text)


def _words(text: str) -> str:
    """The words alone, as speech input hears them: no case, no punctuation, no arrows or ellipses."""
    return " " + " ".join(re.sub(r"[^\w']+", " ", text).split()).casefold() + " "


def _visible_label(widget: QWidget, window: QWidget) -> str:
    """The words a sighted person reads as this control's label: its own text, or its form label's."""
    if isinstance(widget, QAbstractButton):
        return _drawn(widget.text())
    buddies = [label for label in window.findChildren(QLabel) if label.buddy() is widget and label.text()]
    return _drawn(buddies[0].text()) if buddies else ""


@pytest.fixture
def pages(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> Iterator[list[QWidget]]:
    """Every page and window Kindly shows: home with the path's card (More open), the path, stats, both
    check-ins, the session, the end screen, Preferences and the keys list."""
    catalogue = PracticeCatalogue()
    win = MainWindow(
        WindowParts(
            settings,
            controller,
            catalogue,
            path=PathWeekSource(catalogue, history, clock),
            story=lambda: RETURNING,
            stats_page=lambda: StatsView(forget=lambda _id, _done: None),
        )
    )
    qtbot.addWidget(win)
    assert win.this_week is not None
    win.setup_panel.set_more_shown(True)
    win.show_stats()
    _ = win.path_page
    win.show_checkin_before("the silent timer")
    assert win.session_screen is not None and win.end_screen is not None
    preferences = win.open_preferences()
    shortcuts = win.open_shortcuts()
    yield [win, preferences, shortcuts]
    preferences.close()
    shortcuts.close()


def _controls(window: QWidget) -> list[QWidget]:
    """The window's own controls (a dialog it owns is a page of its own, checked once)."""
    return [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not isinstance(w, QScrollBar)
        and not _owned_by_another_control(w)
        and w.window() is window
    ]


def _labels(window: QWidget) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if label.window() is window]


def test_every_page_has_controls_and_labels_to_check(pages: list[QWidget]) -> None:
    assert sum(len(_controls(page)) for page in pages) >= 40
    assert sum(len(_labels(page)) for page in pages) >= 40


def test_every_focusable_control_has_a_name(pages: list[QWidget]) -> None:
    """A control hidden while it has nothing to say (a button with no words yet) is out of the way."""
    unnamed = [
        f"{type(w).__name__} {_visible_label(w, page)!r}"
        for page in pages
        for w in _controls(page)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden() and not _name(w).strip()
    ]
    assert not unnamed, "\n".join(unnamed)


def test_every_control_s_name_holds_the_words_shown_for_it(pages: list[QWidget]) -> None:
    """Speech input: "click Test sound" finds the button that says Test sound."""
    mismatched = [
        f"{_visible_label(w, page)!r} is named {_name(w)!r}"
        for page in pages
        for w in _controls(page)
        if _visible_label(w, page) and _words(_visible_label(w, page)) not in _words(_name(w))
    ]
    assert not mismatched, "\n".join(mismatched)


def test_a_field_with_a_form_label_is_named_by_it_once(pages: list[QWidget]) -> None:
    """A screen reader says the form label and the name: both the same, it says "Length" once."""
    doubled = [
        f"{_visible_label(w, page)!r} is named {_name(w)!r}"
        for page in pages
        for w in _controls(page)
        if not isinstance(w, QAbstractButton)
        and _visible_label(w, page)
        and _words(_name(w)) != _words(_visible_label(w, page))
    ]
    assert not doubled, "\n".join(doubled)


def test_every_label_reads_as_the_words_it_draws(pages: list[QWidget]) -> None:
    """A label's accessible text is its drawn text (a caption it needs goes in its description)."""
    hidden = [
        f"{label.objectName() or type(label.parentWidget()).__name__}: draws {_drawn(label.text())!r}, "
        f"reads {_name(label)!r}"
        for page in pages
        for label in _labels(page)
        if (label.text() or label.pixmap().isNull()) and _name(label) != _drawn(label.text())
    ]
    assert not hidden, "\n".join(hidden)


def test_the_time_left_reads_as_the_time_left(qtbot: QtBot, controller: SessionController, clock: FakeClock) -> None:
    screen = show_session_screen(qtbot, controller, SessionRequest("timer-10", SessionChoices(minutes=10, warmup_s=0)))
    clock.advance(61.5)
    screen.refresh()
    assert (_name(screen.time_label), screen.time_label.accessibleDescription()) == ("8:59 left", "Time left")


def test_the_pause_button_is_named_by_what_it_will_do(
    qtbot: QtBot, controller: SessionController, clock: FakeClock
) -> None:
    screen = show_session_screen(qtbot, controller, SessionRequest("timer-10", SessionChoices(minutes=10)))
    before = _name(screen.pause_button)
    controller.toggle_pause()
    assert (before, _name(screen.pause_button)) == ("Pause the session", "Resume the session")
