"""This week on the path: offered on the home page, begun, started with one click, and moved on."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.core.practice_words import PracticeStory
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.home.this_week_panel import ThisWeekPanel
from kindly.ui.session.session_controller import SessionController
from ui.recording_player import PlayerBox

DAY_S = 24 * 3600.0


@pytest.fixture
def home(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    catalogue = PracticeCatalogue()  # the bundled practices: the bundled path names them
    win = MainWindow(WindowParts(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock)))
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
    assert home.this_week.start_button.accessibleName() == "Start: A one-minute pause"
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
    assert (first.text(), first.data()) == ("Start: A one-minute pause", "one-minute-pause")
    presence.tray.icon.hide()


def test_not_on_a_path_a_person_who_has_practised_gets_one_start_for_their_usual_session(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    import kindly.settings.options as opt

    settings.set(opt.PRACTICE, "mindful-breathing")
    catalogue = PracticeCatalogue()
    win = MainWindow(WindowParts(settings, controller, catalogue, path=PathWeekSource(catalogue, history, clock)))
    qtbot.addWidget(win)
    panel = win.this_week
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.isHidden())
    assert panel.title.text() == "Today"
    assert panel.start_button.text() == "&Start: Mindful breathing" and not panel.start_button.isHidden()
    assert panel.begin_button.isHidden()  # one large invitation; the path is offered on the quieter line
    assert panel.other_button.text() == "Or begin the path: Twelve weeks of kindness"
    panel.start_button.click()
    assert controller.session is not None and controller.session.request.name == "last"


def _home_told(
    qtbot: QtBot,
    settings: Settings,
    controller: SessionController,
    history: SessionHistory,
    clock: FakeClock,
    story: PracticeStory,
) -> MainWindow:
    """The home page of a person whose history tells `story`."""
    catalogue = PracticeCatalogue()
    win = MainWindow(
        WindowParts(
            settings,
            controller,
            catalogue,
            path=PathWeekSource(catalogue, history, clock),
            story_later=lambda answer: answer(story),
        )
    )
    qtbot.addWidget(win)
    return win


def _shown_card(qtbot: QtBot, home: MainWindow) -> ThisWeekPanel:
    """The home page's Today card, once it shows (the history's thread has answered)."""
    panel = home.this_week
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.isHidden())
    return panel


def test_today_says_the_streak_kindly_once_the_history_answers(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    story = PracticeStory(practice_days=4, current_streak=4, longest_streak=4, days_away=1, seconds_today=0.0)
    win = _home_told(qtbot, settings, controller, history, clock, story)
    assert win.this_week is not None
    qtbot.waitUntil(lambda: not win.this_week.encouragement.isHidden())
    assert win.this_week.encouragement.text() == "4 days of practice in a row. However today goes, it counts."


def test_on_the_path_today_offers_one_large_start_and_a_quieter_line_for_the_week_s_practice(
    home: MainWindow, qtbot: QtBot
) -> None:
    panel = home.this_week
    assert panel is not None
    panel.begin_button.click()
    shown = [b for b in panel.findChildren(QPushButton) if not b.isHidden()]
    assert [b.accessibleName() for b in shown if b.isDefault()] == ["Start: A one-minute pause"]
    assert [(b.text(), b.isFlat()) for b in shown if not b.isDefault()] == [
        ("Or this week's practice: Mindful breathing", True),
        ("Se&e the path", True),
    ]
    with qtbot.waitSignal(panel.start_requested) as asked:
        panel.other_button.click()
    assert asked.args == ["mindful-breathing"]


def test_after_practice_the_today_card_says_practised_today_and_offers_another(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    story = PracticeStory(practice_days=9, current_streak=2, longest_streak=5, days_away=0, seconds_today=720.0)
    panel = _shown_card(qtbot, _home_told(qtbot, settings, controller, history, clock, story))
    panel.begin_button.click()
    qtbot.waitUntil(lambda: panel.today.text() == "Practised today: 12 minutes.")
    assert panel.start_button.text() == "&Another? A one-minute pause"
    assert panel.offer == ("one-minute-pause", "Another? A one-minute pause")


def test_a_newcomer_here_who_practised_today_elsewhere_is_told_so_beside_the_path(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    """Today's session merged from another machine, none on this one: no usual practice, the path offered."""
    story = PracticeStory(practice_days=1, current_streak=1, longest_streak=1, days_away=0, seconds_today=720.0)
    panel = _shown_card(qtbot, _home_told(qtbot, settings, controller, history, clock, story))
    qtbot.waitUntil(lambda: panel.today.text() == "Practised today: 12 minutes.")
    assert (panel.heading.text(), panel.begin_button.isHidden()) == ("Twelve weeks of kindness", False)


def test_after_practice_the_tray_s_first_items_say_so_and_offer_another(
    qtbot: QtBot, settings: Settings, controller: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    from kindly.ui.app.app_presence import AppPresence

    story = PracticeStory(practice_days=9, current_streak=2, longest_streak=5, days_away=0, seconds_today=60.0)
    win = _home_told(qtbot, settings, controller, history, clock, story)
    assert win.this_week is not None
    win.this_week.begin_button.click()
    qtbot.waitUntil(lambda: win.story is not None)
    presence = AppPresence(win, clock, available=lambda: True)
    assert presence.tray is not None
    presence.tray.refresh_menu()
    shown = [a for a in presence.tray.menu.actions() if a.isVisible() and not a.isSeparator() and a.text()]
    assert [(a.text(), a.isEnabled()) for a in shown[:2]] == [
        ("Practised today: 1 minute", False),
        ("Another? A one-minute pause", True),
    ]
    presence.tray.icon.hide()


def test_while_today_offers_a_start_the_set_up_s_start_is_not_a_second_blue_button(home: MainWindow) -> None:
    assert home.this_week is not None
    offered_before = home.setup_panel.start_button.isDefault()
    home.this_week.begin_button.click()
    assert offered_before and not home.setup_panel.start_button.isDefault()
    assert home.this_week.start_button.isDefault()
