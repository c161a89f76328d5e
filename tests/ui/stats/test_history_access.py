"""Sessions are recorded in the real history file, and the window reads streaks back from it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.store.history import open_history
import kindly.settings.options as opt
from kindly.ui.stats.history_access import HistoryAccess
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui.session.session_controller import SessionController
from kindly.settings.settings_model import Settings

from fakes import FakeClock
from ui.recording_player import PlayerBox

pytestmark = pytest.mark.gui

FIVE_MINUTES = SessionRequest("timer-5", SessionChoices(minutes=5, warmup_s=5))


@pytest.fixture
def history(qtbot: QtBot, settings: Settings, clock: FakeClock) -> HistoryAccess:
    access = HistoryAccess(settings, clock)
    yield access
    access.close()


def _controller(players: PlayerBox, clock: FakeClock, history: HistoryAccess) -> SessionController:
    return SessionController(players, clock, session_log=history)


def test_a_finished_session_is_recorded_with_its_minutes(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(305.0)
    controller.refresh()
    [record] = open_history(clock=clock).sessions()
    assert (record.practised_s, record.planned_s, record.completed) == (300.0, 300.0, True)


def test_a_session_stopped_early_is_recorded_with_the_seconds_practised(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 95.0)
    controller.stop()
    [record] = open_history(clock=clock).sessions()
    assert (record.practised_s, record.completed) == (95.0, False)


def test_a_running_session_is_checkpointed_so_a_crash_loses_little(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    for _ in range(10):
        clock.advance(5.0)
        controller.refresh()
    [record] = open_history(clock=clock).sessions()
    assert 45.0 - 30.0 <= record.practised_s <= 45.0


def test_a_session_that_crashes_in_its_first_seconds_is_already_in_the_history(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 2.0)  # the warm-up, then two seconds of practice
    controller.refresh()
    [record] = open_history(clock=clock).sessions()  # read as the next start reads it, the app never told
    assert (record.practised_s, record.completed) == (2.0, False)


def test_the_streak_for_the_end_screen_comes_from_the_history(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(305.0)
    controller.refresh()
    assert history.current_streak() == 1


def test_hidden_streaks_give_no_streak(settings: Settings, history: HistoryAccess) -> None:
    settings.set(opt.HIDE_STREAKS, True)
    assert history.current_streak() is None


def test_a_history_that_cannot_be_opened_is_told_and_the_session_still_runs(
    players: PlayerBox, clock: FakeClock, settings: Settings
) -> None:
    told: list[str] = []

    def broken(_clock: Clock) -> object:
        raise KindlyFailure("disk full")

    access = HistoryAccess(settings, clock, told.append, opener=broken)  # type: ignore[arg-type]
    controller = _controller(players, clock, access)
    controller.start_session(FIVE_MINUTES)
    assert controller.is_active
    assert told == ["Your practice history could not be opened (disk full); sessions are not recorded."]


def test_a_history_that_cannot_be_read_is_told_and_claims_no_streak(
    settings: Settings, clock: FakeClock
) -> None:
    told: list[str] = []

    def unreadable(clock_: Clock) -> object:
        store = open_history(clock=clock_)
        store.connection.execute("DROP TABLE sessions")
        return store

    access = HistoryAccess(settings, clock, told.append, opener=unreadable)  # type: ignore[arg-type]
    try:
        streak = access.current_streak()
        records = access.history().records
    finally:
        access.close()
    assert (streak, list(records)) == (None, [])
    assert told and told[0].startswith("Your practice history could not be read (")


def test_a_practices_first_session_is_marked_so_and_the_next_is_not(
    players: PlayerBox, clock: FakeClock, history: HistoryAccess
) -> None:
    controller = _controller(players, clock, history)
    request = SessionRequest("gentle-hand", SessionChoices(practice="gentle-hand", minutes=5, warmup_s=5))
    controller.start_session(request)
    assert players.current.plan is not None and players.current.plan.config.first_session
    clock.advance(30.0)
    controller.refresh()
    controller.stop()
    controller.start_session(request)
    assert not players.current.plan.config.first_session
    controller.stop()
