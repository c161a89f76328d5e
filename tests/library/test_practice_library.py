"""The practice library: bundled and user scripts side by side, and the voice of each phrase."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly import locations
from kindly.audio.speech.engine_choice import choose_engine
from kindly.audio.system_voice import SystemVoice
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import parse_practice
from kindly.core.session_config import SessionConfig
from kindly.library import practice_library
from kindly.library.narration_status import CAPTIONS_ONLY, RECORDED, SYSTEM_VOICE
from kindly.library.practice_library import (
    load_library,
    narration_for_session,
    prepare_narration,
    recordings_dir,
    speak_ahead,
)
from kindly.locations import narration_dir
from user_scripts import USER_SCRIPT, write_user_script

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng: packaging/debian-packages.txt")


def with_voice() -> bool:
    return True


def without_voice() -> bool:
    return False


def test_every_bundled_practice_is_listed_as_recorded() -> None:
    library = load_library(voice_available=without_voice)
    assert library.errors == ()
    assert len(library.entries) >= 7
    assert {(e.source, e.narration) for e in library.entries} == {("bundled", RECORDED)}


def test_a_user_script_appears_beside_the_bundled_ones() -> None:
    path = write_user_script("evening.txt", USER_SCRIPT)
    entry = load_library(voice_available=with_voice).get("my-evening")
    assert (entry.source, entry.path, entry.narration) == ("user", path, SYSTEM_VOICE)


def test_without_a_system_voice_a_user_script_is_captions_only() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    assert load_library(voice_available=without_voice).get("my-evening").narration == CAPTIONS_ONLY


def test_a_broken_user_script_is_reported_with_file_and_line_and_hides_nothing() -> None:
    path = write_user_script("broken.txt", USER_SCRIPT.replace("[rest]", "[rset]"))
    write_user_script("evening.txt", USER_SCRIPT)
    library = load_library(voice_available=without_voice)
    assert library.errors == (
        f"{path}:9: unknown directive '[rset]' (known: [pause N breaths], [pause N s], [rest], [rest W], [return], [first time], [join])",
    )
    assert "my-evening" in library.ids() and "mindful-breathing" in library.ids()


def test_a_user_script_that_is_not_utf8_is_reported_with_its_line() -> None:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True)
    (folder / "latin1.txt").write_bytes(USER_SCRIPT.replace("Hello", "H\xe9llo").encode("latin-1"))
    (error,) = load_library(voice_available=without_voice).errors
    assert error.startswith(f"{folder / 'latin1.txt'}:8: not UTF-8")


def test_a_user_script_may_not_take_a_bundled_practices_id() -> None:
    path = write_user_script("mine.txt", USER_SCRIPT.replace("id: my-evening", "id: noting"))
    library = load_library(voice_available=without_voice)
    assert library.errors == (
        f"{path}:1: id 'noting' is already used by the bundled practice 'Noting thoughts and feelings'; "
        "give this script an id of its own",
    )
    assert library.get("noting").source == "bundled"


def test_of_two_user_scripts_with_one_id_the_first_by_file_name_wins() -> None:
    first = write_user_script("a.txt", USER_SCRIPT)
    second = write_user_script("b.txt", USER_SCRIPT.replace("My evening", "Another"))
    library = load_library(voice_available=without_voice)
    assert library.get("my-evening").path == first
    assert library.errors == (
        f"{second}:1: id 'my-evening' is already used by {first}; give this script an id of its own",
    )


def test_an_unknown_practice_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(KindlyInputError, match=r"^unknown practice 'nope' \(one of: .*mindful-breathing"):
        load_library(voice_available=without_voice).get("nope")


def test_bundled_phrases_use_their_recorded_clips_and_manifest_lengths() -> None:
    entry = load_library(voice_available=without_voice).get("mindful-breathing")
    prepared = prepare_narration(entry.practice, voice=None)
    assert prepared.narration == RECORDED
    for clip, duration in zip(prepared.clips, prepared.durations):
        assert clip is not None and Path(clip).is_absolute()
        assert Path(clip).parent == narration_dir().resolve() / "mindful-breathing"
        info = soundfile.info(clip)
        assert info.frames / info.samplerate == pytest.approx(duration, abs=1e-3)


def test_a_phrase_whose_text_changed_never_gets_the_old_clip() -> None:
    text = (locations.scripts_dir() / "mindful-breathing.txt").read_text(encoding="utf-8")
    last = parse_practice(text, "mindful-breathing.txt").phrases()[-1].text
    edited = parse_practice(text.replace(last, "Thank you."), "edited.txt")
    prepared = prepare_narration(edited, voice=None)
    changed = next(p.number for p in edited.phrases() if p.text == "Thank you.")
    assert prepared.clips[changed - 1] is None
    assert prepared.narration == CAPTIONS_ONLY
    assert sum(c is None for c in prepared.clips) == 1


def test_the_users_own_recording_replaces_a_bundled_clip(tmp_path: Path) -> None:
    folder = recordings_dir() / "mindful-breathing"
    folder.mkdir(parents=True)
    stereo_48k = np.zeros((48000 * 2, 2), dtype=np.float32)
    stereo_48k[:, 0] = 0.1
    soundfile.write(str(folder / "2.wav"), stereo_48k, 48000)
    practice = load_library(voice_available=without_voice).get("mindful-breathing").practice
    prepared = prepare_narration(practice, voice=None)
    assert prepared.clips[1] == str((folder / "2.wav").resolve())
    assert prepared.durations[1] == pytest.approx(2.0)
    assert prepared.narration == RECORDED


def test_a_recording_that_is_not_sound_is_refused_naming_the_file() -> None:
    folder = recordings_dir() / "mindful-breathing"
    folder.mkdir(parents=True)
    (folder / "1.wav").write_bytes(b"not a wav")
    practice = load_library(voice_available=without_voice).get("mindful-breathing").practice
    with pytest.raises(KindlyInputError, match=r"recording .*1\.wav is not a readable sound file"):
        prepare_narration(practice, voice=None)


def test_without_a_voice_a_user_script_is_captioned_for_as_long_as_it_takes_to_read() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    practice = load_library(voice_available=without_voice).get("my-evening").practice
    prepared = prepare_narration(practice, voice=None)
    assert prepared.clips == (None, None)
    assert all(d > 1.0 for d in prepared.durations)
    assert prepared.narration == CAPTIONS_ONLY


@needs_espeak
def test_the_system_voice_speaks_a_user_script_once_and_then_uses_its_cache() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    practice = load_library(voice_available=with_voice).get("my-evening").practice
    voice = SystemVoice(choose_engine("espeak-ng"))
    first = prepare_narration(practice, voice=voice)
    assert first.narration == SYSTEM_VOICE
    paths = [Path(c) for c in first.clips if c]
    assert len(paths) == 2 and all(locations.cache_dir() in p.parents for p in paths)
    stamps = [p.stat().st_mtime_ns for p in paths]
    second = prepare_narration(practice, voice=voice)
    assert second.clips == first.clips and second.durations == first.durations
    assert [p.stat().st_mtime_ns for p in paths] == stamps


@needs_espeak
def test_a_damaged_cached_clip_is_spoken_again() -> None:
    voice = SystemVoice(choose_engine("espeak-ng"))
    path = voice.cached_path("Hello, evening.")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"junk")
    clip = voice.clip_for("Hello, evening.")
    assert clip.path == path and clip.duration > 0.3


def test_narration_for_a_session_is_scheduled_and_says_how_it_sounds() -> None:
    cues, narration = narration_for_session("self-compassion-break", SessionConfig(minutes=5), voice=None)
    assert narration == RECORDED
    assert [c.practice for c in cues] == ["self-compassion-break"] * len(cues)
    assert all(c.clip for c in cues)


class FailingVoice:
    """A system voice whose engine breaks: the practice still starts, with captions."""

    def __init__(self) -> None:
        self.asked = 0

    def clip_for(self, text: str):  # type: ignore[no-untyped-def]
        self.asked += 1
        raise KindlyFailure("espeak-ng could not speak 'Hello, evening.': broken")


def test_a_failing_system_voice_falls_back_to_captions_and_says_why() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    practice = load_library(voice_available=with_voice).get("my-evening").practice
    voice = FailingVoice()
    prepared = prepare_narration(practice, voice=voice)
    assert prepared.clips == (None, None) and prepared.narration == CAPTIONS_ONLY
    assert prepared.problem == "espeak-ng could not speak 'Hello, evening.': broken"
    assert voice.asked == 1


def test_a_user_script_its_writer_recorded_throughout_is_listed_as_recorded() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    folder = recordings_dir() / "my-evening"
    folder.mkdir(parents=True)
    for name in ("1.wav", "2.ogg"):
        (folder / name).write_bytes(b"")  # listed by name: the status reads no sound
    assert load_library(voice_available=without_voice).get("my-evening").narration == RECORDED


def test_a_bundled_practice_with_a_clip_gone_from_its_folder_is_not_listed_as_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts, clips = tmp_path / "scripts", tmp_path / "narration"
    scripts.mkdir()
    shutil.copy(locations.scripts_dir() / "mindful-breathing.txt", scripts)
    shutil.copytree(narration_dir() / "mindful-breathing", clips / "mindful-breathing")
    next((clips / "mindful-breathing").glob("*.ogg")).unlink()
    monkeypatch.setattr(practice_library, "narration_dir", lambda: clips)
    entry = load_library(bundled_dir=scripts, voice_available=without_voice).get("mindful-breathing")
    assert entry.narration == CAPTIONS_ONLY


class RecordingVoice:
    """A system voice that notes each phrase it is asked to speak."""

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def clip_for(self, text: str):  # type: ignore[no-untyped-def]
        self.spoken.append(text)


def test_speaking_ahead_voices_every_phrase_of_a_user_script() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    practice = load_library(voice_available=with_voice).get("my-evening").practice
    voice = RecordingVoice()
    assert speak_ahead(practice, voice, carry_on=lambda: True)
    assert voice.spoken == ["Hello, evening.", "Goodbye, evening."]


def test_speaking_ahead_leaves_a_phrase_its_writer_recorded() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    folder = recordings_dir() / "my-evening"
    folder.mkdir(parents=True)
    (folder / "1.wav").write_bytes(b"")
    practice = load_library(voice_available=with_voice).get("my-evening").practice
    voice = RecordingVoice()
    speak_ahead(practice, voice, carry_on=lambda: True)
    assert voice.spoken == ["Goodbye, evening."]


def test_speaking_ahead_stops_before_the_next_phrase_when_told() -> None:
    write_user_script("evening.txt", USER_SCRIPT)
    practice = load_library(voice_available=with_voice).get("my-evening").practice
    voice = RecordingVoice()
    assert not speak_ahead(practice, voice, carry_on=lambda: not voice.spoken)
    assert voice.spoken == ["Hello, evening."]
