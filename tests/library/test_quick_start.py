"""Quick-start names: what `--start NAME` and the tray's quick starts ask for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindly.core.errors import KindlyInputError
from kindly.library.quick_starts import TIMER_PRESETS, PracticeDefaults, quick_start_presets, resolve_quick_start
from kindly.library.session_choices import SessionChoices

LAST = SessionChoices(practice="gentle-hand", minutes=12, breath="box", bell="small-bowl")
PRACTICES = {"gentle-hand": PracticeDefaults(minutes=10, breath="calm"), "body-scan": PracticeDefaults(minutes=20)}


def test_a_timer_preset_is_the_silent_timer_for_that_many_minutes() -> None:
    request = resolve_quick_start("timer-20", LAST, PRACTICES)
    assert (request.practice, request.choices.minutes, request.choices.bell) == (None, 20, "small-bowl")


def test_a_timer_preset_is_plain_whatever_the_last_session_paced() -> None:
    paced = LAST.with_changes(breath_cues=True)
    assert resolve_quick_start("timer-10", paced, PRACTICES).choices.breath_cues is False


def test_last_repeats_the_last_set_up_exactly() -> None:
    assert resolve_quick_start("last", LAST, PRACTICES).choices == LAST


def test_a_practice_id_brings_its_own_length_and_breath_pattern() -> None:
    request = resolve_quick_start("gentle-hand", LAST.with_changes(practice=None), PRACTICES)
    assert (request.practice, request.choices.minutes, request.choices.breath) == ("gentle-hand", 10, "calm")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40).filter(lambda n: n.strip() not in {*PRACTICES, *TIMER_PRESETS, "last"}))
def test_an_unknown_name_is_refused_in_one_line_that_points_to_kindly_practices(name: str) -> None:
    """Told in the window's notice: one line naming the name, and where the names are, not a list of ids."""
    with pytest.raises(KindlyInputError) as refused:
        resolve_quick_start(name, LAST, PRACTICES)
    told = str(refused.value)
    assert told.endswith("; 'kindly practices' lists the names") and repr(name) in told
    assert "body-scan" not in told.replace(repr(name), "") and "timer-5" not in told.replace(repr(name), "")
    assert "\n" not in told.replace(repr(name), "")


def test_last_with_a_practice_since_removed_is_refused() -> None:
    with pytest.raises(KindlyInputError, match="no longer available"):
        resolve_quick_start("last", LAST, {})


def test_the_presets_are_offered_in_menu_order() -> None:
    assert [name for name, _label in quick_start_presets()] == ["timer-5", "timer-10", "timer-20", "last"]
