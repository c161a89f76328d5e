"""The session controller: time left from the plan, pause and stop, the end bell, sleep."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.audio.player_interface import CueReached, PlayerState
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui.session.session_controller import SessionController, SessionOutcome
from ui.recording_player import PlayerBox

TEN_MINUTES = SessionRequest("timer-10", SessionChoices(minutes=10, warmup_s=5))


def test_starting_a_session_plays_its_plan(controller: SessionController, players: PlayerBox) -> None:
    session = controller.start_session(TEN_MINUTES)
    assert players.current.calls == ["play"]
    assert players.current.plan is session.plan
    assert (session.plan.start_s, session.plan.end_s) == (5.0, 605.0)


def test_time_left_is_computed_from_the_players_position(
    controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(125.0)
    assert controller.time_left_s() == pytest.approx(480.0)


def test_time_left_does_not_run_while_paused(controller: SessionController, clock: FakeClock) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(65.0)
    controller.pause()
    clock.advance(300.0)
    assert controller.time_left_s() == pytest.approx(540.0)
    assert controller.is_paused


def test_pause_and_resume_reach_the_player_and_are_announced(
    qtbot: QtBot, controller: SessionController, players: PlayerBox
) -> None:
    controller.start_session(TEN_MINUTES)
    with qtbot.waitSignal(controller.paused_changed) as paused:
        controller.toggle_pause()
    with qtbot.waitSignal(controller.paused_changed) as resumed:
        controller.toggle_pause()
    assert (paused.args, resumed.args) == ([True], [False])
    assert players.current.calls == ["play", "pause", "resume"]


def test_the_session_ends_when_the_end_bell_strikes_and_leaves_the_bell_ringing(
    qtbot: QtBot, controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(605.0)
    with qtbot.waitSignal(controller.session_finished) as finished:
        controller.refresh()
    outcome: SessionOutcome = finished.args[0]
    assert (outcome.completed, outcome.practised_minutes) == (True, 10)
    assert "stop" not in players.current.calls
    assert players.current.state is PlayerState.PLAYING
    assert not controller.is_active


def test_stopping_early_keeps_the_seconds_practised(
    qtbot: QtBot, controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(5.0 + 150.0)
    with qtbot.waitSignal(controller.session_finished) as finished:
        controller.stop()
    outcome: SessionOutcome = finished.args[0]
    assert (outcome.completed, outcome.practised_s) == (False, pytest.approx(150.0))
    assert players.current.calls[-1] == "stop"


def test_a_new_session_started_during_ring_out_does_not_silence_the_old_bell(
    controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(605.0)
    controller.refresh()
    controller.start_session(TEN_MINUTES)
    assert players.players[0].calls == ["play"]
    assert len(players.players) == 2


def test_sleep_pauses_the_session_and_says_so(qtbot: QtBot, controller: SessionController, players: PlayerBox) -> None:
    controller.start_session(TEN_MINUTES)
    with qtbot.waitSignal(controller.notice_changed) as notice:
        players.current.suspend(1800.0)
    assert "slept for about 30 minutes" in notice.args[0]
    assert controller.is_paused


def test_time_left_is_announced_on_the_next_whole_second(
    qtbot: QtBot, controller: SessionController, clock: FakeClock
) -> None:
    controller.start_session(TEN_MINUTES)
    clock.advance(10.4)
    with qtbot.waitSignal(controller.time_left_changed) as left:
        controller.refresh()
    assert left.args[0] == pytest.approx(594.6)
    clock.advance(0.6)  # the next whole second, on the session's clock
    with qtbot.waitSignal(controller.time_left_changed, timeout=1500) as following:
        pass  # told when its timer comes due, about 0.6 s on: no call in between
    assert following.args[0] == pytest.approx(594.0)


def test_a_bad_breath_pattern_refuses_to_start_and_plays_nothing(
    controller: SessionController, players: PlayerBox
) -> None:
    from kindly.core.errors import KindlyInputError

    with pytest.raises(KindlyInputError, match="breath pattern"):
        controller.start_session(SessionRequest("x", SessionChoices(breath="4-99")))
    assert players.players == []


def test_the_test_sound_rings_the_chosen_bell_once_at_the_bells_volume(
    controller: SessionController, players: PlayerBox
) -> None:
    controller.preview_bell("small-bowl", 30)
    plan = players.current.plan
    assert plan is not None
    assert [(c.t, c.kind, c.name) for c in plan.cues] == [(0.0, "bell", "start")]
    assert (plan.config.bell, plan.config.volumes.bells) == ("small-bowl", 30)
    assert plan.duration_s == pytest.approx(8.0)


def test_the_test_sound_leaves_a_running_session_alone(controller: SessionController, players: PlayerBox) -> None:
    controller.start_session(TEN_MINUTES)
    controller.preview_bell("bowl", 80)
    assert controller.is_active and players.players[0].calls == ["play"]


def _slow_builder(threads: list[int]):  # type: ignore[no-untyped-def]
    import threading

    from kindly.core.session_plan import build_session_plan

    def build(config):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return build_session_plan(config)

    return build


@pytest.fixture
def owned() -> Iterator[QObject]:
    """A parent for controllers whose plans are prepared on a thread: they are deleted on the GUI thread."""
    parent = QObject()
    yield parent
    parent.deleteLater()


def test_a_plan_that_takes_time_is_prepared_off_the_gui_thread_then_started(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, owned: QObject
) -> None:
    import threading

    threads: list[int] = []
    controller = SessionController(players, clock, plan_builder=_slow_builder(threads), parent=owned)
    with qtbot.waitSignal(controller.session_started, timeout=5000):
        controller.start_session_when_prepared(TEN_MINUTES, "A user's practice")
    assert threads and threads[0] != threading.get_ident()
    assert players.current.calls == ["play"] and controller.session is not None
    assert controller.session.title == "A user's practice"


def test_a_session_being_prepared_is_told_before_its_plan_is_ready(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, owned: QObject
) -> None:
    threads: list[int] = []
    controller = SessionController(players, clock, plan_builder=_slow_builder(threads), parent=owned)
    order: list[str] = []
    controller.session_preparing.connect(lambda: order.append("preparing"))
    controller.session_started.connect(lambda _session: order.append("started"))
    with qtbot.waitSignal(controller.session_started, timeout=5000):
        controller.start_session_when_prepared(TEN_MINUTES)
        assert order == ["preparing"]
    assert order == ["preparing", "started"]


@pytest.mark.parametrize(
    "problem",
    [
        KindlyInputError("practice 'long-one' needs at least 15 minutes"),  # a choice that cannot fit
        KindlyFailure("the disk holding the voice cache is full"),  # the machine, while preparing
    ],
    ids=["a-choice-that-cannot-fit", "a-machine-failure"],
)
def test_a_session_that_cannot_be_prepared_is_told_not_left_preparing(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, owned: QObject, problem: Exception
) -> None:
    def refuse(config: object) -> object:
        raise problem

    controller = SessionController(players, clock, plan_builder=refuse, parent=owned)  # type: ignore[arg-type]
    with qtbot.waitSignal(controller.start_failed, timeout=5000) as failed:
        controller.start_session_when_prepared(TEN_MINUTES)
    assert failed.args == [str(problem)]
    assert players.players == []


def test_a_session_started_meanwhile_replaces_one_still_being_prepared(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock, owned: QObject
) -> None:
    threads: list[int] = []
    controller = SessionController(players, clock, plan_builder=_slow_builder(threads), parent=owned)
    controller.start_session_when_prepared(SessionRequest("timer-20", SessionChoices(minutes=20)))
    controller.start_session(TEN_MINUTES)
    qtbot.waitUntil(lambda: len(threads) == 2)
    for worker in threading.enumerate():
        if worker.name == "kindly-prepare-plan":
            worker.join(timeout=10)  # the prepared plan has been posted to the GUI thread ...
    QCoreApplication.sendPostedEvents()  # ... and has now arrived there, too late to start
    assert len(players.players) == 1 and players.current.plan.config.minutes == 10.0


def _listeners(controller: SessionController) -> list[object]:
    """The player listeners still alive once their players are let go (the test's box keeps none)."""
    import gc

    from kindly.ui.session.session_controller import _PlayerEvents

    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, _PlayerEvents) and o._controller() is controller]


def test_players_that_have_finished_leave_no_listeners_behind(
    controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    for _ in range(3):
        controller.start_session(TEN_MINUTES)
        clock.advance(60.0)
        controller.stop()
        controller.start_session(TEN_MINUTES)
        clock.advance(605.0)
        controller.refresh()
        players.current.ring_out()
        controller.preview_bell("bowl", 50)
        players.current.ring_out()
    players.players.clear()  # the test's box lets its players go: the controller must hold none
    assert _listeners(controller) == []


def test_a_bell_still_ringing_out_cannot_pause_or_end_the_next_session(
    controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    from kindly.core.session_plan import Cue

    controller.start_session(TEN_MINUTES)
    clock.advance(605.0)
    controller.refresh()
    controller.start_session(TEN_MINUTES)
    ringing = players.players[0]
    ringing.listener.player_event(CueReached(Cue(605.0, "bell", "end")))
    ringing.suspend(30.0)
    assert controller.is_active and not controller.is_paused
    assert controller.notice == ""


@pytest.mark.slow
def test_the_real_player_thread_reaches_every_slot_on_the_gui_thread(qtbot: QtBot, owned: QObject) -> None:
    """LivePlayer's own timing thread, into a real controller: every event arrives on the GUI thread."""
    from kindly.audio.player_factory import SessionAudio
    from kindly.core.clock import SystemClock

    clock = SystemClock()
    seen: list[tuple[str, str]] = []
    controller = SessionController(SessionAudio(clock, mode="silent").player, clock, parent=owned)
    signals = {
        "started": controller.session_started,
        "time left": controller.time_left_changed,
        "notice": controller.notice_changed,
        "finished": controller.session_finished,
    }
    for name, signal in signals.items():
        signal.connect(lambda *_args, name=name: seen.append((name, threading.current_thread().name)))
    request = SessionRequest("timer", SessionChoices(minutes=1, warmup_s=0, breath="4-6"))
    with qtbot.waitSignal(controller.session_started, timeout=5000):
        controller.start_session(request)
    qtbot.waitUntil(lambda: controller.position_s() > 4.5, timeout=10_000)  # the player's thread past a cue or two
    controller.stop()
    qtbot.waitUntil(lambda: any(kind == "finished" for kind, _ in seen), timeout=10_000)
    assert {thread for _, thread in seen} == {"MainThread"}
    assert {"started", "time left", "finished"} <= {kind for kind, _ in seen}


def test_stopping_once_the_end_bell_has_begun_leaves_it_ringing_and_counts_the_session_complete(
    controller: SessionController, players: PlayerBox, clock: FakeClock
) -> None:
    outcomes: list[object] = []
    controller.session_finished.connect(outcomes.append)
    controller.start_session(TEN_MINUTES)
    clock.advance(605.0)  # the warm-up, then the whole session: the end bell strikes ...
    controller.stop()  # ... and Stop is pressed before the next tick noticed: too late to stop
    bell = players.current
    assert (bell.state, len(outcomes), outcomes[0].completed) == (PlayerState.PLAYING, 1, True)  # type: ignore[attr-defined]
