"""A session followed by ear: what a screen reader is told, and when.

Every accessibility event the shell sends goes through `accessible_events.notify`
(PySide6 has no `installUpdateHandler`), so these tests watch the real event
objects there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAccessibleValueChangeEvent
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.audio.player_interface import AudioNotice
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui import accessible_events
from kindly.ui.session.session_announcer import time_left_words
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_screen import SessionScreen
from ui.conftest import show_session_screen
from ui.recording_player import PlayerBox

PHRASE = "May I meet this moment kindly."
WARMUP_S = 5.0


class Heard:
    """Every accessibility event the shell sent, as Qt's own event objects."""

    def __init__(self) -> None:
        self.events: list[QAccessibleEvent] = []
        self.value_words: list[str] = []  # a widget's value in words as each value change was sent

    def __call__(self, event: QAccessibleEvent) -> None:
        self.events.append(event)
        if isinstance(event, QAccessibleValueChangeEvent):
            self.value_words.append(event.accessibleInterface().text(QAccessible.Text.Value))

    def announcements(self) -> list[str]:
        return [e.message() for e in self.events if isinstance(e, QAccessibleAnnouncementEvent)]

    def values(self) -> list[tuple[object, str]]:
        """Each value change sent: the value it carries, and the value in words then."""
        changes = [e.value() for e in self.events if isinstance(e, QAccessibleValueChangeEvent)]
        return list(zip(changes, self.value_words, strict=True))

    def clear(self) -> None:
        self.events.clear()
        self.value_words.clear()


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> Heard:
    listener = Heard()
    monkeypatch.setattr(accessible_events, "notify", listener)
    return listener


def _narrated(config: SessionConfig) -> SessionPlan:
    """Calm breathing (in 4 s, out 6 s) from 5 s; in a longer session, a phrase spoken from 1:02 to 0:56 left."""
    end_s = config.warmup_s + config.minutes * 60.0
    phrase = Cue(end_s - 62.0, "narration", text=PHRASE, practice="t", duration=6.0)
    return build_session_plan(config, narration=[phrase] if config.minutes > 2 else [])


def _screen(qtbot: QtBot, players: PlayerBox, clock: FakeClock, minutes: int = 10) -> SessionScreen:
    controller = SessionController(players, clock, plan_builder=_narrated)
    request = SessionRequest("timer", SessionChoices(minutes=minutes, warmup_s=int(WARMUP_S), breath="calm"))
    return show_session_screen(qtbot, controller, request)


@pytest.fixture
def screen(qtbot: QtBot, players: PlayerBox, clock: FakeClock, heard: Heard) -> Iterator[SessionScreen]:
    yield _screen(qtbot, players, clock)


def _run_to(screen: SessionScreen, clock: FakeClock, position_s: float, step_s: float = 1.0) -> None:
    """Let the session run to `position_s`, the controller ticking each second and the pacer drawing."""
    controller = screen._controller
    for _step in range(round((position_s - controller.position_s()) / step_s)):
        clock.advance(step_s)
        controller.refresh()
        screen.refresh()


def test_the_start_is_announced_with_the_practice_and_its_minutes(screen: SessionScreen, heard: Heard) -> None:
    assert heard.announcements() == ["Silent timer, 10 minutes"]


def test_an_announcement_is_a_polite_qt_announcement_from_the_session_screen(
    screen: SessionScreen, heard: Heard
) -> None:
    event = next(e for e in heard.events if isinstance(e, QAccessibleAnnouncementEvent))
    assert event.type() == QAccessible.Event.Announcement
    assert event.politeness() == QAccessible.AnnouncementPoliteness.Polite
    assert event.object() is screen


def test_the_announcement_reaches_qt_without_a_screen_reader(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock
) -> None:
    # The real door, no listener replaced: Qt takes the event quietly when nobody listens.
    screen = _screen(qtbot, players, clock)
    screen.announcer.tell_time_left()
    assert screen._controller.is_active


def test_a_minute_is_announced_once_at_9_00_left(screen: SessionScreen, clock: FakeClock, heard: Heard) -> None:
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 62.0)
    screen._controller.refresh()  # a second look at the same second says nothing more
    assert heard.announcements() == ["9 minutes left"]


def test_no_minute_is_announced_at_the_sessions_own_length(
    screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 30.0)
    assert heard.announcements() == []


def test_a_minute_that_falls_during_a_phrase_waits_until_it_ends(
    screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    # The phrase is spoken from 1:02 to 0:56 before the end bell; the minute falls at 1:00.
    said_at: list[float] = []
    screen.announcer.announced.connect(lambda _words: said_at.append(screen._controller.time_left_s()))
    _run_to(screen, clock, WARMUP_S + 9 * 60 + 10.0)
    assert heard.announcements()[-1] == "1 minute left" and said_at[-1] == pytest.approx(56.0)


def test_nothing_is_announced_when_the_option_is_nothing(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, heard: Heard
) -> None:
    screen = _screen(qtbot, players, clock)
    screen.announcer.set_level(opt.ANNOUNCE_NOTHING)
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 62.0)
    screen._controller.pause()
    screen._controller.stop()
    assert heard.announcements() == []


def test_pause_and_resume_are_announced(screen: SessionScreen, heard: Heard) -> None:
    heard.clear()
    screen._controller.pause()
    screen._controller.resume()
    assert heard.announcements() == ["Paused", "Going on"]


def test_the_pause_buttons_name_follows_its_state(screen: SessionScreen) -> None:
    before = screen.pause_button.accessibleName()
    screen._controller.pause()
    assert (before, screen.pause_button.accessibleName()) == ("Pause the session", "Resume the session")


def test_a_device_notice_is_announced_with_the_start(qtbot: QtBot, clock: FakeClock, heard: Heard) -> None:
    players = PlayerBox(clock)
    players.notice = "No audio device could be opened: the session runs silently"
    _screen(qtbot, players, clock)
    assert heard.announcements() == [
        "Silent timer, 10 minutes. No audio device could be opened: the session runs silently"
    ]


def test_a_notice_during_the_session_is_announced(screen: SessionScreen, heard: Heard, players: PlayerBox) -> None:
    heard.clear()
    players.current.listener.player_event(AudioNotice("The audio device went away: the session goes on silently"))
    assert heard.announcements() == ["The audio device went away: the session goes on silently"]


def test_the_end_is_announced_with_its_minutes(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, heard: Heard
) -> None:
    screen = _screen(qtbot, players, clock, minutes=1)
    _run_to(screen, clock, WARMUP_S + 60.0)
    assert heard.announcements()[-1] == "The session is complete, 1 minute"


def test_a_session_stopped_early_is_announced_with_the_minutes_practised(
    screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    _run_to(screen, clock, WARMUP_S + 125.0)
    screen._controller.stop()
    assert heard.announcements()[-1] == "Session stopped after 2 minutes"


def test_t_tells_the_time_left_whatever_the_option(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    screen.announcer.set_level(opt.ANNOUNCE_NOTHING)
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 30.0)
    qtbot.keyClick(screen, Qt.Key.Key_T)
    assert heard.announcements() == ["9 minutes 30 seconds left"]


def test_t_in_the_warm_up_tells_the_seconds_to_the_start(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    heard.clear()
    _run_to(screen, clock, 2.0)
    qtbot.keyClick(screen, Qt.Key.Key_T)
    assert heard.announcements() == ["Starting in 3 seconds"]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(600.0, "10 minutes"), (61.0, "1 minute 1 second"), (59.2, "1 minute"), (4.0, "4 seconds"), (0.0, "0 seconds")],
)
def test_time_is_said_to_the_second_the_screen_shows(seconds: float, words: str) -> None:
    assert time_left_words(seconds) == words


def test_the_pacers_phase_changes_with_the_breath_and_is_told(
    qtbot: QtBot, screen: SessionScreen, clock: FakeClock
) -> None:
    _run_to(screen, clock, WARMUP_S + 1.0, step_s=0.25)
    inhale = screen.pacer.accessibleDescription()
    with qtbot.waitSignal(screen.pacer.phase_changed) as changed:
        _run_to(screen, clock, WARMUP_S + 5.0, step_s=0.25)
    assert (inhale.split(".")[0], changed.args, screen.pacer.phase) == ("Breathe in", ["Breathe out"], "Breathe out")
    assert screen.pacer.accessibleDescription().startswith("Breathe out. ")


def test_the_pacers_value_is_its_phase_read_through_its_accessible_interface(
    screen: SessionScreen, clock: FakeClock
) -> None:
    _run_to(screen, clock, WARMUP_S + 4.0, step_s=0.25)  # the top of the breath in (4 s), breathing out
    pacer = QAccessible.queryAccessibleInterface(screen.pacer)
    value = pacer.valueInterface()
    assert pacer.text(QAccessible.Text.Value) == "Breathe out"
    assert (value.minimumValue(), value.currentValue(), value.maximumValue()) == (0.0, 100.0, 100.0)


@pytest.mark.parametrize("level", [opt.ANNOUNCE_NOTHING, opt.ANNOUNCE_MINUTES, opt.ANNOUNCE_PHASES])
def test_each_new_phase_is_sent_as_a_value_change_whatever_is_announced(
    screen: SessionScreen, clock: FakeClock, heard: Heard, level: str
) -> None:
    screen.announcer.set_level(level)
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 11.0, step_s=0.25)
    assert heard.values() == [(0.0, "Breathe in"), (100.0, "Breathe out"), (0.0, "Breathe in")]


def test_every_phase_is_announced_when_asked_for(screen: SessionScreen, clock: FakeClock, heard: Heard) -> None:
    screen.announcer.set_level(opt.ANNOUNCE_PHASES)
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 11.0, step_s=0.25)
    assert heard.announcements() == ["Breathe in", "Breathe out", "Breathe in"]


def test_phases_are_not_announced_at_the_default_level(screen: SessionScreen, clock: FakeClock, heard: Heard) -> None:
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 15.0, step_s=0.25)
    assert heard.announcements() == []


def test_a_new_caption_is_sent_as_a_name_change_of_the_caption(
    screen: SessionScreen, clock: FakeClock, heard: Heard
) -> None:
    _run_to(screen, clock, WARMUP_S + 9 * 60 - 3.0)
    heard.clear()
    _run_to(screen, clock, WARMUP_S + 9 * 60 - 1.0)
    names = [e.object() for e in heard.events if e.type() == QAccessible.Event.NameChanged]
    assert names == [screen.caption_label] and screen.caption_label.text() == PHRASE
