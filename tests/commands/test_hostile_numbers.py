"""Every number a person gives Kindly, hostile or not, is answered in one line: never "internal error".

The numeric options are found in the commands' own parsers (an option whose
`type` is `number_option` or `whole_option`), so an option added later is
covered without a word here; the settings are found in `kindly.settings.options`.
Hypothesis throws at each what no number parser should take: thousands of
digits, other scripts' digits, values just past the option's own limits (past
them by less than a float can tell), NaN and infinity spelled every way,
`--`, nothing, whitespace. Each must exit 2 with exactly one
`kindly: error:` line naming the value as typed, and write nothing.

Generated cases, with today's 12 numeric options: 12 x 100 hostile values, plus
12 x 20 `-inf`-like separate words, plus 10 settings x 50, plus 5 history
columns x 50: 2,190 in all (about 15 s).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Context, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kindly.settings.options as opt
from kindly.argument_parsing import KindlyParser, NumberOption
from kindly.cli import COMMANDS, main
from kindly.core.errors import KindlyInputError
from kindly.core.session_record import MAX_OFFSET_MIN, MAX_SESSION_S
from kindly.core.user_numbers import NUMBER_CHARS_MAX

pytestmark = pytest.mark.slow

PER_OPTION = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PER_SETTING = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PER_WORD = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# What a positional or a required option of a command is given, so only the number is wrong.
PLACEHOLDERS = {"OUT.wav": "{tmp}/out.wav", "KEY": "volume/bells", "VALUE": "5", "FILE": "{tmp}/in.csv"}
REQUIRED = {"--start": "2026-11-02T07:30Z", "--minutes": "5"}
# Options that take a number by their metavar: each must read it with the one parser.
NUMBER_METAVARS = {"N", "M", "SECONDS", "MINUTES"}
EXACT = Context(prec=200)  # Decimal's own 28 digits would round 600 + 1e-40 back onto 600


@dataclass(frozen=True)
class Limits:
    whole: bool
    more_than: float | None = None
    at_least: float | None = None
    at_most: float | None = None


def command_parsers() -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and subcommand of `kindly`, with the words that name it."""
    for name, (module_name, help_) in COMMANDS.items():
        parser = KindlyParser(prog=f"kindly {name}", description=help_)
        importlib.import_module(module_name).add_arguments(parser)
        yield from _walk((name,), parser)


def _walk(
    words: tuple[str, ...], parser: argparse.ArgumentParser
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield words, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk((*words, name), sub)


PARSERS = dict(command_parsers())


def value_options() -> list[tuple[tuple[str, ...], argparse.ArgumentParser, argparse.Action]]:
    """Every option of every command that takes one value."""
    return [
        (words, parser, action)
        for words, parser in PARSERS.items()
        for action in parser._actions
        if action.option_strings and action.nargs is None
    ]


NUMBER_OPTIONS = [(words, action) for words, _p, action in value_options() if isinstance(action.type, NumberOption)]
NUMBER_IDS = [f"{' '.join(words)} {action.option_strings[0]}" for words, action in NUMBER_OPTIONS]


def test_every_option_that_takes_a_number_reads_it_with_the_one_parser() -> None:
    found = set(NUMBER_IDS)
    assert {
        "render --minutes",
        "render --warmup",
        "render --interval-bell",
        "render --bell-every-breaths",
        "render --volume-bells",
        "stats --rest-days",
        "history add --minutes",
        "history checkins --delete",
    } <= found
    for words, _parser, action in value_options():
        if action.metavar in NUMBER_METAVARS:
            assert isinstance(action.type, NumberOption), f"{' '.join(words)} {action.option_strings[0]}"


def _just_past(limit: float, direction: int, whole: bool) -> st.SearchStrategy[str]:
    """Text for a value just past `limit` (direction -1: below it), by as little as a float cannot see."""
    edge = Decimal(repr(limit)) if isinstance(limit, float) else Decimal(limit)
    if whole:
        return st.integers(1, 10**30).map(lambda step: str(EXACT.add(edge, direction * step)))
    return st.tuples(st.integers(1, 40), st.booleans()).map(
        lambda spec: _decimal_text(EXACT.add(edge, direction * Decimal(1).scaleb(-spec[0])), spec[1])
    )


def _decimal_text(value: Decimal, scientific: bool) -> str:
    return f"{value:e}" if scientific else f"{value:f}"


NAN_AND_INFINITY = [
    "nan", "NaN", "-nan", "+nan", "NAN", "inf", "-inf", "+inf", "Inf", "INF", "Infinity", "-Infinity",
    "infinity", "1e999", "-1e999", "1e309", "-1e309", "∞", "-∞", "NaN(1)", "snan",
]  # fmt: skip
WHITESPACE = ["", " ", "\t", "\n", " 5", "5 ", "\t5", "5\n", "\n5", "\u00a05", "5\u2003", "1 0", "\x005"]
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


def hostile(limits: Limits, *, spaces: bool = True) -> st.SearchStrategy[str]:
    """Text no parser of a number within `limits` may take."""
    kinds = [
        st.integers(NUMBER_CHARS_MAX + 1, 6000).map(lambda n: "9" * n),
        st.integers(NUMBER_CHARS_MAX, 6000).map(lambda n: "1" + "0" * n),
        st.builds(
            lambda head, digit, tail: head + digit + tail,
            st.text("0123456789", max_size=3),
            OTHER_DIGITS,
            st.text(st.sampled_from("0123456789.") | OTHER_DIGITS, max_size=3),
        ),
        st.sampled_from(NAN_AND_INFINITY),
        st.sampled_from(["--", "-", "+", ".", "e5", "1e", "1_000", "0x10", "5,5", "½", "²", "1/2", "--5", "5-"]),
    ]
    if spaces:
        kinds.append(st.sampled_from(WHITESPACE))
    if limits.whole:
        kinds.append(st.from_regex(r"[+-]?[0-9]{1,3}(\.[0-9]{1,3}|[eE][0-9])", fullmatch=True))
    if limits.at_most is not None:
        kinds.append(_just_past(limits.at_most, +1, limits.whole))
    if limits.at_least is not None:
        kinds.append(_just_past(limits.at_least, -1, limits.whole))
    if limits.more_than is not None:
        edge = limits.more_than
        kinds.append(st.sampled_from([f"{edge:g}", f"-{edge:g}", f"{edge:g}.0", f"{edge:g}e9", f"+{edge:g}"]))
        kinds.append(_just_past(edge, -1, limits.whole))
    return st.one_of(kinds)


def limits_of(kind: NumberOption) -> Limits:
    return Limits(kind.whole, kind.more_than, kind.at_least, kind.at_most)


def command_line(words: tuple[str, ...], option: str, value: str, *, joined: bool, tmp: Path) -> list[str]:
    """`kindly WORDS ... OPTION VALUE` with every other required word given, so only the number is wrong."""
    parser = PARSERS[words]
    args = list(words)
    for action in parser._actions:
        if action.required and action.option_strings and action.option_strings[0] != option:
            args += [action.option_strings[0], REQUIRED[action.option_strings[0]]]
    args += [f"{option}={value}"] if joined else [option, value]
    positionals = [a for a in parser._actions if not a.option_strings and a.nargs is None]
    return args + [PLACEHOLDERS[str(a.metavar)].format(tmp=tmp) for a in positionals]


def assert_one_line_naming(code: int, err: str, out: str, value: str, *, named: bool = True) -> None:
    assert code == 2, err
    assert err.startswith("kindly: error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "internal error" not in err and "[]" not in err, err
    assert out == ""
    if named:
        assert repr(value) in err or f" {value} " in err, err


def _files(tmp: Path) -> set[Path]:
    return {p for p in tmp.rglob("*") if "data" not in p.parts and "config" not in p.parts}


@pytest.mark.parametrize(("words", "action"), NUMBER_OPTIONS, ids=NUMBER_IDS)
@PER_OPTION
@given(data=st.data())
def test_a_hostile_number_for_any_option_is_refused_in_one_line_naming_it(
    words: tuple[str, ...],
    action: argparse.Action,
    data: st.DataObject,
    isolated_dirs: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    value = data.draw(hostile(limits_of(action.type)), label="value")
    joined = data.draw(st.booleans(), label="--option=value")
    option = action.option_strings[0]
    before = _files(isolated_dirs)
    code = main(command_line(words, option, value, joined=joined, tmp=isolated_dirs))
    said = capsys.readouterr()
    # `--minutes --`: there the `--` is the separator, and argparse says the value is missing.
    separator = not joined and value.startswith("-") and PARSERS[words]._is_option(value)
    assert_one_line_naming(code, said.err, said.out, value, named=not separator and value != "--")
    assert _files(isolated_dirs) == before


@pytest.mark.parametrize(("words", "action"), NUMBER_OPTIONS, ids=NUMBER_IDS)
@PER_WORD
@given(value=st.from_regex(r"-(inf|nan|infinity|[1-9][0-9]{0,2}e[0-9]{3,4}|[0-9]{1,3}_[0-9]|)", fullmatch=True))
def test_a_negative_looking_value_given_as_a_separate_word_is_named_not_said_to_be_missing(
    words: tuple[str, ...],
    action: argparse.Action,
    value: str,
    isolated_dirs: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`render --minutes -inf` said only "expected one argument"."""
    code = main(command_line(words, action.option_strings[0], value, joined=False, tmp=isolated_dirs))
    said = capsys.readouterr()
    assert_one_line_naming(code, said.err, said.out, value)


INT_SETTINGS = [o for o in opt.OPTIONS if o.kind is int]


def test_the_ten_whole_number_settings_are_all_covered() -> None:
    assert len(INT_SETTINGS) == 10


@pytest.mark.parametrize("option", INT_SETTINGS, ids=[o.key for o in INT_SETTINGS])
@PER_SETTING
@given(data=st.data())
def test_a_hostile_number_for_any_setting_is_refused_in_one_line_and_saves_nothing(
    option: opt.Option[int], data: st.DataObject, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = data.draw(hostile(Limits(True, at_least=option.minimum, at_most=option.maximum)), label="value")
    separated = data.draw(st.booleans(), label="after --")
    code = main(["settings", "set", *(["--"] if separated else []), option.key, value])
    said = capsys.readouterr()
    # Without the separator, `-inf` or `--` in VALUE's place is an option or the separator itself.
    assert_one_line_naming(code, said.err, said.out, value, named=separated or not value.startswith("-"))
    assert not (isolated_dirs / "config" / "settings.json").exists()


HEADER = [
    "start_utc", "utc_offset_minutes", "zone", "planned_seconds", "practised_seconds", "practice", "completed",
    "checkin_before_kindness", "checkin_before_ease",
]  # fmt: skip
GOOD = ["2026-11-02T07:30:00.000000Z", "60", "Europe/Paris", "600.0", "600.0", "", "true", "5", "4"]
COLUMNS = {
    "utc_offset_minutes": Limits(True, at_least=-MAX_OFFSET_MIN, at_most=MAX_OFFSET_MIN),
    "planned_seconds": Limits(False, at_least=0, at_most=MAX_SESSION_S),
    "practised_seconds": Limits(False, at_least=0, at_most=MAX_SESSION_S),
    "checkin_before_kindness": Limits(True, at_least=0, at_most=10),
    "checkin_before_ease": Limits(True, at_least=0, at_most=10),
}


@pytest.mark.parametrize("column", list(COLUMNS))
@PER_SETTING
@given(data=st.data())
def test_a_hostile_number_in_any_numeric_column_of_an_import_is_refused_in_one_line(
    column: str, data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A CSV cell's surrounding spaces are the file's layout, not the number: they are read past.
    value = data.draw(hostile(COLUMNS[column], spaces=False), label="value")
    row = list(GOOD)
    row[HEADER.index(column)] = value
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, row])
    source = tmp_path / "in.csv"
    source.write_text(text.getvalue(), encoding="utf-8", newline="")
    code = main(["history", "import", str(source)])
    said = capsys.readouterr()
    assert_one_line_naming(code, said.err, said.out, value, named=False)


# ---------------------------------------------------------------------- `--` as a value


def test_the_value_dash_dash_reaches_every_option_as_the_text_it_is(tmp_path: Path) -> None:
    """`--minutes=--` reached the code as [] (TypeError, or "[] is not a number")."""
    for words, _parser, action in value_options():
        option = action.option_strings[0]
        top = KindlyParser(prog="kindly")
        importlib.import_module(COMMANDS[words[0]][0]).add_arguments(top)
        args = command_line(words, option, "--", joined=True, tmp=tmp_path)[1:]
        try:
            parsed = top.parse_args(args)
        except KindlyInputError as exc:  # a number, or a choice: refused naming what was typed
            assert "'--'" in str(exc) and "[]" not in str(exc), (args, str(exc))
        else:
            assert getattr(parsed, action.dest) == "--", args


def test_the_value_dash_dash_after_the_separator_is_a_positional_s_text() -> None:
    """`kindly settings set -- volume/bells --`: AttributeError: 'list' object has no attribute 'strip'."""
    parser = KindlyParser(prog="kindly settings")
    importlib.import_module(COMMANDS["settings"][0]).add_arguments(parser)
    parsed = parser.parse_args(["set", "--", "volume/bells", "--"])
    assert (parsed.key, parsed.value) == ("volume/bells", "--")


def test_settings_set_dash_dash_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "--", "volume/bells", "--"]) == 2
    assert capsys.readouterr().err == "kindly: error: setting volume/bells: '--' is not a whole number (digits 0-9)\n"


def test_a_separator_still_ends_the_options() -> None:
    parser = KindlyParser(prog="kindly history")
    importlib.import_module(COMMANDS["history"][0]).add_arguments(parser)
    assert parser.parse_args(["export", "--", "--json"]).out == "--json"
    assert parser.parse_args(["export", "--"]).out is None


# ---------------------------------------------------------------------- the probe's own examples


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["render", "{tmp}/x.wav", "--minutes", "240.00000000000001"],
            "--minutes '240.00000000000001' is out of range",
        ),
        (["render", "{tmp}/x.wav", "--warmup", "600.00000000000001"], "--warmup '600.00000000000001' is out of range"),
        (
            ["render", "{tmp}/x.wav", "--bell-every-breaths", "99999999999999999999"],
            "--bell-every-breaths '99999999999999999999' is out of range (0 to 999)",
        ),
        (["render", "{tmp}/x.wav", "--bell-every-breaths", "1" + "0" * 400], "is too long to be a number here"),
        (["render", "{tmp}/x.wav", "--minutes", "-inf"], "--minutes '-inf' is not a number"),
        (["render", "{tmp}/x.wav", "--minutes=--"], "--minutes '--' is not a number"),
        (["stats", "--rest-days", "9" * 5000], "--rest-days '999"),
        (["stats", "--day-start", "０５:００"], "day start '０５:００' is not a time like 04:30"),
        (["history", "checkins", "--delete", "9" * 5000], "--delete '999"),
        (["history", "add", "--start", "2026-01-01T07:30Z", "--minutes", "240.00000000000001"], "out of range"),
        (["history", "add", "--start", "2026-01-01T07:30+01:60", "--minutes", "5"], "'2026-01-01T07:30+01:60' is not"),
        (["history", "add", "--start", "2026-01-01T07:30+01:00:00:00", "--minutes", "5"], "is not an ISO 8601 time"),
        (["settings", "set", "volume/bells", "9" * 5000], "setting volume/bells: '999"),
        (["settings", "set", "session/minutes", "٣"], "setting session/minutes: '٣' is not a whole number"),
    ],
)
def test_each_example_of_the_probe_is_one_line_and_exit_2(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("kindly: error: ")
    assert said in err and "internal error" not in err
    assert _files(tmp_path) == set()


def test_an_offset_of_sixty_minutes_in_an_import_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = list(GOOD)
    row[0] = "2026-11-02T07:30:00+01:60"
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, row])
    (tmp_path / "in.csv").write_text(text.getvalue(), encoding="utf-8", newline="")
    assert main(["history", "import", str(tmp_path / "in.csv")]) == 2
    assert "'2026-11-02T07:30:00+01:60' is not an ISO 8601 time" in capsys.readouterr().err
