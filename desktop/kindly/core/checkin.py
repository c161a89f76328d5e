"""Check-ins: how kindly a person is treating themselves and how at ease they feel, 0-10, before and after.

A check-in belongs to one session and to nobody else: it is never compared
with anyone, never scored, never turned into a grade. This module holds the
answers and the questions' words; `kindly.core.checkin_change` tells the
change over the weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kindly.core.errors import KindlyInputError

SCALE_MIN = 0
SCALE_MAX = 10
Moment = Literal["before", "after"]
MOMENTS: tuple[Moment, ...] = ("before", "after")
QUESTIONS = ("kindness", "ease")

# Original wording, asked the same way before and after so the two can be set side by side.
KINDNESS_QUESTION = "How kindly are you treating yourself right now?"
KINDNESS_ENDS = ("harshly", "very kindly")
EASE_QUESTION = "How at ease do you feel?"
EASE_ENDS = ("not at all", "completely")


@dataclass(frozen=True)
class CheckIn:
    """Two answers from 0 to 10, given in a few seconds."""

    kindness: int
    ease: int

    def __post_init__(self) -> None:
        for name in QUESTIONS:
            check_answer(getattr(self, name), name)

    def as_json(self) -> dict[str, int]:
        return {"kindness": self.kindness, "ease": self.ease}


def check_answer(value: object, name: str) -> int:
    """An answer is a whole number from 0 to 10 (never a bool, never 11 or -1)."""
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise KindlyInputError(f"{name} {value!r} is not a whole number from {SCALE_MIN} to {SCALE_MAX}")
    return value
