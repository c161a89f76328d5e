"""The main window: choosing from the library, starting, the end screen, remembered choices."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.library.narration_status import SYSTEM_VOICE
from kindly.library.practice_library import PracticeLibrary
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.session.session_controller import SessionController
from ui.conftest import LIBRARY, catalogue_of, practice_entry
from ui.recording_player import PlayerBox


def test_the_library_lists_the_silent_timer_first_and_broken_scripts_last(window: MainWindow) -> None:
    titles = [e.title for e in window.library_view.entries()]
    assert titles == ["Silent timer", "A gentle hand", "Kind body scan", "broken.txt"]
    assert "broken.txt:3: unknown directive" in window.library_view.list.item(3).text()


def test_a_broken_script_cannot_be_chosen(window: MainWindow) -> None:
    window.library_view.list.setCurrentRow(3)
    assert window.setup_panel.heading.text() != "broken.txt"


def test_choosing_a_practice_sets_up_its_title_and_length(window: MainWindow) -> None:
    window.library_view.select("body-scan")
    assert (window.setup_panel.heading.text(), window.setup_panel.minutes.value()) == ("Kind body scan", 20)


def test_a_practice_brings_its_own_breath_cue_default_and_the_lengths_it_agrees_to(window: MainWindow) -> None:
    panel = window.setup_panel
    window.library_view.select("body-scan")
    assert not panel.breath_cues.isChecked()
    assert (panel.minutes.minimum(), panel.minutes.maximum()) == (8, 45)
    assert panel.length_hint.text() == "This practice lasts 8 to 45 minutes." and panel.length_hint.isVisibleTo(panel)
    window.library_view.select("gentle-hand")
    assert panel.breath_cues.isChecked()
    assert (panel.minutes.minimum(), panel.minutes.maximum()) == (1, 240)


def test_the_silent_timer_brings_its_own_length_and_cues_not_the_last_practices(window: MainWindow) -> None:
    panel = window.setup_panel
    window.library_view.select("gentle-hand")  # paced breath cues
    window.library_view.select("body-scan")  # 20 minutes
    window.library_view.select(None)
    assert (panel.minutes.value(), panel.breath_cues.isChecked()) == (10, False)  # plain: the time and a still ring
    assert (panel.minutes.minimum(), panel.minutes.maximum()) == (1, 240)
    assert not panel.length_hint.isVisibleTo(panel)


def test_the_person_can_turn_paced_cues_on_for_a_natural_breath_practice(
    window: MainWindow, players: PlayerBox
) -> None:
    window.library_view.select("body-scan")
    window.setup_panel.breath_cues.setChecked(True)
    window.setup_panel.start_button.click()
    assert players.current.plan is not None and players.current.plan.config.breath_cues


def test_fewer_words_is_a_choice_remembered_for_next_time(window: MainWindow, players: PlayerBox) -> None:
    window.setup_panel.fewer_words.setChecked(True)
    window.setup_panel.start_button.click()
    assert players.current.plan is not None and players.current.plan.config.guidance == "fewer words"
    assert SessionChoices.load(open_settings()).fewer_words


def test_starting_from_the_library_builds_the_plan_of_the_set_up(window: MainWindow, players: PlayerBox) -> None:
    window.library_view.select("gentle-hand")
    panel = window.setup_panel
    panel.minutes.setValue(7)
    panel.warmup.setValue(10)
    panel.interval_bell.setValue(2)
    panel.bell.setCurrentIndex(panel.bell.findData("wood-block"))
    panel.start_button.click()
    plan = players.current.plan
    assert plan is not None
    config = plan.config
    assert (config.practice, config.minutes, config.warmup_s, config.bell) == ("gentle-hand", 7.0, 10.0, "wood-block")
    assert [c.t for c in plan.cues if c.kind == "bell"] == [10.0, 130.0, 250.0, 370.0, 430.0]
    assert window.pages.currentWidget() is window.session_screen


def test_the_set_up_is_remembered_for_next_time(window: MainWindow, settings: Settings) -> None:
    window.setup_panel.minutes.setValue(17)
    window.setup_panel.ambient.setCurrentIndex(window.setup_panel.ambient.findData("rain"))
    window.setup_panel.start_button.click()
    remembered = SessionChoices.load(open_settings())
    assert (remembered.minutes, remembered.ambient) == (17, "rain")


def test_a_custom_breath_pattern_error_is_shown_inline_and_start_is_disabled(window: MainWindow) -> None:
    panel = window.setup_panel
    panel.breath.setCurrentIndex(panel.breath.findData("custom"))
    panel.custom_breath.setText("4-40")
    assert "out of range" in panel.breath_error.text()
    assert not panel.breath_error.isHidden() and not panel.start_button.isEnabled()
    panel.custom_breath.setText("4-2-6")
    assert panel.breath_error.isHidden() and panel.start_button.isEnabled()


def test_the_end_screen_shows_the_minutes_and_the_streak(window: MainWindow, clock: FakeClock) -> None:
    window.start_quick("timer-5")
    clock.advance(5.0 + 300.0)
    window.controller.refresh()
    assert window.pages.currentWidget() is window.end_screen
    assert window.end_screen.minutes_label.text() == "You practised for 5 minutes."
    assert window.end_screen.streak_label.text() == "3 days of practice in a row; your longest run is 12 days."


def test_a_returning_person_is_not_greeted_as_a_beginner_on_the_end_screen(
    qtbot: QtBot, settings: Settings, controller: SessionController, clock: FakeClock
) -> None:
    from dataclasses import replace

    from ui.conftest import RETURNING

    back = replace(RETURNING, current_streak=1, days_away=0)  # today, after days away: a run of one
    win = MainWindow(WindowParts(settings, controller, catalogue_of(), story=lambda: back))
    qtbot.addWidget(win)
    win.start_quick("timer-5")
    clock.advance(305.0)
    controller.refresh()
    words = win.end_screen.streak_label.text()
    assert words == "315 days of practice in all; your longest run is 12 days."
    assert "beginning" not in words


def test_hidden_streaks_stay_hidden_on_the_end_screen(window: MainWindow, settings: Settings, clock: FakeClock) -> None:
    settings.set(opt.HIDE_STREAKS, True)
    window.start_quick("timer-5")
    clock.advance(305.0)
    window.controller.refresh()
    assert window.end_screen.streak_label.text() == "" and window.end_screen.streak_label.isHidden()


def test_done_goes_home_without_cutting_off_the_end_bell(
    window: MainWindow, players: PlayerBox, clock: FakeClock
) -> None:
    window.start_quick("timer-5")
    clock.advance(305.0)
    window.controller.refresh()
    window.end_screen.done_button.click()
    assert window.pages.currentWidget() is window.tabs
    assert players.current.calls == ["play"]


def test_again_starts_the_same_session_once_more(window: MainWindow, players: PlayerBox, clock: FakeClock) -> None:
    window.start_quick("timer-10")
    clock.advance(605.0)
    window.controller.refresh()
    window.end_screen.again_button.click()
    assert len(players.players) == 2
    assert players.players[1].plan is not None and players.players[1].plan.config.minutes == 10.0


def test_starting_in_the_window_while_a_session_runs_asks_first(window: MainWindow, players: PlayerBox) -> None:
    window.start_quick("timer-5")
    window.library_view.select("gentle-hand")
    window.setup_panel.start_button.click()
    question = window.replace_question
    assert question is not None and question.isVisible()
    assert question.text() == "A session is running. Stop it and start “A gentle hand”?"
    assert question.yes_button.text() == "&Stop and start" and question.defaultButton() is question.keep_button
    assert len(players.players) == 1 and window.controller.is_active  # nothing replaced yet


def test_keep_going_leaves_the_running_session_as_it_was(window: MainWindow, players: PlayerBox) -> None:
    window.start_quick("timer-5")
    window.start_quick("timer-10")
    assert window.replace_question is not None
    window.replace_question.keep_button.click()
    assert window.replace_question is None and players.current.calls == ["play"]
    assert window.pages.currentWidget() is window.session_screen


def test_stop_and_start_stops_the_running_session_and_starts_the_one_asked_for(
    window: MainWindow, players: PlayerBox
) -> None:
    window.start_quick("timer-5")
    window.start_quick("timer-10")
    assert window.replace_question is not None
    window.replace_question.yes_button.click()
    assert players.players[0].calls == ["play", "stop"]
    plan = players.current.plan
    assert len(players.players) == 2 and plan is not None and plan.config.minutes == 10.0
    assert window.pages.currentWidget() is window.session_screen


def test_a_replacement_asked_for_while_the_session_ends_on_its_own_is_not_asked_any_more(
    window: MainWindow, players: PlayerBox, clock: FakeClock
) -> None:
    window.start_quick("timer-5")
    window.start_quick("timer-10")
    clock.advance(305.0)
    window.controller.refresh()  # the end bell
    assert window.replace_question is None and window.pages.currentWidget() is window.end_screen
    assert len(players.players) == 1


def test_an_unknown_quick_start_is_told_in_the_window(window: MainWindow, players: PlayerBox) -> None:
    assert not window.start_quick("timer-7")
    assert "unknown practice or quick start 'timer-7'" in window.notice_bar.text()
    assert players.players == []


def test_a_bad_stored_setting_is_told_in_the_window(qtbot: QtBot, controller: object, isolated_dirs: object) -> None:
    first = open_settings()
    first._store.set_value(opt.MINUTES.key, "many")
    first.sync()
    win = MainWindow(WindowParts(open_settings(), controller, catalogue=catalogue_of(PracticeLibrary((), ()))))
    qtbot.addWidget(win)
    assert "session/minutes" in win.notice_bar.text()
    assert win.setup_panel.minutes.value() == opt.MINUTES.default


def test_a_setting_that_cannot_be_saved_is_told_in_the_window(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    window.session_screen.captions_button.click()
    assert window.notice_bar.text() == f"Settings not saved: cannot write {window.settings.path}: the disk is full"


def test_captions_choice_is_remembered(window: MainWindow) -> None:
    window.session_screen.captions_button.click()
    assert open_settings().get(opt.CAPTIONS) is False


def test_the_stats_page_is_read_again_when_a_session_ends(
    qtbot: QtBot, settings: Settings, controller: object, clock: FakeClock
) -> None:
    from datetime import date

    from kindly.core.streaks import summarize
    from kindly.ui.stats.history_summary import History
    from kindly.ui.stats.stats_view import StatsView

    reads: list[int] = []

    def history() -> History:
        reads.append(1)
        return History([], summarize([], date(2026, 11, 25)))

    win = MainWindow(
        WindowParts(
            settings, controller, catalogue=catalogue_of(PracticeLibrary((), ())), stats_page=lambda: StatsView(history)
        )
    )
    qtbot.addWidget(win)
    stats = win.show_stats()
    assert isinstance(stats, StatsView)
    reads.clear()
    win.start_quick("timer-5")
    clock.advance(305.0)
    win.controller.refresh()
    assert reads == [1]
    assert stats.total_sessions.value.text() == "0"


def test_the_test_sound_with_no_audio_device_shows_the_notice(window: MainWindow, players: PlayerBox) -> None:
    players.notice = "No audio device could be opened: the session runs silently."
    window.setup_panel.test_sound.click()
    assert window.notice_bar.text() == "No audio device could be opened: the session runs silently."
    assert (
        players.current.plan is not None and players.current.plan.config.bell == window.setup_panel.bell.currentData()
    )


def test_the_stats_page_is_built_only_when_first_shown(qtbot: QtBot, settings: Settings, controller: object) -> None:
    from kindly.ui.stats.stats_view import StatsView

    built: list[StatsView] = []
    win = MainWindow(
        WindowParts(
            settings,
            controller,
            catalogue=catalogue_of(PracticeLibrary((), ())),
            stats_page=lambda: built.append(StatsView()) or built[-1],
        )
    )
    qtbot.addWidget(win)
    before = list(built)
    win.tabs.setCurrentIndex(1)
    assert (before, len(built)) == ([], 1) and win.stats_page is built[0]


def test_a_notice_given_as_the_session_starts_reaches_the_session_screen(
    window: MainWindow, players: PlayerBox
) -> None:
    players.notice = "No audio device could be opened: the session runs silently."
    window.start_quick("timer-5")
    assert window.session_screen.notice_label.text() == players.notice


def test_a_practice_can_be_started_before_the_library_was_ever_shown(
    qtbot: QtBot, settings: Settings, controller: object, players: PlayerBox
) -> None:
    from ui.conftest import catalogue_of

    win = MainWindow(WindowParts(settings, controller, catalogue=catalogue_of(), load_library_now=False))
    qtbot.addWidget(win)
    assert win.start_quick("body-scan")
    assert players.current.plan is not None and players.current.plan.config.minutes == 20.0


def test_showing_the_window_reads_the_practices_soon_after(
    qtbot: QtBot, settings: Settings, controller: object
) -> None:
    win = MainWindow(WindowParts(settings, controller, catalogue=catalogue_of(), load_library_now=False))
    qtbot.addWidget(win)
    empty = len(win.library_view.entries())
    win.show()
    qtbot.waitUntil(lambda: len(win.library_view.entries()) == 4)
    assert empty == 0


def test_a_window_built_without_its_home_page_builds_it_just_after_its_first_paint(
    qtbot: QtBot, settings: Settings, controller: object
) -> None:
    from kindly.ui.home.session_setup_panel import SessionSetupPanel

    win = MainWindow(
        WindowParts(settings, controller, catalogue=catalogue_of(), load_library_now=False, home_now=False)
    )
    qtbot.addWidget(win)
    before = win.findChild(SessionSetupPanel)
    win.show()
    qtbot.waitUntil(lambda: win.findChild(SessionSetupPanel) is not None)
    assert before is None


def test_a_window_raised_from_the_tray_has_its_home_page_in_its_first_frame(
    qtbot: QtBot, settings: Settings, controller: object
) -> None:
    from kindly.ui.home.session_setup_panel import SessionSetupPanel

    win = MainWindow(
        WindowParts(settings, controller, catalogue=catalogue_of(), load_library_now=False, home_now=False)
    )
    qtbot.addWidget(win)
    win.raise_window()
    assert win.findChild(SessionSetupPanel) is not None


def test_a_practice_spoken_by_the_system_voice_is_prepared_first_and_says_so(
    qtbot: QtBot, settings: Settings, controller: SessionController, players: PlayerBox
) -> None:
    mine = practice_entry("my-own", "My own practice", 5, "Written by me.", narration=SYSTEM_VOICE, source="user")
    win = MainWindow(WindowParts(settings, controller, catalogue_of(LIBRARY, mine)))
    qtbot.addWidget(win)
    with qtbot.waitSignal(controller.session_started, timeout=5000):
        win.start_quick("my-own")
        preparing = win.notice_bar.text()
    assert "Preparing the voice for “My own practice”" in preparing
    assert win.notice_bar.text() == "" and win.pages.currentWidget() is win.session_screen


def test_the_window_opens_where_it_was_left(qtbot: QtBot, settings: Settings, controller: SessionController) -> None:
    first = MainWindow(WindowParts(settings, controller, catalogue=catalogue_of(PracticeLibrary((), ()))))
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 580)
    first.hide()
    again = MainWindow(WindowParts(open_settings(), controller, catalogue=catalogue_of(PracticeLibrary((), ()))))
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 580)


def test_nothing_animates_on_the_end_screen(window: MainWindow, clock: FakeClock) -> None:
    window.show()
    window.start_quick("timer-5")
    running_during = window.session_screen.pacer.is_animating()
    clock.advance(305.0)
    window.controller.refresh()
    assert running_during
    assert not window.end_screen.resting.is_animating() and not window.session_screen.pacer.is_animating()


def test_several_bad_settings_are_told_in_one_line(qtbot: QtBot, controller: SessionController) -> None:
    first = open_settings()
    first._store.set_value(opt.MINUTES.key, "many")
    first._store.set_value(opt.BELL.key, "gong")
    first.sync()
    win = MainWindow(WindowParts(open_settings(), controller, catalogue=catalogue_of(PracticeLibrary((), ()))))
    qtbot.addWidget(win)
    assert "(and 1 more, in the log)" in win.notice_bar.text()


def test_the_set_up_opens_on_length_breath_and_guidance_with_the_rest_under_more(window: MainWindow) -> None:
    panel = window.setup_panel
    window.show()
    assert panel.minutes.isVisible() and panel.breath.isVisible() and panel.fewer_words.isVisible()
    assert not panel.bell.isVisible() and not panel.volumes["bells"].isVisible()
    panel.more_button.click()
    assert panel.bell.isVisible() and panel.volumes["bells"].isVisible()


@pytest.fixture
def with_stats(qtbot: QtBot, settings: Settings, controller: SessionController) -> MainWindow:
    from kindly.ui.stats.stats_view import StatsView

    win = MainWindow(WindowParts(settings, controller, catalogue_of(), stats_page=StatsView))
    qtbot.addWidget(win)
    return win


def test_the_tabs_read_as_two_different_places(with_stats: MainWindow) -> None:
    names = [with_stats.tabs.tabText(i) for i in range(with_stats.tabs.count())]
    assert [n.replace("&", "") for n in names] == ["Home", "Your practice"]


def test_the_home_page_s_keys_are_each_one_control(with_stats: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = with_stats
    window.setup_panel.set_more_shown(True)
    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [w.text() for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert sorted(letters) == sorted(set(letters))


def test_at_launch_the_keyboard_focus_is_on_start(qtbot: QtBot, window: MainWindow, players: PlayerBox) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.focusWidget() is window.setup_panel.start_button
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert players.current.plan is not None


def test_a_start_refused_by_its_name_is_one_line_that_goes_by_itself(window: MainWindow) -> None:
    window.start_quick("nope")
    told = window.notice_bar.text()
    assert "\n" not in told and "'kindly practices' lists the names" in told and "body-scan" not in told
    assert window.notice_timer is not None and window.notice_timer.isActive()
    window.notice_timer.timeout.emit()
    assert window.notice_bar.isHidden()


def test_a_notice_about_the_settings_stays(qtbot: QtBot, window: MainWindow) -> None:
    window.start_quick("nope")
    window.show_notice("Settings not saved: the disk is full")
    assert window.notice_timer is not None and not window.notice_timer.isActive()


def test_f1_opens_the_shortcuts_window(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.shortcuts_window is not None and window.shortcuts_window.isVisible()


def test_ctrl_question_mark_is_the_shortcuts_window_s_other_key(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    action = next(a for a in window.menu_kindly.actions() if a.text() == "&Keyboard shortcuts")
    assert [k.toString() for k in action.shortcuts()] == ["F1", QKeySequence("Ctrl+?").toString()]


def test_a_window_whose_home_comes_after_its_first_paint_still_has_the_focus_on_start(
    qtbot: QtBot, settings: Settings, controller: object, players: PlayerBox
) -> None:
    win = MainWindow(WindowParts(settings, controller, catalogue=catalogue_of(), home_now=False))
    qtbot.addWidget(win)
    win.show()
    win.tabs.tabBar().setFocus()  # where Qt puts it as the window opens: its home page comes after the first paint
    qtbot.waitActive(win)
    qtbot.waitUntil(lambda: win._setup_panel is not None and win._setup_panel.start_button.isVisible())
    qtbot.wait(50)
    assert win.focusWidget() is win.setup_panel.start_button
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Return)
    assert players.current.plan is not None


def test_a_newcomer_s_first_silent_timer_is_plain(window: MainWindow, players: PlayerBox) -> None:
    window.setup_panel.start_button.click()
    plan = players.current.plan
    assert plan is not None and plan.config.practice is None and not plan.config.breath_cues
