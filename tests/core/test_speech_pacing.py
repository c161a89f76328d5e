"""How a phrase is paced for speaking: cut into sentences and clauses, the pauses between them, its pace."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindly.core.speech_pacing import (
    CLAUSE_GAP_S,
    CLAUSE_MIN_WORDS,
    PACE_MIN_WORDS,
    PACE_TARGET,
    PACE_WORDS_PER_MINUTE,
    SENTENCE_GAP_S,
    SpokenPiece,
    pace_is_settled,
    pause_seconds,
    rescaled_length,
    split_clauses,
    split_sentences,
    spoken_pieces,
    words_per_minute,
)

PHRASE = "Feel your feet on the floor, and the breath moving on its own. Rest here."
LIMITS = (1.25, 2.6)

words = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
marks = st.sampled_from(["", "", "", ",", ";", ".", "?", "!", ":"])
phrases = st.lists(st.tuples(words, marks), min_size=1, max_size=30).map(
    lambda pieces: " ".join(word + mark for word, mark in pieces)
)


def test_a_sentence_is_cut_after_its_commas_but_a_short_clause_stays_with_its_neighbour() -> None:
    assert split_clauses("Feel your feet on the floor, and the breath moving on its own.") == [
        "Feel your feet on the floor,",
        "and the breath moving on its own.",
    ]
    assert split_clauses("Soften, soothe, and allow.") == ["Soften, soothe, and allow."]
    assert split_clauses("Notice the breath, then rest.") == ["Notice the breath, then rest."]


def test_a_clips_pace_counts_its_words_over_its_whole_length() -> None:
    assert words_per_minute("one two three four five six", 3.0) == 120.0


def test_phrases_are_split_into_sentences_after_stops_questions_and_colons() -> None:
    assert split_sentences("Welcome. Is it hard? Say: I am here.") == ["Welcome.", "Is it hard?", "Say:", "I am here."]
    assert split_sentences("Thinking.") == ["Thinking."]


def test_the_pauses_of_a_phrase_are_its_sentence_and_clause_gaps() -> None:
    text = "Feel your feet on the floor, and the breath moving on its own. Rest here."
    assert pause_seconds(text) == pytest.approx(SENTENCE_GAP_S + CLAUSE_GAP_S)


def test_a_phrase_is_spoken_clause_by_clause_with_a_comma_pause_and_a_longer_one_between_sentences() -> None:
    assert spoken_pieces(PHRASE) == [
        SpokenPiece(0.0, "Feel your feet on the floor,"),
        SpokenPiece(CLAUSE_GAP_S, "and the breath moving on its own."),
        SpokenPiece(SENTENCE_GAP_S, "Rest here."),
    ]


def test_an_engine_may_leave_its_own_pauses() -> None:
    assert [piece.pause_before_s for piece in spoken_pieces(PHRASE, 0.4, 1.3)] == [0.0, 0.4, 1.3]


def test_a_voice_that_phrases_its_own_commas_is_given_whole_sentences() -> None:
    assert spoken_pieces(PHRASE, None, 1.3) == [
        SpokenPiece(0.0, "Feel your feet on the floor, and the breath moving on its own."),
        SpokenPiece(1.3, "Rest here."),
    ]
    assert pause_seconds(PHRASE, None, 1.3) == pytest.approx(1.3)


def test_a_blank_phrase_has_nothing_to_speak() -> None:
    assert split_sentences("  ") == ["  "]
    assert split_clauses("") == []
    assert spoken_pieces("") == []


@given(phrases)
def test_every_word_is_spoken_once_in_order(text: str) -> None:
    assert " ".join(piece.text for piece in spoken_pieces(text)).split() == text.split()


@given(phrases)
def test_a_clause_spoken_on_its_own_has_at_least_three_words(text: str) -> None:
    for sentence in split_sentences(text):
        clauses = split_clauses(sentence)
        assert len(clauses) == 1 or all(len(clause.split()) >= CLAUSE_MIN_WORDS for clause in clauses)


@given(phrases, st.sampled_from([CLAUSE_GAP_S, None]))
def test_the_pauses_counted_are_the_pauses_spoken(text: str, clause_gap: float | None) -> None:
    pieces = spoken_pieces(text, clause_gap)
    assert pieces[0].pause_before_s == 0.0
    assert sum(piece.pause_before_s for piece in pieces) == pytest.approx(pause_seconds(text, clause_gap))


@given(phrases, st.floats(min_value=-10.0, max_value=0.0))
def test_a_clip_with_no_length_has_no_pace(text: str, seconds: float) -> None:
    assert words_per_minute(text, seconds) == 0.0


def test_a_phrase_in_the_calm_range_needs_no_other_pace() -> None:
    six = "one two three four five six"
    low, high = PACE_WORDS_PER_MINUTE
    assert pace_is_settled(six, 6 * 60.0 / PACE_TARGET)
    assert not pace_is_settled(six, 6 * 60.0 / (high + 10.0))
    assert not pace_is_settled(six, 6 * 60.0 / (low - 10.0))


@given(st.floats(min_value=0.1, max_value=100.0))
def test_a_phrase_too_short_to_have_a_pace_is_left_as_it_is(seconds: float) -> None:
    short = " ".join(["rest"] * (PACE_MIN_WORDS - 1))
    assert pace_is_settled(short, seconds)


@given(phrases, st.floats(min_value=1.3, max_value=2.5), st.floats(min_value=0.5, max_value=60.0))
def test_a_new_length_scale_stays_within_its_limits_unless_nothing_can_be_stretched(
    text: str, scale: float, seconds: float
) -> None:
    adjusted = rescaled_length(scale, text, seconds, LIMITS)
    assert LIMITS[0] <= adjusted <= LIMITS[1] or adjusted == scale


@given(phrases, st.floats(min_value=0.5, max_value=2.0), st.floats(min_value=0.01, max_value=30.0))
def test_stretching_only_the_words_by_the_new_scale_brings_the_phrase_to_the_target_pace(
    text: str, scale: float, spoken: float
) -> None:
    pauses = pause_seconds(text)
    wanted = len(text.split()) * 60.0 / PACE_TARGET - pauses
    adjusted = rescaled_length(scale, text, pauses + spoken, (0.0, float("inf")))
    if wanted > 0:
        heard = pauses + spoken * adjusted / scale
        assert words_per_minute(text, heard) == pytest.approx(PACE_TARGET)
    else:
        assert adjusted == scale


def test_a_phrase_all_pauses_keeps_its_scale() -> None:
    # Three one-word sentences want 1.5 s of words but already pause 1.6 s between them.
    assert rescaled_length(1.85, "Rest. Rest. Rest.", 3.0, LIMITS) == 1.85
    # And a clip no longer than its pauses has no words to stretch.
    assert rescaled_length(1.85, PHRASE, pause_seconds(PHRASE), LIMITS) == 1.85
