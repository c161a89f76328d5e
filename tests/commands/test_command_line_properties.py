"""Whatever a person types, the command line answers in one line: accepted, or refused naming what they wrote.

Hypothesis throws generated text at every number, pattern, id and zone the
commands take. The classes: numbers (other scripts' digits, NaN, infinity,
empty, exponents, values just past a limit), breath patterns, practice ids
and zone names with control characters (through `history import`), and
`history add` as a whole. Exit 1 ("the machine failed") and "internal
error" must never come from input.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindly.argument_parsing import KindlyParser
from kindly.cli import main
from kindly.commands import render_command
from kindly.core.errors import KindlyInputError

pytestmark = pytest.mark.slow

ASCII_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
ASCII_WHOLE = re.compile(r"[+-]?\d+", re.ASCII)
TRICKY = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "",
    " ",
    " 5",
    "5 ",
    "1_0",
    "٥",
    "１０",
    "๕",
    "0x10",
    "1e999",
    "240.0000001",
    "240",
    "1e-300",
    "0.0000001",
    "-0",
    "+3",
    ".5",
    "5.",
    "1e3",
    "\n5",
    "5\n",
    "\x005",
]
NUMBER_TEXT = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=10),
    st.from_regex(r"[+-]?\d{0,4}(\.\d{0,9})?([eE][+-]?\d{1,3})?", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# option -> (a whole number?, lowest accepted, highest accepted or None)
RENDER_NUMBERS = {
    "--minutes": (False, 0.0, 240.0),
    "--warmup": (False, 0.0, 600.0),
    "--interval-bell": (False, 0.0, 240.0),
    "--bell-every-breaths": (True, 0.0, 999.0),
    "--volume-bells": (True, 0.0, 100.0),
}


def render_verdict(*args: str) -> str | None:
    """What `kindly render` would say of these options before writing anything: None (accepted) or its one line."""
    parser = KindlyParser(prog="kindly render")
    render_command.add_arguments(parser)
    try:
        render_command.session_from_options(parser.parse_args(["out.wav", *args]))
    except KindlyInputError as exc:
        return str(exc)
    return None


@FAST
@given(option=st.sampled_from(sorted(RENDER_NUMBERS)), text=NUMBER_TEXT)
def test_every_render_number_is_an_ascii_decimal_and_a_refusal_names_it_as_written(option: str, text: str) -> None:
    whole, lowest, highest = RENDER_NUMBERS[option]
    said = render_verdict(f"{option}={text}")
    written_right = (ASCII_WHOLE if whole else ASCII_DECIMAL).fullmatch(text) is not None
    if not written_right:
        assert said is not None, f"{option} {text!r} was taken as a number"
    if said is None:
        value = float(text)
        assert math.isfinite(value)
        assert lowest <= value and (highest is None or value <= highest)
    else:
        assert "\n" not in said
        assert text in said or repr(text) in said, said  # named exactly as the user wrote it


@FAST
@given(
    text=st.one_of(
        st.text(max_size=14), st.from_regex(r"\d{1,2}(\.\d{1,3})?(-\d{1,2}(\.\d{1,3})?){1,4}", fullmatch=True)
    )
)
def test_a_breath_pattern_is_a_preset_or_ascii_seconds_and_else_refused_in_one_line(text: str) -> None:
    said = render_verdict(f"--breath={text}")
    if said is None:
        parts = text.split("-")
        assert text in {"box", "478", "coherent", "calm", "4-7-8", "box-breathing"} or all(
            ASCII_DECIMAL.fullmatch(p.strip()) for p in parts
        ), text
    else:
        assert "\n" not in said


def _row(practice: str, zone: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["start_utc", "utc_offset_minutes", "zone", "planned_seconds", "practised_seconds", "practice", "completed"]
    )
    writer.writerow(["2026-11-02T07:30:00.000000Z", 60, zone, 600.0, 600.0, practice, "true"])
    return out.getvalue()


IDENTIFIER_TEXT = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"[a-z]{1,8}(-[a-z]{1,6})?", fullmatch=True),
    st.sampled_from(
        [
            "kind\nbreath",
            "kind\rbreath",
            "kind\x00",
            "kind\tbreath",
            "Europe/Paris\n",
            "Europe/Paris",
            "a\u2028b",
            "noting\x1b[31m",
        ]
    ),
)


@FAST
@given(practice=IDENTIFIER_TEXT, zone=IDENTIFIER_TEXT)
def test_ids_and_zone_names_with_control_characters_never_enter_the_history(
    practice: str, zone: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(_row(practice, zone), encoding="utf-8", newline="")
    code = main(["history", "import", str(source)])
    said = capsys.readouterr()
    assert code in (0, 2), said.err
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in practice + zone):
        assert code == 2
    if code == 2:
        assert said.err.startswith("kindly: error: ") and said.err.count("\n") == 1
        return
    exported = tmp_path / "out.csv"
    assert main(["history", "export", "--format", "csv", str(exported)]) == 0
    capsys.readouterr()
    with exported.open(encoding="utf-8", newline="") as text:
        rows = list(csv.DictReader(text))
    # What was taken comes back out exactly (a CSV cell's surrounding spaces are not part of it).
    kept = [r for r in rows if r["practice"] == practice.strip(" ") and r["zone"] == zone.strip(" ")]
    assert kept, rows


@FAST
@given(
    minutes=NUMBER_TEXT,
    start=st.one_of(
        st.sampled_from(["2026-11-24T07:30", "2026-11-24T07:30Z", "٢٠٢٦-11-24T07:30", "2026-11-24T07:30+14:00", ""]),
        st.text(max_size=20),
    ),
)
def test_history_add_answers_any_input_in_one_line_and_never_as_a_failure(
    minutes: str, start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["history", "add", f"--start={start}", f"--minutes={minutes}"])
    said = capsys.readouterr()
    assert code in (0, 2), said.err
    assert "internal error" not in said.err and "Traceback" not in said.err
    if code == 2:
        assert said.err.startswith("kindly: error: ") and said.err.count("\n") == 1
    else:
        assert ASCII_DECIMAL.fullmatch(minutes) and 1 / 60 <= float(minutes) <= 240
