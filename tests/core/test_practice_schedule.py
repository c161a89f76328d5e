"""Scheduling a practice's phrases onto the breath: the contract's narration rules.

Phrases start on inhale boundaries, never overlap, never run past the end
bell; the one [rest] stretches or shrinks so a practice fits any length from
its minimum up; below that (or when the spoken parts do not fit) it refuses
in one line naming the practice and its minimum.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kindly import locations
from kindly.core.breath_pattern import BreathPattern, parse_breath_pattern
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_schedule import (
    CLOSING_MARGIN_S,
    MIN_GAP_S,
    estimated_speech_seconds,
    first_word_at,
    schedule_practice,
)
from kindly.core.practice_script import Practice, parse_practice
from kindly.core.script_text import decode_script
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import build_session_plan, inhale_times
from kindly.core.sound_catalog import BELLS

EPS = 1e-6

SCRIPT = """\
id: test-practice
title: Test practice
minutes: 10
minimum: 3
breath: calm
description: For the tests.
---
Hello, and welcome.

Settle in.
[pause 2 breaths]

Notice the breath.
[pause 12s]

I will be quiet now.

[rest]

Coming back now.

Thank you.
[pause 1 breath]
"""
# Spoken lengths of the six phrases above, in seconds.
DURATIONS = [3.2, 1.5, 2.0, 2.4, 2.1, 1.2]


def practice() -> Practice:
    return parse_practice(SCRIPT, "test.txt")


def config(minutes: float = 10.0, breath: str = "calm", warmup: float = 5.0) -> SessionConfig:
    return SessionConfig(minutes=minutes, breath=parse_breath_pattern(breath), warmup_s=warmup)


def bundled() -> list[Practice]:
    return [
        parse_practice(decode_script(p.read_bytes(), p.name), p.name)
        for p in sorted(Path(locations.scripts_dir()).glob("*.txt"))
    ]


def estimated(p: Practice) -> list[float]:
    return [estimated_speech_seconds(ph.text) for ph in p.phrases()]


def assert_contract(cues, cfg: SessionConfig) -> None:
    """The three rules of the contract, checked on any schedule."""
    boundaries = inhale_times(cfg)
    for cue in cues:
        assert any(abs(cue.t - b) < EPS for b in boundaries), f"{cue.t} is not an inhale boundary"
        assert cue.t >= cfg.start_s - EPS
        assert cue.t + (cue.duration or 0.0) <= cfg.end_s - CLOSING_MARGIN_S + EPS, "runs past the end bell"
    for before, after in itertools.pairwise(cues):
        assert after.t >= before.t + (before.duration or 0.0) - EPS, "phrases overlap"


# ---------------------------------------------------------------- the rules


@pytest.mark.parametrize("minutes", [3, 5, 10, 20, 45])
@pytest.mark.parametrize("breath", ["calm", "box", "coherent", "4-7-8", "3-3", "5-2-7-1"])
def test_phrases_start_on_inhales_never_overlap_and_end_before_the_bell(minutes: float, breath: str) -> None:
    cfg = config(minutes, breath)
    try:
        cues = schedule_practice(practice(), cfg, DURATIONS)
    except KindlyInputError:
        assert minutes == 3 and breath in ("box", "4-7-8"), "only the slow patterns at 3 minutes may refuse"
        return
    assert len(cues) == len(DURATIONS)
    assert_contract(cues, cfg)


def test_narration_cues_carry_text_practice_length_and_clip() -> None:
    clips = [f"/clips/{n}.ogg" for n in range(1, 7)]
    cues = schedule_practice(practice(), config(), DURATIONS, clips)
    first = cues[0]
    assert (first.kind, first.text, first.practice, first.duration, first.clip) == (
        "narration",
        "Hello, and welcome.",
        "test-practice",
        3.2,
        "/clips/1.ogg",
    )
    assert [c.clip for c in cues] == clips


def test_without_clips_the_cues_are_captions() -> None:
    assert all(c.clip is None for c in schedule_practice(practice(), config(), DURATIONS))


@pytest.mark.parametrize("bell", BELLS)
def test_the_first_phrase_waits_for_the_bell_to_ring_out_and_an_out_breath_then_the_next_inhale(bell: str) -> None:
    cfg = replace(config(warmup=7.5), bell=bell)
    cues = schedule_practice(practice(), cfg, DURATIONS)
    wait_until = 7.5 + BELLS[bell].rung_out_s + cfg.breath.exhale
    assert cues[0].t == pytest.approx(min(t for t in inhale_times(cfg) if t >= wait_until))


def test_the_first_phrase_after_the_large_bowl_waits_twenty_seconds_at_a_calm_breath() -> None:
    cues = schedule_practice(practice(), config(warmup=7.5), DURATIONS)
    # The bowl has rung out 8 s after its strike at 7.5, one 6 s out-breath more is 21.5: the inhale at 27.5.
    assert cues[0].t == pytest.approx(27.5)


def test_the_next_phrase_starts_on_the_first_inhale_after_the_last_one_ends() -> None:
    cues = schedule_practice(practice(), config(), DURATIONS)
    # "Hello, and welcome." at 25 ends at 25 + 3.2; the next inhale is at 35.
    assert cues[1].t == pytest.approx(35.0)


def test_a_pause_in_breaths_lets_that_many_whole_breaths_go_by() -> None:
    cues = schedule_practice(practice(), config(), DURATIONS)
    # "Settle in." at 35 ends at 36.5: the next inhale is 45, then two breaths.
    assert cues[2].t == pytest.approx(65.0)


def test_a_pause_in_seconds_leaves_at_least_that_much_silence() -> None:
    cues = schedule_practice(practice(), config(), DURATIONS)
    # "Notice the breath." at 65 ends at 67; 12 s later is 79; the next inhale is 85.
    assert cues[3].t == pytest.approx(85.0)
    assert cues[3].t - (cues[2].t + cues[2].duration) >= 12.0


def test_the_closing_ends_just_before_the_end_bell_leaving_its_trailing_pause() -> None:
    cfg = config(10)
    cues = schedule_practice(practice(), cfg, DURATIONS)
    last = cues[-1]
    cycle = cfg.breath.cycle_seconds
    silence = cfg.end_s - (last.t + last.duration)
    # The trailing [pause 1 breath] is kept, and the phrase could not start a breath later.
    assert cycle <= silence < 2 * cycle + CLOSING_MARGIN_S


def test_closing_phrases_follow_each_other_on_the_first_inhale_after() -> None:
    cfg = config(10)
    cues = schedule_practice(practice(), cfg, DURATIONS)
    boundaries = inhale_times(cfg)
    before, after = cues[-2], cues[-1]
    first_inhale_after = min(b for b in boundaries if b >= before.t + before.duration - EPS)
    assert after.t == pytest.approx(first_inhale_after)


@pytest.mark.parametrize("breath", ["calm", "box", "coherent"])
def test_the_rest_stretches_so_one_script_fits_5_10_20_and_45_minutes(breath: str) -> None:
    schedules = {m: schedule_practice(practice(), config(m, breath), DURATIONS) for m in (5, 10, 20, 45)}
    openings = {m: [c.t for c in cues[:4]] for m, cues in schedules.items()}
    rests = {m: cues[4].t - (cues[3].t + cues[3].duration) for m, cues in schedules.items()}
    # The opening is the same whatever the length; only the rest changes.
    assert openings[5] == openings[10] == openings[20] == openings[45]
    assert rests[5] < rests[10] < rests[20] < rests[45]
    for m, cues in schedules.items():
        cfg = config(m, breath)
        assert cfg.end_s - cues[-1].t < 3 * cfg.breath.cycle_seconds, f"closing not at the end at {m} min"


# Every bundled practice, with its recorded clips, at every length and preset:
# tests/test_bundled_practice_sessions.py.


def test_the_rest_may_shrink_to_nothing_but_not_below() -> None:
    p = practice()
    fits = [m for m in (x / 4 for x in range(12, 40)) if _fits(p, config(m))]
    # Once it fits it fits at every longer length.
    assert fits == [m for m in (x / 4 for x in range(12, 40)) if m >= fits[0]]


def _fits(p: Practice, cfg: SessionConfig, durations: list[float] | None = None) -> bool:
    try:
        schedule_practice(p, cfg, durations or DURATIONS)
    except KindlyInputError:
        return False
    return True


# ---------------------------------------------------------------- refusals


def test_a_session_shorter_than_the_minimum_is_refused_naming_practice_and_minimum() -> None:
    with pytest.raises(KindlyInputError) as caught:
        schedule_practice(practice(), config(2.5), DURATIONS)
    assert str(caught.value) == "practice 'test-practice' needs at least 3 minutes (asked for 2.5)"


def test_guidance_that_does_not_fit_a_slow_pattern_is_refused_in_one_line() -> None:
    with pytest.raises(KindlyInputError) as caught:
        schedule_practice(practice(), config(3, "30-30-30-30"), DURATIONS)
    message = str(caught.value)
    assert message.startswith("practice 'test-practice' does not fit in 3 minutes with breath pattern 30-30-30-30")
    assert "its minimum is 3 minutes with its own pattern 4-6" in message
    assert "\n" not in message


def test_a_phrase_longer_than_the_whole_session_is_refused() -> None:
    durations = [*DURATIONS[:-1], 400.0]
    with pytest.raises(KindlyInputError, match="does not fit in 5 minutes"):
        schedule_practice(practice(), config(5), durations)


def test_clip_lengths_must_match_the_phrases() -> None:
    with pytest.raises(KindlyFailure, match="has 6 phrases but 5 clip lengths"):
        schedule_practice(practice(), config(), DURATIONS[:5])


def test_an_impossible_clip_length_is_a_program_failure() -> None:
    with pytest.raises(KindlyFailure, match="impossible"):
        schedule_practice(practice(), config(), [*DURATIONS[:5], math.nan])


# ---------------------------------------------------------------- around the schedule


def test_the_session_plan_includes_the_narration_in_its_timeline() -> None:
    cfg = config()
    plan = build_session_plan(cfg, narration=schedule_practice(practice(), cfg, DURATIONS, ["/c.ogg"] * 6))
    narration = [e for e in plan.to_json()["events"] if e["kind"] == "narration"]
    assert [e["text"] for e in narration][:2] == ["Hello, and welcome.", "Settle in."]
    assert narration[0] == {
        "t": 25.0,
        "kind": "narration",
        "text": "Hello, and welcome.",
        "practice": "test-practice",
        "duration": 3.2,
    }


def test_a_caption_lasts_longer_for_more_words() -> None:
    assert estimated_speech_seconds("one two three four five six") > estimated_speech_seconds("one two")


# ---------------------------------------------------------------- properties

_seconds = st.decimals(min_value=1, max_value=30, places=1).map(float)
_holds = st.decimals(min_value=0, max_value=30, places=1).map(float)


@st.composite
def patterns(draw: st.DrawFn) -> BreathPattern:
    return BreathPattern(inhale=draw(_seconds), hold=draw(_holds), exhale=draw(_seconds), rest=draw(_holds))


@settings(max_examples=300, deadline=None)
@given(
    pattern=patterns(),
    minutes=st.floats(min_value=3, max_value=240, allow_nan=False),
    warmup=st.floats(min_value=0, max_value=600, allow_nan=False),
    durations=st.lists(st.floats(min_value=0.3, max_value=25, allow_nan=False), min_size=6, max_size=6),
)
def test_any_pattern_length_and_clips_give_a_valid_schedule_or_a_named_refusal(
    pattern: BreathPattern, minutes: float, warmup: float, durations: list[float]
) -> None:
    cfg = SessionConfig(minutes=minutes, breath=pattern, warmup_s=warmup)
    try:
        cues = schedule_practice(practice(), cfg, durations)
    except KindlyInputError as exc:
        assert "practice 'test-practice'" in str(exc) and "minimum is 3 minutes" in str(exc)
        return
    assert len(cues) == 6
    assert_contract(cues, cfg)


@settings(max_examples=200, deadline=None)
@given(
    pattern=patterns(),
    minutes=st.floats(min_value=3, max_value=120, allow_nan=False),
    more=st.floats(min_value=0.01, max_value=120, allow_nan=False),
    durations=st.lists(st.floats(min_value=0.3, max_value=25, allow_nan=False), min_size=6, max_size=6),
)
def test_a_practice_that_fits_a_length_fits_every_longer_one(
    pattern: BreathPattern, minutes: float, more: float, durations: list[float]
) -> None:
    assume(minutes + more <= 240)
    p = practice()
    if _fits(p, SessionConfig(minutes=minutes, breath=pattern), durations):
        assert _fits(p, SessionConfig(minutes=minutes + more, breath=pattern), durations)


GAP_SCRIPT = """\
id: gaps
title: Gaps
minutes: 10
minimum: 3
breath: calm
description: For the tests.
---
One.
{join}
Two.
[rest]
Three.
{join}
Four.
"""


def gaps_practice(join: str = "") -> Practice:
    return parse_practice(GAP_SCRIPT.format(join=join), "gaps.txt")


# "One." and "Three." end half a second before an in-breath: without the gap the next would start on it.
GAP_DURATIONS = [9.5, 2.0, 9.5, 2.0]


def test_a_phrase_ending_just_before_an_in_breath_leaves_the_next_one_a_breath_later() -> None:
    cues = schedule_practice(gaps_practice(), config(), GAP_DURATIONS)
    assert cues[1].t - (cues[0].t + cues[0].duration) == pytest.approx(10.5)


def test_the_closing_keeps_the_same_gap_laid_back_from_the_end_bell() -> None:
    cues = schedule_practice(gaps_practice(), config(), GAP_DURATIONS)
    assert cues[3].t - (cues[2].t + cues[2].duration) >= MIN_GAP_S


def test_joined_phrases_follow_on_the_very_next_in_breath() -> None:
    cues = schedule_practice(gaps_practice("[join]"), config(), GAP_DURATIONS)
    assert cues[1].t - (cues[0].t + cues[0].duration) == pytest.approx(0.5)
    assert cues[3].t - (cues[2].t + cues[2].duration) == pytest.approx(0.5)


def test_a_join_to_a_first_time_phrase_goes_when_that_phrase_is_not_spoken() -> None:
    script = GAP_SCRIPT.format(join="[join]").replace("Two.", "[first time]\nTwo.\n\nTwo and a half.")
    p = parse_practice(script, "gaps.txt")
    cues = schedule_practice(p, config(), [9.5, 2.0, 2.0, 9.5, 2.0])
    assert [c.text for c in cues][:2] == ["One.", "Two and a half."]
    assert cues[1].t - (cues[0].t + cues[0].duration) >= MIN_GAP_S


def test_a_script_that_opens_with_a_rest_still_waits_for_the_bell() -> None:
    p = parse_practice(GAP_SCRIPT.format(join="").replace("One.\n\nTwo.\n", ""), "gaps.txt")
    cfg = config()
    cues = schedule_practice(p, cfg, [2.0, 2.0])
    assert cues[0].t >= first_word_at(cfg)


def test_a_join_from_a_first_time_phrase_goes_when_that_phrase_is_not_spoken() -> None:
    script = GAP_SCRIPT.format(join="").replace("Two.", "[first time]\nTwo.\n[join]\nTwo and a half.")
    p = parse_practice(script, "gaps.txt")
    cues = schedule_practice(p, config(), [9.5, 2.0, 2.0, 9.5, 2.0])
    assert [c.text for c in cues][:2] == ["One.", "Two and a half."]
    assert cues[1].t - (cues[0].t + cues[0].duration) >= MIN_GAP_S  # joined to nothing spoken: not to "One."


def test_a_closing_pause_in_seconds_leaves_that_much_silence_before_the_end_bell() -> None:
    p = parse_practice(GAP_SCRIPT.format(join="").replace("Four.\n", "Four.\n[pause 20s]\n"), "gaps.txt")
    cfg = config()
    cues = schedule_practice(p, cfg, GAP_DURATIONS)
    assert cfg.end_s - (cues[-1].t + cues[-1].duration) >= 20.0
