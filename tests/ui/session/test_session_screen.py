"""The session screen: phase, time left, captions, warm-up, and the Space and Esc keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.audio.player_interface import AudioNotice
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_screen import SessionScreen, format_clock
from ui.conftest import show_session_screen
from ui.recording_player import PlayerBox

PHRASE = "May I meet this moment kindly."


def _with_narration(config: SessionConfig) -> SessionPlan:
    # calm breathing (4-6) from 5 s: inhales at 5, 15, 25...
    return build_session_plan(config, narration=[Cue(15.0, "narration", text=PHRASE, practice="t", duration=4.0)])


@pytest.fixture
def screen(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> Iterator[SessionScreen]:
    controller = SessionController(players, clock, plan_builder=_with_narration)
    request = SessionRequest("timer-10", SessionChoices(minutes=10, warmup_s=5, breath="calm"))
    yield show_session_screen(qtbot, controller, request)


def _controller(screen: SessionScreen) -> SessionController:
    return screen._controller


def test_the_warm_up_counts_down_to_the_start_bell(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(2.0)
    screen.refresh()
    assert screen.time_label.text() == "Starting in 0:03"


def test_time_left_is_shown_from_the_plan_and_position(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(5.0 + 61.5)
    screen.refresh()
    assert screen.time_label.text() == "8:59 left"


def test_the_phase_is_shown_in_words(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(6.0)
    screen.refresh()
    inhale = screen.phase_label.text()
    clock.advance(4.0)
    screen.refresh()
    assert (inhale, screen.phase_label.text()) == ("Breathe in", "Breathe out")


def test_the_narration_phrase_is_captioned_while_it_is_spoken(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(16.0)
    screen.refresh()
    during = screen.caption_label.text()
    clock.advance(4.0)
    screen.refresh()
    assert (during, screen.caption_label.text()) == (PHRASE, "")


def test_captions_can_be_switched_off_and_the_choice_is_announced(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock
) -> None:
    clock.advance(16.0)
    with qtbot.waitSignal(screen.captions_toggled) as toggled:
        screen.captions_button.click()
    assert toggled.args == [False]
    assert screen.caption_label.text() == ""


def test_space_pauses_and_resumes(qtbot: QtBot, screen: SessionScreen, players: PlayerBox) -> None:
    qtbot.keyClick(screen.stop_button, Qt.Key.Key_Space)
    paused = _controller(screen).is_paused
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert paused and not _controller(screen).is_paused
    assert players.current.calls == ["play", "pause", "resume"]


def test_space_on_the_focused_captions_or_sound_button_presses_it_rather_than_pausing(
    qtbot: QtBot, screen: SessionScreen
) -> None:
    screen.captions_button.setFocus()
    qtbot.keyClick(screen.captions_button, Qt.Key.Key_Space)
    screen.sound_button.setFocus()
    qtbot.keyClick(screen.sound_button, Qt.Key.Key_Space)
    assert (screen.captions_on, screen.volume_popup.isVisible()) == (False, True)
    assert not _controller(screen).is_paused


def test_escape_in_the_first_minute_stops_the_session_at_once(
    qtbot: QtBot, screen: SessionScreen, players: PlayerBox
) -> None:
    with qtbot.waitSignal(_controller(screen).session_finished):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert players.current.calls[-1] == "stop" and screen.stop_question is None


def _focused(screen: SessionScreen) -> QWidget:
    """Where the keyboard's keys go now (the screen itself when nothing in it has the focus)."""
    focus = QApplication.focusWidget()
    return focus if focus is not None else screen


def _press(qtbot: QtBot, screen: SessionScreen, key: Qt.Key) -> None:
    """A key pressed as a person presses it: to whatever has the focus."""
    qtbot.keyClick(_focused(screen), key)


def test_space_pauses_after_captions_clicked(qtbot: QtBot, screen: SessionScreen) -> None:
    qtbot.mouseClick(screen.captions_button, Qt.MouseButton.LeftButton)
    _press(qtbot, screen, Qt.Key.Key_Space)
    assert _controller(screen).is_paused
    assert not screen.captions_on  # switched once, by the click; Space left it as it was


def test_space_pauses_after_every_control_in_the_session_has_been_clicked(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock
) -> None:
    controller = _controller(screen)
    clock.advance(90.0)
    for button in (screen.pause_button, screen.pause_button, screen.captions_button, screen.stop_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    question = screen.stop_question
    assert question is not None
    qtbot.mouseClick(question.keep_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.sound_button, Qt.MouseButton.LeftButton)
    popup = screen.volume_popup
    qtbot.waitUntil(popup.isVisible)
    slider = popup.sliders["bells"]
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.rect().center())
    qtbot.keyClick(slider, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    # Offscreen Qt leaves the closed pop-up the active window; a desktop gives the window back.
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    _press(qtbot, screen, Qt.Key.Key_Space)
    assert controller.is_active and controller.is_paused
    _press(qtbot, screen, Qt.Key.Key_Space)
    assert not controller.is_paused


def test_the_buttons_are_reached_with_tab_and_never_taken_by_a_click(qtbot: QtBot, screen: SessionScreen) -> None:
    for button in (screen.pause_button, screen.stop_button, screen.captions_button):
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus
    qtbot.mouseClick(screen.captions_button, Qt.MouseButton.LeftButton)
    assert _focused(screen) is screen.pacer  # the session's own keys (Space, Esc, F) stay with it, on a named place
    screen.pause_button.setFocus()
    _press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.stop_button.hasFocus()


def test_tab_to_stop_then_space_asks_to_stop_rather_than_pausing(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock
) -> None:
    clock.advance(120.0)
    _press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.stop_button.hasFocus()
    _press(qtbot, screen, Qt.Key.Key_Space)
    assert screen.stop_question is not None and screen.stop_question.isVisible()
    assert not _controller(screen).is_paused and _controller(screen).is_active


def test_stopping_after_the_first_minute_asks_once(qtbot: QtBot, screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(120.0)
    screen.stop_button.click()
    question = screen.stop_question
    assert question is not None and question.text() == "Stop this session?"
    assert [b.text() for b in (question.yes_button, question.keep_button)] == ["&Stop session", "&Keep going"]
    assert question.defaultButton() is question.keep_button and question.escapeButton() is question.keep_button
    assert _controller(screen).is_active  # nothing stops until the person says so
    with qtbot.waitSignal(_controller(screen).session_finished):
        question.yes_button.click()
    assert screen.stop_question is None


def test_keep_going_or_esc_leaves_the_session_running(qtbot: QtBot, screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(120.0)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    question = screen.stop_question
    assert question is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is question)
    _press(qtbot, screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.stop_question is None)  # Esc presses Keep going (shown pressed a moment)
    assert _controller(screen).is_active
    screen.stop_button.click()
    assert screen.stop_question is not None
    screen.stop_question.keep_button.click()
    assert _controller(screen).is_active and not _controller(screen).is_paused


def test_the_stop_question_goes_when_the_session_ends_on_its_own(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(120.0)
    screen.stop_button.click()
    assert screen.stop_question is not None
    clock.advance(600.0)
    _controller(screen).refresh()  # the end bell
    assert screen.stop_question is None


def test_the_pause_button_names_what_it_will_do(screen: SessionScreen) -> None:
    screen.pause_button.click()
    assert screen.pause_button.text() == "&Resume"


def test_an_audio_notice_is_shown_on_its_own_line(screen: SessionScreen, players: PlayerBox) -> None:
    players.current.listener.player_event(AudioNotice("No audio device: the session runs silently."))
    assert screen.notice_label.text() == "No audio device: the session runs silently."
    assert not screen.notice_label.isHidden()


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0:00"), (0.2, "0:01"), (59.5, "1:00"), (3600, "1:00:00")])
def test_the_clock_rounds_up_so_it_reaches_zero_with_the_bell(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_a_paused_session_draws_no_frames(screen: SessionScreen) -> None:
    screen.pause_button.click()
    assert not screen.pacer.is_animating()


def _unpaced_screen(qtbot: QtBot, players: PlayerBox, clock: FakeClock, safety: str = "") -> SessionScreen:
    from dataclasses import replace

    def builder(config: SessionConfig) -> SessionPlan:
        # A practice that asks for a natural breath (not the silent timer, which is plain).
        return replace(build_session_plan(replace(config, practice="natural-breath")), safety_note=safety)

    controller = SessionController(players, clock, plan_builder=builder)
    request = SessionRequest("timer-10", SessionChoices(minutes=10, warmup_s=5, breath="calm", breath_cues=False))
    return show_session_screen(qtbot, controller, request)


def test_with_breath_cues_off_the_pacer_glows_slowly_and_names_no_phase(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock
) -> None:
    screen = _unpaced_screen(qtbot, players, clock)
    clock.advance(5.0)  # past the warm-up
    levels = []
    for _second in range(30):
        clock.advance(1.0)
        screen.refresh()
        levels.append(screen.pacer.level)
        assert screen.phase_label.text() == "Breathe as you are"
    # It moves, gently, and never from empty to full as a paced breath does.
    assert 0.3 < min(levels) < max(levels) < 0.7
    assert screen.pacer._timer.interval() >= 200


def test_a_practices_safety_line_is_shown_at_every_start(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> None:
    screen = _unpaced_screen(qtbot, players, clock, safety="You can stop at any time.")
    assert screen.safety_label.isVisible() and screen.safety_label.text() == "You can stop at any time."


def test_a_session_without_a_safety_line_shows_none(screen: SessionScreen) -> None:
    assert not screen.safety_label.isVisible()


def _words_shade(screen: SessionScreen) -> float:
    """How far the phase words' colour has come from the background toward the text, 0 to 1."""
    from PySide6.QtGui import QPalette

    words = screen.phase_label.palette().color(QPalette.ColorRole.WindowText).lightnessF()
    window = screen.palette().color(QPalette.ColorRole.Window).lightnessF()
    text = screen.palette().color(QPalette.ColorRole.WindowText).lightnessF()
    return (words - window) / (text - window)


def test_the_breath_s_words_come_in_softly_rather_than_jump(screen: SessionScreen, clock: FakeClock) -> None:
    from PySide6.QtGui import QPalette

    from kindly.ui.theme import AA_CONTRAST, contrast_ratio

    clock.advance(5.2)  # just into the first inhale: fainter than the text, yet readable (4.5:1)
    screen.refresh()
    words = screen.phase_label.palette().color(QPalette.ColorRole.WindowText)
    window = screen.palette().color(QPalette.ColorRole.Window)
    assert screen.phase_label.text() == "Breathe in" and _words_shade(screen) < 0.9
    assert contrast_ratio(words, window) >= AA_CONTRAST
    clock.advance(1.5)
    screen.refresh()
    assert _words_shade(screen) == pytest.approx(1.0, abs=0.02)


def test_the_screen_asks_for_its_next_frame_when_its_words_will_change(screen: SessionScreen, clock: FakeClock) -> None:
    clock.advance(7.3)  # into the first inhale (5-9 s): the words have faded in; the clock ticks next at 7.0 left
    screen.refresh()
    left = screen._session.plan.end_s - 7.3 if screen._session else 0.0
    assert screen._words_change_in(7.3) == pytest.approx(left - int(left), abs=1e-6)


def test_a_caption_s_start_and_end_are_the_moments_it_changes() -> None:
    from kindly.ui.session.session_screen import CaptionTrack

    track = CaptionTrack(_with_narration(SessionConfig(minutes=10, warmup_s=5)))
    assert track.change_in(10.0) == pytest.approx(5.0)  # the phrase at 15 s
    assert track.change_in(16.0) == pytest.approx(3.0)  # it ends at 19 s
    assert track.change_in(20.0) == float("inf")


def test_after_the_end_bell_a_paced_session_names_no_breath(screen: SessionScreen) -> None:
    assert screen._session is not None
    end = screen._session.plan.end_s
    screen.pacer.span = None  # what the pacer finds after the last breath, while the bell rings out
    screen._show_position(end + 0.5)
    assert screen.phase_label.text() == ""


# --- a plain timer: the silent timer with no breath to follow ------------------------------


def _silent_timer(qtbot: QtBot, players: PlayerBox, clock: FakeClock, breath_cues: bool) -> SessionScreen:
    controller = SessionController(players, clock)
    choices = SessionChoices(minutes=10, warmup_s=5, breath="calm", breath_cues=breath_cues)
    screen = show_session_screen(qtbot, controller, SessionRequest("timer-10", choices))
    clock.advance(5.0 + 2.0)  # past the warm-up, mid-inhale
    screen.refresh()
    return screen


def test_a_silent_timer_shows_no_breath_words(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> None:
    screen = _silent_timer(qtbot, players, clock, breath_cues=False)
    assert not screen.phase_label.isVisibleTo(screen) and screen.time_label.text() == "9:58 left"


def test_a_silent_timer_offers_no_captions_button(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> None:
    screen = _silent_timer(qtbot, players, clock, breath_cues=False)
    assert not screen.captions_button.isVisibleTo(screen)


def test_a_silent_timer_s_ring_stays_still(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> None:
    screen = _silent_timer(qtbot, players, clock, breath_cues=False)
    levels = set()
    for _second in range(12):
        clock.advance(1.0)
        screen.refresh()
        levels.add(screen.pacer.level)
    assert levels == {0.0} and screen.pacer.accessibleDescription().startswith("A still ring")


def test_a_silent_timer_following_a_breath_pattern_still_paces_it(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock
) -> None:
    screen = _silent_timer(qtbot, players, clock, breath_cues=True)
    assert screen.phase_label.isVisibleTo(screen) and screen.phase_label.text() == "Breathe in"
    assert screen.captions_button.isVisibleTo(screen) and screen.pacer.level > 0.0
