"""Check-ins are kept with their session, filled in on import, and deleted one session or all at once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SessionRecord
from kindly.store.history_opening import DB_NAME, open_history
from kindly.store.recovery import salvage

START = datetime(2026, 9, 7, 7, 30, tzinfo=UTC)


def session(day: int, before: CheckIn | None = None, after: CheckIn | None = None) -> SessionRecord:
    return SessionRecord(
        START + timedelta(days=day), 60, 600.0, 600.0, "kind-breath", True, checkin_before=before, checkin_after=after
    )


def test_a_session_begun_with_a_checkin_keeps_it(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.begin(START, 60, 600.0, "kind-breath", None, checkin_before=CheckIn(3, 4))
        store.finish(session_id, 600.0, True)
        assert store.session(session_id).checkin_before == CheckIn(3, 4)
        assert store.session(session_id).checkin_after is None


def test_the_after_checkin_is_added_to_a_finished_session(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.begin(START, 60, 600.0, "kind-breath", None)
        store.finish(session_id, 600.0, True)
        store.set_checkin(session_id, "after", CheckIn(8, 9))
        assert store.session(session_id).checkin_after == CheckIn(8, 9)


def test_checkins_survive_closing_and_opening_the_file(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(session(0, CheckIn(2, 3), CheckIn(5, 6)))
    with open_history(tmp_path) as store:
        (kept,) = store.sessions()
    assert (kept.checkin_before, kept.checkin_after) == (CheckIn(2, 3), CheckIn(5, 6))


def test_forgetting_one_sessions_checkins_leaves_the_others(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        first = store.add(session(0, CheckIn(2, 3), CheckIn(5, 6)))
        store.add(session(1, CheckIn(4, 4)))
        assert store.forget_checkins(first) == 1
        records = store.sessions()
    assert [(r.checkin_before, r.checkin_after) for r in records] == [(None, None), (CheckIn(4, 4), None)]
    assert len(records) == 2  # the sessions stay; only the answers go


def test_forgetting_all_checkins_counts_the_sessions_that_had_one(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(session(0, CheckIn(2, 3)))
        store.add(session(1, after=CheckIn(4, 4)))
        store.add(session(2))
        assert store.forget_checkins() == 2
        assert all(r.checkin_before is None and r.checkin_after is None for r in store.sessions())


def test_forgetting_the_checkins_of_a_session_that_is_not_there_is_told(tmp_path: Path) -> None:
    with open_history(tmp_path) as store, pytest.raises(KindlyFailure, match="no session 99"):
        store.forget_checkins(99)


def test_importing_again_after_forgetting_gives_the_checkins_back_without_a_second_session(tmp_path: Path) -> None:
    exported = [session(0, CheckIn(2, 3), CheckIn(5, 6))]
    with open_history(tmp_path) as store:
        store.add_new(exported)
        store.forget_checkins()
        ids, skipped = store.add_new(exported)
        assert (ids, skipped, store.checkins_added) == ([], 1, 1)
        (kept,) = store.sessions()
    assert kept.checkin_after == CheckIn(5, 6)


def test_an_import_never_overwrites_a_checkin_already_kept(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add_new([session(0, CheckIn(2, 3))])
        store.add_new([session(0, CheckIn(9, 9))])
        (kept,) = store.sessions()
    assert kept.checkin_before == CheckIn(2, 3)


def test_half_a_checkin_in_the_file_reads_as_none_and_the_session_is_kept(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(session(0))
        store.add(session(1))
        store.connection.execute("UPDATE sessions SET before_kindness = 5 WHERE id = 1")
        records = store.sessions()
        assert (len(records), store.unreadable_rows, records[0].checkin_before) == (2, 0, None)


def test_a_salvaged_session_brings_its_checkins(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(session(0, CheckIn(1, 2), CheckIn(6, 7)))
    found = salvage(tmp_path / DB_NAME)
    assert [(r.checkin_before, r.checkin_after) for r in found.records] == [(CheckIn(1, 2), CheckIn(6, 7))]


def test_checkins_of_a_salvaged_session_are_merged_into_its_restored_row(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        session_id = store.add(session(0))
        restored = store.sessions()
    later = [SessionRecord(**{**restored[0].__dict__, "checkin_after": CheckIn(6, 7)})]
    with open_history(tmp_path) as store:
        assert store.absorb(later) == 1
        assert store.session(session_id).checkin_after == CheckIn(6, 7)


def test_an_answer_out_of_range_never_reaches_the_file(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="kindness 11"):
        CheckIn(11, 5)
    with open_history(tmp_path) as store:
        store.add(session(0))
        with pytest.raises(sqlite3.IntegrityError):
            store.connection.execute("UPDATE sessions SET before_ease = -1")


# --- the live session's check-in after (kindly.store.session_history) -------------------


def test_the_check_in_after_goes_to_the_session_that_just_ended(tmp_path: Path) -> None:
    from fakes import FakeClock
    from kindly.store.session_history import SessionHistory

    history = SessionHistory(FakeClock(), opener=lambda clock: open_history(tmp_path, clock))
    try:
        history.begin(600.0, "kind-breath")
        history.finish(600.0, True)
        history.begin(600.0, "noting")
        history.finish(300.0, False)
        history.checkin_after(CheckIn(7, 8))
        records = history.records()
    finally:
        history.close()
    assert records is not None
    assert [(r.practice, r.checkin_after) for r in records] == [("kind-breath", None), ("noting", CheckIn(7, 8))]


def test_a_session_too_short_to_keep_takes_no_check_in_not_even_onto_the_one_before(tmp_path: Path) -> None:
    from fakes import FakeClock
    from kindly.store.session_history import SessionHistory

    history = SessionHistory(FakeClock(), opener=lambda clock: open_history(tmp_path, clock))
    try:
        history.begin(600.0, "kind-breath")
        history.finish(600.0, True)
        history.begin(600.0, "noting")  # replaced at once: the one before's end is queued before this begin
        history.finish(0.2, False)  # a slip: not kept
        history.checkin_after(CheckIn(9, 9))
        records = history.records()
    finally:
        history.close()
    assert records is not None and [r.checkin_after for r in records] == [None]


def test_deleted_check_ins_are_gone_from_every_backup_too(tmp_path: Path) -> None:
    from fakes import FakeClock
    from kindly.store.backups import backup_files, backups_dir

    clock = FakeClock()  # a minute between writes: each backup its own file
    with open_history(tmp_path, clock) as store:
        first = store.add(session(0, CheckIn(2, 3), CheckIn(5, 6)))
        clock.advance(60.0)
        store.add(session(1, CheckIn(4, 4)))
        clock.advance(60.0)
        store.forget_checkins(first)
        clock.advance(60.0)
        store.forget_checkins()
    backups = backup_files(backups_dir(tmp_path))
    assert len(backups) >= 2
    for _made, backup in backups:
        copy = sqlite3.connect(backup)
        left = copy.execute("SELECT count(*) FROM sessions WHERE before_kindness IS NOT NULL").fetchone()[0]
        copy.close()
        assert left == 0, backup.name


def test_forgetting_check_ins_where_there_are_none_touches_no_backup(tmp_path: Path) -> None:
    from kindly.store.backups import backup_files, backups_dir

    with open_history(tmp_path) as store:
        store.add(session(0))
        before = [path.stat().st_mtime_ns for _made, path in backup_files(backups_dir(tmp_path))]
        assert store.forget_checkins() == 0
    assert [path.stat().st_mtime_ns for _made, path in backup_files(backups_dir(tmp_path))] == before


def _backup_beside(folder: Path, name: str, statements: tuple[str, ...] = (), raw: bytes | None = None) -> Path:
    """A backup file in the history's backups folder, made by `statements` (or holding `raw` bytes)."""
    from kindly.store.backups import backups_dir

    path = backups_dir(folder) / name
    if raw is not None:
        path.write_bytes(raw)
        return path
    copy = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        copy.execute(statement)
    copy.close()
    return path


def test_a_backup_from_before_check_ins_is_left_as_it_was_when_check_ins_are_deleted(tmp_path: Path) -> None:
    with open_history(tmp_path) as store:
        store.add(session(0, CheckIn(2, 3)))
        old = _backup_beside(
            tmp_path, "kindly-20200101T000000Z.db", ("CREATE TABLE sessions (id INTEGER PRIMARY KEY, start_utc TEXT)",)
        )
        before = old.read_bytes()
        assert store.forget_checkins() == 1
    assert old.read_bytes() == before


def test_a_backup_that_cannot_be_scrubbed_is_passed_over_and_the_others_still_are(tmp_path: Path) -> None:
    from kindly.store.backups import backup_files, backups_dir

    with open_history(tmp_path) as store:
        store.add(session(0, CheckIn(2, 3)))
        _backup_beside(tmp_path, "kindly-20200101T000000Z.db", raw=b"not a database" * 100)
        _backup_beside(  # check-ins before, but none after: the scrub fails half way and is rolled back
            tmp_path,
            "kindly-20200102T000000Z.db",
            ("CREATE TABLE sessions (id INTEGER PRIMARY KEY, before_kindness INTEGER, before_ease INTEGER)",),
        )
        assert store.forget_checkins() == 1
    for _made, backup in backup_files(backups_dir(tmp_path))[:-2]:  # Kindly's own backups, newest first
        copy = sqlite3.connect(backup)
        left = copy.execute("SELECT count(*) FROM sessions WHERE before_kindness IS NOT NULL").fetchone()[0]
        copy.close()
        assert left == 0, backup.name
