"""The breath pattern grammar and its presets."""

import pytest

from kindly.core.breath_pattern import PRESETS, parse_breath_pattern
from kindly.core.errors import KindlyInputError


def test_two_numbers_are_inhale_and_exhale() -> None:
    p = parse_breath_pattern("4-6")
    assert (p.inhale, p.hold, p.exhale, p.rest) == (4, 0, 6, 0)


def test_three_numbers_are_inhale_hold_exhale() -> None:
    p = parse_breath_pattern("4-7-8")
    assert (p.inhale, p.hold, p.exhale, p.rest) == (4, 7, 8, 0)


def test_four_numbers_add_a_hold_after_the_exhale() -> None:
    p = parse_breath_pattern("4-4-4-4")
    assert (p.inhale, p.hold, p.exhale, p.rest) == (4, 4, 4, 4)
    assert p.cycle_seconds == 16


def test_decimals_are_allowed() -> None:
    assert parse_breath_pattern("5.5-5.5").inhale == 5.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [("box", (4, 4, 4, 4)), ("478", (4, 7, 8, 0)), ("coherent", (5.5, 0, 5.5, 0)), ("calm", (4, 0, 6, 0))],
)
def test_presets_name_their_patterns(name: str, expected: tuple[float, ...]) -> None:
    p = parse_breath_pattern(name)
    assert (p.inhale, p.hold, p.exhale, p.rest) == expected
    assert p.name == name


def test_preset_names_ignore_case_and_spaces() -> None:
    assert parse_breath_pattern("  BOX ").spec() == "4-4-4-4"


def test_zero_length_holds_are_kept_but_not_phases() -> None:
    p = parse_breath_pattern("4-0-6-0")
    assert [ph for ph, _o, _l in p.phase_offsets()] == ["inhale", "exhale"]


def test_phase_offsets_start_each_phase_where_the_last_ended() -> None:
    p = parse_breath_pattern("4-7-8")
    assert p.phase_offsets() == (("inhale", 0.0, 4.0), ("hold", 4.0, 7.0), ("exhale", 11.0, 8.0))


def test_spec_writes_the_shortest_form() -> None:
    assert parse_breath_pattern("4-0-6").spec() == "4-6"
    assert parse_breath_pattern("4-2-6-0").spec() == "4-2-6"
    assert parse_breath_pattern("4-0-6-2").spec() == "4-0-6-2"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("4", "2, 3 or 4 phases"),
        ("4-4-4-4-4", "2, 3 or 4 phases"),
        ("", "2, 3 or 4 phases"),
        ("4-x", "'x' is not a number"),
        ("4--6", "'' is not a number"),
        ("-4-6", "is not a number"),
        ("4-6e1", "'6e1' is not a number"),
        ("4-nan", "'nan' is not a number"),
        ("0.5-6", "inhale of 0.5 s is out of range"),
        ("31-6", "inhale of 31 s is out of range"),
        ("4-0", "exhale of 0 s is out of range"),
        ("4-31-6", "hold of 31 s is out of range"),
        ("4-1-6-31", "second hold of 31 s is out of range"),
        ("squares", "or be one of: box, 478, coherent, calm"),
    ],
)
def test_bad_patterns_are_refused_naming_the_value(text: str, fragment: str) -> None:
    with pytest.raises(KindlyInputError) as info:
        parse_breath_pattern(text)
    message = str(info.value)
    assert fragment in message
    assert repr(text.strip()) in message
    assert "\n" not in message


def test_bounds_are_inclusive() -> None:
    p = parse_breath_pattern("1-30-30-0")
    assert (p.inhale, p.hold, p.exhale) == (1, 30, 30)


def test_every_preset_parses() -> None:
    for name in PRESETS:
        assert parse_breath_pattern(name).cycle_seconds > 0


def test_a_preset_is_described_in_words_and_a_custom_pattern_by_its_numbers() -> None:
    assert parse_breath_pattern("box").describe() == "Box breathing: in 4, hold 4, out 4, hold 4"
    assert parse_breath_pattern("4-2-6").describe() == "Custom: 4-2-6"


def test_a_number_too_long_to_be_finite_is_refused() -> None:
    digits = "9" * 400  # reads as infinity
    with pytest.raises(KindlyInputError, match=f"{digits}' is not a number of seconds"):
        parse_breath_pattern(f"{digits}-4")
