"""The bundled practices: each parses, and keeps the promises the product makes about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindly import locations
from kindly.core.practice_script import Practice, decode_script, parse_practice

REQUIRED = {
    "mindful-breathing",
    "noting",
    "resting-on-a-word",
    "self-compassion-break",
    "loving-kindness",
    "soften-soothe-allow",
    "inner-critic",
}
# Practices that turn toward hard feelings say plainly that one may stop, and
# that they do not replace people or professionals.
TURNS_TOWARD_HARD_FEELINGS = {"self-compassion-break", "soften-soothe-allow", "inner-critic"}


def _bundled() -> list[tuple[Path, Practice]]:
    paths = sorted(locations.scripts_dir().glob("*.txt"))
    return [(p, parse_practice(decode_script(p.read_bytes(), p.name), p.name)) for p in paths]


def test_all_seven_practices_are_bundled() -> None:
    assert REQUIRED <= {practice.id for _path, practice in _bundled()}


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_each_script_is_named_for_its_id(path: Path, practice: Practice) -> None:
    assert path.stem == practice.id


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_each_default_length_is_between_3_and_20_minutes_and_above_its_minimum(
    path: Path, practice: Practice
) -> None:
    assert 3 <= practice.default_minutes <= 20
    assert 0 < practice.minimum_minutes < practice.default_minutes


@pytest.mark.parametrize("practice_id", sorted(TURNS_TOWARD_HARD_FEELINGS))
def test_hard_feeling_practices_say_one_may_stop_and_that_they_do_not_replace_support(practice_id: str) -> None:
    practice = {p.id: p for _path, p in _bundled()}[practice_id]
    spoken = " ".join(p.text for p in practice.phrases()).lower()
    assert "stop at any time" in spoken
    assert "professional" in spoken


def test_no_phrase_is_longer_than_a_couple_of_breaths_to_say() -> None:
    for _path, practice in _bundled():
        for phrase in practice.phrases():
            assert len(phrase.text.split()) <= 30, (practice.id, phrase.text)
