"""The path page: the twelve weeks, where the person is, and moving on, leaving and starting again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.core.clock import utc_now
from kindly.core.path_progress import PathProgress, next_week
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.home.path_page import AHEAD, LEAVE_KEPT, LEAVE_QUESTION, THIS_WEEK, WALKED, PathPage
from kindly.ui.session.session_controller import SessionController

PATH = "twelve-weeks-of-kindness"
DAY_S = 24 * 3600.0


def _window(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    catalogue = PracticeCatalogue()  # the bundled practices: the bundled path names them
    win = MainWindow(WindowParts(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock)))
    qtbot.addWidget(win)
    return win


@pytest.fixture
def in_week_five(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    """A person two days into week 5 of the twelve."""
    now = utc_now(clock)
    history.keep_path(PathProgress(PATH, now - timedelta(days=30), 5, now - timedelta(days=2)))
    win = _window(qtbot, settings, controller, history, clock)
    qtbot.waitUntil(lambda: win.week is not None)
    return win


def _page(win: MainWindow) -> PathPage:
    page = win.show_path()
    assert page is not None
    return page


def test_the_path_page_shows_twelve_weeks_with_this_one_marked_and_the_past_ones_walked(
    in_week_five: MainWindow,
) -> None:
    page = _page(in_week_five)
    assert [card.where for card in page.weeks] == [WALKED] * 4 + [THIS_WEEK] + [AHEAD] * 7
    current = page.current_card()
    assert current is not None
    assert current.accessibleName() == "Week 5 of 12, this week: Wishing yourself well"
    assert current.reading.text().startswith("Kind wishes can feel strange at first")
    assert current.practices.text() == "Practice: Kindness toward yourself   ·   Each day: Five senses, eyes open"
    assert page.place.text().startswith("You are in week 5 of 12, day 3 of 7.")


def test_see_the_path_on_today_opens_the_page_with_the_keyboard_on_this_week(
    in_week_five: MainWindow, qtbot: QtBot
) -> None:
    in_week_five.show()
    panel = in_week_five.this_week
    assert panel is not None and not panel.path_link.isHidden()
    panel.path_link.click()
    assert in_week_five.pages.currentWidget() is in_week_five.path_page
    qtbot.waitUntil(lambda: in_week_five.path_page.current_card() is in_week_five.focusWidget())


def test_arrow_keys_move_between_the_weeks_and_esc_goes_back(in_week_five: MainWindow, qtbot: QtBot) -> None:
    in_week_five.show()
    page = _page(in_week_five)
    qtbot.waitUntil(lambda: page.weeks[4].hasFocus())
    qtbot.keyClick(page.weeks[4], Qt.Key.Key_Down)
    assert page.weeks[5].hasFocus()
    qtbot.keyClick(page.weeks[5], Qt.Key.Key_End)
    assert page.weeks[11].hasFocus()
    qtbot.keyClick(page.weeks[11], Qt.Key.Key_Escape)
    assert in_week_five.pages.currentWidget() is in_week_five.tabs


def test_move_on_advances_the_week_as_kindly_path_next_does(
    in_week_five: MainWindow, history: SessionHistory, clock: FakeClock
) -> None:
    before = history.path_progress()
    assert before is not None
    page = _page(in_week_five)
    assert page.move_on_button.text() == "&Move on to week 6"
    page.move_on_button.click()
    history.flush()
    assert history.path_progress() == next_week(before, 12, utc_now(clock))
    assert page.current_card() is page.weeks[5]
    assert in_week_five.this_week is not None
    assert in_week_five.this_week.heading.text() == "Week 6 of 12 on your path: Held by the breath"


def test_the_last_week_offers_no_moving_on(in_week_five: MainWindow, history: SessionHistory) -> None:
    page = _page(in_week_five)
    for _ in range(7):
        page.move_on_button.click()
    history.flush()
    progress = history.path_progress()
    assert progress is not None and progress.week == 12
    assert page.move_on_button.isHidden() and not page.start_again_button.isHidden()


def test_leave_asks_once_and_keeps_the_history(
    in_week_five: MainWindow, history: SessionHistory, clock: FakeClock
) -> None:
    history.begin(300.0, "mindful-breathing")
    clock.advance(300.0)
    history.finish(300.0, True)
    page = _page(in_week_five)
    page.leave_button.click()
    question = page.leave_question
    assert question is not None
    assert (question.text(), question.informativeText()) == (LEAVE_QUESTION, LEAVE_KEPT)
    history.flush()
    assert history.path_progress() is not None  # only asked, not yet left
    leave = next(b for b in question.buttons() if b.text() == "&Leave the path")
    leave.click()
    history.flush()
    assert history.path_progress() is None
    assert len(history.records() or []) == 1  # the session practised on the path stays
    assert in_week_five.week is None and not page.begin_button.isHidden()
    assert in_week_five.notice_bar.text() == "You have stepped off the path; your sessions stay."


def test_staying_keeps_the_person_where_they_are(in_week_five: MainWindow, history: SessionHistory) -> None:
    page = _page(in_week_five)
    page.leave_button.click()
    question = page.leave_question
    assert question is not None and question.defaultButton() is question.escapeButton()
    question.reject()  # Esc, or "Stay on it"
    history.flush()
    progress = history.path_progress()
    assert progress is not None and progress.week == 5


def test_start_again_begins_week_one_now(in_week_five: MainWindow, history: SessionHistory, clock: FakeClock) -> None:
    page = _page(in_week_five)
    page.start_again_button.click()
    history.flush()
    progress = history.path_progress()
    now = utc_now(clock)
    assert progress == PathProgress(PATH, now, 1, now)
    assert page.current_card() is page.weeks[0]
    assert [card.where for card in page.weeks].count(WALKED) == 0


def test_the_first_day_of_week_one_offers_no_start_again(in_week_five: MainWindow, history: SessionHistory) -> None:
    page = _page(in_week_five)
    page.start_again_button.click()
    history.flush()
    assert page.start_again_button.isHidden()


def test_not_on_a_path_the_page_offers_to_begin_and_begins_week_one(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    win = _window(qtbot, settings, controller, history, clock)
    assert win.this_week is not None
    qtbot.waitUntil(lambda: not win.this_week.isHidden())  # type: ignore[union-attr]
    page = _page(win)
    assert len(page.weeks) == 12 and all(card.where is None for card in page.weeks)
    assert [b.isHidden() for b in (page.begin_button, page.move_on_button, page.leave_button)] == [False, True, True]
    page.begin_button.click()
    history.flush()
    progress = history.path_progress()
    assert progress is not None and progress.week == 1
    assert page.current_card() is page.weeks[0]


def test_a_path_walked_to_its_end_says_so(in_week_five: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    page = _page(in_week_five)
    for _ in range(7):
        page.move_on_button.click()
    clock.advance(7 * DAY_S)  # the last week has had its seven days
    in_week_five.show_this_week()  # as the window does when the person comes back
    qtbot.waitUntil(lambda: page.place.text().startswith("You have walked the whole path."))
    assert all(card.where == WALKED for card in page.weeks)


def test_every_tab_stop_on_the_path_page_is_a_named_enabled_control(in_week_five: MainWindow, qtbot: QtBot) -> None:
    from ui.focus_chain import tab_stops, unnamed_stops

    in_week_five.show()
    page = _page(in_week_five)
    qtbot.waitExposed(in_week_five)
    assert len(tab_stops(page)) >= 12 and unnamed_stops(page) == []
