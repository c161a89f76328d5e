"""This week on the path: offered on the home page, begun, started with one click, and moved on."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow
from kindly.ui.session.session_controller import SessionController
from ui.recording_player import PlayerBox

pytestmark = pytest.mark.gui
DAY_S = 24 * 3600.0


@pytest.fixture
def home(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    catalogue = PracticeCatalogue()  # the bundled practices: the bundled path names them
    win = MainWindow(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock))
    qtbot.addWidget(win)
    return win


def test_not_on_a_path_the_home_page_offers_the_twelve_weeks_once(home: MainWindow, qtbot: QtBot) -> None:
    panel = home.this_week
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.isHidden())  # once the history's thread has answered
    assert panel.heading.text() == "Twelve weeks of kindness"
    assert panel.today.text() == "Begin whenever you like; missed days never count against you."
    assert (panel.begin_button.isHidden(), panel.start_button.isHidden()) == (False, True)


def test_beginning_the_path_shows_week_one_and_keeps_it(home: MainWindow, history: SessionHistory) -> None:
    assert home.this_week is not None
    home.this_week.begin_button.click()
    history.flush()
    assert home.this_week.heading.text() == "Week 1 of 12 on your path: Arriving in the breath"
    assert home.this_week.today.text().startswith("Today: A one-minute pause.")
    assert "not therapy" in home.notice_bar.text()  # said once, as the path begins
    progress = history.path_progress()
    assert progress is not None and (progress.path_id, progress.week) == ("twelve-weeks-of-kindness", 1)


def test_one_click_starts_today_s_practice(home: MainWindow, players: PlayerBox) -> None:
    assert home.this_week is not None
    home.this_week.begin_button.click()
    home.this_week.start_button.click()
    assert players.current.plan is not None and players.current.plan.config.practice == "one-minute-pause"


def test_after_this_week_s_practice_the_end_screen_asks_the_week_s_question(
    home: MainWindow, players: PlayerBox, clock: FakeClock
) -> None:
    assert home.this_week is not None
    home.this_week.begin_button.click()
    home.this_week.start_button.click()
    clock.advance(5.0 + 60.0 + 1.0)
    home.controller.refresh()
    prompt = home.end_screen.prompt_label
    assert not prompt.isHidden() and prompt.text().startswith("To reflect on: When did you notice your mind")


def test_after_any_other_practice_no_question_is_asked(home: MainWindow, clock: FakeClock) -> None:
    assert home.this_week is not None
    home.this_week.begin_button.click()
    home.start_quick("timer-5")
    clock.advance(5.0 + 300.0 + 1.0)
    home.controller.refresh()
    assert home.end_screen.prompt_label.isHidden()


def test_a_week_that_has_had_its_days_gives_way_to_the_next_when_the_person_comes_back(
    home: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    panel = home.this_week
    assert panel is not None
    panel.begin_button.click()
    clock.advance(40 * DAY_S)  # away for more than a month
    home.reload_library()
    qtbot.waitUntil(lambda: panel.heading.text() == "Week 2 of 12 on your path: Naming what is here")
    history.flush()
    progress = history.path_progress()
    assert progress is not None and progress.week == 2


def test_on_the_path_the_daily_reminder_names_today_s_practice(
    home: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    from kindly.ui.app.app_presence import AppPresence
    from kindly.ui.tray.reminder import REMINDER_TEXT

    presence = AppPresence(home, clock, available=lambda: False)
    before = presence.reminder_text()
    assert home.this_week is not None
    home.this_week.begin_button.click()
    assert (before, presence.reminder_text()) == (
        REMINDER_TEXT,
        "Today on your path: A one-minute pause. A few quiet, kind minutes, whenever you are ready.",
    )


def test_the_tray_s_first_item_follows_the_week_as_soon_as_it_is_known(home: MainWindow, clock: FakeClock) -> None:
    from kindly.ui.app.app_presence import AppPresence

    presence = AppPresence(home, clock, available=lambda: True)
    assert presence.tray is not None
    assert home.this_week is not None
    home.this_week.begin_button.click()  # the week is known: the menu is rebuilt without being opened
    first = next(a for a in presence.tray.menu.actions() if a.isVisible() and not a.isSeparator() and a.text())
    assert (first.text(), first.data()) == ("Today on your path: A one-minute pause", "one-minute-pause")
    presence.tray.icon.hide()


def test_not_on_a_path_a_person_who_has_practised_gets_one_start_for_their_usual_session(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    import kindly.settings.options as opt

    settings.set(opt.PRACTICE, "mindful-breathing")
    catalogue = PracticeCatalogue()
    win = MainWindow(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock))
    qtbot.addWidget(win)
    panel = win.this_week
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.isHidden())
    assert panel.title.text() == "Today"
    assert panel.start_button.text() == "Start to&day: Mindful breathing" and not panel.start_button.isHidden()
    assert not panel.begin_button.isHidden()  # the path is still offered beside it
    panel.start_button.click()
    assert controller.session is not None and controller.session.request.name == "last"


def test_today_says_the_streak_kindly_once_the_history_answers(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    catalogue = PracticeCatalogue()
    win = MainWindow(
        settings,
        controller,
        catalogue,
        path=PathWeekSource(catalogue, history, clock),
        streak_later=lambda answer: answer(4),
    )
    qtbot.addWidget(win)
    assert win.this_week is not None
    qtbot.waitUntil(lambda: not win.this_week.streak.isHidden())
    assert win.this_week.streak.text() == "4 days of practice in a row. However today goes, it counts."


@pytest.mark.parametrize("days", [None, 0])
def test_with_no_streak_or_streaks_hidden_today_says_nothing_of_one(days: int | None) -> None:
    from kindly.ui.home.this_week_panel import streak_words

    assert streak_words(days) == ""


def test_one_day_is_a_good_beginning() -> None:
    from kindly.ui.home.this_week_panel import streak_words

    assert streak_words(1) == "One day of practice so far: a good beginning."
