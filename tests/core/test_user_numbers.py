"""The one number parser: ASCII digits only, bounded before conversion, limits compared exactly, named as typed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindly.core.errors import KindlyInputError
from kindly.core.user_numbers import NUMBER_CHARS_MAX, as_written, exact, parse_number, parse_whole

ASCII_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@pytest.mark.parametrize("text", ["٣", "０５", "1٣", "๕", "５.5", "²", "1_000", " 5", "5 ", "nan", "inf", "--", ""])
def test_only_the_ascii_digits_make_a_number(text: str) -> None:
    with pytest.raises(KindlyInputError, match="is not a number"):
        parse_number(text, "--minutes")
    with pytest.raises(KindlyInputError, match="is not a whole number"):
        parse_whole(text, "--minutes")


@pytest.mark.parametrize("digits", [4301, 5000, 100_000])
def test_thousands_of_digits_are_refused_in_one_line_before_int_reads_them(digits: int) -> None:
    """int() of 5,000 digits raised its own ValueError ("Exceeds the limit (4300 digits)"): an internal error."""
    text = "9" * digits
    with pytest.raises(KindlyInputError, match="is too long to be a number here") as caught:
        parse_whole(text, "--rest-days")
    assert "\n" not in str(caught.value)
    with pytest.raises(KindlyInputError, match="is too long to be a number here"):
        parse_number(text, "--minutes")


def test_a_number_just_past_a_limit_is_refused_although_a_float_rounds_it_onto_the_limit() -> None:
    assert float("240.00000000000001") == 240.0
    with pytest.raises(KindlyInputError, match=r"'240\.00000000000001' is out of range \(more than 0, at most 240\)"):
        parse_number("240.00000000000001", "--minutes", more_than=0, at_most=240.0)
    with pytest.raises(KindlyInputError, match="out of range"):
        parse_number("2.4000000000000001e2", "--minutes", at_most=240.0)
    with pytest.raises(KindlyInputError, match="out of range"):
        parse_number("-0.00000000000000000001", "--warmup", at_least=0)


def test_a_limit_reads_as_the_decimal_written_in_the_source() -> None:
    """0.1 is at least 0.1, though the float 0.1 is a little more than one tenth."""
    assert parse_number("0.1", "--interval-bell", at_least=0.1) == 0.1
    assert parse_number("240", "--minutes", at_most=240.0) == 240.0
    assert exact(0.1) == Decimal("0.1")


def test_a_value_too_small_to_tell_from_zero_is_refused_not_read_as_zero() -> None:
    with pytest.raises(KindlyInputError, match="'1e-400' is out of range"):
        parse_number("1e-400", "--minutes")


def test_a_refusal_names_the_value_as_typed() -> None:
    with pytest.raises(KindlyInputError, match=r"^--minutes '0240\.50' is out of range"):
        parse_number("0240.50", "--minutes", at_most=240)
    assert as_written(parse_number("1e3", "x")) == "1e3"


HOSTILE = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.sampled_from("0123456789.eE+-"), max_size=12),
    st.builds(
        lambda a, d, b: a + d + b,
        st.from_regex(r"\d{0,3}", fullmatch=True),
        OTHER_DIGITS,
        st.text("0123456789", max_size=3),
    ),
    st.integers(NUMBER_CHARS_MAX + 1, 6000).map(lambda n: "1" + "0" * n),
    st.sampled_from(["nan", "-NaN", "inf", "+Infinity", "1e309", "-1e309", "1e-400", "--", "", " ", "\t5", "5\n"]),
)


@settings(max_examples=400, deadline=None)
@given(text=HOSTILE)
def test_any_text_is_a_number_as_decimal_reads_it_or_one_line_naming_it(text: str) -> None:
    try:
        value = parse_number(text, "--minutes", at_least=-1000, at_most=1000)
    except KindlyInputError as exc:
        said = str(exc)
        assert "\n" not in said and said.startswith("--minutes ")
        assert repr(text) in said or text in said
        return
    assert ASCII_DECIMAL.fullmatch(text) and len(text) <= NUMBER_CHARS_MAX
    assert -1000 <= Decimal(text) <= 1000
    assert value == float(Decimal(text))
    assert as_written(value) == text


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_number_that_is_not_finite_has_no_exact_decimal(value: float) -> None:
    with pytest.raises(ValueError, match="is not a finite number"):
        exact(value)
