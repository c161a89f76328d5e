"""The plain-text format of a practice path: a few weeks, each with a reading, practices and a prompt.

A path is written by hand, like a practice script (see assets/paths/README.md):

    id: twelve-weeks-of-kindness
    title: Twelve weeks of kindness
    description: One week at a time, from noticing the breath to kindness in the day.
    care: This path supports your wellbeing; it is not therapy.
    ---
    week 1: Arriving in the breath
    practice: mindful-breathing
    daily: one-minute-pause
    reading: A first sentence.
      An indented line goes on with the field above it.
    prompt: What did you notice?

Weeks are numbered from 1 with no gap. `practice` and `daily` are practice
ids; whether those exist is the library's to say (`kindly.library`). Every
error names the file and line (`ScriptError`), as a practice script's do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kindly.core.script_text import ScriptError

WEEKS_MAX = 52
TITLE_CHARS_MAX = 80
READING_CHARS_MAX = 900
PROMPT_CHARS_MAX = 300
HEADER_FIELDS = ("id", "title", "description", "care")
WEEK_FIELDS = ("practice", "daily", "reading", "prompt")
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\Z", re.ASCII)
_WEEK = re.compile(r"^week\s+(\S+)\s*:\s*(.*)$")
_FIELD = re.compile(r"^([a-z ]+?)\s*:\s*(.*)$")


@dataclass(frozen=True)
class PathWeek:
    """One week of a path; `line` is where it begins in its file."""

    number: int
    title: str
    reading: str
    practice: str
    daily: str
    prompt: str
    line: int
    practice_line: int
    daily_line: int


@dataclass(frozen=True)
class PracticePath:
    """A path of weeks, as its file says it."""

    id: str
    title: str
    description: str
    care: str | None
    weeks: tuple[PathWeek, ...]
    source: str


@dataclass
class _Block:
    """Fields as they are read, each with its line, for a header or a week."""

    start: int
    fields: dict[str, tuple[str, int]]
    title: str = ""

    def text(self, key: str) -> str:
        return self.fields[key][0]

    def line(self, key: str) -> int:
        return self.fields[key][1]


def parse_path(text: str, source: str) -> PracticePath:
    """The path in `text` (from `source`, named in every error).

    Raises:
        ScriptError: the first problem, with its file and line.
    """
    header = _Block(1, {})
    weeks: list[_Block] = []
    current = header
    last_key: str | None = None
    separated = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            last_key = None if not line else last_key
            continue
        if line.strip() == "---" and not separated:
            separated, current, last_key = True, header, None
            continue
        if line[0].isspace():
            if last_key is None:
                raise ScriptError(source, number, "an indented line goes on with a field, but there is none above it")
            value, at = current.fields[last_key]
            current.fields[last_key] = (f"{value} {line.strip()}".strip(), at)
            continue
        week = _WEEK.match(line)
        if separated and week:
            current = _Block(number, {}, week.group(2).strip())
            if not current.title:
                raise ScriptError(source, number, "a week needs a title after 'week N:'")
            expected = len(weeks) + 1
            if week.group(1) != str(expected):
                raise ScriptError(source, number, f"expected week {expected} here, found week {week.group(1)!r}")
            weeks.append(current)
            last_key = None
            continue
        field = _FIELD.match(line)
        allowed = WEEK_FIELDS if current is not header else HEADER_FIELDS
        if separated and current is header:
            raise ScriptError(source, number, "after '---' a path goes on with 'week 1: Title'")
        if field is None or field.group(1) not in allowed:
            known = ", ".join(f"{k}:" for k in allowed)
            raise ScriptError(source, number, f"expected one of {known} here, found {line[:40]!r}")
        key = field.group(1)
        if key in current.fields:
            raise ScriptError(source, number, f"'{key}:' is given twice (first on line {current.line(key)})")
        current.fields[key] = (field.group(2).strip(), number)
        last_key = key
    if not separated:
        raise ScriptError(source, len(text.splitlines()) or 1, "a path needs '---' between its header and its weeks")
    return _build(header, weeks, source, len(text.splitlines()))


def _build(header: _Block, weeks: list[_Block], source: str, last_line: int) -> PracticePath:
    _require(header, "id", source)
    path_id = header.text("id")
    if not _ID.match(path_id):
        raise ScriptError(source, header.line("id"), f"id {path_id!r}: lowercase letters, digits and single hyphens")
    try:
        return _build_weeks(path_id, header, weeks, source, last_line)
    except ScriptError as exc:
        exc.script_id = path_id
        raise


def _require(header: _Block, key: str, source: str) -> None:
    if key not in header.fields or not header.text(key):
        raise ScriptError(source, 1, f"the header needs '{key}:'")


def _build_weeks(path_id: str, header: _Block, weeks: list[_Block], source: str, last_line: int) -> PracticePath:
    _require(header, "title", source)
    _require(header, "description", source)
    if not weeks:
        raise ScriptError(source, last_line, "a path needs at least one week ('week 1: Title')")
    if len(weeks) > WEEKS_MAX:
        raise ScriptError(source, weeks[WEEKS_MAX].start, f"a path has at most {WEEKS_MAX} weeks")
    built = []
    for number, block in enumerate(weeks, start=1):
        for key in WEEK_FIELDS:
            if key not in block.fields or not block.text(key):
                raise ScriptError(source, block.start, f"week {number} needs '{key}:'")
        _limit(source, block.start, f"week {number}'s title", block.title, TITLE_CHARS_MAX)
        _limit(source, block.line("reading"), f"week {number}'s reading", block.text("reading"), READING_CHARS_MAX)
        _limit(source, block.line("prompt"), f"week {number}'s prompt", block.text("prompt"), PROMPT_CHARS_MAX)
        for key in ("practice", "daily"):
            if not _ID.match(block.text(key)):
                raise ScriptError(source, block.line(key), f"{key} {block.text(key)!r} is not a practice id")
        built.append(
            PathWeek(
                number=number,
                title=block.title,
                reading=block.text("reading"),
                practice=block.text("practice"),
                daily=block.text("daily"),
                prompt=block.text("prompt"),
                line=block.start,
                practice_line=block.line("practice"),
                daily_line=block.line("daily"),
            )
        )
    care = header.text("care") if "care" in header.fields else None
    _limit(source, header.line("title"), "the title", header.text("title"), TITLE_CHARS_MAX)
    return PracticePath(path_id, header.text("title"), header.text("description"), care, tuple(built), source)


def _limit(source: str, line: int, what: str, value: str, most: int) -> None:
    if len(value) > most:
        raise ScriptError(source, line, f"{what} is {len(value)} characters; at most {most}")
