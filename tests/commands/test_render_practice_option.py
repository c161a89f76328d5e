"""`kindly render --practice ID`: the practice's narration, its length and pattern, and its refusals."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from kindly import locations
from kindly.cli import main
from kindly.library.practice_library import load_library
from kindly.tools.render_narration import parsed_bundled_scripts


def render(tmp_path: Path, *args: str) -> tuple[np.ndarray, dict]:
    out, timeline = tmp_path / "s.wav", tmp_path / "s.json"
    assert main(["render", str(out), "--timeline", str(timeline), *args]) == 0
    with wave.open(str(out)) as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64) / 32768.0
    return samples, json.loads(timeline.read_text())


def narration_events(timeline: dict) -> list[dict]:
    return [e for e in timeline["events"] if e["kind"] == "narration"]


def test_a_practice_brings_its_default_length_and_its_own_breath_pattern(tmp_path: Path) -> None:
    _samples, timeline = render(tmp_path, "--practice", "resting-on-a-word", "--warmup", "0", "--bell", "wood-block")
    assert timeline["duration_s"] == pytest.approx(10 * 60 + 2.5)
    inhales = [e["t"] for e in timeline["events"] if e.get("phase") == "inhale"]
    assert inhales[1] - inhales[0] == pytest.approx(11.0)  # coherent: 5.5-5.5


def test_every_phrase_is_in_the_timeline_and_audible_in_the_wav_at_its_time(tmp_path: Path) -> None:
    samples, timeline = render(
        tmp_path,
        *("--practice", "self-compassion-break", "--minutes", "5", "--warmup", "1"),
        *("--no-breath-cues", "--volume-bells", "0"),
    )
    events = narration_events(timeline)
    phrases = load_library().get("self-compassion-break").practice.phrases()
    guided = [p.text for p in phrases if p.kind == "guide"]
    returns = {p.text for p in phrases if p.kind == "return"}
    # Its re-invitations break its long rest (max-silence: 90 s); the guidance is all there, in order.
    assert [e["text"] for e in events if e["text"] not in returns] == guided
    assert {e["practice"] for e in events} == {"self-compassion-break"}
    rate = 44100
    previous_end = 0
    for event in events:
        start, end = int(event["t"] * rate), int((event["t"] + event["duration"]) * rate)
        assert np.sqrt(np.mean(samples[start:end] ** 2)) > 0.01, event["text"]
        # Nothing sounds between the last phrase and this one: it starts at its time, not earlier.
        before = samples[max(previous_end, start - rate) : start - int(0.01 * rate)]
        assert len(before) == 0 or np.abs(before).max() < 0.01
        previous_end = end


def test_the_users_breath_pattern_overrides_the_practices(tmp_path: Path) -> None:
    _samples, timeline = render(tmp_path, "--practice", "mindful-breathing", "--breath", "box", "--minutes", "8")
    assert all(round((e["t"] - 5.0) % 16.0, 6) in (0.0, 16.0) for e in narration_events(timeline))


def test_below_the_practices_minimum_render_refuses_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["render", str(tmp_path / "s.wav"), "--practice", "noting", "--minutes", "3"]) == 2
    assert capsys.readouterr().err == "kindly: error: practice 'noting' needs at least 7 minutes (asked for 3)\n"
    assert not (tmp_path / "s.wav").exists()


def test_above_the_practices_maximum_render_refuses_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["render", str(tmp_path / "s.wav"), "--practice", "right-now", "--minutes", "10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: practice 'right-now' lasts at most 6 minutes (asked for 10)")
    assert main(["render", str(tmp_path / "s.wav"), "--practice", "right-now", "--minutes", "6.00001"]) == 2
    assert "(asked for 6.00001)" in capsys.readouterr().err
    assert not (tmp_path / "s.wav").exists()


def test_a_practice_that_asks_for_a_natural_breath_renders_without_paced_cues_unless_asked(tmp_path: Path) -> None:
    _samples, quiet = render(tmp_path, "--practice", "mindful-breathing", "--minutes", "6")
    _samples, paced = render(tmp_path, "--practice", "mindful-breathing", "--minutes", "6", "--breath-cues")
    assert not [e for e in quiet["events"] if e["kind"] == "breath"]
    assert [e for e in paced["events"] if e["kind"] == "breath"]


def test_a_first_session_speaks_its_first_time_lines(tmp_path: Path) -> None:
    _samples, again = render(tmp_path, "--practice", "mindful-breathing", "--minutes", "6")
    _samples, first = render(tmp_path, "--practice", "mindful-breathing", "--minutes", "6", "--first-session")
    assert len(narration_events(first)) == len(narration_events(again)) + 1


def test_an_unknown_practice_is_refused_listing_the_known_ones(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["render", str(tmp_path / "s.wav"), "--practice", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: unknown practice 'nope' (one of: ") and "inner-critic" in err


@pytest.mark.parametrize(
    ("file_name", "text", "line", "reason"),
    [
        # The mistake after the id line: the id it gave itself is what names it.
        ("evening.txt", "id: mine\ntitle: Mine\nminutes: 2\ndescription: d\n---\nHello.\n[wait]\n", 7, "[wait]"),
        # The mistake before it: a file named for its practice, as the bundled ones are.
        ("mine.txt", "id: mine\ntitle Mine\n", 2, "title Mine"),
    ],
    ids=["after-its-id", "before-its-id"],
)
def test_a_refused_user_script_asked_for_is_one_line_naming_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file_name: str, text: str, line: int, reason: str
) -> None:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True)
    (folder / file_name).write_text(text, encoding="utf-8")
    assert main(["render", str(tmp_path / "s.wav"), "--practice", "mine"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kindly: error: unknown practice 'mine': {folder / file_name}:{line}: ")
    assert reason in err and err.count("\n") == 1


def test_a_user_script_renders_with_the_system_voice_or_says_what_it_left_out(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text(
        "id: mine\ntitle: Mine\nminutes: 2\nminimum: 1\nbreath: calm\ndescription: d\n---\nHello.\n[rest]\nGoodbye.\n",
        encoding="utf-8",
    )
    _samples, timeline = render(tmp_path, "--practice", "mine", "--warmup", "0")
    spoken = narration_events(timeline)
    err = capsys.readouterr().err
    assert len(spoken) == 2 or "left out of the render" in err


@pytest.mark.parametrize("practice_id", sorted(p.id for p in parsed_bundled_scripts()))
def test_every_practice_renders_at_its_minimum_with_4_7_8_every_phrase_heard_in_its_place(
    tmp_path: Path, practice_id: str
) -> None:
    minimum = load_library().get(practice_id).practice.minimum_minutes
    samples, timeline = render(
        tmp_path,
        *("--practice", practice_id, "--minutes", f"{minimum:g}", "--breath", "478", "--first-session"),
        *("--no-breath-cues", "--volume-bells", "0", "--warmup", "1"),
    )
    rate = 44100
    events = narration_events(timeline)
    assert events
    for event in events:
        start, end = int(event["t"] * rate), int((event["t"] + event["duration"]) * rate)
        assert np.sqrt(np.mean(samples[start:end] ** 2)) > 0.01, event["text"]
    assert events[-1]["t"] + events[-1]["duration"] < 1 + 60 * minimum
