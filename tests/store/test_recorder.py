"""Live sessions are written as they happen: begun, checkpointed, finished, and stopped-early ones kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fakes import FakeClock
from kindly.core.errors import KindlyFailure
from kindly.store.history import HistoryStore
from kindly.store.history_opening import open_history
from kindly.store.recorder import SessionRecorder

# 2026-07-01 10:00 UTC: summer time in Paris (+02:00).
JULY_FIRST = datetime(2026, 7, 1, 10, 0, tzinfo=UTC).timestamp()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with open_history(tmp_path) as opened:
        yield opened


def test_a_session_is_written_when_it_begins_with_the_local_offset_and_zone(
    store: HistoryStore, local_zone: Callable[[str], None]
) -> None:
    local_zone("Europe/Paris")
    recorder = SessionRecorder(store, FakeClock(wall=JULY_FIRST))
    session_id = recorder.begin(600.0, "kind-breath")
    session = store.session(session_id)
    assert (session.start_utc.timestamp(), session.utc_offset_min, session.zone) == (JULY_FIRST, 120, "Europe/Paris")
    assert (session.planned_s, session.practised_s, session.completed) == (600.0, 0.0, False)


def test_a_checkpoint_keeps_the_time_practised_so_far(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(600.0)
    recorder.checkpoint(session_id, 30.0)
    recorder.checkpoint(session_id, 60.0)
    assert store.session(session_id).practised_s == 60.0


def test_a_session_stopped_early_is_kept_with_what_was_practised(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(1200.0, "soften-soothe-allow")
    assert recorder.finish(session_id, 245.5, completed=False)
    session = store.session(session_id)
    assert (session.practised_s, session.completed, session.practice) == (245.5, False, "soften-soothe-allow")


def test_a_session_run_to_the_end_is_marked_completed(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(600.0)
    recorder.finish(session_id, 600.0, completed=True)
    assert store.session(session_id).completed


def test_a_session_of_under_a_second_is_not_kept(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(600.0)
    assert not recorder.finish(session_id, 0.4, completed=False)
    assert store.sessions() == []


def test_a_crash_before_finishing_keeps_the_last_checkpoint(tmp_path: Path, clock: FakeClock) -> None:
    store = open_history(tmp_path)
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(600.0)
    recorder.checkpoint(session_id, 90.0)
    store.close()  # the app is gone; finish() never comes
    with open_history(tmp_path) as reopened:
        session = reopened.session(session_id)
    assert (session.practised_s, session.completed) == (90.0, False)


def test_an_unknown_session_cannot_be_checkpointed(store: HistoryStore, clock: FakeClock) -> None:
    with pytest.raises(KindlyFailure, match="there is no session 42"):
        SessionRecorder(store, clock).checkpoint(42, 30.0)


def test_an_impossible_practised_time_is_refused(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    session_id = recorder.begin(600.0)
    with pytest.raises(KindlyFailure, match=r"practised seconds -5\.0"):
        recorder.finish(session_id, -5.0, completed=False)


def test_an_abandoned_start_is_discarded_and_leaves_no_row(store: HistoryStore, clock: FakeClock) -> None:
    recorder = SessionRecorder(store, clock)
    kept = recorder.begin(600.0)
    recorder.finish(kept, 300.0, completed=False)
    mis_click = recorder.begin(600.0)
    recorder.checkpoint(mis_click, 4.0)
    store.discard(mis_click)
    assert [session.id for session in store.sessions()] == [kept]
