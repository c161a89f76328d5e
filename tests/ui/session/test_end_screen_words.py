"""The end screen's line of minutes: rounded to the nearest, never claiming a minute not reached."""

from __future__ import annotations

import pytest

from kindly.ui.session.end_screen import minutes_line
from kindly.ui.session.session_controller import SessionOutcome


def _outcome(practised_s: float) -> SessionOutcome:
    return SessionOutcome(session=None, practised_s=practised_s, completed=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("practised_s", [0.0, 20.0, 35.0, 59.9])
def test_under_a_minute_is_told_as_less_than_a_minute(practised_s: float) -> None:
    assert minutes_line(_outcome(practised_s)) == "You practised for less than a minute."


def test_a_minute_and_more_are_rounded_to_the_nearest() -> None:
    assert [minutes_line(_outcome(s)) for s in (60.0, 89.0, 599.8)] == [
        "You practised for 1 minute.",
        "You practised for 1 minute.",
        "You practised for 10 minutes.",
    ]
