"""Check-ins in the window: asked before a path session and after it, by slider or keys, skipped with Esc,
kept with the session, and offered as the setting says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.core.checkin import CheckIn
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.session.checkin_panel import CheckInPanel
from kindly.ui.session.session_controller import SessionController
from ui.recording_player import PlayerBox

ONE_MINUTE_PAUSE_S = 5.0 + 60.0 + 1.0  # warm-up, the practice, a second to spare


@pytest.fixture
def panel(qtbot: QtBot) -> CheckInPanel:
    widget = CheckInPanel()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ask("How is it?")
    return widget


def _type(panel: CheckInPanel, qtbot: QtBot, *keys: Qt.Key) -> None:
    """Keys as a person types them: each to whatever has the focus now."""
    for key in keys:
        qtbot.keyClick(panel.focusWidget(), key)


def test_a_fresh_check_in_has_no_value(panel: CheckInPanel) -> None:
    shown = [(q.answered, q.answer, q.value.text()) for q in panel.questions]
    assert shown == [(False, None, "–"), (False, None, "–")] and panel.answer() is None


def test_two_digits_answer_two_questions(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_7, Qt.Key.Key_4)
    assert panel.answer() == CheckIn(kindness=7, ease=4)


def test_a_digit_moves_the_focus_to_the_next_question(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_3)
    assert panel.focusWidget() is panel.ease.slider


def test_a_single_enter_finishes_with_the_answers_given(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_3, Qt.Key.Key_7)
    with qtbot.waitSignal(panel.answered) as answered:
        _type(panel, qtbot, Qt.Key.Key_Return)
    assert answered.args == [CheckIn(kindness=3, ease=7)]


def test_enter_with_a_question_unanswered_keeps_nothing(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_6)
    with qtbot.waitSignal(panel.answered) as answered:
        _type(panel, qtbot, Qt.Key.Key_Return)
    assert answered.args == [None]


def test_one_then_zero_is_ten(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_1, Qt.Key.Key_0)
    assert (panel.kindness.answer, panel.ease.answer) == (10, None)


def test_zero_alone_is_zero(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_0)
    assert panel.kindness.answer == 0


def test_the_first_arrow_answers_the_middle_and_the_next_moves_it(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_Right)
    first = (panel.kindness.answer, panel.kindness.value.text())
    _type(panel, qtbot, Qt.Key.Key_Right)
    assert (first, panel.kindness.answer) == ((5, "5"), 6)


def test_a_click_answers_where_it_lands(panel: CheckInPanel, qtbot: QtBot) -> None:
    slider = panel.kindness.slider
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.rect().center() + QPoint(slider.width() // 4, 0))
    assert panel.kindness.answered and 6 <= (panel.kindness.answer or 0) <= 9


def test_the_wheel_over_an_unanswered_question_answers_nothing(panel: CheckInPanel, qtbot: QtBot) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    slider = panel.ease.slider  # not the one in focus: the page scrolling past it
    wheel = QWheelEvent(
        QPointF(slider.rect().center()), QPointF(slider.mapToGlobal(slider.rect().center())), QPoint(0, 0),
        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(slider, wheel)
    assert not panel.ease.answered


def test_escape_skips(panel: CheckInPanel, qtbot: QtBot) -> None:
    with qtbot.waitSignal(panel.skipped), qtbot.assertNotEmitted(panel.answered):
        qtbot.keyClick(panel.kindness.slider, Qt.Key.Key_Escape)


def test_asked_again_it_starts_unanswered(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_2, Qt.Key.Key_8)
    panel.ask("And now?")
    assert panel.answer() is None and panel.focusWidget() is panel.kindness.slider


def test_the_question_in_focus_has_a_ring(panel: CheckInPanel, qtbot: QtBot) -> None:
    from PySide6.QtGui import QPalette

    ring = panel.palette().color(QPalette.ColorRole.Highlight).rgb()

    def ringed(question: object) -> bool:
        image = question.grab().toImage()  # type: ignore[attr-defined]
        return image.pixelColor(image.width() // 2, 1).rgb() == ring

    assert (ringed(panel.kindness), ringed(panel.ease)) == (True, False)
    _type(panel, qtbot, Qt.Key.Key_4)
    assert (ringed(panel.kindness), ringed(panel.ease)) == (False, True)


def test_each_question_has_its_words_and_both_ends_for_a_screen_reader(panel: CheckInPanel, qtbot: QtBot) -> None:
    slider = panel.kindness.slider
    unanswered = slider.accessibleDescription()
    _type(panel, qtbot, Qt.Key.Key_3)
    assert slider.accessibleName() == "How kindly are you treating yourself right now?"
    assert (unanswered, slider.accessibleDescription()) == (
        "0 is harshly, 10 is very kindly; not answered yet",
        "0 is harshly, 10 is very kindly; answered 3",
    )


# --- in the window ---------------------------------------------------------------------


@pytest.fixture
def recording(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> Iterator[SessionController]:
    ctl = SessionController(players, clock, session_log=history)
    yield ctl
    ctl.deleteLater()


@pytest.fixture
def shown(
    qtbot: QtBot, settings: Settings, recording: SessionController, history: SessionHistory, clock: FakeClock
) -> MainWindow:
    """The window, shown, on week 1 of the bundled path."""
    catalogue = PracticeCatalogue()
    win = MainWindow(
        WindowParts(
            settings,
            recording,
            catalogue,
            path=PathWeekSource(catalogue, history, clock),
            keep_checkin=history.checkin_after,
        )
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.this_week is not None
    qtbot.waitUntil(lambda: not win.this_week.isHidden())  # type: ignore[union-attr]
    win.this_week.begin_button.click()
    return win


def test_today_s_practice_on_the_path_asks_the_check_in_before_it_starts(shown: MainWindow, players: PlayerBox) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    assert shown.checkin_before is not None and shown.pages.currentWidget() is shown.checkin_before.parentWidget()
    assert players.players == []  # nothing plays until the check-in is answered or skipped
    assert "A one-minute pause" in shown.checkin_before.heading.text()


def test_the_check_ins_before_and_after_are_kept_with_the_session(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    before = shown.checkin_before
    assert before is not None and before.go_on_button is not None
    _type(before, qtbot, Qt.Key.Key_3, Qt.Key.Key_4)
    before.go_on_button.click()
    assert shown.controller.is_active
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    end = shown.end_screen
    _type(end.checkin, qtbot, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_Return)
    assert end.checkin.isHidden()
    assert end.thanks_label.text() == (
        "Thank you for checking in. Before: kindness 3, ease 4. Now: kindness 6, ease 7."
    )
    assert not end.prompt_label.isHidden()  # the week's question follows
    records = history.records()
    assert records is not None
    assert [(r.checkin_before, r.checkin_after) for r in records] == [(CheckIn(3, 4), CheckIn(6, 7))]


def test_skip_before_starts_the_session_without_a_check_in(
    shown: MainWindow, history: SessionHistory, qtbot: QtBot, clock: FakeClock
) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    assert shown.checkin_before is not None and shown.checkin_before.skip_button is not None
    shown.checkin_before.skip_button.click()
    assert shown.controller.is_active
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    qtbot.keyClick(shown.end_screen.checkin.kindness.slider, Qt.Key.Key_Escape)
    assert shown.end_screen.checkin.isHidden() and shown.end_screen.thanks_label.isHidden()
    records = history.records()
    assert records is not None and [(r.checkin_before, r.checkin_after) for r in records] == [(None, None)]


def test_escape_before_goes_back_home_and_starts_nothing(
    shown: MainWindow, history: SessionHistory, qtbot: QtBot
) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    assert shown.checkin_before is not None
    qtbot.keyClick(shown.checkin_before.kindness.slider, Qt.Key.Key_Escape)
    assert not shown.controller.is_active
    assert shown.pages.currentWidget() is shown.tabs  # home
    assert history.records() == []


def test_the_page_before_has_two_ways_on_skip_and_begin(shown: MainWindow) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    page = shown.pages.currentWidget()
    buttons = [b.text() for b in page.findChildren(type(shown.end_screen.done_button)) if b.isVisibleTo(page)]
    assert buttons == ["&Skip", "&Begin"]


def test_the_check_in_after_never_starts_at_the_answers_before(
    shown: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    assert shown.checkin_before is not None
    _type(shown.checkin_before, qtbot, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_Return)
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    after = shown.end_screen.checkin
    assert not after.isHidden() and after.answer() is None
    assert [q.value.text() for q in after.questions] == ["–", "–"]


def test_the_end_screen_offers_three_buttons_while_it_asks(shown: MainWindow, clock: FakeClock) -> None:
    _after_todays_practice(shown, clock)
    end = shown.end_screen
    buttons = [b.text() for b in end.findChildren(type(end.done_button)) if b.isVisibleTo(end)]
    assert buttons == ["&Skip the check-in", "&Again", "&Done"]


def test_a_practice_off_the_path_starts_at_once_and_asks_nothing_after(shown: MainWindow, clock: FakeClock) -> None:
    shown.start_quick("timer-5")
    assert shown.controller.is_active
    clock.advance(5.0 + 300.0 + 1.0)
    shown.controller.refresh()
    assert shown.end_screen.checkin.isHidden()


def test_with_check_ins_always_any_start_in_the_window_asks(shown: MainWindow, settings: Settings) -> None:
    settings.set(opt.CHECKINS, opt.CHECKINS_ALWAYS)
    shown.library_view.select(None)  # the silent timer
    shown.setup_panel.start_button.click()
    assert not shown.controller.is_active
    assert shown.checkin_before is not None and "the silent timer" in shown.checkin_before.heading.text()


def test_with_check_ins_never_the_path_asks_nothing(shown: MainWindow, settings: Settings) -> None:
    settings.set(opt.CHECKINS, opt.CHECKINS_NEVER)
    assert shown.this_week is not None
    shown.this_week.start_button.click()
    assert shown.controller.is_active


def test_a_quick_start_from_the_tray_is_one_click_and_starts_at_once(shown: MainWindow, clock: FakeClock) -> None:
    shown.start_quick("one-minute-pause")  # this week's daily practice, from the tray
    assert shown.controller.is_active
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    assert not shown.end_screen.checkin.isHidden()  # the check-in after is still offered


def test_again_asks_the_check_in_afresh(shown: MainWindow, clock: FakeClock) -> None:
    assert shown.this_week is not None and shown.checkin_before is None
    shown.this_week.start_button.click()
    assert shown.checkin_before is not None and shown.checkin_before.go_on_button is not None
    shown.checkin_before.go_on_button.click()
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    shown.end_screen.again_button.click()
    assert shown.pages.currentWidget() is shown.checkin_before.parentWidget() and not shown.controller.is_active


def test_one_then_an_arrow_then_zero_is_not_ten(panel: CheckInPanel, qtbot: QtBot) -> None:
    _type(panel, qtbot, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_0)
    assert panel.answer() == CheckIn(kindness=1, ease=0)


def test_the_stats_page_shows_the_check_in_after_once_it_is_kept(
    qtbot: QtBot, settings: Settings, recording: SessionController, history: SessionHistory, clock: FakeClock
) -> None:
    from kindly.ui.stats.history_summary import HistorySummary
    from kindly.ui.stats.stats_view import StatsView

    catalogue = PracticeCatalogue()
    summary = HistorySummary(history, settings, clock)
    win = MainWindow(
        WindowParts(
            settings,
            recording,
            catalogue,
            stats_page=lambda: StatsView(summary.history, catalogue.title_of),
            keep_checkin=history.checkin_after,
        )
    )
    qtbot.addWidget(win)
    settings.set(opt.CHECKINS, opt.CHECKINS_ALWAYS)
    win.show_stats()
    win.show_home()
    win.start_quick("one-minute-pause")
    clock.advance(ONE_MINUTE_PAUSE_S)
    recording.refresh()
    _type(win.end_screen.checkin, qtbot, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_Return)
    stats = win.stats_page
    assert isinstance(stats, StatsView) and not stats.checkins.isHidden()
    assert stats.recent.topLevelItem(0).text(4) == "kindness – → 5, ease – → 6"


def _after_todays_practice(shown: MainWindow, clock: FakeClock) -> CheckInPanel:
    """Today's practice on the path, from the tray, to its end bell: the end screen asks the check-in after."""
    shown.start_quick("one-minute-pause")
    clock.advance(ONE_MINUTE_PAUSE_S)
    shown.controller.refresh()
    panel = shown.end_screen.checkin
    assert not panel.isHidden()
    return panel


def test_done_keeps_what_was_answered(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    panel = _after_todays_practice(shown, clock)
    _type(panel, qtbot, Qt.Key.Key_9, *[Qt.Key.Key_Right] * 4)  # 9; the first arrow answers 5, three more make 8
    shown.end_screen.done_button.click()
    assert shown.pages.currentWidget() is shown.tabs
    records = history.records()
    assert records is not None and [r.checkin_after for r in records] == [CheckIn(9, 8)]
    from kindly.cli import main

    capsys.readouterr()
    assert main(["history", "checkins"]) == 0
    [_heading, row] = capsys.readouterr().out.splitlines()
    assert row.split()[-2:] == ["9,", "8"] and "one-minute-pause" in row


def test_done_keeps_no_answers_that_were_never_given(
    shown: MainWindow, history: SessionHistory, clock: FakeClock
) -> None:
    _after_todays_practice(shown, clock)
    shown.end_screen.done_button.click()
    records = history.records()
    assert records is not None and [r.checkin_after for r in records] == [None]


def test_again_keeps_the_answers_too(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    panel = _after_todays_practice(shown, clock)
    _type(panel, qtbot, Qt.Key.Key_7, Qt.Key.Key_5)
    shown.end_screen.again_button.click()
    records = history.records()
    assert records is not None and records[0].checkin_after == CheckIn(7, 5)


def test_done_with_one_question_unanswered_keeps_nothing(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    panel = _after_todays_practice(shown, clock)
    _type(panel, qtbot, Qt.Key.Key_7)
    shown.end_screen.done_button.click()
    records = history.records()
    assert records is not None and [r.checkin_after for r in records] == [None]


def test_skip_is_the_way_to_leave_no_answers(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    panel = _after_todays_practice(shown, clock)
    _type(panel, qtbot, Qt.Key.Key_2, Qt.Key.Key_3)
    shown.end_screen.skip_button.click()
    shown.end_screen.done_button.click()
    records = history.records()
    assert records is not None and [r.checkin_after for r in records] == [None]


def test_a_start_abandoned_at_once_asks_no_check_in_after(
    shown: MainWindow, history: SessionHistory, clock: FakeClock
) -> None:
    shown.start_quick("one-minute-pause")
    clock.advance(3.0)
    shown.session_screen.stop_button.click()
    assert shown.pages.currentWidget() is shown.end_screen and shown.end_screen.checkin.isHidden()
    assert history.records() == []


def test_an_answer_typed_as_the_middle_is_kept_by_done(
    shown: MainWindow, history: SessionHistory, clock: FakeClock, qtbot: QtBot
) -> None:
    panel = _after_todays_practice(shown, clock)
    _type(panel, qtbot, Qt.Key.Key_5, Qt.Key.Key_5)  # the number an unanswered slider rests at, typed
    shown.end_screen.done_button.click()
    records = history.records()
    assert records is not None and [r.checkin_after for r in records] == [CheckIn(5, 5)]
