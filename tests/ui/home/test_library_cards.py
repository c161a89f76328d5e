"""The library as calm cards: each the same height, its title and length over one line about it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QCursor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from kindly.library.library_entry import LibraryEntry
from kindly.ui.home.library_entry_delegate import LibraryEntryDelegate, about
from kindly.ui.home.practice_library_view import PracticeLibraryView

LONG = LibraryEntry(
    practice="long",
    title="A practice with much to say",
    minutes=12,
    description="A line about the practice that goes on " * 8,
)
SHORT = LibraryEntry(practice="short", title="Short", minutes=3, description="A few words.")


@pytest.fixture
def view(qtbot: QtBot) -> PracticeLibraryView:
    view = PracticeLibraryView()
    qtbot.addWidget(view)
    view.resize(420, 500)
    view.set_entries([LONG, SHORT])
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_card_is_one_line_high_however_long_its_description(view: PracticeLibraryView) -> None:
    rows = [view.list.visualItemRect(view.list.item(row)).height() for row in range(view.list.count())]
    assert len(set(rows)) == 1
    lines = QFontMetrics(view.list.font()).height()
    assert rows[0] < 5 * lines  # a title and one line, with room around them, never the whole paragraph


def test_the_whole_description_is_the_card_s_tooltip_and_accessible_text(view: PracticeLibraryView) -> None:
    item = view.list.item(1)  # the silent timer is first
    assert LONG.description in item.toolTip()
    assert LONG.title in item.text()


def test_a_broken_script_s_card_tells_its_error() -> None:
    broken = LibraryEntry(
        practice=None, title="mine.txt", minutes=None, description="", error="mine.txt:3: unknown directive 'bel'"
    )
    assert about(broken) == "mine.txt:3: unknown directive 'bel'"


def test_a_card_is_painted_with_its_words(view: PracticeLibraryView) -> None:
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, LibraryEntryDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(view.list)
    size = delegate.sizeHint(option, view.list.model().index(1, 0))
    image = QImage(QSize(400, size.height()), QImage.Format.Format_ARGB32)
    image.fill(view.list.palette().window().color())
    option.rect = image.rect()
    painter = QPainter(image)
    delegate.paint(painter, option, view.list.model().index(1, 0))
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 400, 3) for y in range(0, size.height(), 2)}
    assert len(colours) > 10  # a card, its edge, and anti-aliased words on it


def test_the_cards_fill_the_list_s_width_and_never_scroll_it_sideways(view: PracticeLibraryView) -> None:
    card = view.list.visualItemRect(view.list.item(1))
    assert view.list.horizontalScrollBar().isHidden() or view.list.horizontalScrollBar().maximum() == 0
    assert card.width() >= view.list.viewport().width() - 2 * view.list.spacing() - 1


def test_the_cards_sit_on_the_window_s_colour_and_answer_the_pointer(view: PracticeLibraryView) -> None:
    """Set on the list's own viewport, found by name (not by the binding's slow first `viewport()`)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    from kindly.ui.home.practice_library_view import scroll_viewport

    viewport = scroll_viewport(view.list)
    assert viewport is view.list.viewport()
    assert viewport.backgroundRole() == QPalette.ColorRole.Window
    assert viewport.testAttribute(Qt.WidgetAttribute.WA_Hover)


def test_the_chosen_card_and_the_keyboards_place_are_as_the_list_has_them(
    qtbot: QtBot, view: PracticeLibraryView
) -> None:
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, LibraryEntryDelegate)
    view.list.setCurrentRow(2)
    view.activateWindow()
    view.list.setFocus()
    qtbot.waitUntil(view.list.hasFocus)
    model = view.list.model()
    assert delegate.card_state(model.index(2, 0))[:2] == (True, True)
    assert delegate.card_state(model.index(1, 0))[:2] == (False, False)


def test_the_card_under_the_pointer_is_the_one_that_answers_it(qtbot: QtBot, view: PracticeLibraryView) -> None:
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, LibraryEntryDelegate)
    viewport = view.list.viewport()
    card = view.list.visualItemRect(view.list.item(2))
    QCursor.setPos(viewport.mapToGlobal(card.center()))
    qtbot.mouseMove(viewport, card.center())
    qtbot.waitUntil(lambda: delegate.card_state(view.list.model().index(2, 0))[2])
    assert not delegate.card_state(view.list.model().index(1, 0))[2]
