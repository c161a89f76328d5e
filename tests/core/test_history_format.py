"""History files: CSV and JSON carry every field losslessly, and a bad row is named by its line or number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyInputError
from kindly.core.history_format import (
    CSV_FIELDS,
    FIELDS,
    HistoryFormat,
    format_for,
    parse_history_file,
    path_fields,
    path_from_fields,
    render,
    session_fields,
    session_from_fields,
    to_csv,
)
from kindly.core.session_record import SessionRecord

HEADER = ",".join(FIELDS)


def parse_history(text: str, source: str, fmt: HistoryFormat) -> list[SessionRecord]:
    """The sessions of a history file (its path progress, from JSON, is the path tests' own)."""
    return parse_history_file(text, source, fmt)[0]


GOOD_ROW = "2026-11-02T07:30:00.000000Z,60,Europe/Paris,600.0,600.0,kind-breath,true"

records = st.builds(
    SessionRecord,
    start_utc=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    utc_offset_min=st.integers(-18 * 60, 18 * 60),
    planned_s=st.floats(0, 86400, allow_nan=False),
    practised_s=st.floats(0, 86400, allow_nan=False),
    practice=st.one_of(st.none(), st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
    completed=st.booleans(),
    zone=st.one_of(st.none(), st.sampled_from(["Europe/Paris", "America/St_Johns", "Etc/GMT+5", "UTC"])),
    checkin_before=st.one_of(st.none(), st.builds(CheckIn, st.integers(0, 10), st.integers(0, 10))),
    checkin_after=st.one_of(st.none(), st.builds(CheckIn, st.integers(0, 10), st.integers(0, 10))),
)


def kept(record: SessionRecord) -> tuple[object, ...]:
    return (*record.content(), record.checkin_before, record.checkin_after)


@settings(max_examples=150, deadline=None)
@given(sessions=st.lists(records, max_size=8), fmt=st.sampled_from(["csv", "json"]))
def test_export_then_import_gives_back_exactly_the_same_sessions(sessions: list[SessionRecord], fmt: str) -> None:
    text = render(sessions, fmt)  # type: ignore[arg-type]
    assert [kept(r) for r in parse_history(text, "history", fmt)] == [kept(r) for r in sessions]  # type: ignore[arg-type]


def test_a_csv_file_lists_one_session_a_line_under_a_header() -> None:
    record = SessionRecord(
        datetime(2026, 11, 2, 7, 30, tzinfo=UTC), 60, 600.0, 600.0, "kind-breath", True, "Europe/Paris"
    )
    assert to_csv([record]) == f"{','.join(CSV_FIELDS)}\n{GOOD_ROW},,,,\n"


def test_a_start_with_an_offset_is_read_as_the_same_instant() -> None:
    row = GOOD_ROW.replace("2026-11-02T07:30:00.000000Z", "2026-11-02T08:30:00+01:00")
    (record,) = parse_history(f"{HEADER}\n{row}\n", "h.csv", "csv")
    assert record.start_utc == datetime(2026, 11, 2, 7, 30, tzinfo=UTC)


def test_blank_lines_between_rows_are_skipped() -> None:
    assert len(parse_history(f"{HEADER}\n\n{GOOD_ROW}\n\n", "h.csv", "csv")) == 1


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out() -> None:
    text = (
        "completed,practised_seconds,planned_seconds,utc_offset_minutes,start_utc\ntrue,60,60,0,2026-11-02T07:30:00Z\n"
    )
    (record,) = parse_history(text, "h.csv", "csv")
    assert (record.practice, record.zone, record.practised_s) == (None, None, 60.0)


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        (GOOD_ROW.replace("600.0,600.0", "600.0,lots"), "h.csv line 3: practised_seconds 'lots' is not a number"),
        (GOOD_ROW.replace(",60,", ",1.5,"), "h.csv line 3: utc_offset_minutes '1.5' is not a whole number"),
        (
            GOOD_ROW.replace("2026-11-02T07:30:00.000000Z", "2026-11-02T07:30"),
            "h.csv line 3: start_utc '2026-11-02T07:30' has no UTC offset",
        ),
        (
            GOOD_ROW.replace("2026-11-02T07:30:00.000000Z", "yesterday"),
            "h.csv line 3: start_utc 'yesterday' is not an ISO 8601 time",
        ),
        (GOOD_ROW.replace("true", "maybe"), "h.csv line 3: completed 'maybe' is not true or false"),
        (GOOD_ROW.replace("kind-breath", "kind breath"), "h.csv line 3: practice id 'kind breath' is not valid"),
        (GOOD_ROW.replace("600.0,600.0", "600.0,-1"), "h.csv line 3: practised seconds of -1 is out of range"),
        (GOOD_ROW.replace("600.0,600.0", "600.0,nan"), "h.csv line 3: practised_seconds 'nan' is not a number"),
        (GOOD_ROW + ",extra", "h.csv line 3: 8 fields where the header has 7"),
        (f'"{"x" * 140_000}"', "h.csv line 3: not valid CSV (field larger than field limit"),
    ],
)
def test_a_bad_csv_row_is_named_by_its_line(row: str, fragment: str) -> None:
    with pytest.raises(KindlyInputError) as raised:
        parse_history(f"{HEADER}\n{GOOD_ROW}\n{row}\n{GOOD_ROW}\n", "h.csv", "csv")
    assert str(raised.value).startswith(fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "h.csv is empty"),
        ("start_utc,when\n", "h.csv line 1: unknown column 'when'"),
        ("start_utc,zone\n", "h.csv line 1: missing column 'utc_offset_minutes'"),
        (f"{HEADER},zone\n", "h.csv line 1: a column appears twice"),
    ],
)
def test_a_bad_csv_header_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(KindlyInputError, match=fragment):
        parse_history(text, "h.csv", "csv")


def json_file(*sessions: object, kind: str = "kindly-history", version: object = 1) -> str:
    import json

    return json.dumps({"kind": kind, "version": version, "sessions": list(sessions)})


GOOD_PATH = {
    "id": "twelve-weeks-of-kindness",
    "started_utc": "2026-11-02T07:30:00Z",
    "week": 2,
    "week_began_utc": "2026-11-09T07:30:00Z",
}


def with_path(path: object) -> str:
    import json

    return json.dumps({"kind": "kindly-history", "version": 1, "sessions": [], "path": path})


GOOD_JSON = {
    "start_utc": "2026-11-02T07:30:00.000000Z",
    "utc_offset_minutes": 60,
    "zone": None,
    "planned_seconds": 600.0,
    "practised_seconds": 600.0,
    "practice": None,
    "completed": True,
}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            json_file(GOOD_JSON, {**GOOD_JSON, "practised_seconds": "600"}),
            "h.json session 2: practised_seconds '600' is not a number",
        ),
        (json_file(GOOD_JSON, {**GOOD_JSON, "completed": 1}), "h.json session 2: completed 1 is not true or false"),
        (json_file({**GOOD_JSON, "mood": "calm"}), "h.json session 1: unknown field 'mood'"),
        (json_file({k: v for k, v in GOOD_JSON.items() if k != "start_utc"}), "h.json session 1: missing start_utc"),
        (json_file(GOOD_JSON, "a session"), "h.json session 2: expected an object"),
        (json_file(GOOD_JSON, version=2), "h.json is history format version 2"),
        (json_file(GOOD_JSON, kind="photos"), "h.json is not a Kindly history file"),
        (json_file({**GOOD_JSON, "planned_seconds": 10**400}), "h.json session 1: planned_seconds 1000"),
        (
            json_file({**GOOD_JSON, "start_utc": "0001-01-01T00:00:00Z", "utc_offset_minutes": -60}),
            "h.json session 1: session start 0001-01-01",
        ),
        ('{"kind": "kindly-history",\n "sessions": [}', "h.json line 2: not valid JSON"),
        (json_file({**GOOD_JSON, "start_utc": 5}), "h.json session 1: start_utc 5 is not an ISO 8601 time"),
        (
            json_file({**GOOD_JSON, "utc_offset_minutes": 60.5}),
            "h.json session 1: utc_offset_minutes 60.5 is not a whole",
        ),
        (json_file({**GOOD_JSON, "practice": 5}), "h.json session 1: practice 5 is not text"),
        (json_file(GOOD_JSON).replace("600.0", "NaN", 1), "h.json: NaN is not a number (JSON has no NaN)"),
        (json_file(GOOD_JSON).replace('"kind"', '"mood": 1, "kind"'), "h.json: unknown field 'mood'"),
        (with_path(5), "h.json path: expected an object with the fields id, started_utc, week, week_began_utc"),
        (with_path({"id": "twelve-weeks"}), "h.json path: missing started_utc"),
        (with_path({**GOOD_PATH, "steps": 3}), "h.json path: unknown field 'steps'"),
        (with_path({**GOOD_PATH, "id": "Twelve Weeks"}), "h.json path: id 'Twelve Weeks' is not a path id"),
        (with_path({**GOOD_PATH, "week": 0}), "h.json path: week 0 is not a whole number from 1 to"),
        (with_path({**GOOD_PATH, "started_utc": "soon"}), "h.json path: started_utc 'soon' is not an ISO 8601 time"),
        (
            with_path({**GOOD_PATH, "week_began_utc": "2026-11-01T07:30:00Z"}),
            "h.json path: week_began_utc is before started_utc",
        ),
        ("[" * 100_000 + "]" * 100_000, "h.json is not valid JSON: its arrays or objects nest too deeply"),
    ],
)
def test_a_bad_json_history_is_refused_naming_the_session(text: str, fragment: str) -> None:
    with pytest.raises(KindlyInputError) as raised:
        parse_history(text, "h.json", "json")
    assert str(raised.value).startswith(fragment)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("h.JSON", "", "json"), ("h.csv", "{", "csv"), ("history", ' {"kind"', "json"), ("history", HEADER, "csv")],
)
def test_the_format_comes_from_the_suffix_then_the_content(name: str, text: str, expected: str) -> None:
    assert format_for(name, text) == expected


def test_an_instant_keeps_its_microseconds() -> None:
    start = datetime(2026, 11, 2, 7, 30, 1, 123456, tzinfo=UTC)
    record = SessionRecord(start, 0, 1.0, 1.0)
    assert parse_history(render([record], "csv"), "h", "csv")[0].start_utc == start
    assert parse_history(render([record], "json"), "h", "json")[0].start_utc - start == timedelta(0)


def test_a_json_number_thousands_of_digits_long_is_refused_in_one_line() -> None:
    from kindly.core.errors import KindlyInputError

    text = '{"kind": "kindly-history", "version": 1, "sessions": [{"utc_offset_minutes": ' + "9" * 5000 + "}]}"
    with pytest.raises(KindlyInputError, match="far too long"):
        parse_history(text, "h.json", "json")


def test_a_json_number_past_a_float_is_named_as_written() -> None:
    from kindly.core.errors import KindlyInputError

    row = (
        '{"start_utc": "2026-11-02T07:30:00.000000Z", "utc_offset_minutes": 60, "planned_seconds": 1e400, '
        '"practised_seconds": 600.0, "completed": true}'
    )
    with pytest.raises(KindlyInputError, match="planned_seconds '1e400' is out of range"):
        parse_history('{"kind": "kindly-history", "version": 1, "sessions": [' + row + "]}", "h.json", "json")


# --- check-ins ---------------------------------------------------------------------

CHECKIN_HEADER = f"{HEADER},checkin_before_kindness,checkin_before_ease,checkin_after_kindness,checkin_after_ease"


def test_a_csv_row_carries_its_checkins_in_four_columns() -> None:
    (record,) = parse_history(f"{CHECKIN_HEADER}\n{GOOD_ROW},3,4,6,7\n", "h.csv", "csv")
    assert (record.checkin_before, record.checkin_after) == (CheckIn(3, 4), CheckIn(6, 7))


def test_a_csv_row_with_empty_checkin_columns_has_none() -> None:
    (record,) = parse_history(f"{CHECKIN_HEADER}\n{GOOD_ROW},,,5,5\n", "h.csv", "csv")
    assert (record.checkin_before, record.checkin_after) == (None, CheckIn(5, 5))


def test_a_json_session_carries_its_checkins_as_objects() -> None:
    record = SessionRecord(
        datetime(2026, 11, 2, 7, 30, tzinfo=UTC), 60, 600.0, 600.0, checkin_after=CheckIn(kindness=8, ease=6)
    )
    text = render([record], "json")
    assert '"checkin_after": {\n        "kindness": 8,\n        "ease": 6\n      }' in text
    assert "checkin_before" not in text
    assert parse_history(text, "h.json", "json")[0].checkin_after == CheckIn(8, 6)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("11,4,,", "h.csv line 3: checkin_before_kindness '11' is not a whole number from 0 to 10"),
        ("3,-1,,", "h.csv line 3: checkin_before_ease '-1' is not a whole number from 0 to 10"),
        (",,kind,4", "h.csv line 3: checkin_after_kindness 'kind' is not a whole number from 0 to 10"),
        (",,5,", "h.csv line 3: checkin_after needs both kindness and ease"),
    ],
)
def test_a_bad_csv_checkin_is_refused_with_its_line(cells: str, message: str) -> None:
    with pytest.raises(KindlyInputError, match=message):
        parse_history(f"{CHECKIN_HEADER}\n{GOOD_ROW},,,,\n{GOOD_ROW},{cells}\n", "h.csv", "csv")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('{"kindness": 11, "ease": 4}', "h.json session 1: checkin_before kindness 11 is not a whole number"),
        ('{"kindness": 3, "ease": -1}', "h.json session 1: checkin_before ease -1 is not a whole number"),
        ('{"kindness": "kind", "ease": 4}', "h.json session 1: checkin_before kindness 'kind' is not a whole"),
        ('{"kindness": 5.5, "ease": 4}', "h.json session 1: checkin_before kindness 5.5 is not a whole"),
        ('{"kindness": true, "ease": 4}', "h.json session 1: checkin_before kindness True is not a whole"),
        ('{"kindness": 3}', "h.json session 1: checkin_before .* is not"),
        ('"very"', "h.json session 1: checkin_before 'very' is not"),
    ],
)
def test_a_bad_json_checkin_is_refused_with_its_session(answer: str, message: str) -> None:
    session = (
        '{"start_utc": "2026-11-02T07:30:00Z", "utc_offset_minutes": 0, "planned_seconds": 60,'
        f' "practised_seconds": 60, "completed": true, "checkin_before": {answer}}}'
    )
    text = f'{{"kind": "kindly-history", "version": 1, "sessions": [{session}]}}'
    with pytest.raises(KindlyInputError, match=message):
        parse_history(text, "h.json", "json")


def test_the_path_a_json_history_carries_comes_back_as_it_was_written() -> None:
    (_records, path) = parse_history_file(with_path(GOOD_PATH), "h.json", "json")
    assert path is not None
    assert path_from_fields(path_fields(path), "the journal") == path
    assert parse_history_file(render([], "json", path), "again.json", "json") == ([], path)


def test_one_session_s_fields_come_back_as_the_same_session() -> None:
    (record,) = parse_history(json_file(GOOD_JSON), "h.json", "json")
    assert session_fields(record) == GOOD_JSON  # no check-ins: no fields for them
    assert kept(session_from_fields(session_fields(record), "the journal")) == kept(record)


def test_a_csv_row_added_by_hand_may_stop_before_its_checkin_columns() -> None:
    (record,) = parse_history(f"{','.join(CSV_FIELDS)}\n{GOOD_ROW}\n", "h.csv", "csv")
    assert (record.practice, record.checkin_before, record.checkin_after) == ("kind-breath", None, None)
