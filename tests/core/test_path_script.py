"""A path script read by the core: each mistake refused with its line, the id kept for the error it names."""

from __future__ import annotations

import pytest

from kindly.core.path_script import WEEKS_MAX, parse_path
from kindly.core.script_text import ScriptError

HEADER = "id: my-path\ntitle: My path\ndescription: Weeks of my own.\n---\n"
WEEK = "week {n}: Week {n}\npractice: noting\ndaily: right-now\nreading: Read.\nprompt: Noticed?\n"


def weeks(count: int) -> str:
    return "".join(WEEK.format(n=n) for n in range(1, count + 1))


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("  an indented first line\n" + HEADER + weeks(1), 1, "an indented line goes on with a field, but there is"),
        (HEADER + weeks(2).replace("week 2:", "week 3:"), 10, "expected week 2 here, found week '3'"),
        ("mood: calm\n" + HEADER + weeks(1), 1, "expected one of id:, title:, description:, care: here"),
        (HEADER.replace("---\n", ""), 3, "a path needs '---' between its header and its weeks"),
        ("", 1, "a path needs '---' between its header and its weeks"),
        (HEADER + weeks(1).replace("prompt: Noticed?\n", ""), 5, "week 1 needs 'prompt:'"),
        (HEADER + weeks(1) + "daily: noting\n", 10, "'daily:' is given twice (first on line 7)"),
        (HEADER + weeks(1) + "mood: calm\n", 10, "expected one of practice:, daily:, reading:, prompt: here"),
        (HEADER + "week 1:\n" + weeks(1)[len("week 1: Week 1\n") :], 5, "a week needs a title after 'week N:'"),
        (HEADER + "care: gently\n" + weeks(1), 5, "after '---' a path goes on with 'week 1: Title'"),
        (HEADER.replace("my-path", "My Path") + weeks(1), 1, "id 'My Path': lowercase letters, digits and single"),
        (HEADER.replace("title: My path\n", "") + weeks(1), 1, "the header needs 'title:'"),
        (HEADER.replace("My path", "") + weeks(1), 1, "the header needs 'title:'"),
        (HEADER, 4, "a path needs at least one week ('week 1: Title')"),
        (HEADER + weeks(WEEKS_MAX + 1), 5 + 5 * WEEKS_MAX, f"a path has at most {WEEKS_MAX} weeks"),
        (HEADER + weeks(1).replace("noting", "Not An Id"), 6, "practice 'Not An Id' is not a practice id"),
        (HEADER.replace("My path", "M" * 81) + weeks(1), 2, "the title is 81 characters; at most 80"),
    ],
)
def test_a_mistake_in_a_path_script_is_refused_with_its_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(ScriptError) as raised:
        parse_path(text, "mine.txt")
    assert (raised.value.source, raised.value.line) == ("mine.txt", line)
    assert raised.value.reason.startswith(reason)


def test_a_mistake_after_the_id_names_the_path_it_is_in() -> None:
    with pytest.raises(ScriptError) as raised:
        parse_path(HEADER, "mine.txt")
    assert raised.value.script_id == "my-path"


def test_comments_and_blank_lines_are_skipped_and_the_care_line_is_kept() -> None:
    path = parse_path(
        "# my path\nid: my-path\ntitle: My path\ndescription: D.\ncare: Go gently.\n\n---\n" + weeks(2), "m"
    )
    assert (path.care, [w.title for w in path.weeks]) == ("Go gently.", ["Week 1", "Week 2"])


def test_an_indented_line_goes_on_with_the_field_above_it() -> None:
    path = parse_path(HEADER + weeks(1).replace("reading: Read.\n", "reading: Read\n  on, slowly.\n"), "mine.txt")
    assert path.weeks[0].reading == "Read on, slowly."
