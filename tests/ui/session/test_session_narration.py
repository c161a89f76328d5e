"""The session screen says how a practice is voiced, and a practice with no voice is its captions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.audio.player_interface import AudioNotice
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan
from kindly.library.narration_status import CAPTIONS_ONLY, RECORDED, SYSTEM_VOICE
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_screen import SessionScreen
from ui.conftest import show_session_screen
from ui.recording_player import PlayerBox

PHRASE = "May this breath be a kind one."
ScreenFor = Callable[..., SessionScreen]


@pytest.fixture
def screen_for(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> Iterator[ScreenFor]:
    """A shown session screen following a session whose narration is voiced as `voice` says."""

    def make(voice: str | None, captions: bool = True) -> SessionScreen:
        def builder(config: SessionConfig) -> SessionPlan:
            # calm breathing (4-6) from 5 s; the phrase is spoken from 15 s to 19 s
            cue = Cue(15.0, "narration", text=PHRASE, practice="mine", duration=4.0)
            return replace(build_session_plan(config, narration=[cue]), narration_voice=voice)

        controller = SessionController(players, clock, plan_builder=builder)
        choices = SessionChoices(practice="mine", minutes=10, warmup_s=5, breath="calm")
        return show_session_screen(qtbot, controller, SessionRequest("mine", choices), captions=captions)

    yield make


def test_a_practice_read_by_the_system_voice_says_so(screen_for: ScreenFor) -> None:
    screen = screen_for(SYSTEM_VOICE)
    assert screen.notice_label.text() == "This practice is read aloud by a computer voice."
    assert not screen.notice_label.isHidden()


def test_a_practice_with_no_voice_says_it_is_shown_as_captions(screen_for: ScreenFor) -> None:
    screen = screen_for(CAPTIONS_ONLY)
    assert screen.notice_label.text() == "No voice is available here: this practice is shown as captions."


def test_a_recorded_practice_needs_no_word_about_its_voice(screen_for: ScreenFor) -> None:
    screen = screen_for(RECORDED)
    assert screen.notice_label.isHidden() and screen.notice_label.text() == ""


def test_a_practice_with_no_voice_is_captioned_even_with_captions_off(screen_for: ScreenFor, clock: FakeClock) -> None:
    screen = screen_for(CAPTIONS_ONLY, captions=False)
    clock.advance(16.0)
    screen.refresh()
    assert not screen.captions_on and screen.caption_label.text() == PHRASE


def test_a_voiced_practice_keeps_its_captions_off_when_asked(screen_for: ScreenFor, clock: FakeClock) -> None:
    screen = screen_for(SYSTEM_VOICE, captions=False)
    clock.advance(16.0)
    screen.refresh()
    assert screen.caption_label.text() == ""


def test_an_audio_notice_comes_first_and_the_voice_line_returns_after_it(
    screen_for: ScreenFor, players: PlayerBox
) -> None:
    screen = screen_for(SYSTEM_VOICE)
    players.current.listener.player_event(AudioNotice("No audio device: the session runs silently."))
    during = screen.notice_label.text()
    screen._controller.pause()
    screen._controller.resume()  # resuming clears the session's notice
    assert during == "No audio device: the session runs silently."
    assert screen.notice_label.text() == "This practice is read aloud by a computer voice."
