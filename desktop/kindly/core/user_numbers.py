"""Numbers as a person types them: ASCII decimals only, and named in every message exactly as written.

`float()` and `int()` take far more than a person means by a number: " 5",
"٥" (Arabic-Indic five), "nan", "inf", "1_000". Every option and every
imported field goes through here instead. The value keeps the text it came
from, so a limit's message says "240.0000001 is out of range", not "240",
and a tiny value is never shown rounded to nothing.
"""

from __future__ import annotations

import math
import re

from kindly.core.errors import KindlyInputError

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


def parse_number(text: str, label: str) -> float:
    """A finite decimal number written with the ASCII digits (an exponent allowed: 1e-3); else one line naming it."""
    if not isinstance(text, str) or not _DECIMAL.fullmatch(text):
        raise KindlyInputError(f"{label} {text!r} is not a number (digits 0-9, like 10 or 2.5)")
    value = float(text)
    if not math.isfinite(value):
        raise KindlyInputError(f"{label} {text!r} is out of range")
    return WrittenFloat(value, text)


def parse_whole(text: str, label: str) -> int:
    """A whole number written with the ASCII digits; else one line naming it."""
    if not isinstance(text, str) or not _WHOLE.fullmatch(text):
        raise KindlyInputError(f"{label} {text!r} is not a whole number (digits 0-9)")
    return WrittenInt(int(text), text)


def as_written(value: float) -> str:
    """`value` as the user wrote it when it came from their text, else the shortest text that reads back the same."""
    written = getattr(value, "written", None)
    if written is not None:
        return str(written)
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))
