"""The pacing tool: one row a practice, measured by the same schedule a session uses."""

from __future__ import annotations

import pytest

from kindly.tools.practice_pacing import estimated_syllables, main
from kindly.tools.render_narration import parsed_bundled_scripts


@pytest.mark.parametrize(
    ("text", "syllables"),
    [("breathe", 1), ("gentle", 2), ("kindness", 2), ("may I be happy", 5), ("I'm here.", 2)],
)
def test_syllables_are_estimated_by_groups_of_vowels_less_a_silent_final_e(text: str, syllables: int) -> None:
    assert estimated_syllables(text) == syllables


def test_the_table_has_one_row_for_each_bundled_practice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows[1:]] == [p.id for p in parsed_bundled_scripts()]
