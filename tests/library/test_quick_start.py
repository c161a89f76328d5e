"""Quick-start names: what `--start NAME` and the tray's quick starts ask for."""

from __future__ import annotations

import pytest

from kindly.core.errors import KindlyInputError
from kindly.library.quick_starts import PracticeDefaults, quick_start_presets, resolve_quick_start
from kindly.library.session_choices import SessionChoices

LAST = SessionChoices(practice="gentle-hand", minutes=12, breath="box", bell="small-bowl")
PRACTICES = {"gentle-hand": PracticeDefaults(minutes=10, breath="calm"), "body-scan": PracticeDefaults(minutes=20)}


def test_a_timer_preset_is_the_silent_timer_for_that_many_minutes() -> None:
    request = resolve_quick_start("timer-20", LAST, PRACTICES)
    assert (request.practice, request.choices.minutes, request.choices.bell) == (None, 20, "small-bowl")


def test_last_repeats_the_last_set_up_exactly() -> None:
    assert resolve_quick_start("last", LAST, PRACTICES).choices == LAST


def test_a_practice_id_brings_its_own_length_and_breath_pattern() -> None:
    request = resolve_quick_start("gentle-hand", LAST.with_changes(practice=None), PRACTICES)
    assert (request.practice, request.choices.minutes, request.choices.breath) == ("gentle-hand", 10, "calm")


def test_an_unknown_name_is_refused_naming_it_and_the_choices() -> None:
    with pytest.raises(KindlyInputError, match=r"'nope'.*timer-5.*body-scan"):
        resolve_quick_start("nope", LAST, PRACTICES)


def test_last_with_a_practice_since_removed_is_refused() -> None:
    with pytest.raises(KindlyInputError, match="no longer available"):
        resolve_quick_start("last", LAST, {})


def test_the_presets_are_offered_in_menu_order() -> None:
    assert [name for name, _label in quick_start_presets()] == ["timer-5", "timer-10", "timer-20", "last"]
