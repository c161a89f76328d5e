"""A sync journal line is read in full or refused saying why: garbled, half-synced or from a newer Kindly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.history_format import session_fields
from kindly.core.path_progress import start_path
from kindly.core.session_record import SessionRecord
from kindly.core.sync_journal import JournalEvent, check_id, parse_line, path_event

MONDAY = datetime(2027, 1, 4, 7, 30, tzinfo=UTC)
PATH = path_event("laptop", 3, "the laptop", start_path("twelve-weeks-of-kindness", MONDAY))
SESSION = JournalEvent(
    "laptop", 4, "session", "the laptop", "s1", session_fields(SessionRecord(MONDAY, 60, 600.0, 600.0))
)


def _line(event: JournalEvent, **changes: object) -> str:
    fields = json.loads(event.to_line())
    fields.update(changes)
    return json.dumps(fields)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "not a journal line: not an object"),
        ('{"v": 1, "device": "lap', "not a journal line: Unterminated string"),
        (_line(SESSION, v=2), "journal version 2 is not 1"),
        (_line(SESSION, device="a laptop"), "device 'a laptop' is not a device id"),
        (_line(SESSION, seq=0), "seq 0 is not a whole number from 1"),
        (_line(SESSION, id="laptop:5"), "id 'laptop:5' is not its device and seq"),
        (_line(SESSION, type="mood"), "type 'mood' is not one of"),
        (_line(SESSION, where=7), "where 7 is not a machine's name"),
        (_line(SESSION, subject="two words"), "subject 'two words' is not an id"),
        (_line(SESSION, session=None), "a session event without its fields"),
        (_line(PATH, subject="another-path"), "event laptop:3 is about path 'another-path', not 'twelve-weeks"),
        (_line(PATH, path={**PATH.body, "week": 0}), "event laptop:3: week 0 is not a whole number"),  # type: ignore[dict-item]
        (
            _line(SESSION).replace('"planned_seconds": 600.0', '"planned_seconds": NaN'),
            "not a journal line: NaN is not a JSON number",
        ),
    ],
)
def test_a_line_that_is_no_journal_event_is_refused_saying_why(line: str, reason: str) -> None:
    with pytest.raises(KindlyInputError) as raised:
        parse_line(line)
    assert str(raised.value).startswith(reason)


def test_a_path_event_reads_back_as_the_path_and_carries_no_session() -> None:
    event = parse_line(PATH.to_line())
    assert event.path() == start_path("twelve-weeks-of-kindness", MONDAY)
    with pytest.raises(KindlyInputError, match="event laptop:3 carries no session"):
        event.session()


def test_a_session_event_carries_no_path_and_a_tombstone_neither() -> None:
    with pytest.raises(KindlyInputError, match="event laptop:4 carries no path"):
        parse_line(SESSION.to_line()).path()
    tombstone = parse_line(_line(SESSION, type="deleted", session=None))
    assert tombstone.body is None
    with pytest.raises(KindlyInputError, match="carries no session"):
        tombstone.session()


def test_an_id_is_letters_digits_dots_hyphens_and_underscores_up_to_64() -> None:
    assert check_id("laptop_2.home-x", "device") == "laptop_2.home-x"
    with pytest.raises(KindlyInputError, match=r"device '\.x' is not an id"):
        check_id(".x", "device")
