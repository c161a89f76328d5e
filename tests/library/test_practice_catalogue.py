"""The window's view of the practices: bundled and user scripts, broken ones named, narrated plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindly import locations
from kindly.core.errors import KindlyInputError
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.library.session_choices import SessionChoices

USER_SCRIPT = """id: my-kind-minute
title: My kind minute
minutes: 3
minimum: 1
breath: calm
description: A short one I wrote.
---
May I be gentle with myself.

[rest]

Thank you for this time.
"""


def _write_user_script(name: str, text: str) -> Path:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_practices_are_listed_with_their_length_and_description() -> None:
    entries = _lines()
    mindful = next(e for e in entries if e.practice == "mindful-breathing")
    assert mindful.minutes == 10 and mindful.description and mindful.startable and not mindful.user_script


def test_a_user_script_appears_beside_the_bundled_ones() -> None:
    _write_user_script("mine.txt", USER_SCRIPT)
    mine = next(e for e in _lines() if e.practice == "my-kind-minute")
    assert (mine.title, mine.minutes, mine.user_script) == ("My kind minute", 3, True)


def test_a_broken_user_script_is_listed_with_its_file_and_line() -> None:
    _write_user_script("broken.txt", USER_SCRIPT.replace("minutes: 3", "minutes: lots"))
    broken = [e for e in _lines() if not e.startable]
    assert len(broken) == 1
    assert broken[0].title == "broken.txt"
    assert broken[0].error is not None and "broken.txt:3:" in broken[0].error


def test_a_refused_script_is_a_typed_problem_with_its_file_and_line() -> None:
    path = _write_user_script("odd name: with colon.txt", USER_SCRIPT.replace("minutes: 3", "minutes: lots"))
    catalogue = PracticeCatalogue()
    catalogue.reload()
    (problem,) = catalogue.library.problems
    assert (problem.file, problem.line, problem.file_name) == (str(path), 3, "odd name: with colon.txt")
    assert [line.title for line in catalogue.lines() if not line.startable] == ["odd name: with colon.txt"]


def test_the_catalogue_is_empty_until_first_read_and_reads_a_new_script_on_reload() -> None:
    catalogue = PracticeCatalogue()
    before = catalogue.lines()
    catalogue.reload()
    _write_user_script("mine.txt", USER_SCRIPT)
    without = catalogue.entry("my-kind-minute")
    catalogue.reload()
    assert (before, without, catalogue.entry("my-kind-minute").title) == ([], None, "My kind minute")


def test_a_quick_start_brings_the_practice_s_own_length_breath_and_cues() -> None:
    _write_user_script("mine.txt", USER_SCRIPT)
    catalogue = PracticeCatalogue()
    catalogue.reload()
    mine = catalogue.quick_start_defaults()["my-kind-minute"]
    assert (mine.minutes, mine.breath, mine.breath_cues) == (3, "4-6", True)


def test_a_practice_session_plan_carries_its_narration() -> None:
    config = SessionChoices(practice="mindful-breathing", minutes=10, breath="calm").to_config()
    plan = PracticeCatalogue().plan(config)
    narration = [c for c in plan.cues if c.kind == "narration"]
    assert narration and all(plan.start_s <= c.t and c.t + (c.duration or 0) <= plan.end_s for c in narration)


def test_the_silent_timer_has_no_narration() -> None:
    plan = PracticeCatalogue().plan(SessionChoices(practice=None).to_config())
    assert not [c for c in plan.cues if c.kind == "narration"]


def test_a_session_too_short_for_the_practice_is_refused_in_one_line() -> None:
    config = SessionChoices(practice="soften-soothe-allow", minutes=1, breath="calm").to_config()
    with pytest.raises(KindlyInputError, match=r"soften-soothe-allow|minimum|at least"):
        PracticeCatalogue().plan(config)


def test_a_practice_is_named_by_its_title_and_a_removed_one_by_its_id() -> None:
    source = PracticeCatalogue()
    source.reload()
    assert (source.title_of("mindful-breathing"), source.title_of("gone-now")) == ("Mindful breathing", "gone-now")


def test_a_practice_plan_says_how_its_narration_will_be_heard() -> None:
    config = SessionChoices(practice="mindful-breathing", minutes=10, breath="calm").to_config()
    silent = PracticeCatalogue().plan(SessionChoices(practice=None).to_config())
    assert (PracticeCatalogue().plan(config).narration_voice, silent.narration_voice) == ("recorded", None)


def _lines() -> list:
    catalogue = PracticeCatalogue()
    catalogue.reload()
    return catalogue.lines()


def test_practices_are_listed_for_use_right_now_first_then_the_short_ones() -> None:
    _write_user_script("mine.txt", USER_SCRIPT)
    lines = [e for e in _lines() if e.startable]
    assert lines[0].practice == "right-now"
    bundled = [e for e in lines[1:] if not e.user_script]
    assert [e.minutes or 0 for e in bundled] == sorted(e.minutes or 0 for e in bundled)
    assert lines[-1].practice == "my-kind-minute"  # a person's own after Kindly's, however short
