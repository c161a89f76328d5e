"""Journal lines: what reads as an event, what is a garbled line, and which revision stands."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.sync_journal import EventType, JournalEvent, latest, parse_line, session_event
from sync_machines import session

DEVICE = "a" * 32
SUBJECT = "b" * 32


def event(seq: int, kind: EventType = "session", day: int = 0) -> JournalEvent:
    if kind == "deleted":
        return JournalEvent(DEVICE, seq, "deleted", "laptop", SUBJECT, None)
    return session_event(DEVICE, seq, kind, "laptop", SUBJECT, session(day))


def test_a_line_reads_back_as_the_event_written() -> None:
    written = event(3)
    assert parse_line(written.to_line()) == written
    assert parse_line(written.to_line()).session() == session(0)


def test_a_line_holds_the_version_and_the_exports_fields() -> None:
    line = json.loads(event(1).to_line())
    assert (line["v"], line["id"], line["type"]) == (1, f"{DEVICE}:1", "session")
    assert set(line["session"]) >= {"start_utc", "utc_offset_minutes", "planned_seconds", "practised_seconds"}


@pytest.mark.parametrize(
    "garble",
    [
        lambda line: line[:-5],  # half-synced
        lambda line: line.replace('"v":1', '"v":2'),  # a newer Kindly's
        lambda line: line.replace(f'"id":"{DEVICE}:4"', f'"id":"{DEVICE}:5"'),  # id not its device and seq
        lambda line: line.replace('"seq":4', '"seq":0'),
        lambda line: line.replace('"practised_seconds":600.0', '"practised_seconds":-1'),
        lambda line: line.replace(f'"subject":"{SUBJECT}"', '"subject":"../../etc"'),
        lambda line: line.replace('"practised_seconds":600.0', '"practised_seconds":NaN'),
        lambda _line: "[]",
    ],
)
def test_a_garbled_line_is_refused_in_words(garble: Callable[[str], str]) -> None:
    with pytest.raises(KindlyInputError):
        parse_line(garble(event(4).to_line()))


def test_the_highest_seq_of_a_machines_session_stands_whatever_the_order() -> None:
    revisions = [event(1), event(5, "checkin", day=0), event(9, "deleted"), event(2, day=3)]
    for order in (revisions, revisions[::-1], revisions[1:] + revisions[:1]):
        (standing,) = latest(order).values()
        assert standing.seq == 9


def test_one_event_read_twice_is_one() -> None:
    assert len(latest([event(1), event(1)])) == 1
