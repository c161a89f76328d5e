"""The practice script format: what a hand-written script means, and every way it can be wrong."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindly.core.errors import KindlyInputError
from kindly.core.practice_script import (
    MAX_SILENCE_DEFAULT_S,
    Join,
    Pause,
    Phrase,
    normalise_text,
    parse_practice,
    text_sha256,
)
from kindly.core.script_text import decode_script

HEADER = """\
id: evening-pause
title: An evening pause
minutes: 8
minimum: 4
breath: calm
description: A few quiet minutes to let the day settle.
---
"""

BODY = """\
[pause 1 breath]

Welcome. Let the day settle.

Feel your feet on the floor,
and the breath moving on its own.

[pause 20s]
I will be quiet now.

[rest]

Slowly, let this practice close.
[pause 2 breaths]
"""


def parse(text: str):
    return parse_practice(text, "evening.txt")


def error_of(text: str) -> str:
    with pytest.raises(KindlyInputError) as caught:
        parse(text)
    return str(caught.value)


def test_header_fields_are_read() -> None:
    practice = parse(HEADER + BODY)
    assert (practice.id, practice.title, practice.default_minutes, practice.minimum_minutes) == (
        "evening-pause",
        "An evening pause",
        8.0,
        4.0,
    )
    assert practice.description == "A few quiet minutes to let the day settle."
    assert practice.breath.spec() == "4-6"
    assert practice.source == "evening.txt"


def test_lines_in_a_row_make_one_phrase() -> None:
    practice = parse(HEADER + BODY)
    assert practice.phrases()[1].text == "Feel your feet on the floor, and the breath moving on its own."


def test_phrases_are_numbered_from_one_across_opening_and_closing() -> None:
    practice = parse(HEADER + BODY)
    assert [(p.number, p.line) for p in practice.phrases()] == [(1, 10), (2, 12), (3, 16), (4, 20)]


def test_steps_before_rest_are_the_opening_and_after_it_the_closing() -> None:
    practice = parse(HEADER + BODY)
    assert practice.opening == (
        Pause(breaths=1, line=8),
        Phrase("Welcome. Let the day settle.", 1, 10),
        Phrase("Feel your feet on the floor, and the breath moving on its own.", 2, 12),
        Pause(seconds=20.0, line=15),
        Phrase("I will be quiet now.", 3, 16),
    )
    assert practice.closing == (Phrase("Slowly, let this practice close.", 4, 20), Pause(breaths=2, line=21))


@pytest.mark.parametrize(
    ("directive", "pause"),
    [
        ("[pause 3 breaths]", Pause(breaths=3)),
        ("[pause 1 breath]", Pause(breaths=1)),
        ("[ Pause  2   Breaths ]", Pause(breaths=2)),
        ("[pause 20s]", Pause(seconds=20.0)),
        ("[pause 2.5 s]", Pause(seconds=2.5)),
        ("[pause 7 sec]", Pause(seconds=7.0)),
        ("[pause 12 seconds]", Pause(seconds=12.0)),
    ],
)
def test_pause_directives_are_read_in_breaths_or_seconds(directive: str, pause: Pause) -> None:
    practice = parse(HEADER + f"Hello there.\n{directive}\n[rest]\nGoodbye.\n")
    step = practice.opening[1]
    assert isinstance(step, Pause)
    assert (step.breaths, step.seconds) == (pause.breaths, pause.seconds)


def test_comments_blank_lines_crlf_and_a_bom_are_ignored() -> None:
    text = "\ufeff# a note\r\n" + (HEADER + "# another\nHello.\n\n\n[rest]\nBye.\n").replace("\n", "\r\n")
    practice = parse(text)
    assert [p.text for p in practice.phrases()] == ["Hello.", "Bye."]


def test_header_keys_are_case_insensitive_and_in_any_order() -> None:
    header = "Breath: 478\nTITLE: T\nid: x\nMinimum: 1\nminutes: 2.5\ndescription: d\n---\n"
    practice = parse(header + "Hi.\n[rest]\nBye.\n")
    assert (practice.default_minutes, practice.breath.name) == (2.5, "478")


def test_phrase_text_is_normalised_and_hashed_on_its_normal_form() -> None:
    assert normalise_text("  Be\u0301   here\tnow ") == "B\u00e9 here now"
    assert text_sha256("Be\u0301 here now") == text_sha256("B\u00e9  here now")


def test_decoding_rejects_bytes_that_are_not_utf8_naming_the_line() -> None:
    with pytest.raises(KindlyInputError, match=r"^s\.txt:3: not UTF-8"):
        decode_script(b"one\ntwo\nthr\xffee\n", "s.txt")


def test_decoding_drops_a_byte_order_mark() -> None:
    assert decode_script("\ufeffid: x".encode("utf-8"), "s.txt") == "id: x"


def _replace_line(text: str, prefix: str, new: str) -> str:
    lines = text.split("\n")
    out = [new if line.startswith(prefix) else line for line in lines]
    return "\n".join(line for line in out if line is not None)


def _without(text: str, prefix: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith(prefix))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (_without(HEADER, "title:") + BODY, 6, "missing header field 'title:'"),
        (_without(HEADER, "id:") + BODY, 6, "missing header field 'id:'"),
        (_without(HEADER, "breath:") + BODY, 6, "missing header field 'breath:'"),
        (_without(HEADER, "minimum:") + BODY, 6, "missing header field 'minimum:'"),
        (_without(HEADER, "description:") + BODY, 6, "missing header field 'description:'"),
        (_replace_line(HEADER, "title:", "title:") + BODY, 2, "header field 'title:' is empty"),
        (_replace_line(HEADER, "id:", "id: Evening Pause") + BODY, 1, "id 'Evening Pause' must be lowercase"),
        (_replace_line(HEADER, "id:", "id: -x") + BODY, 1, "must be lowercase"),
        (_replace_line(HEADER, "minutes:", "minutes: ten") + BODY, 3, "minutes 'ten' is not a number"),
        (_replace_line(HEADER, "minutes:", "minutes: 0") + BODY, 3, "minutes of 0 is out of range"),
        (_replace_line(HEADER, "minutes:", "minutes: 241") + BODY, 3, "minutes of 241 is out of range"),
        (_replace_line(HEADER, "minutes:", "minutes: -5") + BODY, 3, "is not a number of minutes"),
        (_replace_line(HEADER, "minimum:", "minimum: 9") + BODY, 4, "longer than the default of 8 minutes"),
        (_replace_line(HEADER, "breath:", "breath: slow") + BODY, 5, "breath pattern 'slow'"),
        (_replace_line(HEADER, "breath:", "breath: 4-40") + BODY, 5, "exhale of 40 s is out of range"),
        (
            HEADER.replace("id: evening-pause", "id: a\nid: b") + BODY,
            2,
            "header field 'id' given twice (first on line 1)",
        ),
        ("colour: blue\n" + HEADER + BODY, 1, "unknown header field 'colour'"),
        ("just some words\n" + HEADER + BODY, 1, "expected a header line 'key: value'"),
        (HEADER.replace("---\n", "") + "\n", 8, "no '---' line ends the header"),
        (HEADER + "Hello.\n[pauze 2 breaths]\n[rest]\nBye.\n", 9, "unknown directive '[pauze 2 breaths]'"),
        (HEADER + "Hello.\n[pause 2 breaths\n[rest]\nBye.\n", 9, "unclosed directive"),
        (HEADER + "Hello.\n[pause]\n[rest]\nBye.\n", 9, "cannot read '[pause]'"),
        (HEADER + "Hello.\n[pause 3]\n[rest]\nBye.\n", 9, "cannot read '[pause 3]'"),
        (HEADER + "Hello.\n[pause 0 breaths]\n[rest]\nBye.\n", 9, "pause of 0 breaths is out of range"),
        (HEADER + "Hello.\n[pause 99999 breaths]\n[rest]\nBye.\n", 9, "out of range (1-60)"),
        (HEADER + "Hello.\n[pause 1.5 breaths]\n[rest]\nBye.\n", 9, "must be a whole number"),
        # Another script's digits (full-width, Arabic-Indic) were taken as a count of breaths.
        (HEADER + "Hello.\n[pause ５ breaths]\n[rest]\nBye.\n", 9, "'５' breaths: the number of breaths must be"),
        (HEADER + "Hello.\n[pause ٣ breaths]\n[rest]\nBye.\n", 9, "must be a whole number"),
        (HEADER + "Hello.\n[pause 0s]\n[rest]\nBye.\n", 9, "pause of 0 s is out of range"),
        (HEADER + "Hello.\n[pause 1e9s]\n[rest]\nBye.\n", 9, "not a number of seconds"),
        (HEADER + "Hello.\n[pause 601 s]\n[rest]\nBye.\n", 9, "pause of 601 s is out of range"),
        (HEADER + "Hello.\n[rest][rest]\nBye.\n", 9, "one directive per line"),
        (HEADER + "Hello. [pause 2 breaths]\n[rest]\nBye.\n", 8, "a bracket inside a phrase"),
        (HEADER + "Hello.\n\n...\n[rest]\nBye.\n", 10, "phrase '...' has no words"),
        (HEADER + "Hello.\n\n" + "word " * 100 + "\n[rest]\nBye.\n", 10, "phrase is 499 characters long (at most 400)"),
        (HEADER + "Hello.\nBye.\n", 10, "no [rest]"),
        (HEADER + "Hello.\n[rest]\nMiddle.\n[rest]\n[pause 1 breath]\n", 13, "no closing phrase after the last [rest]"),
        (HEADER + "Hello.\n[rest]\n[pause 2 breaths]\n", 11, "no closing phrase after the last [rest]"),
        (HEADER + "Hello.\n[rest 0]\nBye.\n", 9, "rest weight '0' must be a number more than 0"),
        (HEADER + "Hello.\n[rest lots]\nBye.\n", 9, "rest weight 'lots'"),
        (HEADER + "Hello.\n[rest 101]\nBye.\n", 9, "at most 100"),
        (HEADER + "Hello.\n[return]\nCome back.\n[rest]\nBye.\n", 10, "only one [return] phrase"),
        (
            HEADER + "[return]\nBack.\n\n[return]\nBack.\n[rest]\nBye.\n",
            12,
            "the same [return] phrase twice (first on line 9)",
        ),
        (
            HEADER + "Hello.\n[rest]\n[first time]\nOnly once.\n",
            12,
            "the closing needs at least one phrase spoken every time",
        ),
        (HEADER + "Hello.\n[return]\n[rest]\nBye.\n", 9, "[return] must be followed by the phrase it marks"),
        (HEADER + "Hello.\n[rest]\nBye.\n[first time]\n", 11, "[first time] must be followed by the phrase"),
        (HEADER.replace("---", "maximum: 7\n---") + BODY, 7, "maximum of 7 minutes is shorter than the default of 8"),
        (HEADER.replace("---", "maximum: none\n---") + BODY, 7, "maximum 'none' is not a number of minutes"),
        (HEADER.replace("---", "breath cues: maybe\n---") + BODY, 7, "breath cues 'maybe' must be on or off"),
        (HEADER.replace("---", "end bell: quiet\n---") + BODY, 7, "end bell 'quiet' must be full or soft"),
        (HEADER.replace("---", "safety: " + "s" * 201 + "\n---") + BODY, 7, "safety is 201 characters long"),
        (HEADER + "Hello.\n---\n[rest]\nBye.\n", 9, "a second '---' line"),
        (HEADER.replace("---", "max-silence: 120\n---") + BODY, 7, "max-silence '120' is not a length of time"),
        (HEADER.replace("---", "max-silence: soon\n---") + BODY, 7, "write e.g. 120 s or 2 minutes"),
        (HEADER.replace("---", "max-silence: 10 s\n---") + BODY, 7, "max-silence of '10 s' is out of range"),
        (HEADER.replace("---", "max-silence: 21 minutes\n---") + BODY, 7, "(30 s to 20 minutes)"),
        (HEADER.replace("---", "max-silence:\n---") + BODY, 7, "header field 'max-silence:' is empty"),
        (
            HEADER.replace("---", "max-silence: 90 s\nmax-silence: 2 min\n---") + BODY,
            8,
            "header field 'max-silence' given twice (first on line 7)",
        ),
        (HEADER + "[join]\nHello.\n[rest]\nBye.\n", 8, "[join] must stand between two phrases"),
        (HEADER + "Hello.\n[join]\n[rest]\nBye.\n", 9, "[join] must stand between two phrases"),
        (HEADER + "Hello.\n[pause 2 s]\n[join]\nBye.\n[rest]\nBye.\n", 10, "[join] must stand between"),
        (HEADER + "Hello.\n[join]\n[pause 2 s]\nBye.\n[rest]\nBye.\n", 9, "[join] must stand between"),
        (HEADER + "Hello.\n[join]\n[return]\nBack.\n[rest]\nBye.\n", 9, "[join] must stand between"),
        (HEADER + "Hello.\n[rest]\nBye.\n[join]\n", 11, "[join] must stand between two phrases"),
        (HEADER + "Hel\x07lo.\n[rest]\nBye.\n", 8, "unexpected control character U+0007"),
        ("", 1, "no '---' line ends the header"),
    ],
)
def test_every_mistake_is_refused_with_its_file_and_line(text: str, line: int, message: str) -> None:
    error = error_of(text)
    assert error.startswith(f"evening.txt:{line}: "), error
    assert message in error, error
    assert "\n" not in error


def test_optional_header_fields_default_to_no_maximum_paced_cues_and_no_safety_line() -> None:
    practice = parse(HEADER + BODY)
    assert (practice.maximum_minutes, practice.breath_cues, practice.safety, practice.soft_end) == (
        240.0,
        True,
        "",
        False,
    )
    assert practice.max_silence_s == MAX_SILENCE_DEFAULT_S == 300.0


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("120 s", 120.0), ("90 seconds", 90.0), ("90s", 90.0), ("2 minutes", 120.0), ("1.5 min", 90.0), ("30 S", 30.0)],
)
def test_max_silence_is_read_in_seconds_or_minutes(written: str, seconds: float) -> None:
    practice = parse(HEADER.replace("---", f"max-silence: {written}\n---") + BODY)
    assert practice.max_silence_s == seconds


@given(st.text(max_size=30))
def test_any_max_silence_is_read_or_refused_in_one_line_naming_file_and_line(value: str) -> None:
    text = HEADER.replace("---", "max-silence: " + value.replace("\n", " ").replace("\r", " ") + "\n---") + BODY
    try:
        practice = parse(text)
    except KindlyInputError as exc:
        assert str(exc).startswith("evening.txt:7: "), str(exc)
        assert "\n" not in str(exc)
    else:
        assert 30.0 <= practice.max_silence_s <= 1200.0


def test_join_stands_between_two_phrases_of_a_block() -> None:
    practice = parse(HEADER + "Hello.\n[join]\n[first time]\nAgain.\n[rest]\nBye.\n")
    assert practice.opening == (Phrase("Hello.", 1, 8), Join(line=9), Phrase("Again.", 2, 11, "first time"))


def test_optional_header_fields_are_read() -> None:
    extra = "maximum: 20\nbreath cues: Off\nsafety: You can stop at any time.\nend bell: soft\n---"
    practice = parse(HEADER.replace("---", extra) + BODY)
    assert practice.soft_end
    assert (practice.maximum_minutes, practice.breath_cues, practice.safety) == (
        20.0,
        False,
        "You can stop at any time.",
    )


RESTS = """Hello.
[rest]
In the middle.
[pause 2 breaths]
[rest 2.5]
Bye.
"""


def test_several_rests_split_the_body_into_blocks_with_their_weights() -> None:
    practice = parse(HEADER + RESTS)
    assert practice.blocks == (
        (Phrase("Hello.", 1, 8),),
        (Phrase("In the middle.", 2, 10), Pause(breaths=2, line=11)),
        (Phrase("Bye.", 3, 13),),
    )
    assert practice.rest_weights == (1.0, 2.5)
    assert practice.closing == (Phrase("Bye.", 3, 13),)


RETURNS = """Hello.

[return]
Come back to the breath.

[first time]
You can stop whenever you like.

[return]
If you have wandered, begin again.
[rest]
Bye.
"""


def test_return_phrases_stand_apart_from_the_blocks_but_keep_their_numbers() -> None:
    practice = parse(HEADER + RETURNS)
    assert [(p.number, p.kind) for p in practice.phrases()] == [
        (1, "guide"),
        (2, "return"),
        (3, "first time"),
        (4, "return"),
        (5, "guide"),
    ]
    assert [p.text for p in practice.returns] == ["Come back to the breath.", "If you have wandered, begin again."]
    assert [s.number for s in practice.opening if isinstance(s, Phrase)] == [1, 3]


def test_a_script_with_no_opening_phrases_is_allowed() -> None:
    practice = parse(HEADER + "[rest]\nBye.\n")
    assert practice.opening == () and [p.text for p in practice.phrases()] == ["Bye."]


def test_error_messages_always_start_with_file_and_line() -> None:
    # The shape every caller (CLI, library, fuzz test) relies on.
    error = error_of(HEADER)
    assert re.match(r"^evening\.txt:\d+: ", error)


def test_the_example_in_the_scripts_readme_is_a_valid_script() -> None:
    from kindly import locations

    readme = (locations.scripts_dir() / "README.md").read_text(encoding="utf-8")
    example = readme.split("```text\n", 1)[1].split("```", 1)[0]
    practice = parse_practice(example, "README.md")
    assert practice.rest_weights == (1.0, 2.0) and len(practice.returns) == 2 and not practice.breath_cues


def test_a_phrase_is_refused_for_exactly_the_characters_unicode_calls_control_or_surrogate() -> None:
    import unicodedata

    line_breaks = {char for char in map(chr, range(0x100)) if len(f"a{char}b".splitlines()) == 2}  # \n, \x85 ...
    refused = [
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cc", "Cs") and chr(c) != "\t" and chr(c) not in line_breaks
    ]
    for char in refused[:65] + refused[65::97]:  # every control character, surrogates sampled
        assert f"unexpected control character U+{ord(char):04X}" in error_of(HEADER + f"Hel{char}lo.\n[rest]\nBye.\n")
    allowed = "".join(chr(c) for c in range(0x20, 0x30000, 751) if unicodedata.category(chr(c)) not in ("Cc", "Cs"))
    assert parse(HEADER + f"Hello {allowed}\ttab.\n[rest]\nBye.\n").phrases()[0].text.startswith("Hello")


def test_of_two_refused_characters_the_first_in_the_line_is_named() -> None:
    assert "U+D800" in error_of(HEADER + "Hel\ud800lo\x07.\n[rest]\nBye.\n")
    assert "U+0007" in error_of(HEADER + "Hel\x07lo\ud800.\n[rest]\nBye.\n")


def test_a_phrase_s_clip_is_named_by_its_words_not_by_how_they_were_wrapped() -> None:
    rewrapped = BODY.replace(
        "Feel your feet on the floor,\nand the breath", "Feel your feet  on the floor,\n  and the breath"
    )
    phrases = parse(HEADER + BODY).phrases()
    again = parse(HEADER + rewrapped).phrases()
    assert [p.sha256 for p in phrases] == [p.sha256 for p in again]
    assert len({p.sha256 for p in phrases}) == len(phrases)  # each phrase a clip of its own
