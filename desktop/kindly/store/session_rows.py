"""Session rows as the history file holds them: the columns read, and a row turned into a session or refused."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyInputError
from kindly.core.session_record import MAX_SESSION_S, SessionRecord, format_utc

CHECKIN_COLUMNS = ("before_kindness", "before_ease", "after_kindness", "after_ease")
# The columns a session record writes, in the order `record_values` gives them.
RECORD_COLUMNS = (
    "start_utc", "utc_offset_min", "zone", "planned_s", "practised_s", "practice", "completed", *CHECKIN_COLUMNS,
)  # fmt: skip
COLUMNS = ", ".join(("id", *RECORD_COLUMNS))


def record_values(record: SessionRecord) -> tuple[object, ...]:
    """A record's values for `RECORD_COLUMNS`: one way from a record to a row, for new rows and merged ones."""
    before, after = record.checkin_before, record.checkin_after
    return (
        format_utc(record.start_utc),
        record.utc_offset_min,
        record.zone,
        record.planned_s,
        record.practised_s,
        record.practice,
        int(record.completed),
        before.kindness if before else None,
        before.ease if before else None,
        after.kindness if after else None,
        after.ease if after else None,
    )


def parse_utc(text: str) -> datetime:
    if not text.endswith("Z"):
        raise ValueError(f"start {text!r} is not a UTC time")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


UNREADABLE = (KindlyInputError, ValueError, TypeError, OverflowError)


def session_columns(connection: sqlite3.Connection) -> str:
    """The SELECT list `read_row` reads, from a file of any of Kindly's schema versions (1 had no zone,
    3 and before no check-ins): a column the file lacks reads as NULL."""
    columns = {str(row[1]) for row in connection.execute("PRAGMA table_info(sessions)")}
    return ", ".join(name if name in columns else f"NULL AS {name}" for name in COLUMNS.split(", "))


def read_row(row: tuple[object, ...]) -> SessionRecord:
    """A session from its row; ValueError (or KindlyInputError, TypeError) when the row is garbled."""
    session_id, start, offset, zone, planned, practised, practice, completed, *answers = row
    if not isinstance(offset, int) or not isinstance(session_id, int) or completed not in (0, 1):
        raise ValueError(f"garbled values ({offset!r}, {completed!r})")
    planned_s, practised_s = _seconds(planned), _seconds(practised)
    return SessionRecord(
        start_utc=parse_utc(str(start)),
        utc_offset_min=offset,
        planned_s=planned_s,
        practised_s=practised_s,
        practice=practice if practice is None else str(practice),
        completed=bool(completed),
        zone=zone if zone is None else str(zone),
        id=session_id,
        checkin_before=_checkin(answers[0], answers[1]),
        checkin_after=_checkin(answers[2], answers[3]),
    )


def _checkin(kindness: object, ease: object) -> CheckIn | None:
    """A check-in from its two columns: both answered, or none. Half a check-in (written by another
    program) reads as none: the session itself is still read, never lost for it."""
    if kindness is None or ease is None:
        return None
    return CheckIn(kindness, ease)  # type: ignore[arg-type]  # checked by CheckIn itself


def readable_rows(rows: Iterable[tuple[object, ...]]) -> tuple[list[SessionRecord], int]:
    """The rows that read as sessions, and how many did not."""
    records: list[SessionRecord] = []
    unreadable = 0
    for row in rows:
        try:
            records.append(read_row(row))
        except UNREADABLE:
            unreadable += 1
    return records, unreadable


def every_session(connection: sqlite3.Connection) -> tuple[list[SessionRecord], list[tuple[object, ...]]]:
    """Every row that reads as a session, oldest start first, and the rows that do not (none of either when
    there is no sessions table yet)."""
    has_sessions = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
    ).fetchone()[0]
    if not has_sessions:
        return [], []
    records: list[SessionRecord] = []
    garbled: list[tuple[object, ...]] = []
    for row in connection.execute(f"SELECT {session_columns(connection)} FROM sessions ORDER BY start_utc, id"):
        try:
            records.append(read_row(row))
        except UNREADABLE:
            garbled.append(row)
    return records, garbled


def ids_of(rows: Iterable[tuple[object, ...]]) -> frozenset[int]:
    """The ids of session rows (Kindly's ids are the rows' own ids: always whole numbers)."""
    return frozenset(row[0] for row in rows if isinstance(row[0], int))


def unreadable_ids(connection: sqlite3.Connection) -> frozenset[int]:
    """The ids of the session rows that do not read as sessions (none when there is no sessions table yet).

    A file can pass every check SQLite makes and still hold a row another
    program garbled: this is how opening the history finds the rows a backup
    can give back.
    """
    return ids_of(every_session(connection)[1])


def _seconds(value: object) -> float:
    """A stored length in seconds, or ValueError when the row was garbled."""
    if not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= MAX_SESSION_S:
        raise ValueError(f"garbled seconds {value!r}")
    return float(value)
