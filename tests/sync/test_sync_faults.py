"""What sync engines do to a shared folder, one fault at a time, and what Kindly makes of each."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyFailure
from kindly.core.path_progress import PathProgress
from kindly.core.sync_journal import JournalEvent, session_event
from kindly.store.history_opening import DB_NAME
from kindly.store.path_store import current_path, keep_progress
from kindly.sync.sync_folder import JOURNALS
from sync_machines import CONFLICT_NAMES, Machine, deliver, kept, segments, session

WEEK_ONE = datetime(2026, 11, 2, 7, tzinfo=UTC)


@pytest.fixture
def laptop(tmp_path: Path) -> Machine:
    machine = Machine(tmp_path, "laptop")
    yield machine
    machine.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Machine:
    machine = Machine(tmp_path, "desktop")
    yield machine
    machine.close()


def test_a_session_recorded_on_one_machine_reaches_the_other_with_where_it_was_done(
    laptop: Machine, desktop: Machine
) -> None:
    laptop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    report = desktop.sync()
    assert desktop.sessions() == laptop.sessions()
    assert (report.merged.added, report.merged.devices) == (1, {laptop.device.id})
    where = desktop.store.connection.execute("SELECT origin_name FROM sessions").fetchone()[0]
    assert where == laptop.device.name


@pytest.mark.parametrize("conflict", CONFLICT_NAMES)
def test_a_conflict_copy_is_read_as_the_same_machines_events_and_counted_once(
    laptop: Machine, desktop: Machine, conflict: str
) -> None:
    laptop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    (original,) = segments(laptop)
    shutil.copyfile(original, desktop.replica / JOURNALS / laptop.device.id / conflict.format(stem=original.stem))
    report = desktop.sync()
    assert report.merged.added == 1
    assert len(desktop.store.sessions()) == 1


def test_a_conflict_copy_holding_events_the_original_lost_still_counts(laptop: Machine, desktop: Machine) -> None:
    laptop.record(session(0))
    laptop.sync()
    (original,) = segments(laptop)
    folder = desktop.replica / JOURNALS / laptop.device.id
    folder.mkdir(parents=True)
    shutil.copyfile(original, folder / CONFLICT_NAMES[0].format(stem=original.stem))
    (folder / original.name).write_bytes(b"")
    desktop.sync()
    assert desktop.sessions() == laptop.sessions()


def test_a_half_synced_last_line_is_skipped_counted_and_read_once_whole(laptop: Machine, desktop: Machine) -> None:
    laptop.record(session(0))
    laptop.record(session(1))
    laptop.sync()
    (original,) = segments(laptop)
    data = original.read_bytes()
    folder = desktop.replica / JOURNALS / laptop.device.id
    folder.mkdir(parents=True)
    (folder / original.name).write_bytes(data[: len(data) - 20])
    half = desktop.sync()
    assert (half.merged.added, half.garbled) == (1, 1)
    assert "1 garbled line skipped" in half.line()
    (folder / original.name).write_bytes(data)
    whole = desktop.sync()
    assert (whole.merged.added, whole.garbled) == (1, 0)
    assert desktop.sessions() == laptop.sessions()


def test_a_file_truncated_then_grown_again_takes_nothing_back_and_adds_nothing_twice(
    laptop: Machine, desktop: Machine
) -> None:
    laptop.record(session(0))
    laptop.record(session(1))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    (copy,) = segments_in(desktop, laptop)
    data = copy.read_bytes()
    copy.write_bytes(b"")
    assert desktop.sync().merged.removed == 0
    assert desktop.sessions() == laptop.sessions()
    copy.write_bytes(data)
    report = desktop.sync()
    assert (report.merged.added, report.merged.updated) == (0, 0)
    assert len(desktop.store.sessions()) == 2


def test_a_later_check_in_brings_the_session_up_to_date_and_an_older_revision_never_takes_it_back(
    laptop: Machine, desktop: Machine
) -> None:
    first = laptop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    laptop.store.set_checkin(first, "after", CheckIn(7, 8))
    laptop.sync()
    newest = segments(laptop)[-1]
    assert json.loads(newest.read_text().splitlines()[0])["type"] == "checkin"
    deliver(laptop, desktop)
    assert desktop.sync().merged.updated == 1
    assert desktop.sessions() == laptop.sessions()
    for stale in segments_in(desktop, laptop)[1:]:
        stale.unlink()  # the newer segment gone for a while: the older revision alone in the folder
    assert desktop.sync().merged.updated == 0
    assert desktop.sessions() == laptop.sessions()


def test_a_session_deleted_where_it_was_done_is_removed_and_never_comes_back(laptop: Machine, desktop: Machine) -> None:
    first = laptop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    laptop.store.discard(first)
    laptop.sync()
    deliver(laptop, desktop)
    assert desktop.sync().merged.removed == 1
    assert desktop.sessions() == set()
    segments_in(desktop, laptop)[-1].unlink()  # the tombstone's file gone for a while
    assert desktop.sync().merged.added == 0
    assert desktop.sessions() == set()


def test_nothing_in_the_folder_changes_or_removes_a_session_recorded_here(laptop: Machine, desktop: Machine) -> None:
    mine = desktop.record(session(3))
    desktop.sync()
    (sync_id,) = desktop.store.connection.execute("SELECT sync_id FROM sessions WHERE id = ?", (mine,)).fetchone()
    claims = [
        session_event(laptop.device.id, 1, "session", "laptop", sync_id, session(4, seconds=60)),
        JournalEvent(laptop.device.id, 2, "deleted", "laptop", sync_id, None),
    ]
    write_lines(desktop, laptop.device.id, [event.to_line() for event in claims])
    before = desktop.sessions()
    desktop.sync()
    assert desktop.sessions() == before == {kept(session(3))}


def test_a_tombstone_removes_only_what_came_from_the_machine_that_wrote_it(
    tmp_path: Path, laptop: Machine, desktop: Machine
) -> None:
    laptop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    (sync_id,) = desktop.store.connection.execute("SELECT sync_id FROM sessions").fetchone()
    stranger = "0" * 32
    write_lines(desktop, stranger, [JournalEvent(stranger, 9, "deleted", "stranger", sync_id, None).to_line()])
    assert desktop.sync().merged.removed == 0
    assert desktop.sessions() == laptop.sessions()


def test_a_line_in_another_machines_folder_is_not_taken_as_that_machines(laptop: Machine, desktop: Machine) -> None:
    impostor = session_event("f" * 32, 1, "session", "impostor", "a" * 32, session(5))
    write_lines(desktop, laptop.device.id, [impostor.to_line()])
    report = desktop.sync()
    assert (report.merged.added, report.garbled) == (0, 1)


def test_a_machine_whose_clock_is_years_wrong_merges_as_any_other_and_its_times_are_kept(tmp_path: Path) -> None:
    wrong = Machine(tmp_path, "wrong", wall=1_000_000_000.0)  # 2001
    right = Machine(tmp_path, "right", wall=4_000_000_000.0)  # 2096
    try:
        wrong.record(session(0))
        right.record(session(1))
        for source, target in ((wrong, right), (right, wrong)):
            source.sync()
            deliver(source, target)
        wrong.sync()
        right.sync()
        assert wrong.sessions() == right.sessions() == {kept(session(0)), kept(session(1))}
    finally:
        wrong.close()
        right.close()


def test_the_same_session_kept_on_both_machines_is_not_counted_twice(laptop: Machine, desktop: Machine) -> None:
    laptop.record(session(0))  # one export imported on both machines, before they shared a folder
    desktop.record(session(0))
    laptop.sync()
    deliver(laptop, desktop)
    report = desktop.sync()
    assert (report.merged.added, report.merged.already_kept) == (0, 1)
    assert len(desktop.store.sessions()) == 1


def test_the_folder_reached_by_another_path_is_still_one_folder(laptop: Machine) -> None:
    laptop.record(session(0))
    laptop.sync()
    (laptop.replica / "sub").mkdir()
    other_way = laptop.replica / "sub" / ".."
    from kindly.sync.sync_run import sync_history

    report = sync_history(laptop.store, laptop.data, other_way, laptop.clock)
    assert (report.written, report.merged.added) == (0, 0)
    assert len(laptop.store.sessions()) == 1


def test_a_segment_once_written_is_never_changed(laptop: Machine) -> None:
    laptop.record(session(0))
    laptop.sync()
    (first,) = segments(laptop)
    before = first.read_bytes()
    laptop.record(session(1))
    laptop.sync()
    assert first.read_bytes() == before
    assert len(segments(laptop)) == 2
    assert not [p for p in laptop.journal.iterdir() if not p.name.startswith("events-")]  # no temporary left


@pytest.mark.posix_only("file modes")
def test_the_journal_is_written_with_the_contracts_private_modes(laptop: Machine) -> None:
    laptop.record(session(0))
    laptop.sync()
    (segment,) = segments(laptop)
    assert stat.S_IMODE(segment.stat().st_mode) == 0o600
    assert stat.S_IMODE(laptop.journal.stat().st_mode) == 0o700


def test_a_folder_that_is_gone_is_told_in_one_line_and_nothing_changes(laptop: Machine) -> None:
    laptop.record(session(0))
    shutil.rmtree(laptop.replica)
    with pytest.raises(KindlyFailure, match="sync folder unavailable") as raised:
        laptop.sync()
    assert "\n" not in str(raised.value)
    written = laptop.store.connection.execute("SELECT count(*) FROM sync_written").fetchone()[0]
    assert written == 0


def test_the_device_id_is_made_once_and_kept(laptop: Machine) -> None:
    from kindly.sync.device import DEVICE_FILE, this_device

    assert this_device(laptop.data) == laptop.device
    assert (laptop.data / DEVICE_FILE).is_file()
    laptop.record(session(0))
    laptop.sync()
    assert os.listdir(laptop.replica / JOURNALS) == [laptop.device.id]


# ---------------------------------------------------------------------- helpers


def segments_in(machine: Machine, source: Machine) -> list[Path]:
    """`source`'s journal files as `machine`'s copy of the folder holds them, oldest first."""
    return sorted((machine.replica / JOURNALS / source.device.id).glob("events-*"))


def write_lines(machine: Machine, device: str, lines: list[str]) -> None:
    folder = machine.replica / JOURNALS / device
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "events-000000000001-20261206T000000000000Z.jsonl").write_text("".join(f"{line}\n" for line in lines))


def test_a_path_started_on_one_machine_is_taken_up_where_none_is_followed(laptop: Machine, desktop: Machine) -> None:
    keep_progress(laptop.store, PathProgress("twelve-weeks", WEEK_ONE, 2, WEEK_ONE + timedelta(days=7)))
    laptop.sync()
    deliver(laptop, desktop)
    assert "path taken from another machine" in desktop.sync().line()
    assert current_path(desktop.store) == current_path(laptop.store)


def test_a_path_moves_only_forward_and_a_path_chosen_here_stands(laptop: Machine, desktop: Machine) -> None:
    keep_progress(desktop.store, PathProgress("twelve-weeks", WEEK_ONE, 3, WEEK_ONE + timedelta(days=14)))
    keep_progress(laptop.store, PathProgress("twelve-weeks", WEEK_ONE, 2, WEEK_ONE + timedelta(days=7)))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    assert current_path(desktop.store).week == 3  # type: ignore[union-attr]
    keep_progress(laptop.store, PathProgress("another-path", WEEK_ONE, 5, WEEK_ONE + timedelta(days=28)))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    assert current_path(desktop.store).path_id == "twelve-weeks"  # type: ignore[union-attr]
    keep_progress(laptop.store, PathProgress("twelve-weeks", WEEK_ONE, 4, WEEK_ONE + timedelta(days=21)))
    laptop.sync()
    deliver(laptop, desktop)
    desktop.sync()
    assert current_path(desktop.store) == PathProgress("twelve-weeks", WEEK_ONE, 4, WEEK_ONE + timedelta(days=21))


def test_a_session_still_beginning_is_journaled_once_there_is_practice_in_it(laptop: Machine) -> None:
    from kindly.store.recorder import SessionRecorder

    recorder = SessionRecorder(laptop.store, laptop.clock)
    running = recorder.begin(600)
    assert laptop.sync().written == 0
    recorder.checkpoint(running, 30)
    assert laptop.sync().written == 1


def test_a_drive_that_was_not_mounted_at_one_sync_gets_everything_it_missed_at_the_next(
    tmp_path: Path, laptop: Machine, desktop: Machine
) -> None:
    laptop.record(session(0))
    laptop.sync()
    mounted = tmp_path / "drive"
    laptop.replica.rename(mounted)
    laptop.replica.mkdir()  # the empty mount point, the drive not mounted
    laptop.record(session(1))
    laptop.sync()
    shutil.rmtree(laptop.replica)
    mounted.rename(laptop.replica)  # mounted again
    assert laptop.sync().written == 1
    deliver(laptop, desktop)
    desktop.sync()
    assert desktop.sessions() == laptop.sessions() == {kept(session(0)), kept(session(1))}


def test_seqs_are_never_used_twice_even_when_the_folder_forgot_them(laptop: Machine) -> None:
    laptop.record(session(0))
    laptop.sync()
    for segment in segments(laptop):
        segment.unlink()
    laptop.sync()
    (again,) = segments(laptop)
    assert json.loads(again.read_text())["seq"] == 2


@pytest.mark.posix_only("file modes")
def test_the_journal_is_private_whatever_the_umask(laptop: Machine) -> None:
    laptop.record(session(0))
    old = os.umask(0o277)
    try:
        laptop.sync()
    finally:
        os.umask(old)
    (segment,) = segments(laptop)
    assert stat.S_IMODE(segment.stat().st_mode) == 0o600


def test_a_session_garbled_here_is_never_journaled_and_the_others_still_sync(laptop: Machine, desktop: Machine) -> None:
    laptop.record(session(0))
    garbled = laptop.record(session(1))
    desktop.record(session(2))
    raw = sqlite3.connect(laptop.data / DB_NAME, isolation_level=None)
    raw.execute("PRAGMA ignore_check_constraints = ON")
    raw.execute("UPDATE sessions SET start_utc = 'half past seven' WHERE id = ?", (garbled,))
    raw.close()
    for _round in range(2):
        laptop.sync()
        desktop.sync()
        deliver(laptop, desktop)
        deliver(desktop, laptop)
    assert desktop.sessions() == {kept(session(0)), kept(session(2))}  # the garbled one never left the laptop
    assert kept(session(2)) in laptop.sessions()
