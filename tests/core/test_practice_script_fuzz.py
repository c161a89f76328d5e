"""Fuzzing the script parser: a damaged script is refused with FILE:LINE, never a traceback.

Each bundled script is mutated thousands of times (lines deleted and
duplicated, bytes flipped, directives cut short, huge numbers, stray
unicode); the parser may only return a Practice or raise KindlyInputError
that names the file and a line.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kindly import locations
from kindly.core.errors import KindlyInputError
from kindly.core.practice_script import Practice, parse_practice
from kindly.core.script_text import decode_script

MUTATIONS_PER_SCRIPT = 600
_LOCATED = re.compile(r"^fuzz\.txt:\d+: \S")

_NASTY = [
    "[pause",
    "[pause 99999999999999999999 breaths]",
    "[pause 1e308 s]",
    "[pause -3 s]",
    "[pause nan s]",
    "[pause inf breaths]",
    "[rest",
    "[rest]",
    "[]",
    "]",
    "minutes: 1e999",
    "minutes: 0.0000001",
    "minimum: 99999999",
    "breath: 4-",
    "breath: 9999999-1",
    "breath: ----",
    "---",
    "id: \u00e9t\u00e9",
    "\u202e\u0301\ufeff",
    "\U0001f600 smile",
    "\x00",
    "\udcff",
    "\u2028",
    "title: " + "x" * 500,
    "word " * 200,
]


def _scripts() -> list[bytes]:
    paths = sorted(Path(locations.scripts_dir()).glob("*.txt"))
    assert paths, "no bundled scripts to fuzz"
    return [p.read_bytes() for p in paths]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        i = rng.randrange(len(lines)) if lines else 0
        if choice == 0 and lines:
            del lines[i]
        elif choice == 1 and lines:
            lines.insert(i, lines[i])
        elif choice == 2 and lines and lines[i]:
            line = bytearray(lines[i])
            j = rng.randrange(len(line))
            line[j] ^= 1 << rng.randrange(8)
            lines[i] = bytes(line)
        elif choice == 3 and lines and lines[i]:
            lines[i] = lines[i][: rng.randrange(len(lines[i]))]
        elif choice == 4:
            lines.insert(i, rng.choice(_NASTY).encode("utf-8", "surrogatepass"))
        elif choice == 5 and lines:
            digits = str(rng.choice([0, 10**9, 10**30, 61, 241, 601])).encode()
            lines[i] = re.sub(rb"\d+", digits, lines[i])
        elif lines:
            lines[i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
    return b"\n".join(lines)


def _parse_bytes(data: bytes) -> Practice | None:
    """The parser's whole contract: a Practice, or a located KindlyInputError."""
    try:
        return parse_practice(decode_script(data, "fuzz.txt"), "fuzz.txt")
    except KindlyInputError as exc:
        message = str(exc)
        assert _LOCATED.match(message), message
        assert "\n" not in message
        return None


def test_thousands_of_damaged_scripts_are_refused_only_with_file_and_line() -> None:
    rng = random.Random(20261126)
    parsed = refused = 0
    for script in _scripts():
        for _ in range(MUTATIONS_PER_SCRIPT):
            if _parse_bytes(_mutate(script, rng)) is None:
                refused += 1
            else:
                parsed += 1
    # Both outcomes happen, so the mutations neither all break nor all spare the script.
    assert parsed > 100 and refused > 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_after_a_valid_header_is_parsed_or_refused_with_a_line(body: str) -> None:
    header = "id: x\ntitle: T\nminutes: 5\nminimum: 1\nbreath: calm\ndescription: d\n---\n"
    _parse_bytes((header + body).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_parsed_or_refused_with_a_line(data: bytes) -> None:
    _parse_bytes(data)
