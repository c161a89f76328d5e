"""Numbers as a person types them: ASCII decimals only, and named in every message exactly as written.

`float()` and `int()` take far more than a person means by a number: " 5",
"٥" (Arabic-Indic five), "０５" (full-width), "nan", "inf", "1_000"; `int()`
of 5,000 digits raises a ValueError of its own, and `float()` rounds
"240.00000000000001" down to 240. Every option, setting, imported field and
script number goes through here instead: the text is checked and bounded in
length before anything converts it, and the value keeps the text it came
from, so a limit is compared with the number as written (`exact`), and a
message says "240.00000000000001 is out of range", not "240".
"""

from __future__ import annotations

import re
from decimal import Decimal

from kindly.core.errors import KindlyInputError

# Longer than any number a person means here (a float's longest exact decimal is shorter than a
# tweet, and no limit has more than a handful of digits); checked before any conversion.
NUMBER_CHARS_MAX = 64
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_WHOLE = re.compile(r"[+-]?\d+", re.ASCII)


class WrittenFloat(float):
    """A float that remembers the text it was read from."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number


class WrittenInt(int):
    """An int that remembers the text it was read from."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number


def parse_number(
    text: str,
    label: str,
    *,
    more_than: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
) -> float:
    """A finite decimal written with the ASCII digits (an exponent allowed: 1e-3), within the limits given.

    Raises:
        KindlyInputError: one line naming `label` and the text exactly as written.
    """
    if not isinstance(text, str) or not _DECIMAL.fullmatch(text):
        raise KindlyInputError(f"{label} {_shown(text)} is not a number (digits 0-9, like 10 or 2.5)")
    _check_length(text, label)
    written = Decimal(text)
    value = float(written)
    if value in (float("inf"), float("-inf")) or (value == 0 and written != 0):
        raise KindlyInputError(f"{label} {text!r} is out of range")  # past a float, or too small to tell from 0
    number = WrittenFloat(value, text)
    _check_limits(number, label, more_than=more_than, at_least=at_least, at_most=at_most)
    return number


def parse_whole(text: str, label: str, *, at_least: int | None = None, at_most: int | None = None) -> int:
    """A whole number written with the ASCII digits, within the limits given.

    Raises:
        KindlyInputError: one line naming `label` and the text exactly as written.
    """
    if not isinstance(text, str) or not _WHOLE.fullmatch(text):
        raise KindlyInputError(f"{label} {_shown(text)} is not a whole number (digits 0-9)")
    _check_length(text, label)
    number = WrittenInt(int(text), text)
    _check_limits(number, label, at_least=at_least, at_most=at_most)
    return number


def exact(value: float) -> Decimal:
    """`value` as the decimal it was written as: its text when read from a person, else its shortest form.

    A limit (`MINUTES_MAX = 240.0`, `INTERVAL_MIN_MIN = 0.1`) reads as the decimal
    in the source, so 0.1 is at least 0.1, and 240.00000000000001 is more than
    240 although a float cannot tell them apart.

    Raises:
        ValueError: `value` is not finite (a NaN has no place in an order).
    """
    written = getattr(value, "written", None)
    if written is not None:
        return Decimal(str(written))
    if isinstance(value, int):
        return Decimal(int(value))
    number = Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def describe_limits(
    *, more_than: float | None = None, at_least: float | None = None, at_most: float | None = None
) -> str:
    """The limits in words, for a refusal: "0 to 100", "more than 0, at most 240", "0 or more"."""
    if at_least is not None and at_most is not None:
        return f"{_g(at_least)} to {_g(at_most)}"
    parts = []
    if more_than is not None:
        parts.append(f"more than {_g(more_than)}")
    if at_least is not None:
        parts.append(f"{_g(at_least)} or more")
    if at_most is not None:
        parts.append(f"at most {_g(at_most)}")
    return ", ".join(parts)


def as_written(value: float) -> str:
    """`value` as the user wrote it when it came from their text, else the shortest text that reads back the same."""
    written = getattr(value, "written", None)
    if written is not None:
        return str(written)
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def _check_length(text: str, label: str) -> None:
    if len(text) > NUMBER_CHARS_MAX:
        raise KindlyInputError(
            f"{label} {text!r} is too long to be a number here ({len(text)} characters, at most {NUMBER_CHARS_MAX})"
        )


def _check_limits(
    number: float,
    label: str,
    *,
    more_than: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
) -> None:
    value = exact(number)
    if (
        (more_than is not None and not value > exact(more_than))
        or (at_least is not None and value < exact(at_least))
        or (at_most is not None and value > exact(at_most))
    ):
        limits = describe_limits(more_than=more_than, at_least=at_least, at_most=at_most)
        raise KindlyInputError(f"{label} {as_written(number)!r} is out of range ({limits})")


def _g(limit: float) -> str:
    return f"{limit:g}" if isinstance(limit, float) else str(limit)


def _shown(text: object) -> str:
    """Text as typed; anything else (argparse's list, a None) by its type, never as `[]`."""
    return repr(text) if isinstance(text, str) else f"of type {type(text).__name__}"
