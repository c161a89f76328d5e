"""Every bundled practice, as it is heard: at its minimum, 10, 20 and 40 minutes (or its maximum),
with every preset pattern, on a first session and after, laid out with its recorded clips.

These are the promises of the practices issues: phrases never overlap, start on
an in-breath and end before the end bell; the first waits for the start bell to
ring out; two phrases are at least two seconds apart unless the script joins
them; nobody is left longer than the practice's max-silence without a word or
a bell at the default guidance, at any length, the default included; each clip
is spoken at one natural rate, its calm made of pauses; the recorded clips are the scripts' words; and a
practice built on a published one credits it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import pytest

from kindly import locations
from kindly.audio.speech.kokoro_engine import KOKORO_SENTENCE_GAP_S, KOKORO_SPEED
from kindly.core.breath_pattern import PRESETS, parse_breath_pattern
from kindly.core.practice_schedule import CLOSING_MARGIN_S, MIN_GAP_S, PhraseTiming, first_word_at, place_phrases
from kindly.core.practice_script import FIRST_TIME, GUIDE, Join, Phrase, Practice
from kindly.core.session_config import GUIDANCE_FEWER, SessionConfig
from kindly.core.session_plan import build_session_plan, inhale_times
from kindly.core.sound_catalog import BELLS
from kindly.core.speech_pacing import PACE_MIN_WORDS, pause_seconds, words_per_minute
from kindly.library.narration_manifest import load_manifest, manifest_path
from kindly.library.narration_status import RECORDED
from kindly.library.practice_library import prepare_narration
from kindly.tools.practice_pacing import estimated_syllables
from kindly.tools.render_narration import parsed_bundled_scripts

EPS = 1e-6
AUDIO_BUDGET_BYTES = 20_000_000
# The voice speaks at one fixed, natural rate and the calm is made of pauses (issue 30): with the
# pauses between its sentences taken out, a clip's words run at a speaking rate (estimated syllables
# a second) that does not depend on its commas; with them, it is heard at a calm guide's words a minute.
SPEAKING_SYLLABLES_PER_SECOND = (1.8, 3.6)
HEARD_WORDS_PER_MINUTE = (65.0, 160.0)


PRACTICES = parsed_bundled_scripts()


def lengths(practice: Practice) -> list[float]:
    """Its minimum, then 10, 20 and 40 minutes where it allows them, else its maximum."""
    wanted = {practice.minimum_minutes, *(min(m, practice.maximum_minutes) for m in (10.0, 20.0, 40.0))}
    return sorted(m for m in wanted if m >= practice.minimum_minutes)


CASES = [
    pytest.param(p, minutes, preset, id=f"{p.id}-{minutes:g}min-{preset}")
    for p in PRACTICES
    for minutes in lengths(p)
    for preset in PRESETS
]


def durations(practice: Practice) -> tuple[float, ...]:
    prepared = prepare_narration(practice, voice=None)
    assert prepared.narration == RECORDED, f"{practice.id}: a phrase has no recorded clip"
    return prepared.durations


def config(practice: Practice, minutes: float, preset: str, **extra: object) -> SessionConfig:
    return SessionConfig(minutes=minutes, breath=parse_breath_pattern(preset), practice=practice.id, **extra)  # type: ignore[arg-type]


@dataclass(frozen=True)
class LaidOut:
    """A practice laid out for one length and breath, as a first or a later session."""

    practice: Practice
    config: SessionConfig
    timings: list[PhraseTiming]


@pytest.fixture(
    params=[
        pytest.param((p, minutes, preset, first), id=f"{'first' if first else 'again'}-{p.id}-{minutes:g}min-{preset}")
        for p in PRACTICES
        for minutes in lengths(p)
        for preset in PRESETS
        for first in (False, True)
    ]
)
def laid_out(request: pytest.FixtureRequest) -> LaidOut:
    practice, minutes, preset, first_session = request.param
    cfg = config(practice, minutes, preset, first_session=first_session)
    return LaidOut(practice, cfg, place_phrases(practice, cfg, durations(practice)))


def longest_quiet(cfg: SessionConfig, practice: Practice) -> float:
    """The longest stretch with neither a word nor a bell, from the start bell to the end bell."""
    timings = place_phrases(practice, cfg, durations(practice))
    plan = build_session_plan(cfg)
    sounds = sorted([(t.t, t.t + t.duration) for t in timings] + [(c.t, c.t) for c in plan.cues if c.kind == "bell"])
    quiet, heard_until = 0.0, sounds[0][1]
    for start, end in sounds[1:]:
        quiet = max(quiet, start - heard_until)
        heard_until = max(heard_until, end)
    return quiet


def test_phrases_start_on_an_inhale_never_overlap_and_end_before_the_end_bell(laid_out: LaidOut) -> None:
    practice, cfg, timings = laid_out.practice, laid_out.config, laid_out.timings
    first_session = cfg.first_session
    inhales = inhale_times(cfg)
    for timing in timings:
        assert any(abs(timing.t - t) < EPS for t in inhales), f"{timing.phrase.text!r} starts off the breath"
        assert timing.t + timing.duration <= cfg.end_s - CLOSING_MARGIN_S + EPS
    for before, after in itertools.pairwise(timings):
        assert after.t >= before.t + before.duration - EPS, f"{after.phrase.text!r} overlaps"
    spoken = {t.phrase.number for t in timings}
    for phrase in practice.phrases():
        if phrase.kind == GUIDE or (phrase.kind == FIRST_TIME and first_session):
            assert phrase.number in spoken, f"{phrase.text!r} is not spoken"
        elif phrase.kind == FIRST_TIME:
            assert phrase.number not in spoken


@pytest.mark.parametrize(("practice", "minutes", "preset"), CASES)
def test_nobody_is_left_more_than_about_five_minutes_without_a_word_or_a_bell(
    practice: Practice, minutes: float, preset: str
) -> None:
    cfg = config(practice, minutes, preset)
    assert longest_quiet(cfg, practice) <= practice.max_silence_s + cfg.breath.cycle_seconds


@pytest.mark.parametrize(("practice", "minutes", "preset"), CASES)
@pytest.mark.parametrize("bell", BELLS)
def test_the_first_phrase_waits_for_the_start_bell_to_ring_out_and_an_out_breath_more(
    practice: Practice, minutes: float, preset: str, bell: str
) -> None:
    cfg = config(practice, minutes, preset, bell=bell)
    first = place_phrases(practice, cfg, durations(practice))[0]
    assert first.t >= cfg.start_s + BELLS[bell].rung_out_s + cfg.breath.exhale - EPS
    assert first.t >= first_word_at(cfg) - EPS


def joined_pairs(practice: Practice) -> set[tuple[int, int]]:
    """The phrase numbers the script joins with `[join]`, as (before, after)."""
    pairs = set()
    for block in practice.blocks:
        for before, join, after in zip(block, block[1:], block[2:]):
            if isinstance(before, Phrase) and isinstance(join, Join) and isinstance(after, Phrase):
                pairs.add((before.number, after.number))
    return pairs


def test_two_phrases_are_at_least_two_seconds_apart_unless_the_script_joins_them(laid_out: LaidOut) -> None:
    timings = laid_out.timings
    joined = joined_pairs(laid_out.practice)
    for before, after in itertools.pairwise(timings):
        if (before.phrase.number, after.phrase.number) not in joined:
            gap = after.t - (before.t + before.duration)
            assert gap >= MIN_GAP_S - EPS, f"{after.phrase.text!r} follows {gap:.1f} s after the one before"


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
@pytest.mark.parametrize("preset", PRESETS)
def test_at_its_default_length_nobody_is_left_longer_than_its_max_silence(practice: Practice, preset: str) -> None:
    cfg = config(practice, practice.default_minutes, preset)
    assert longest_quiet(cfg, practice) <= practice.max_silence_s + cfg.breath.cycle_seconds


HELD_CLOSELY = (
    "affectionate-breathing",
    "mindful-breathing",
    "loving-kindness",
    "body-scan",
    "noting",
    "giving-and-receiving",
    "self-compassion-break",
    "soften-soothe-allow",
    "inner-critic",
    "right-now",
    "one-minute-pause",
)


@pytest.mark.parametrize("practice_id", HELD_CLOSELY)
def test_practices_for_beginners_and_hard_feelings_leave_no_silence_over_two_minutes(practice_id: str) -> None:
    practice = next(p for p in PRACTICES if p.id == practice_id)
    assert practice.max_silence_s <= 120.0 and len(practice.returns) >= 2


def test_fewer_words_leaves_a_long_session_its_long_silences() -> None:
    practice = next(p for p in PRACTICES if p.id == "mindful-breathing")
    cfg = config(practice, 40, "calm")
    assert longest_quiet(replace(cfg, guidance=GUIDANCE_FEWER), practice) > 3 * practice.max_silence_s
    assert longest_quiet(cfg, practice) <= practice.max_silence_s + cfg.breath.cycle_seconds


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_each_clip_is_spoken_at_one_natural_rate_its_calm_made_of_pauses(practice: Practice) -> None:
    manifest = load_manifest(manifest_path(practice.id))
    assert manifest is not None and f"speed {KOKORO_SPEED:g}" in manifest.voice, manifest and manifest.voice
    prepared = prepare_narration(practice, voice=None)
    for phrase, seconds in zip(practice.phrases(), prepared.durations):
        if len(phrase.text.split()) >= PACE_MIN_WORDS:
            speaking = seconds - pause_seconds(phrase.text, None, KOKORO_SENTENCE_GAP_S)  # commas: the voice's
            rate = estimated_syllables(phrase.text) / speaking
            low, high = SPEAKING_SYLLABLES_PER_SECOND
            assert low <= rate <= high, f"{practice.id} #{phrase.number}: {rate:.1f} syllables a second"
            pace = words_per_minute(phrase.text, seconds)
            low, high = HEARD_WORDS_PER_MINUTE
            assert low <= pace <= high, f"{practice.id} #{phrase.number}: heard at {pace:.0f} words a minute"


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_a_practice_is_refused_past_its_maximum_and_below_its_minimum(practice: Practice) -> None:
    from kindly.core.errors import KindlyInputError

    if practice.maximum_minutes < 240:
        with pytest.raises(KindlyInputError, match="lasts at most"):
            place_phrases(practice, config(practice, practice.maximum_minutes + 1, "calm"), durations(practice))
    if practice.minimum_minutes > 1:
        with pytest.raises(KindlyInputError, match="needs at least"):
            place_phrases(practice, config(practice, practice.minimum_minutes - 1, "calm"), durations(practice))


CREDITS = {
    "affectionate-breathing": "Germer",
    "giving-and-receiving": "Giving and Receiving Compassion",
    "compassionate-letter": "Neff",
    "loving-kindness": "Loving-Kindness for Ourselves",
    "self-compassion-break": "Mindful Self-Compassion",
    "soften-soothe-allow": "Mindful Self-Compassion",
    "inner-critic": "Motivating Ourselves with Compassion",
    "body-scan": "Kabat-Zinn",
    "body-scan-lying-down": "Kabat-Zinn",
}


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_a_practice_built_on_a_published_one_credits_it_in_its_description_and_the_sources(
    practice: Practice,
) -> None:
    readme = (locations.scripts_dir() / "README.md").read_text(encoding="utf-8")
    sources = readme.split("## Sources", 1)[1].split("\n## ", 1)[0]
    assert f"`{practice.id}`" in sources, f"{practice.id} is missing from the README's sources"
    if practice.id in CREDITS:
        assert "After " in practice.description
        assert CREDITS[practice.id] in practice.description


def test_the_bundled_sounds_fit_in_twenty_megabytes() -> None:
    folder = locations.audio_dir()
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert total <= AUDIO_BUDGET_BYTES, f"assets/audio holds {total / 1e6:.1f} MB"
