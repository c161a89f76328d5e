"""Guidance through the whole session: weighted rests, re-invitations, first-time lines, a maximum.

A practice's middle guidance sits where its rests' weights put it; any rest
longer than its max-silence (five minutes unless it says) gets the practice's
re-invitations, spread evenly,
taken in turn, never in the last minute; "fewer words" leaves the silence
alone; a first-time phrase is spoken only on a person's first session.
"""

from __future__ import annotations

import itertools

import pytest

from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.practice_schedule import RETURN_QUIET_END_S, place_phrases
from kindly.core.practice_script import MAX_SILENCE_DEFAULT_S, Practice, parse_practice
from kindly.core.session_config import GUIDANCE_FEWER, SessionConfig

SCRIPT = """\
id: guided
title: Guided
minutes: 20
minimum: 3
maximum: 45
breath: calm
description: For the tests.
---
Welcome.

[first time]
You can stop whenever you like.
[pause 1 breath]

[return]
Come back to the breath.

[return]
If you have wandered, begin again.

[return]
Rest here again.
[rest]
The middle.
[rest 3]
Goodbye.
"""
DURATIONS = [2.0, 3.0, 2.5, 3.5, 2.0, 1.5, 1.5]


def practice() -> Practice:
    return parse_practice(SCRIPT, "guided.txt")


def config(minutes: float, breath: str = "calm", **extra: object) -> SessionConfig:
    return SessionConfig(minutes=minutes, breath=parse_breath_pattern(breath), warmup_s=5.0, **extra)  # type: ignore[arg-type]


def texts(minutes: float, **extra: object) -> list[str]:
    return [t.phrase.text for t in place_phrases(practice(), config(minutes, **extra), DURATIONS)]


def silences(minutes: float, breath: str = "calm", **extra: object) -> list[float]:
    cfg = config(minutes, breath, **extra)
    timings = place_phrases(practice(), cfg, DURATIONS)
    ends = [cfg.start_s] + [t.t + t.duration for t in timings]
    starts = [t.t for t in timings] + [cfg.end_s]
    return [b - a for a, b in zip(ends, starts)]


def test_the_middle_block_sits_where_the_rest_weights_put_it() -> None:
    cfg = config(40)
    timings = place_phrases(practice(), cfg, DURATIONS)
    middle = next(t for t in timings if t.phrase.text == "The middle.")
    # One part of the spare time before it, three after: about a quarter of the way in.
    assert 0.2 < (middle.t - cfg.start_s) / (cfg.end_s - cfg.start_s) < 0.3


@pytest.mark.parametrize("minutes", [10, 20, 40])
@pytest.mark.parametrize("breath", ["calm", "box", "478", "coherent"])
def test_no_silence_is_longer_than_the_limit_and_a_breath(minutes: float, breath: str) -> None:
    cycle = parse_breath_pattern(breath).cycle_seconds
    assert max(silences(minutes, breath)) <= MAX_SILENCE_DEFAULT_S + cycle


def test_with_fewer_words_the_long_silences_are_left_alone() -> None:
    assert "Come back to the breath." not in texts(40, guidance=GUIDANCE_FEWER)
    assert max(silences(40, guidance=GUIDANCE_FEWER)) > 3 * MAX_SILENCE_DEFAULT_S


def test_returns_are_taken_in_turn_so_none_is_heard_twice_in_a_row() -> None:
    spoken = [
        t
        for t in texts(40)
        if t in ("Come back to the breath.", "If you have wandered, begin again.", "Rest here again.")
    ]
    assert len(spoken) >= 4
    assert all(a != b for a, b in itertools.pairwise(spoken))


def test_no_return_is_spoken_in_the_last_minute() -> None:
    cfg = config(40)
    returns = [t for t in place_phrases(practice(), cfg, DURATIONS) if t.phrase.kind == "return"]
    assert returns and all(t.t + t.duration <= cfg.end_s - RETURN_QUIET_END_S for t in returns)


def test_a_short_session_needs_no_returns() -> None:
    assert not any(t.startswith("Come back") or t.startswith("If you") or t.startswith("Rest") for t in texts(4))


def test_returns_come_no_closer_than_two_and_a_half_minutes_to_other_words() -> None:
    gaps = silences(40)
    assert min(g for g in gaps[1:-1]) > MAX_SILENCE_DEFAULT_S / 2 - 15


def test_the_first_time_phrase_is_spoken_only_on_a_first_session() -> None:
    assert "You can stop whenever you like." in texts(10, first_session=True)
    assert "You can stop whenever you like." not in texts(10)


def test_a_session_longer_than_the_maximum_is_refused_naming_it() -> None:
    with pytest.raises(KindlyInputError, match=r"practice 'guided' lasts at most 45 minutes \(asked for 50\)"):
        place_phrases(practice(), config(50), DURATIONS)


def test_a_middle_block_that_does_not_fit_is_refused() -> None:
    long = [2.0, 3.0, 2.5, 3.5, 2.0, 170.0, 1.5]
    with pytest.raises(KindlyInputError, match="does not fit in 3 minutes"):
        place_phrases(practice(), config(3), long)


def test_phrases_come_out_in_time_order_and_never_overlap() -> None:
    timings = place_phrases(practice(), config(40, "478"), DURATIONS)
    assert all(b.t >= a.t + a.duration for a, b in itertools.pairwise(timings))


def test_rests_in_a_row_with_nothing_between_cost_no_breaths() -> None:
    script = SCRIPT.replace("[rest]\nThe middle.\n[rest 3]", "[rest]\n" * 20 + "The middle.\n[rest 3]")
    many = parse_practice(script, "many.txt")
    # The same guidance fits the same minutes however many empty rests it has.
    assert place_phrases(many, config(3, "478"), DURATIONS)


def test_a_long_rest_gets_the_fewest_returns_that_keep_every_silence_within_the_limit() -> None:
    cfg = config(45)
    timings = place_phrases(practice(), cfg, DURATIONS)
    returns = [t for t in timings if t.phrase.kind == "return"]
    # 45 minutes of rests, each return ~3 s: at least 8 are needed, and no more than one extra.
    assert 8 <= len(returns) <= 9
    assert max(silences(45)) <= MAX_SILENCE_DEFAULT_S + cfg.breath.cycle_seconds


def with_max_silence(value: str) -> Practice:
    return parse_practice(SCRIPT.replace("breath: calm\n", f"breath: calm\nmax-silence: {value}\n"), "guided.txt")


@pytest.mark.parametrize("minutes", [3, 10, 20, 45])
def test_a_max_silence_header_has_the_re_invitations_break_every_longer_silence_at_any_length(minutes: float) -> None:
    cfg = config(minutes)
    timings = place_phrases(with_max_silence("90 s"), cfg, DURATIONS)
    ends = [cfg.start_s] + [t.t + t.duration for t in timings]
    starts = [t.t for t in timings] + [cfg.end_s]
    assert max(b - a for a, b in zip(ends, starts)) <= 90.0 + cfg.breath.cycle_seconds


def test_max_silence_fills_the_default_length_where_five_minutes_would_leave_it_alone() -> None:
    cfg = config(20)
    plain = [t for t in place_phrases(practice(), cfg, DURATIONS) if t.phrase.kind == "return"]
    held = [t for t in place_phrases(with_max_silence("2 minutes"), cfg, DURATIONS) if t.phrase.kind == "return"]
    assert len(held) > len(plain)


def test_fewer_words_leaves_a_max_silence_practice_its_long_silences() -> None:
    cfg = config(20, guidance=GUIDANCE_FEWER)
    timings = place_phrases(with_max_silence("90 s"), cfg, DURATIONS)
    assert all(t.phrase.kind != "return" for t in timings)
    assert max(b.t - (a.t + a.duration) for a, b in itertools.pairwise(timings)) > 5 * 90.0


def test_when_re_invitations_cannot_bring_a_silence_under_the_maximum_the_session_still_has_them() -> None:
    """Long re-invitations and a 30 s maximum: three spreads all leave a longer silence; the last is kept."""
    p = parse_practice(SCRIPT.replace("breath: calm", "breath: calm\nmax-silence: 30 s"), "guided.txt")
    cfg = config(8)
    timings = place_phrases(p, cfg, [15.08, 7.59, 32.55, 34.3, 10.81, 9.28, 2.39])
    returns = [t for t in timings if t.phrase.kind == "return"]
    assert returns
    assert all(a.t + a.duration <= b.t for a, b in itertools.pairwise(timings))  # never two at once
    assert all(t.t + t.duration <= cfg.end_s - RETURN_QUIET_END_S for t in returns)
