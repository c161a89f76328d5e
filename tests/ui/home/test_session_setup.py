"""A set-up that stays put: Start in view, More closed at launch and marked, the wheel only on a chosen field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.home.session_setup_panel import MORE_CLOSED, MORE_OPEN, SessionSetupPanel
from kindly.ui.session.session_controller import SessionController


@pytest.fixture
def home(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    """The home page as a person on the path sees it: Today above the practices and the set-up."""
    catalogue = PracticeCatalogue()
    win = MainWindow(WindowParts(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock)))
    qtbot.addWidget(win)
    assert win.this_week is not None
    win.this_week.begin_button.click()
    history.flush()
    return win


def _wheel_over(widget: QWidget, notches: int = -1) -> None:
    """A wheel turned `notches` (negative: toward the person) over the middle of `widget`."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_leaves_an_unfocused_length_alone(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.minutes.setValue(6)
    _wheel_over(panel.minutes, notches=2)
    assert panel.minutes.value() == 6


def test_the_wheel_changes_the_length_once_it_has_the_focus(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.minutes.setFocus()
    qtbot.waitUntil(panel.minutes.hasFocus)
    panel.minutes.setValue(6)
    _wheel_over(panel.minutes, notches=2)
    assert panel.minutes.value() == 8


def test_the_wheel_leaves_unfocused_choices_and_volumes_alone(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_more_shown(True)
    fields = (panel.breath, panel.warmup, panel.interval_bell, panel.bell_every_breaths, panel.bell, panel.ambient)
    before = [f.currentIndex() if hasattr(f, "currentIndex") else f.value() for f in fields]  # type: ignore[attr-defined]
    volumes = {layer: slider.value() for layer, slider in panel.volumes.items()}
    for field in (*fields, *panel.volumes.values()):
        _wheel_over(field)
    after = [f.currentIndex() if hasattr(f, "currentIndex") else f.value() for f in fields]  # type: ignore[attr-defined]
    assert (after, {layer: slider.value() for layer, slider in panel.volumes.items()}) == (before, volumes)


def test_a_field_is_never_focused_by_the_wheel(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    assert panel.minutes.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert panel.breath.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_more_is_closed_at_launch_even_after_it_was_left_open(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    window.setup_panel.more_button.click()
    again = MainWindow(WindowParts(settings, window.controller, window.catalogue))
    qtbot.addWidget(again)
    assert not again.setup_panel.more_button.isChecked() and again.setup_panel.more.isHidden()


def test_more_shows_by_its_arrow_whether_it_is_open(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    assert panel.more_button.text().startswith(MORE_CLOSED)
    panel.more_button.click()
    assert panel.more_button.text().startswith(MORE_OPEN)
    panel.more_button.click()
    assert panel.more_button.text().startswith(MORE_CLOSED)


def _fully_in_view(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_start_stays_in_view_at_800x600_with_more_open(qtbot: QtBot, home: MainWindow) -> None:
    home.resize(800, 600)
    home.show()
    qtbot.waitExposed(home)
    home.setup_panel.more_button.click()
    qtbot.waitUntil(lambda: home.setup_panel.bell.isVisible())
    QApplication.processEvents()
    assert _fully_in_view(home.setup_panel.start_button)


def test_at_800x600_the_home_page_itself_never_scrolls_only_its_columns(qtbot: QtBot, home: MainWindow) -> None:
    home.resize(800, 600)
    home.show()
    qtbot.waitExposed(home)
    home.setup_panel.more_button.click()
    QApplication.processEvents()
    assert home._home_scroll.verticalScrollBar().maximum() == 0  # the page fits: no scroll around the list
    assert home.setup_panel.fields_scroll.verticalScrollBar().maximum() > 0  # More's rows scroll in their column


def test_opening_more_brings_its_rows_into_view_under_its_heading(qtbot: QtBot, home: MainWindow) -> None:
    home.resize(800, 600)
    home.show()
    qtbot.waitExposed(home)
    home.setup_panel.more_button.click()
    qtbot.waitUntil(lambda: home.setup_panel.fields_scroll.verticalScrollBar().value() > 0)
    assert _fully_in_view(home.setup_panel.more_button) and _fully_in_view(home.setup_panel.warmup)


def test_the_two_recurring_bells_are_named_alike_with_their_units(qtbot: QtBot) -> None:
    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    assert (panel.interval_bell.text(), panel.bell_every_breaths.text()) == ("Off", "Off")
    panel.interval_bell.setValue(5)
    panel.bell_every_breaths.setValue(1)
    assert (panel.interval_bell.text(), panel.bell_every_breaths.text()) == ("5 min", "1 breath")
    panel.bell_every_breaths.setValue(4)
    assert panel.bell_every_breaths.text() == "4 breaths"


def test_choosing_the_silent_timer_leaves_it_plain(qtbot: QtBot) -> None:
    from kindly.ui.home.practice_library_view import SILENT_TIMER

    panel = SessionSetupPanel()
    qtbot.addWidget(panel)
    panel.breath_cues.setChecked(True)  # a paced practice was chosen before
    panel.set_practice(SILENT_TIMER)
    assert not panel.breath_cues.isChecked()
