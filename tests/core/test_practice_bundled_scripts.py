"""The bundled practices: each parses, and keeps the promises the product makes about them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kindly import locations
from kindly.core.practice_script import GUIDE, Pause, Phrase, Practice, parse_practice
from kindly.core.script_text import decode_script

REQUIRED = {
    # The distress-tolerance and compassion practices added for the twelve-week path and hard moments.
    "stop-skill",
    "slow-breath-soft-body",
    "five-senses",
    "breathing-space",
    "riding-the-wave",
    "rain",
    "compassionate-friend",
    "wise-mind",
    "kindness-for-others",
    "letting-go-of-the-day",
    "mindful-walking",
    "mindful-breathing",
    "noting",
    "resting-on-a-word",
    "self-compassion-break",
    "loving-kindness",
    "soften-soothe-allow",
    "inner-critic",
    "right-now",
    "body-scan",
    "body-scan-lying-down",
    "affectionate-breathing",
    "giving-and-receiving",
    "compassionate-letter",
    "one-minute-pause",
}
# Practices that turn toward hard feelings show a gentle line that one may stop, at every start,
# stop before they can run on unguided for long, and speak no disclaimer at every start.
TURNS_TOWARD_HARD_FEELINGS = {
    "self-compassion-break",
    "soften-soothe-allow",
    "inner-critic",
    "giving-and-receiving",
    "compassionate-letter",
    "stop-skill",
    "riding-the-wave",
    "rain",
    "compassionate-friend",
    "kindness-for-others",
}
# The practices for getting through distress (DBT's distress tolerance and its neighbours): eyes open.
FOR_DISTRESS = {"right-now", "stop-skill", "five-senses"}
# Practices that follow the published structure of Mindful Self-Compassion say so.
AFTER_MINDFUL_SELF_COMPASSION = {"self-compassion-break", "soften-soothe-allow"}
# Words that ask the listener to do something; a pause must follow, to give them time to.
ASKS = re.compile(
    r"\b(bring to mind|think of|look for|say to yourself|ask yourself|imagine|what would|write|choose|picture)\b",
    re.IGNORECASE,
)
NATURAL_BREATH = re.compile(
    r"breath[^.]{0,40}(own rhythm|own pace|on its own|as it is)|natural breath|breathe naturally", re.IGNORECASE
)


def _bundled() -> list[tuple[Path, Practice]]:
    paths = sorted(locations.scripts_dir().glob("*.txt"))
    return [(p, parse_practice(decode_script(p.read_bytes(), p.name), p.name)) for p in paths]


def _by_id() -> dict[str, Practice]:
    return {p.id: p for _path, p in _bundled()}


def test_at_least_twenty_two_practices_are_bundled_including_each_one_promised() -> None:
    ids = {practice.id for _path, practice in _bundled()}
    assert REQUIRED <= ids and len(ids) >= 22


@pytest.mark.parametrize("practice_id", sorted(FOR_DISTRESS))
def test_a_practice_for_distress_keeps_the_eyes_open(practice_id: str) -> None:
    practice = _by_id()[practice_id]
    opening = " ".join(step.text for step in practice.opening if isinstance(step, Phrase)).lower()
    assert "eyes open" in opening and "close your eyes" not in opening


def test_right_now_tells_of_the_emergency_number_on_screen_and_aloud_at_first_use() -> None:
    practice = _by_id()["right-now"]
    said = "call your local emergency number"
    assert said in practice.safety
    first_time = [s for s in practice.opening if isinstance(s, Phrase) and s.kind == "first time"]
    assert any(said in s.text for s in first_time)


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_each_script_is_named_for_its_id(path: Path, practice: Practice) -> None:
    assert path.stem == practice.id


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_each_default_length_is_at_most_20_minutes_between_its_minimum_and_maximum(
    path: Path, practice: Practice
) -> None:
    assert 1 <= practice.default_minutes <= 20
    assert 0 < practice.minimum_minutes <= practice.default_minutes <= practice.maximum_minutes


def test_right_now_is_three_minutes_and_the_one_minute_pause_one() -> None:
    """Three, not two: at 4-7-8 two minutes left no room for the spaced cues through its middle."""
    practices = _by_id()
    assert (practices["right-now"].default_minutes, practices["right-now"].minimum_minutes) == (3, 3)
    assert (practices["one-minute-pause"].default_minutes, practices["one-minute-pause"].minimum_minutes) == (1, 1)


@pytest.mark.parametrize("practice_id", sorted(TURNS_TOWARD_HARD_FEELINGS))
def test_hard_feeling_practices_show_that_one_may_stop_and_end_within_half_an_hour(practice_id: str) -> None:
    practice = _by_id()[practice_id]
    assert "stop" in practice.safety.lower()
    assert practice.maximum_minutes <= 30


@pytest.mark.parametrize("practice_id", sorted(TURNS_TOWARD_HARD_FEELINGS))
def test_hard_feeling_practices_speak_no_disclaimer_at_every_start(practice_id: str) -> None:
    spoken = " ".join(p.text for p in _by_id()[practice_id].phrases() if p.kind == GUIDE).lower()
    assert "professional" not in spoken and "not a replacement" not in spoken and "substitute" not in spoken


@pytest.mark.parametrize("practice_id", sorted(AFTER_MINDFUL_SELF_COMPASSION))
def test_practices_after_mindful_self_compassion_credit_it(practice_id: str) -> None:
    assert "after neff and germer's mindful self-compassion" in _by_id()[practice_id].description.lower()


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_every_phrase_that_asks_something_is_followed_by_time_to_do_it(path: Path, practice: Practice) -> None:
    for block in practice.blocks:
        for index, step in enumerate(block):
            if isinstance(step, Phrase) and ASKS.search(step.text):
                after = block[index + 1] if index + 1 < len(block) else None
                # A rest after it is time enough; the closing's last phrase asks nothing more.
                rest_follows = after is None and block is not practice.closing
                assert isinstance(after, Pause) or rest_follows, (
                    f"{path.name}:{step.line}: no pause after {step.text!r}"
                )


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_practices_that_ask_for_a_natural_breath_start_without_paced_cues(path: Path, practice: Practice) -> None:
    spoken = " ".join(p.text for p in practice.phrases())
    if NATURAL_BREATH.search(spoken):
        assert not practice.breath_cues, f"{path.name} asks for a natural breath but paces it"


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_only_a_practice_that_invited_closing_the_eyes_asks_to_open_them(path: Path, practice: Practice) -> None:
    spoken = [p.text.lower() for p in practice.phrases()]
    opens = [i for i, text in enumerate(spoken) if "open your eyes" in text]
    if opens:
        assert any(re.search(r"close your eyes|eyes clos", text) for text in spoken[: opens[0]])


def test_the_bedtime_body_scan_ends_without_waking_the_listener() -> None:
    assert _by_id()["body-scan-lying-down"].soft_end
    closing = " ".join(s.text for s in _by_id()["body-scan-lying-down"].closing if isinstance(s, Phrase)).lower()
    for waking in ("open your eyes", "come back to the room", "wake", "get up", "the day ahead"):
        assert waking not in closing


@pytest.mark.parametrize(("path", "practice"), _bundled(), ids=lambda v: getattr(v, "name", ""))
def test_each_practice_offers_varied_returns_for_its_long_silences(path: Path, practice: Practice) -> None:
    texts = [p.text for p in practice.returns]
    assert len(texts) >= 2 and len(set(texts)) == len(texts)


def test_no_phrase_is_longer_than_a_couple_of_breaths_to_say() -> None:
    for _path, practice in _bundled():
        for phrase in practice.phrases():
            assert len(phrase.text.split()) <= 30, (practice.id, phrase.text)
