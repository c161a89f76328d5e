"""Sessions are recorded in the real history file, off the GUI thread, and the window reads streaks back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.core.practice_words import PracticeStory
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_model import Settings
from kindly.store.history_opening import open_history
from kindly.store.session_history import SessionHistory
from kindly.ui.session.session_controller import SessionController, SessionOutcome
from kindly.ui.stats.history_summary import HistorySummary
from ui.recording_player import PlayerBox

FIVE_MINUTES = SessionRequest("timer-5", SessionChoices(minutes=5, warmup_s=5))


@pytest.fixture
def summary(history: SessionHistory, settings: Settings, clock: FakeClock) -> HistorySummary:
    return HistorySummary(history, settings, clock)


def _controller(players: PlayerBox, clock: FakeClock, history: SessionHistory) -> SessionController:
    return SessionController(players, clock, session_log=history)


def _recorded(history: SessionHistory, clock: FakeClock) -> list:
    history.flush()  # the writes are on the history's own thread
    return open_history(clock=clock).sessions()


def test_a_finished_session_is_recorded_with_its_minutes(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(305.0)
    controller.refresh()
    [record] = _recorded(history, clock)
    assert (record.practised_s, record.planned_s, record.completed) == (300.0, 300.0, True)


def test_a_session_stopped_early_is_recorded_with_the_seconds_practised(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 95.0)
    controller.stop()
    [record] = _recorded(history, clock)
    assert (record.practised_s, record.completed) == (95.0, False)


def test_start_abandoned_within_15_s_leaves_no_row(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    outcomes: list[SessionOutcome] = []
    controller.session_finished.connect(outcomes.append)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 3.0)  # the warm-up and three seconds: a mis-click, stopped
    controller.refresh()  # a checkpoint was written meanwhile
    controller.stop()
    assert _recorded(history, clock) == []
    assert [o.abandoned for o in outcomes] == [True]


def test_a_session_stopped_after_its_first_15_s_is_recorded_as_stopped_early(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(16.0)  # 11 s after the start bell
    controller.stop()
    [record] = _recorded(history, clock)
    assert (record.practised_s, record.completed) == (11.0, False)


def test_a_paused_start_abandoned_later_still_leaves_no_row(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    """What counts is how far into the session it was stopped: time paused is not practice."""
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(2.0)
    controller.pause()
    clock.advance(600.0)
    controller.stop()
    assert _recorded(history, clock) == []


def test_a_running_session_is_checkpointed_so_a_crash_loses_little(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    for _ in range(10):
        clock.advance(5.0)
        controller.refresh()
    [record] = _recorded(history, clock)
    assert 45.0 - 30.0 <= record.practised_s <= 45.0


def test_a_session_that_crashes_in_its_first_seconds_is_already_in_the_history(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 2.0)  # the warm-up, then two seconds of practice
    controller.refresh()
    [record] = _recorded(history, clock)  # read as the next start reads it, the app never told
    assert (record.practised_s, record.completed) == (2.0, False)


def _practise_five_minutes(players: PlayerBox, clock: FakeClock, history: SessionHistory) -> None:
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(305.0)
    controller.refresh()


def test_the_story_for_the_end_screen_comes_from_the_history(
    players: PlayerBox, clock: FakeClock, history: SessionHistory, summary: HistorySummary
) -> None:
    _practise_five_minutes(players, clock, history)
    story = summary.story()
    assert story is not None
    assert (story.current_streak, story.practice_days, story.minutes_today) == (1, 1, 5)


def test_hidden_streaks_give_a_story_with_no_words(settings: Settings, summary: HistorySummary) -> None:
    from kindly.core.practice_words import encouragement

    settings.set(opt.HIDE_STREAKS, True)
    story = summary.story()
    assert story is not None and story.hidden and encouragement(story) == ""


def test_a_history_that_cannot_be_opened_is_told_and_the_session_still_runs(
    players: PlayerBox, clock: FakeClock, settings: Settings
) -> None:
    told: list[str] = []

    def broken(_clock: Clock) -> object:
        raise KindlyFailure("disk full")

    access = SessionHistory(clock, told.append, opener=broken)  # type: ignore[arg-type]
    controller = _controller(players, clock, access)
    controller.start_session(FIVE_MINUTES)
    access.flush()
    access.close()
    assert controller.is_active
    assert told == ["Your practice history could not be opened (disk full); sessions are not recorded."]


def test_a_history_in_a_folder_others_can_read_is_told(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On POSIX Kindly makes the folder private itself; on Windows its access list decides, and is told."""
    from kindly.platform import private_files

    told: list[str] = []
    folder = tmp_path / "shared"
    monkeypatch.setattr(private_files, "privacy_problem", lambda where: f"{where} can be read by everyone")
    access = SessionHistory(clock, told.append, opener=lambda c: open_history(folder, c))
    access.open_soon()
    access.flush()
    access.close()
    assert told == [f"{folder} can be read by everyone: your practice history is not private there."]


def test_a_private_history_folder_is_not_mentioned(tmp_path: Path, clock: FakeClock) -> None:
    told: list[str] = []
    access = SessionHistory(clock, told.append, opener=lambda c: open_history(tmp_path / "mine", c))
    access.open_soon()
    access.flush()
    access.close()
    assert told == []


def test_a_history_that_cannot_be_read_is_told_and_claims_no_streak(settings: Settings, clock: FakeClock) -> None:
    told: list[str] = []

    def unreadable(clock_: Clock) -> object:
        store = open_history(clock=clock_)
        store.connection.execute("DROP TABLE sessions")
        return store

    access = SessionHistory(clock, told.append, opener=unreadable)  # type: ignore[arg-type]
    summary = HistorySummary(access, settings, clock)
    try:
        streak = summary.story()
        records = summary.history().records
    finally:
        access.close()
    assert (streak, list(records)) == (None, [])
    assert told and told[0].startswith("Your practice history could not be read (")


def test_a_practices_first_session_is_marked_so_and_the_next_is_not(
    players: PlayerBox, clock: FakeClock, history: SessionHistory
) -> None:
    history.open_soon()
    history.flush()  # opened before Start, as the app opens it after the first paint
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


class BlockedDisk:
    """A history file on a disk that answers only when the test lets it (a slow network home, a busy USB disk)."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.waited: list[str] = []

    def open(self, clock: Clock) -> object:
        self.waited.append(threading.current_thread().name)
        assert self.released.wait(timeout=30), "the test never released the disk"
        return open_history(clock=clock)


def test_start_never_waits_for_a_slow_disk(players: PlayerBox, clock: FakeClock) -> None:
    disk = BlockedDisk()
    history = SessionHistory(clock, opener=disk.open)  # type: ignore[arg-type]
    history.open_soon()  # as the app does after its first paint: the disk is now stuck
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)  # returns although the disk has not answered
    started_while_blocked = controller.is_active and players.current.plan is not None
    clock.advance(5.0 + 300.0)
    controller.refresh()
    disk.released.set()
    [record] = _recorded(history, clock)
    history.close()
    assert started_while_blocked
    assert disk.waited == ["kindly-history_0"] and threading.current_thread().name == "MainThread"
    assert (record.practised_s, record.completed) == (300.0, True)


def test_writes_land_in_the_order_they_were_asked(players: PlayerBox, clock: FakeClock) -> None:
    disk = BlockedDisk()
    history = SessionHistory(clock, opener=disk.open)  # type: ignore[arg-type]
    controller = _controller(players, clock, history)
    controller.start_session(FIVE_MINUTES)
    clock.advance(5.0 + 30.0)
    controller.refresh()  # a checkpoint, queued behind the begin
    clock.advance(60.0)
    controller.stop()  # the outcome, queued behind both
    disk.released.set()
    [record] = _recorded(history, clock)
    history.close()
    assert (record.practised_s, record.completed) == (90.0, False)


def test_reading_never_freezes_the_window_on_a_stuck_disk(clock: FakeClock) -> None:
    disk = BlockedDisk()
    told: list[str] = []
    history = SessionHistory(clock, told.append, opener=disk.open)  # type: ignore[arg-type]
    waited = history.records(wait_s=0.05)  # the disk has not answered: no records, and the user is told
    disk.released.set()
    later = history.records()
    history.close()
    assert (waited, later) == (None, [])
    assert told == ["Your practice history is slow to answer (a busy disk?); it shows once it does."]


def test_the_story_for_today_comes_without_waiting_for_the_disk(
    players: PlayerBox, clock: FakeClock, history: SessionHistory, summary: HistorySummary
) -> None:
    from concurrent.futures import Future

    _practise_five_minutes(players, clock, history)
    told: Future[PracticeStory | None] = Future()
    summary.story_later(told.set_result)
    story = told.result(timeout=5)
    assert story is not None and story.current_streak == 1
