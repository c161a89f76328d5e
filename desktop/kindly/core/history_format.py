"""History files for `kindly history export` / `import`: CSV and JSON, both lossless.

Every field of a session travels (the start as a UTC instant with
microseconds, the offset and zone where it began, planned and practised
seconds written as the shortest text that reads back to the same float), so
export then import gives back exactly the same sessions and a second import
finds them all duplicates. Parsing checks the whole file before anything is
stored and names the line (CSV) or session (JSON) at fault.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from kindly.core.checkin import MOMENTS, QUESTIONS, CheckIn, check_answer
from kindly.core.errors import KindlyInputError
from kindly.core.iso_time import read_iso_time
from kindly.core.path_progress import PathProgress
from kindly.core.path_script import WEEKS_MAX
from kindly.core.session_record import SessionRecord, format_utc
from kindly.core.user_numbers import WrittenFloat, as_written, parse_number, parse_whole

HistoryFormat = Literal["csv", "json"]
FORMATS: tuple[HistoryFormat, ...] = ("csv", "json")
FIELDS = (
    "start_utc",
    "utc_offset_minutes",
    "zone",
    "planned_seconds",
    "practised_seconds",
    "practice",
    "completed",
)
# JSON: an object {"kindness": 0..10, "ease": 0..10} or absent; CSV: two columns each, empty for none.
CHECKIN_FIELDS = tuple(f"checkin_{moment}" for moment in MOMENTS)
CSV_CHECKIN_FIELDS = tuple(f"checkin_{moment}_{question}" for moment in MOMENTS for question in QUESTIONS)
CSV_FIELDS = (*FIELDS, *CSV_CHECKIN_FIELDS)
OPTIONAL_FIELDS = ("zone", "practice", *CHECKIN_FIELDS, *CSV_CHECKIN_FIELDS)
JSON_KIND = "kindly-history"
JSON_VERSION = 1


def format_for(name: str | None, text: str | None = None) -> HistoryFormat:
    """The format a file name's suffix names, else what the text looks like; CSV when unsure."""
    if name and name.lower().endswith(".json"):
        return "json"
    if name and name.lower().endswith(".csv"):
        return "csv"
    if text is not None and text.lstrip().startswith(("{", "[")):
        return "json"
    return "csv"


def to_csv(records: Iterable[SessionRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for record in records:
        row = _as_fields(record)
        for moment in MOMENTS:
            answer: dict[str, int] | None = row.pop(f"checkin_{moment}", None)
            for question in QUESTIONS:
                row[f"checkin_{moment}_{question}"] = answer[question] if answer else None
        writer.writerow(["" if row[field] is None else _csv_text(row[field]) for field in CSV_FIELDS])
    return out.getvalue()


def to_json(records: Iterable[SessionRecord], path: PathProgress | None = None) -> str:
    """The sessions, and (when the person is on one) where they are on their path."""
    document: dict[str, Any] = {
        "kind": JSON_KIND,
        "version": JSON_VERSION,
        "sessions": [_as_fields(record) for record in records],
    }
    if path is not None:
        document["path"] = path_fields(path)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render(records: Iterable[SessionRecord], fmt: HistoryFormat, path: PathProgress | None = None) -> str:
    """CSV holds the sessions alone; JSON also carries the path progress."""
    return to_json(records, path) if fmt == "json" else to_csv(records)


def parse_history_file(text: str, source: str, fmt: HistoryFormat) -> tuple[list[SessionRecord], PathProgress | None]:
    """The sessions of a history file and, from JSON, the path progress it carries (None: none)."""
    if fmt == "json":
        return _parse_json(text, source)
    return _parse_csv(text, source), None


def session_fields(record: SessionRecord) -> dict[str, Any]:
    """One session's fields exactly as a JSON export holds them (the sync journal carries the same)."""
    return _as_fields(record)


def path_fields(path: PathProgress) -> dict[str, Any]:
    """Where the person is on their path, as a JSON export holds it."""
    return {
        "id": path.path_id,
        "started_utc": format_utc(path.started),
        "week": path.week,
        "week_began_utc": format_utc(path.week_began),
    }


def path_from_fields(values: object, where: str) -> PathProgress:
    """The path progress `path_fields` gave, checked as an import checks it (KindlyInputError)."""
    return _path_progress(values, where)


def session_from_fields(values: dict[str, Any], where: str) -> SessionRecord:
    """One session from the fields `session_fields` gave, checked as an import checks it (KindlyInputError)."""
    return _record(values, where, from_text=False)


# ---------------------------------------------------------------------- inside


def _as_fields(record: SessionRecord) -> dict[str, Any]:
    """A session's fields as JSON has them: a check-in only when one was given."""
    fields: dict[str, Any] = {
        "start_utc": format_utc(record.start_utc),
        "utc_offset_minutes": record.utc_offset_min,
        "zone": record.zone,
        "planned_seconds": record.planned_s,
        "practised_seconds": record.practised_s,
        "practice": record.practice,
        "completed": record.completed,
    }
    for moment in MOMENTS:
        answer = record.checkin(moment)
        if answer is not None:
            fields[f"checkin_{moment}"] = answer.as_json()
    return fields


def _csv_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _parse_csv(text: str, source: str) -> list[SessionRecord]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise KindlyInputError(f"{source} is empty (expected a header line: {','.join(FIELDS)})")
        columns = [name.strip() for name in header]
        unknown = [name for name in columns if name not in CSV_FIELDS]
        missing = [name for name in FIELDS if name not in columns and name not in OPTIONAL_FIELDS]
        if unknown or missing or len(set(columns)) != len(columns):
            problem = (
                f"unknown column {unknown[0]!r}"
                if unknown
                else (f"missing column {missing[0]!r}" if missing else "a column appears twice")
            )
            raise KindlyInputError(f"{source} line 1: {problem} (expected: {','.join(CSV_FIELDS)})")
        records = []
        for row in reader:
            where = f"{source} line {reader.line_num}"
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) < len(columns) and all(name in OPTIONAL_FIELDS for name in columns[len(row) :]):
                row = row + [""] * (len(columns) - len(row))  # a row added by hand may stop before the check-ins
            if len(row) != len(columns):
                raise KindlyInputError(f"{where}: {len(row)} fields where the header has {len(columns)}")
            values = {
                name: cell.strip(" ") for name, cell in zip(columns, row)
            }  # spaces only: a newline or a control character is refused
            records.append(_record(values, where, from_text=True))
        return records
    except csv.Error as exc:
        raise KindlyInputError(f"{source} line {reader.line_num}: not valid CSV ({exc})") from exc


def _parse_json(text: str, source: str) -> tuple[list[SessionRecord], PathProgress | None]:
    def refuse_constant(name: str) -> object:  # json.loads takes NaN and Infinity, which JSON does not have
        raise KindlyInputError(f"{source}: {name} is not a number (JSON has no {name})")

    def whole(digits: str) -> int:  # thousands of digits: int() itself would refuse with a traceback
        if len(digits.lstrip("-")) > 4000:  # below int()'s own limit of 4,300 digits
            raise KindlyInputError(f"{source}: the number {digits[:20]}... is far too long to be a time or a count")
        return int(digits)

    try:
        document = json.loads(
            text,
            parse_constant=refuse_constant,
            parse_int=whole,
            parse_float=lambda digits: WrittenFloat(float(digits), digits),
        )
    except json.JSONDecodeError as exc:
        raise KindlyInputError(f"{source} line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    except RecursionError:  # thousands of nested brackets: the decoder gives up
        raise KindlyInputError(f"{source} is not valid JSON: its arrays or objects nest too deeply") from None
    is_history = isinstance(document, dict) and document.get("kind") == JSON_KIND
    if not is_history or not isinstance(document.get("sessions"), list):
        expected = f'{{"kind": "{JSON_KIND}", "sessions": [...]}}'
        raise KindlyInputError(f"{source} is not a Kindly history file (expected {expected})")
    if document.get("version") != JSON_VERSION:
        found = document.get("version")
        raise KindlyInputError(
            f"{source} is history format version {found!r}; this Kindly reads version {JSON_VERSION}"
        )
    records = []
    for number, item in enumerate(document["sessions"], start=1):
        where = f"{source} session {number}"
        if not isinstance(item, dict):
            raise KindlyInputError(f"{where}: expected an object with the fields {', '.join(FIELDS)}")
        unknown = [name for name in item if name not in FIELDS and name not in CHECKIN_FIELDS]
        if unknown:
            raise KindlyInputError(f"{where}: unknown field {unknown[0]!r}")
        records.append(_record(item, where, from_text=False))
    unknown_keys = [key for key in document if key not in ("kind", "version", "sessions", "path")]
    if unknown_keys:
        raise KindlyInputError(f"{source}: unknown field {unknown_keys[0]!r}")
    path = _path_progress(document["path"], f"{source} path") if "path" in document else None
    return records, path


PATH_FIELDS = ("id", "started_utc", "week", "week_began_utc")
_PATH_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\Z", re.ASCII)


def _path_progress(value: object, where: str) -> PathProgress:
    """Where the person was on their path, from an exported file, checked in full."""
    if not isinstance(value, dict):
        raise KindlyInputError(f"{where}: expected an object with the fields {', '.join(PATH_FIELDS)}")
    for name in PATH_FIELDS:
        if name not in value:
            raise KindlyInputError(f"{where}: missing {name}")
    unknown = [name for name in value if name not in PATH_FIELDS]
    if unknown:
        raise KindlyInputError(f"{where}: unknown field {unknown[0]!r}")
    path_id = value["id"]
    if not isinstance(path_id, str) or not _PATH_ID.match(path_id):
        raise KindlyInputError(f"{where}: id {path_id!r} is not a path id")
    week = value["week"]
    if not isinstance(week, int) or isinstance(week, bool) or not 1 <= week <= WEEKS_MAX:
        raise KindlyInputError(f"{where}: week {week!r} is not a whole number from 1 to {WEEKS_MAX}")
    try:
        started = _start(value["started_utc"], "started_utc")
        began = _start(value["week_began_utc"], "week_began_utc")
    except KindlyInputError as exc:
        raise KindlyInputError(f"{where}: {exc}") from exc
    if began < started:
        raise KindlyInputError(f"{where}: week_began_utc is before started_utc")
    return PathProgress(path_id, started, int(week), began)


def _record(values: dict[str, Any], where: str, *, from_text: bool) -> SessionRecord:
    """One session from its fields (strings from CSV, JSON values from JSON), checked in full."""
    for name in FIELDS:
        if name not in values and name not in OPTIONAL_FIELDS:
            raise KindlyInputError(f"{where}: missing {name}")
    try:
        before, after = (_checkin(values, moment, from_text) for moment in MOMENTS)
        return SessionRecord(
            checkin_before=before,
            checkin_after=after,
            start_utc=_start(values["start_utc"]),
            utc_offset_min=_whole(values["utc_offset_minutes"], "utc_offset_minutes", from_text),
            planned_s=_number(values["planned_seconds"], "planned_seconds", from_text),
            practised_s=_number(values["practised_seconds"], "practised_seconds", from_text),
            practice=_optional(values.get("practice"), "practice"),
            completed=_flag(values["completed"], from_text),
            zone=_optional(values.get("zone"), "zone"),
        )
    except KindlyInputError as exc:
        raise KindlyInputError(f"{where}: {exc}") from exc


def _checkin(values: dict[str, Any], moment: str, from_text: bool) -> CheckIn | None:
    """The check-in given at `moment`: a JSON object, or CSV's two columns (both empty: none)."""
    name = f"checkin_{moment}"
    if from_text:
        cells = [values.get(f"{name}_{question}", "") for question in QUESTIONS]
        if all(cell == "" for cell in cells):
            return None
        if any(cell == "" for cell in cells):
            raise KindlyInputError(f"{name} needs both kindness and ease (or neither)")
        answers = [_answer(cell, f"{name}_{question}", True) for question, cell in zip(QUESTIONS, cells)]
        return CheckIn(*answers)
    value = values.get(name)
    if value is None:
        return None
    if not isinstance(value, dict) or sorted(value) != sorted(QUESTIONS):
        raise KindlyInputError(f'{name} {value!r} is not {{"kindness": 0-10, "ease": 0-10}}')
    return CheckIn(*(_answer(value[question], f"{name} {question}", False) for question in QUESTIONS))


def _answer(value: object, name: str, from_text: bool) -> int:
    """One answer, 0 to 10: 11, -1, 5.5 and words are refused with the name of the field."""
    if from_text and isinstance(value, str):
        number = int(value) if value.isascii() and value.isdigit() and len(value) <= 2 else -1
        if not 0 <= number <= 10:
            raise KindlyInputError(f"{name} {value!r} is not a whole number from 0 to 10")
        return number
    return check_answer(value, name)


def _start(value: object, name: str = "start_utc") -> datetime:
    if not isinstance(value, str) or not value:
        raise KindlyInputError(f"{name} {value!r} is not an ISO 8601 time")
    try:
        start = read_iso_time(value)
    except ValueError:
        raise KindlyInputError(f"{name} {value!r} is not an ISO 8601 time") from None
    if start.utcoffset() is None:
        raise KindlyInputError(f"{name} {value!r} has no UTC offset (write it like 2026-11-02T07:30:00Z)")
    return start


def _whole(value: object, name: str, from_text: bool) -> int:
    if from_text and isinstance(value, str):
        return parse_whole(value, name)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = as_written(value) if isinstance(value, float) else repr(value)
        raise KindlyInputError(f"{name} {shown} is not a whole number")
    return value


def _number(value: object, name: str, from_text: bool) -> float:
    if from_text and isinstance(value, str):
        return parse_number(value, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KindlyInputError(f"{name} {value!r} is not a number")
    try:
        number = float(value)
    except OverflowError:  # a JSON integer too large for a float
        raise KindlyInputError(f"{name} {value!r} is out of range") from None
    if not math.isfinite(number):  # 1e400 in JSON reads as infinity: named as it was written
        raise KindlyInputError(f"{name} {as_written(value) if isinstance(value, float) else value!r} is out of range")
    return number


def _flag(value: object, from_text: bool) -> bool:
    if isinstance(value, bool):
        return value
    if from_text and isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    raise KindlyInputError(f"completed {value!r} is not true or false")


def _optional(value: object, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KindlyInputError(f"{name} {value!r} is not text")
    return value
