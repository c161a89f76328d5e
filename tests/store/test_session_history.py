"""The history as the app uses it: opened on its own thread, the live session written in order, read back.

Qt-free: `SessionHistory` driven directly on real SQLite files with a fake
clock; what the user is told is what `notify` received.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fakes import FakeClock
from kindly.core.checkin import CheckIn
from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure
from kindly.core.path_progress import start_path
from kindly.core.session_record import SessionRecord
from kindly.store.history import HistoryStore
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.session_history import SessionHistory

MONDAY = datetime(2027, 1, 4, 7, 30, tzinfo=UTC)


@pytest.fixture
def told() -> list[str]:
    return []


@pytest.fixture
def real_privacy_check() -> None:
    """Asked for by a test of the history's word on a folder others can read: the real check runs."""


@pytest.fixture(autouse=True)
def private_temporary_folders(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every other test takes its temporary folder as private: under the Windows lane (Wine) such a
    folder's access list lets everyone read it, and its notice would stand beside the one tested.
    Whether a folder is private is `kindly.platform.private_files`' own, tested there."""
    if "real_privacy_check" not in request.fixturenames:
        monkeypatch.setattr("kindly.platform.private_files.privacy_problem", lambda folder: None)


@pytest.fixture
def history(tmp_path: Path, clock: FakeClock, told: list[str]) -> Iterator[SessionHistory]:
    access = SessionHistory(clock, told.append, opener=lambda c: open_history(tmp_path, c))
    yield access
    access.close()


def _broken_table(tmp_path: Path) -> Callable[[Clock], HistoryStore]:
    """An opener whose history lost its sessions table after it was opened (another program dropped it)."""

    def opener(clock: Clock) -> HistoryStore:
        store = open_history(tmp_path, clock)
        store.connection.execute("DROP TABLE sessions")
        return store

    return opener


def _stored(history: SessionHistory) -> list[SessionRecord]:
    records = history.records()
    assert records is not None
    return records


def test_a_session_begun_and_finished_is_recorded_with_its_seconds(history: SessionHistory) -> None:
    history.begin(600.0, "kind-breath")
    history.finish(600.0, completed=True)
    [record] = _stored(history)
    assert (record.planned_s, record.practised_s, record.completed) == (600.0, 600.0, True)


def test_the_first_checkpoint_comes_after_one_second_then_every_twenty(history: SessionHistory) -> None:
    history.begin(600.0, "kind-breath")
    seen = []
    for practised_s in (0.5, 1.0, 15.0, 21.0):
        history.progress(practised_s)
        seen.append(_stored(history)[0].practised_s)
    assert seen == [0.0, 1.0, 1.0, 21.0]


def test_progress_with_no_session_running_writes_nothing(history: SessionHistory) -> None:
    history.progress(30.0)
    assert _stored(history) == []


def test_an_end_with_no_session_running_writes_nothing(history: SessionHistory) -> None:
    history.finish(30.0, completed=False)
    history.abandon()
    assert _stored(history) == []


def test_a_session_too_short_to_keep_leaves_no_row_and_takes_no_check_in(history: SessionHistory) -> None:
    history.begin(600.0, "kind-breath")
    history.finish(0.5, completed=False)
    history.checkin_after(CheckIn(7, 8))
    assert _stored(history) == []


def test_a_start_abandoned_at_once_leaves_no_row(history: SessionHistory) -> None:
    history.begin(600.0, "kind-breath")
    history.abandon()
    assert _stored(history) == []


def test_the_check_in_after_is_kept_with_the_session_that_just_ended(history: SessionHistory) -> None:
    history.begin(600.0, "kind-breath", checkin_before=CheckIn(3, 4))
    history.finish(600.0, completed=True)
    history.checkin_after(CheckIn(7, 8))
    [record] = _stored(history)
    assert (record.checkin_before, record.checkin_after) == (CheckIn(3, 4), CheckIn(7, 8))


def test_forgetting_check_ins_says_how_many_sessions_had_one(history: SessionHistory) -> None:
    counts: list[int] = []
    history.begin(600.0, "kind-breath", checkin_before=CheckIn(3, 4))
    history.finish(600.0, completed=True)
    history.forget_checkins(None, counts.append)
    history.flush()
    assert counts == [1] and _stored(history)[0].checkin_before is None


def test_a_practice_done_before_is_known_once_the_history_is_open(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    with open_history(tmp_path, clock) as store:
        store.add(SessionRecord(MONDAY, 60, 600.0, 600.0, "kind-breath", True))
    access = SessionHistory(clock, told.append, opener=lambda c: open_history(tmp_path, c))
    try:
        unknown_yet = access.practised_before("kind-breath")
        access.open_soon()
        access.flush()
        assert (unknown_yet, access.practised_before("kind-breath"), access.practised_before("body-scan")) == (
            False,
            True,
            False,
        )
    finally:
        access.close()


def test_knowing_the_practices_done_before_reads_no_session(
    tmp_path: Path, clock: FakeClock, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_history(tmp_path, clock) as store:
        store.add(SessionRecord(MONDAY, 60, 600.0, 600.0, "kind-breath", True))
    reads: list[int] = []
    whole_read = HistoryStore.sessions
    monkeypatch.setattr(HistoryStore, "sessions", lambda store: reads.append(1) or whole_read(store))
    access = SessionHistory(clock, told.append, opener=lambda c: open_history(tmp_path, c))
    try:
        access.open_soon()
        access.flush()
        assert (access.practised_before("kind-breath"), reads) == (True, [])
    finally:
        access.close()


def test_a_practice_a_job_brings_in_counts_as_done_before_once_it_is_done(history: SessionHistory) -> None:
    """A merge from the sync folder is such a job: a practice first done on another machine."""
    history.open_soon()
    history.flush()
    merged = history.practised_before("body-scan")
    history.with_store_later(
        lambda store: store.add(SessionRecord(MONDAY, 60, 600.0, 600.0, "body-scan", True)), lambda _answer: None
    )
    history.flush()
    assert (merged, history.practised_before("body-scan")) == (False, True)


def test_a_practice_begun_while_a_job_runs_is_still_known_once_the_job_is_done(history: SessionHistory) -> None:
    """The job (a merge) learns the practices from the file before the session's row is written there."""
    history.open_soon()
    history.flush()
    busy = threading.Event()
    history.with_store_later(lambda store: busy.wait(5.0), lambda _answer: None)
    history.begin(600.0, "body-scan")
    busy.set()
    history.flush()
    assert history.practised_before("body-scan")


def test_a_practice_begun_now_counts_as_done_before_at_once(history: SessionHistory) -> None:
    history.open_soon()
    history.flush()
    history.begin(600.0, "body-scan")
    assert history.practised_before("body-scan")


def test_a_history_that_cannot_be_opened_is_told_and_nothing_is_recorded(clock: FakeClock, told: list[str]) -> None:
    def broken(_clock: Clock) -> HistoryStore:
        raise KindlyFailure("disk full")

    access = SessionHistory(clock, told.append, opener=broken)
    try:
        access.begin(600.0, "kind-breath")
        assert access.records() is None
    finally:
        access.close()
    assert told == ["Your practice history could not be opened (disk full); sessions are not recorded."]


def test_a_recovered_history_is_told_as_a_sentence(tmp_path: Path, history: SessionHistory, told: list[str]) -> None:
    (tmp_path / DB_NAME).write_bytes(b"not a database" * 100)
    history.open_soon()
    history.flush()
    assert len(told) == 1 and told[0].startswith("The history file was damaged (") and told[0].endswith(".")


def test_a_history_whose_privacy_cannot_be_checked_is_opened_without_a_word(
    history: SessionHistory, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindly.platform import private_files

    def unknown(where: Path) -> str | None:
        raise PermissionError(f"cannot look at {where}")

    monkeypatch.setattr(private_files, "privacy_problem", unknown)
    history.begin(600.0, "kind-breath")
    history.finish(600.0, completed=True)
    assert len(_stored(history)) == 1 and told == []


@pytest.mark.posix_only("file modes say who can read a folder")
def test_a_history_in_a_folder_others_can_read_is_told(
    tmp_path: Path, clock: FakeClock, told: list[str], real_privacy_check: None
) -> None:
    def opened_up(clock_: Clock) -> HistoryStore:
        store = open_history(tmp_path, clock_)
        tmp_path.chmod(0o755)  # after Kindly made it private: another program opened it up
        return store

    access = SessionHistory(clock, told.append, opener=opened_up)
    try:
        access.open_soon()
        access.flush()
    finally:
        access.close()
    assert told == [f"{tmp_path} can be read by other users (mode 0755): your practice history is not private there."]


def test_with_no_opener_given_the_history_is_the_one_in_the_data_folder(clock: FakeClock) -> None:
    access = SessionHistory(clock)
    try:
        access.begin(600.0, "kind-breath")
        access.finish(600.0, completed=True)
        access.flush()
    finally:
        access.close()
    with open_history(Path(os.environ["KINDLY_DATA_DIR"]), clock) as store:
        assert len(store.sessions()) == 1


def test_a_start_that_could_not_be_written_is_abandoned_without_a_second_word(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    access = SessionHistory(clock, told.append, opener=_broken_table(tmp_path))
    try:
        access.begin(600.0, "kind-breath")
        access.abandon()
        access.flush()
    finally:
        access.close()
    assert len(told) == 1 and told[0].startswith("This session could not be recorded (")


def test_a_failed_write_of_the_live_session_is_told_and_the_session_goes_on_unrecorded(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    access = SessionHistory(clock, told.append, opener=_broken_table(tmp_path))
    try:
        access.begin(600.0, "kind-breath")
        access.progress(1.0)
        access.finish(600.0, completed=True)
        access.checkin_after(CheckIn(7, 8))
        access.flush()
    finally:
        access.close()
    assert len(told) == 1 and told[0].startswith("This session could not be recorded (")


def test_check_ins_that_cannot_be_deleted_are_told_and_nothing_is_counted(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    counts: list[int] = []
    access = SessionHistory(clock, told.append, opener=_broken_table(tmp_path))
    try:
        access.forget_checkins(None, counts.append)
        access.flush()
    finally:
        access.close()
    assert counts == [] and len(told) == 1 and told[0].startswith("The check-ins could not be deleted (")


def test_a_history_that_cannot_be_read_is_told_and_gives_nothing(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    access = SessionHistory(clock, told.append, opener=_broken_table(tmp_path))
    try:
        assert access.records() is None
    finally:
        access.close()
    assert len(told) == 1 and told[0].startswith("Your practice history could not be read (")


def test_sessions_left_out_of_a_read_are_told_once(tmp_path: Path, clock: FakeClock, told: list[str]) -> None:
    def garbled(clock_: Clock) -> HistoryStore:
        store = open_history(tmp_path, clock_)
        store.add(SessionRecord(MONDAY, 60, 600.0, 600.0, "kind-breath", True))
        store.connection.execute("UPDATE sessions SET start_utc = 'not a time'")
        return store

    access = SessionHistory(clock, told.append, opener=garbled)
    try:
        first, second = access.records(), access.records()
    finally:
        access.close()
    assert (first, second) == ([], [])
    assert told == [f"1 session in {DB_NAME} could not be read and is left out."]


def test_a_read_the_disk_does_not_answer_in_time_gives_nothing_and_is_told_once(
    tmp_path: Path, clock: FakeClock, told: list[str]
) -> None:
    disk = threading.Event()

    def stuck(clock_: Clock) -> HistoryStore:
        disk.wait()
        return open_history(tmp_path, clock_)

    access = SessionHistory(clock, told.append, opener=stuck)
    try:
        reads = (access.records(wait_s=0.0), access.records(wait_s=0.0), access.path_progress(wait_s=0.0))
        disk.set()
        assert reads == (None, None, None)
        assert access.records() == []
    finally:
        disk.set()
        access.close()
    assert told == ["Your practice history is slow to answer (a busy disk?); it shows once it does."]


def test_sessions_can_be_read_without_waiting(history: SessionHistory) -> None:
    answers: list[list[SessionRecord] | None] = []
    history.begin(600.0, "kind-breath")
    history.finish(600.0, completed=True)
    history.records_later(answers.append)
    history.flush()
    assert [len(answer or ()) for answer in answers] == [1]


def test_the_path_kept_is_the_path_read_back(history: SessionHistory) -> None:
    history.keep_path(start_path("twelve-weeks-of-kindness", MONDAY))
    assert history.path_progress() == start_path("twelve-weeks-of-kindness", MONDAY)


def test_a_path_left_is_read_back_as_none_without_waiting(history: SessionHistory) -> None:
    answers: list[object] = []
    history.keep_path(start_path("p", MONDAY))
    history.leave_path(MONDAY + timedelta(days=1))
    history.path_progress_later(answers.append)
    history.flush()
    assert answers == [None]


def test_a_path_that_cannot_be_read_is_none(tmp_path: Path, clock: FakeClock, told: list[str]) -> None:
    def no_paths(clock_: Clock) -> HistoryStore:
        store = open_history(tmp_path, clock_)
        store.connection.execute("DROP TABLE path_progress")
        return store

    access = SessionHistory(clock, told.append, opener=no_paths)
    try:
        assert access.path_progress() is None
    finally:
        access.close()


def test_a_job_is_run_with_the_open_store_and_its_answer_given(history: SessionHistory) -> None:
    answers: list[Path | None] = []
    history.with_store_later(lambda store: store.path, answers.append)
    history.flush()
    assert [answer.name if answer else None for answer in answers] == [DB_NAME]


def test_a_wait_with_a_limit_says_everything_asked_so_far_is_done(history: SessionHistory) -> None:
    answers: list[Path | None] = []
    history.with_store_later(lambda store: store.path, answers.append)
    assert history.flush(at_most_s=5.0) is True
    assert len(answers) == 1


def test_a_wait_with_a_limit_gives_up_in_time_while_the_history_is_still_busy(history: SessionHistory) -> None:
    busy = threading.Event()
    history.with_store_later(lambda store: busy.wait(5.0), lambda _answer: None)
    try:
        assert history.flush(at_most_s=0.01) is False
    finally:
        busy.set()
    assert history.flush() is True


def test_notices_go_to_the_notify_set_last(tmp_path: Path, clock: FakeClock) -> None:
    first: list[str] = []
    later: list[str] = []

    def broken(_clock: Clock) -> HistoryStore:
        raise KindlyFailure("disk full")

    access = SessionHistory(clock, first.append, opener=broken)
    access.set_notify(later.append)
    access.open_soon()
    access.close()
    assert (first, len(later)) == ([], 1)


def test_a_history_never_opened_closes_and_flushes_without_a_thread(clock: FakeClock) -> None:
    access = SessionHistory(clock)
    access.flush()
    access.close()
    assert access.practised_before("kind-breath") is False


def test_closing_writes_what_is_queued_and_lets_go_of_the_file(
    tmp_path: Path, history: SessionHistory, clock: FakeClock
) -> None:
    history.begin(600.0, "kind-breath")
    history.finish(600.0, completed=True)
    history.close()
    with open_history(tmp_path, clock) as store:
        assert len(store.sessions()) == 1
