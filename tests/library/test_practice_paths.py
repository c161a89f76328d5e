"""Practice paths: the bundled twelve weeks, a person's own, and every mistake named by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kindly import locations
from kindly.core.path_script import parse_path
from kindly.core.script_text import ScriptError
from kindly.library.practice_library import load_library
from kindly.library.practice_paths import load_paths

MINE = """id: my-path
title: My path
description: Two weeks of my own.
---
week 1: Beginning
practice: mindful-breathing
daily: one-minute-pause
reading: A first week.
  It goes on here.
prompt: What did you notice?

week 2: Going on
practice: noting
daily: right-now
reading: A second week.
prompt: And now?
"""


def _practice_ids() -> set[str]:
    return set(load_library(voice_available=lambda: False).ids())


def _write_mine(text: str, name: str = "mine.txt") -> Path:
    folder = locations.user_paths_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_the_bundled_path_has_twelve_weeks_of_practices_that_exist() -> None:
    library = load_paths(_practice_ids())
    path = library.get("twelve-weeks-of-kindness")
    assert (len(path.weeks), library.problems) == (12, ())
    assert [w.number for w in path.weeks] == list(range(1, 13))
    assert path.care is not None and "not therapy" in path.care


def test_the_bundled_path_follows_the_arc_from_noticing_to_kindness_in_the_day() -> None:
    path = load_paths(_practice_ids()).get("twelve-weeks-of-kindness")
    practices = [w.practice for w in path.weeks]
    assert practices[:3] == ["mindful-breathing", "noting", "body-scan"]
    assert set(practices[3:6]) == {"self-compassion-break", "loving-kindness", "affectionate-breathing"}
    assert practices[6:8] == ["inner-critic", "compassionate-friend"]
    assert practices[8:10] == ["soften-soothe-allow", "stop-skill"]  # week 10: distress tolerance
    assert practices[10:] == ["giving-and-receiving", "compassionate-letter"]


def test_no_two_weeks_of_the_bundled_path_share_a_main_practice() -> None:
    path = load_paths(_practice_ids()).get("twelve-weeks-of-kindness")
    practices = [w.practice for w in path.weeks]
    assert len(set(practices)) == len(practices)


def test_the_bundled_path_s_daily_practices_are_short_and_varied() -> None:
    path = load_paths(_practice_ids()).get("twelve-weeks-of-kindness")
    library = load_library(voice_available=lambda: False)
    dailies = {w.daily for w in path.weeks}
    assert len(dailies) >= 5
    assert all(library.get(daily).practice.default_minutes <= 5 for daily in dailies)


def test_each_week_s_reading_names_only_labels_its_practice_teaches() -> None:
    """Week 2's reading once promised a "hearing" label that noting never teaches."""
    path = load_paths(_practice_ids()).get("twelve-weeks-of-kindness")
    noting = next(w for w in path.weeks if w.practice == "noting")
    practice = load_library(voice_available=lambda: False).get("noting").practice
    script = " ".join(step.text for block in practice.blocks for step in block if hasattr(step, "text")).lower()
    for label in re.findall(r"\b(thinking|feeling|hearing|seeing|planning|remembering)\b", noting.reading.lower()):
        assert label in script, label


def test_no_bundled_text_makes_a_clinical_claim_or_gives_a_score() -> None:
    path = load_paths(_practice_ids()).get("twelve-weeks-of-kindness")
    words = " ".join([path.description, *(w.reading + " " + w.prompt for w in path.weeks)]).lower()
    for claim in ("cure", "treatment", "diagnos", "disorder", "therapy will", "score", "symptom", "heal"):
        assert claim not in words, claim


def test_a_person_s_own_path_is_read_beside_the_bundled_one_with_indented_lines_joined() -> None:
    _write_mine(MINE)
    path = load_paths(_practice_ids()).get("my-path")
    assert [w.title for w in path.weeks] == ["Beginning", "Going on"]
    assert path.weeks[0].reading == "A first week. It goes on here."


@pytest.mark.parametrize(
    ("change", "line", "said"),
    [
        (("week 2: Going on", "week 3: Going on"), 12, "expected week 2 here, found week '3'"),
        (("practice: noting", "practice: nothing-here"), 13, "week 2: no practice 'nothing-here'"),
        (("prompt: And now?\n", ""), 12, "week 2 needs 'prompt:'"),
        (("daily: right-now", "daily: right-now\ndaily: right-now"), 15, "'daily:' is given twice (first on line 14)"),
        (("  It goes on here.", "It goes on here."), 9, "expected one of practice:, daily:, reading:, prompt:"),
    ],
)
def test_a_mistake_in_a_path_is_told_with_its_file_and_line_and_hides_no_other_path(
    change: tuple[str, str], line: int, said: str
) -> None:
    mine = _write_mine(MINE.replace(*change))
    library = load_paths(_practice_ids())
    (problem,) = library.problems
    assert (problem.file, problem.line) == (str(mine), line)
    assert said in problem.reason
    assert library.get("twelve-weeks-of-kindness")


def test_a_path_without_its_separator_is_refused() -> None:
    with pytest.raises(ScriptError, match=r"needs '---'"):
        parse_path("id: a\ntitle: A\ndescription: B\n", "a.txt")
