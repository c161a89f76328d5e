"""The committed narration: every phrase of every bundled script has a current clip.

When a script changes and its clips are not re-rendered, these tests fail
and name the command that fixes it (`make narration`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly import locations
from kindly.audio.loudness import TARGET_LOUDNESS_DB, loudness_db
from kindly.core.practice_script import Practice
from kindly.library.narration_manifest import load_manifest, manifest_path
from kindly.locations import narration_dir
from kindly.tools.render_narration import parsed_bundled_scripts, plan_practice

AUDIO_BUDGET_BYTES = 20_000_000  # issue 30: the Kokoro narration and every other sound
FIX = "re-render with: make narration (python -m kindly.tools.render_narration)"


def _ids(value: object) -> str:
    return value.id if isinstance(value, Practice) else ""


PRACTICES = parsed_bundled_scripts()


@pytest.mark.parametrize("practice", PRACTICES, ids=_ids)
def test_every_phrase_has_a_current_clip(practice: Practice) -> None:
    manifest = load_manifest(manifest_path(practice.id))
    assert manifest is not None, f"{practice.id} has no narration manifest: {FIX}"
    stale, _old = plan_practice(practice, manifest.voice, narration_dir())
    assert not stale, f"{practice.id}: stale clips for phrases {[p.number for p in stale]}: {FIX}"


@pytest.mark.parametrize("practice", PRACTICES, ids=_ids)
def test_the_manifest_lists_the_phrases_in_order_with_their_hashes(practice: Practice) -> None:
    manifest = load_manifest(manifest_path(practice.id))
    assert manifest is not None
    assert [(c.number, c.sha256) for c in manifest.clips] == [(p.number, p.sha256) for p in practice.phrases()], FIX


@pytest.mark.parametrize("practice", PRACTICES, ids=_ids)
def test_each_clip_is_mono_opus_as_long_as_its_manifest_says(practice: Practice) -> None:
    manifest = load_manifest(manifest_path(practice.id))
    assert manifest is not None
    for clip in manifest.clips:
        info = soundfile.info(str(narration_dir() / practice.id / clip.file))
        assert (info.format, info.subtype, info.channels) == ("OGG", "OPUS", 1)
        assert info.frames / info.samplerate == pytest.approx(clip.duration, abs=1e-3)
        # A phrase a listener can hold: with Kokoro's pauses (1.3 s between sentences) the longest are ~16 s.
        assert 0.3 < clip.duration < 20.0


def test_no_clip_is_left_over_from_old_text() -> None:
    for folder in narration_dir().iterdir():
        manifest = load_manifest(folder / "manifest.json")
        assert manifest is not None, f"{folder} is not a practice's narration: {FIX}"
        assert {p.name for p in folder.glob("*.ogg")} == {c.file for c in manifest.clips}


def test_clips_are_matched_to_the_bells_loudness_and_start_and_end_quietly() -> None:
    for practice in PRACTICES:
        manifest = load_manifest(manifest_path(practice.id))
        assert manifest is not None
        first = manifest.clips[0]
        samples, rate = soundfile.read(str(narration_dir() / practice.id / first.file), dtype="float64")
        assert loudness_db(samples, rate) == pytest.approx(TARGET_LOUDNESS_DB, abs=1.5)
        assert np.max(np.abs(samples[:10])) < 0.05 and np.max(np.abs(samples[-10:])) < 0.05


def test_all_bundled_audio_stays_within_20_mb() -> None:
    audio = Path(locations.audio_dir())
    total = sum(p.stat().st_size for p in audio.rglob("*") if p.is_file())
    assert total <= AUDIO_BUDGET_BYTES, f"assets/audio is {total / 1e6:.1f} MB"
