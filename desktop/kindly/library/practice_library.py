"""Finding practices (bundled and the user's own) and the voice for each of their phrases.

Bundled scripts live in `assets/scripts/`, their recorded clips in
`assets/audio/narration/<id>/` with a `manifest.json` that gives each clip's
text hash and length, so a session is scheduled without decoding any audio.
User scripts in `<data dir>/scripts/` appear beside them. One broken script
never hides the others: the library holds the good practices and a list of
one-line errors (`FILE:LINE: ...`).

Each phrase is voiced by the first of: the user's own recording
(`<data dir>/recordings/<id>/<number>.wav|.ogg|.flac`), the bundled clip
whose hash matches the phrase's text, the system voice (cached), or nothing
(a caption). The practice's narration status says which the user will hear.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Protocol

from kindly import locations
from kindly.audio.phrase_clip import PhraseClip
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_schedule import estimated_speech_seconds, schedule_practice
from kindly.core.practice_script import Phrase, Practice, decode_script, parse_practice
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue
from kindly.user_files import read_user_file

Source = Literal["bundled", "user"]
Narration = Literal["recorded", "system voice", "captions only"]
RECORDED: Narration = "recorded"
SYSTEM_VOICE: Narration = "system voice"
CAPTIONS_ONLY: Narration = "captions only"

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
RECORDING_SUFFIXES = (".wav", ".ogg", ".flac")
SCRIPT_SUFFIX = ".txt"


def narration_dir() -> Path:
    """Where the bundled clips live, one folder per practice."""
    return locations.audio_dir() / "narration"


def recordings_dir() -> Path:
    """Where a user's own recordings of phrases go: `<data dir>/recordings/<id>/<number>.wav`."""
    return locations.data_dir() / "recordings"


# ---------------------------------------------------------------- manifests


@dataclass(frozen=True)
class ManifestClip:
    """One recorded phrase: its text, the hash of its normalised text, its file and length."""

    number: int
    text: str
    sha256: str
    file: str
    duration: float


@dataclass(frozen=True)
class NarrationManifest:
    """What `render_narration` made for one practice, and with which voice."""

    practice: str
    voice: str
    clips: tuple[ManifestClip, ...]

    def by_hash(self) -> dict[str, ManifestClip]:
        return {clip.sha256: clip for clip in self.clips}

    def to_json(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "practice": self.practice,
            "voice": self.voice,
            "clips": [
                {"number": c.number, "text": c.text, "sha256": c.sha256, "file": c.file, "duration": c.duration}
                for c in self.clips
            ],
        }


def manifest_path(practice_id: str, base: Path | None = None) -> Path:
    return (base or narration_dir()) / practice_id / MANIFEST_NAME


def load_manifest(path: Path) -> NarrationManifest | None:
    """The manifest at `path`, or None when there is none.

    Raises:
        KindlyFailure: the file exists but is not a manifest (a damaged install).
    """
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        clips = tuple(
            ManifestClip(
                number=int(c["number"]),
                text=str(c["text"]),
                sha256=str(c["sha256"]),
                file=str(c["file"]),
                duration=float(c["duration"]),
            )
            for c in data["clips"]
        )
        manifest = NarrationManifest(practice=str(data["practice"]), voice=str(data["voice"]), clips=clips)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KindlyFailure(f"damaged narration manifest {path}: {exc}") from None
    for clip in manifest.clips:
        if "/" in clip.file or "\\" in clip.file or not math.isfinite(clip.duration) or clip.duration < 0:
            raise KindlyFailure(f"damaged narration manifest {path}: bad clip entry {clip.file!r}")
    return manifest


def write_manifest(path: Path, manifest: NarrationManifest) -> None:
    """Write atomically, so an interrupted render never leaves half a manifest."""
    from kindly.user_files import output_file, umask_mode

    path.parent.mkdir(parents=True, exist_ok=True)
    with output_file(str(path), umask_mode()) as out:  # a project file, made like any other
        out.write((json.dumps(manifest.to_json(), indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def stale_phrases(practice: Practice, manifest: NarrationManifest | None, clip_dir: Path) -> list[Phrase]:
    """The phrases with no current clip: never recorded, text changed, or file missing."""
    known = manifest.by_hash() if manifest else {}
    stale = []
    for phrase in practice.phrases():
        clip = known.get(phrase.sha256)
        if clip is None or not (clip_dir / clip.file).is_file():
            stale.append(phrase)
    return stale


# ---------------------------------------------------------------- the library


@dataclass(frozen=True)
class PracticeEntry:
    """A practice the user can start, where it came from, and how it will be voiced."""

    practice: Practice
    source: Source
    path: Path
    narration: Narration


@dataclass(frozen=True)
class PracticeLibrary:
    """The good practices (sorted by title) and one line for each script that was refused."""

    entries: tuple[PracticeEntry, ...]
    errors: tuple[str, ...]

    def ids(self) -> list[str]:
        return [e.practice.id for e in self.entries]

    def get(self, practice_id: str) -> PracticeEntry:
        """The practice with this id.

        Raises:
            KindlyInputError: no such practice, listing the ones there are.
        """
        for entry in self.entries:
            if entry.practice.id == practice_id:
                return entry
        known = ", ".join(sorted(self.ids())) or "none"
        refused = f"; {len(self.errors)} script(s) were refused, see 'kindly practices'" if self.errors else ""
        raise KindlyInputError(f"unknown practice {practice_id!r} (one of: {known}){refused}")


# The longest bundled script is a few kB; a practice past this is not one a person wrote.
SCRIPT_LIMIT_BYTES = 256_000


def _read_scripts(folder: Path, shown: Callable[[Path], str]) -> tuple[list[tuple[Path, Practice]], list[str]]:
    """Parse every script in `folder`; `shown` names a file in messages."""
    found: list[tuple[Path, Practice]] = []
    errors: list[str] = []
    if not folder.is_dir():
        return found, errors
    for path in sorted(folder.glob(f"*{SCRIPT_SUFFIX}")):
        name = shown(path)
        try:
            data = read_user_file(str(path), SCRIPT_LIMIT_BYTES, "script")
        except KindlyInputError as exc:
            # Only regular files of a sensible size: a FIFO would hang, a link to /dev/zero fill the memory.
            errors.append(f"{name}:1: cannot read the script: {str(exc).split(': ', 1)[1]}")
            continue
        try:
            found.append((path, parse_practice(decode_script(data, name), name)))
        except KindlyInputError as exc:
            errors.append(str(exc))
    return found, errors


def load_library(
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
    voice_available: Callable[[], bool] | None = None,
) -> PracticeLibrary:
    """Every practice Kindly can offer, and the errors of the scripts it refused.

    A user script whose id is already taken (by a bundled practice or an
    earlier user script, by file name) is refused, naming its id line:
    replacing a bundled practice silently would make its recorded clips
    disagree with its text.
    """
    bundled_dir = bundled_dir or locations.scripts_dir()
    user_dir = user_dir or locations.user_scripts_dir()
    if voice_available is None:
        from kindly.audio.system_voice import system_voice_available

        voice_available = system_voice_available
    bundled, errors = _read_scripts(bundled_dir, lambda p: p.name)
    users, user_errors = _read_scripts(user_dir, str)
    errors.extend(user_errors)
    taken: dict[str, str] = {}
    chosen: list[tuple[Path, Practice, Source]] = []
    groups: tuple[tuple[Source, list[tuple[Path, Practice]]], ...] = (("bundled", bundled), ("user", users))
    for source, scripts in groups:
        for path, practice in scripts:
            if practice.id in taken:
                errors.append(
                    f"{practice.source}:{practice.id_line}: id {practice.id!r} is already used by "
                    f"{taken[practice.id]}; give this script an id of its own"
                )
                continue
            bundled_name = f"the bundled practice {practice.title!r}"
            taken[practice.id] = bundled_name if source == "bundled" else practice.source
            chosen.append((path, practice, source))
    has_voice: bool | None = None
    entries = []
    for path, practice, source in chosen:
        sources = phrase_sources(practice)
        if all(sources):
            status: Narration = RECORDED
        else:
            if has_voice is None:
                has_voice = voice_available()
            status = SYSTEM_VOICE if has_voice else CAPTIONS_ONLY
        entries.append(PracticeEntry(practice, source, path, status))
    entries.sort(key=lambda e: (e.source != "bundled", e.practice.title.lower()))
    return PracticeLibrary(tuple(entries), tuple(errors))


# ---------------------------------------------------------------- voicing phrases


def user_recording(practice_id: str, number: int) -> Path | None:
    """The user's own recording of phrase `number`, if they made one."""
    folder = recordings_dir() / practice_id
    for suffix in RECORDING_SUFFIXES:
        candidate = folder / f"{number}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def recording_seconds(path: Path) -> float:
    """The length of a user's recording, read from its header (no decoding).

    Raises:
        KindlyInputError: the file is not a sound file soundfile can read.
    """
    import soundfile

    try:
        info = soundfile.info(str(path))
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise KindlyInputError(f"recording {path} is not a readable sound file: {exc}") from None
    if info.samplerate <= 0 or info.frames <= 0:
        raise KindlyInputError(f"recording {path} is empty")
    return info.frames / info.samplerate


def phrase_sources(practice: Practice) -> list[Path | None]:
    """For each phrase, the recorded file that voices it (user recording or current bundled clip)."""
    clip_dir = narration_dir() / practice.id
    manifest = _quiet_manifest(manifest_path(practice.id))
    known = manifest.by_hash() if manifest else {}
    out: list[Path | None] = []
    for phrase in practice.phrases():
        mine = user_recording(practice.id, phrase.number)
        if mine is not None:
            out.append(mine)
            continue
        clip = known.get(phrase.sha256)
        bundled = clip_dir / clip.file if clip else None
        out.append(bundled if bundled is not None and bundled.is_file() else None)
    return out


def _quiet_manifest(path: Path) -> NarrationManifest | None:
    """A damaged manifest counts as none here: the phrases fall back to the system voice."""
    try:
        return load_manifest(path)
    except KindlyFailure:
        return None


@dataclass(frozen=True)
class PreparedNarration:
    """How each phrase of a practice will sound: a clip and length, or a caption's length."""

    practice: Practice
    clips: tuple[str | None, ...]
    durations: tuple[float, ...]
    narration: Narration
    problem: str | None = None
    """Why phrases fell back to captions although a system voice was found (its one-line failure)."""

    def cues(self, config: SessionConfig) -> list[Cue]:
        """The narration cues for a session (see `kindly.core.practice_schedule`)."""
        return schedule_practice(self.practice, config, self.durations, self.clips)


class Voice(Protocol):
    """What `prepare_narration` needs of a system voice (`kindly.audio.system_voice.SystemVoice`)."""

    def clip_for(self, text: str) -> PhraseClip:
        """The phrase spoken into a (cached) file."""
        ...


def prepare_narration(practice: Practice, voice: Voice | None | Literal["auto"] = "auto") -> PreparedNarration:
    """Find or make the voice of every phrase.

    Args:
        practice: the practice to voice.
        voice: a system voice for phrases with no recording; "auto" finds the
            machine's (festival or espeak-ng); None means captions only.
    """
    if voice == "auto":
        from kindly.audio.system_voice import SystemVoice

        voice = SystemVoice.find()
    clip_dir = narration_dir() / practice.id
    manifest = _quiet_manifest(manifest_path(practice.id))
    known = manifest.by_hash() if manifest else {}
    clips: list[str | None] = []
    durations: list[float] = []
    used_voice = captioned = False
    problem: str | None = None
    for phrase in practice.phrases():
        mine = user_recording(practice.id, phrase.number)
        bundled = known.get(phrase.sha256)
        if mine is not None:
            clips.append(str(mine.resolve()))
            durations.append(recording_seconds(mine))
        elif bundled is not None and (clip_dir / bundled.file).is_file():
            clips.append(str((clip_dir / bundled.file).resolve()))
            durations.append(bundled.duration)
        else:
            spoken = None
            if voice is not None and problem is None:
                try:
                    spoken = voice.clip_for(phrase.text)
                except KindlyFailure as exc:
                    # A voice that fails once is not asked again: the session starts with captions.
                    problem = str(exc)
            if spoken is not None:
                clips.append(str(spoken.path.resolve()))
                durations.append(spoken.duration)
                used_voice = True
            else:
                clips.append(None)
                durations.append(estimated_speech_seconds(phrase.text))
                captioned = True
    status: Narration = CAPTIONS_ONLY if captioned else SYSTEM_VOICE if used_voice else RECORDED
    return PreparedNarration(practice, tuple(clips), tuple(durations), status, problem)


def narration_for_session(
    practice_id: str,
    config: SessionConfig,
    library: PracticeLibrary | None = None,
    voice: Voice | None | Literal["auto"] = "auto",
) -> tuple[list[Cue], Narration]:
    """The narration cues of practice `practice_id` for this session, and how they will sound."""
    entry = (library or load_library()).get(practice_id)
    prepared = prepare_narration(entry.practice, voice)
    return prepared.cues(config), prepared.narration
