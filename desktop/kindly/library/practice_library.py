"""Finding practices (bundled and the user's own) and the voice for each of their phrases.

Bundled scripts live in `assets/scripts/`, their recorded clips in
`assets/audio/narration/<id>/` with a `manifest.json` that gives each clip's
text hash and length, so a session is scheduled without decoding any audio.
User scripts in `<data dir>/scripts/` appear beside them. One broken script
never hides the others: the library holds the good practices and a list of
`ScriptProblem`s, each with its file and line (shown as `FILE:LINE: ...`).

Each phrase is voiced by the first of: the user's own recording
(`<data dir>/recordings/<id>/<number>.wav|.ogg|.flac`), the bundled clip
whose hash matches the phrase's text, the system voice (cached), or nothing
(a caption). The practice's narration status says which the user will hear.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from kindly import locations
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import Phrase, Practice, parse_practice
from kindly.core.script_text import ScriptError
from kindly.library.narration_manifest import (
    ManifestClip,
    NarrationManifest,
    load_manifest,
    manifest_path,
)
from kindly.library.narration_status import CAPTIONS_ONLY, RECORDED, SYSTEM_VOICE, Narration
from kindly.library.script_files import (
    SCRIPT_LIMIT_BYTES,
    SCRIPT_SUFFIX,
    ScriptProblem,
    read_script_text,
    refused_as,
)
from kindly.locations import MANIFEST_NAME, narration_dir

if TYPE_CHECKING:
    # A session's narration only: the home page lists the practices without them.
    from kindly.audio.phrase_clip import PhraseClip
    from kindly.core.session_config import SessionConfig
    from kindly.core.session_plan import Cue

Source = Literal["bundled", "user"]

RECORDING_SUFFIXES = (".wav", ".ogg", ".flac")


def recordings_dir() -> Path:
    """Where a user's own recordings of phrases go: `<data dir>/recordings/<id>/<number>.wav`."""
    return locations.data_dir() / "recordings"


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
    """The good practices (sorted by title) and the problem of each script that was refused."""

    entries: tuple[PracticeEntry, ...]
    problems: tuple[ScriptProblem, ...]

    @property
    def errors(self) -> tuple[str, ...]:
        """The problems as the one-line messages `kindly practices` prints."""
        return tuple(str(problem) for problem in self.problems)

    def ids(self) -> list[str]:
        return [e.practice.id for e in self.entries]

    def get(self, practice_id: str) -> PracticeEntry:
        """The practice with this id.

        Raises:
            KindlyInputError: no such practice, listing the ones there are, or naming the file
                and line of the refused script that gave itself this id.
        """
        for entry in self.entries:
            if entry.practice.id == practice_id:
                return entry
        claimed = refused_as(practice_id, self.problems)
        if claimed is not None:  # the one line names the broken file, rather than pointing elsewhere
            raise KindlyInputError(f"unknown practice {practice_id!r}: {claimed}")
        known = ", ".join(sorted(self.ids())) or "none"
        refused = f"; {len(self.errors)} script(s) were refused, see 'kindly practices'" if self.errors else ""
        raise KindlyInputError(f"unknown practice {practice_id!r} (one of: {known}){refused}")


def _read_scripts(
    folder: Path, shown: Callable[[Path], str]
) -> tuple[list[tuple[Path, Practice]], list[ScriptProblem]]:
    """Parse every script in `folder`; `shown` names a file in messages."""
    found: list[tuple[Path, Practice]] = []
    errors: list[ScriptProblem] = []
    if not folder.is_dir():
        return found, errors
    for path in sorted(folder.glob(f"*{SCRIPT_SUFFIX}")):
        name = shown(path)
        try:
            found.append((path, parse_practice(read_script_text(path, name, SCRIPT_LIMIT_BYTES, "script"), name)))
        except ScriptError as exc:
            errors.append(ScriptProblem.of(exc))
    return found, errors


def load_library(
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
    voice_available: Callable[[], bool] | None = None,
    recordings: Path | None = None,
) -> PracticeLibrary:
    """Every practice Kindly can offer, and the errors of the scripts it refused.

    A user script whose id is already taken (by a bundled practice or an
    earlier user script, by file name) is refused, naming its id line:
    replacing a bundled practice silently would make its recorded clips
    disagree with its text. `recordings`: where the person's own recordings
    are looked for (`recordings_dir()` unless given).
    """
    if voice_available is None:
        voice_available = _system_voice_available
    chosen, errors = _read_practices(bundled_dir, user_dir)
    has_voice: bool | None = None
    entries = []
    narration, recordings = narration_dir(), recordings or recordings_dir()
    for path, practice, source in chosen:
        if every_phrase_recorded(practice, narration, recordings):
            status: Narration = RECORDED
        else:
            if has_voice is None:
                has_voice = voice_available()
            status = SYSTEM_VOICE if has_voice else CAPTIONS_ONLY
        entries.append(PracticeEntry(practice, source, path, status))
    entries.sort(key=lambda e: (e.source != "bundled", e.practice.title.lower()))
    return PracticeLibrary(tuple(entries), tuple(errors))


class PhrasesNotRecorded(KindlyInputError):
    """Bundled practices with phrases no clip was recorded for (`make narration` records them)."""


def bundled_practices(bundled_dir: Path | None = None) -> tuple[PracticeEntry, ...]:
    """Every bundled practice as a first launch reads it (no scripts or recordings of a person's own),
    each parsed and each phrase recorded: what the practice index is written from, and what
    `kindly self-test` holds a bundle to.

    Raises:
        KindlyInputError: no bundled practice, or a bundled script refused.
        PhrasesNotRecorded: phrases without a clip.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kindly-bundled-") as nobody:
        none_of_their_own = Path(nobody)
        library = load_library(
            bundled_dir, none_of_their_own / "scripts", lambda: False, recordings=none_of_their_own / "recordings"
        )
    if library.problems:
        raise KindlyInputError(f"a bundled script is refused: {library.problems[0]}")
    if not library.entries:
        raise KindlyInputError("no bundled practices found")
    unrecorded = [entry.practice.id for entry in library.entries if entry.narration != RECORDED]
    if unrecorded:
        raise PhrasesNotRecorded(f"phrases without a recorded clip in {', '.join(unrecorded)}")
    return library.entries


def read_practice_ids(
    bundled_dir: Path | None = None, user_dir: Path | None = None
) -> tuple[list[str], list[ScriptProblem]]:
    """The ids of the practices `load_library` would offer, and its problems, without finding any voice:
    what `kindly --start NAME` checks its name against before a window is made."""
    chosen, errors = _read_practices(bundled_dir, user_dir)
    return [practice.id for _path, practice, _source in chosen], errors


def _read_practices(
    bundled_dir: Path | None, user_dir: Path | None
) -> tuple[list[tuple[Path, Practice, Source]], list[ScriptProblem]]:
    """The scripts that make practices (bundled first, an id taken once) and the problem of each refused one."""
    bundled_dir = bundled_dir or locations.scripts_dir()
    user_dir = user_dir or locations.user_scripts_dir()
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
                    ScriptProblem(
                        practice.source,
                        practice.id_line,
                        f"id {practice.id!r} is already used by {taken[practice.id]}; give this script an id of its own",
                    )
                )
                continue
            bundled_name = f"the bundled practice {practice.title!r}"
            taken[practice.id] = bundled_name if source == "bundled" else practice.source
            chosen.append((path, practice, source))
    return chosen, errors


def _system_voice_available() -> bool:
    # Imported only when a phrase has no recording: the audio layer (soundfile, numpy: slow to import)
    # stays out of the home page's way when every practice is recorded, as the bundled ones are.
    from kindly.audio.system_voice import system_voice_available

    return system_voice_available()


# ---------------------------------------------------------------- voicing phrases


class _PhraseVoices:
    """Where one practice's phrases may be voiced from: its folders found once, the user's own
    recordings and its bundled clips listed once (not a look on disk for every phrase and suffix:
    the home page waits for every practice's)."""

    def __init__(self, practice_id: str, narration: Path | None = None, recordings: Path | None = None) -> None:
        self.clip_dir = (narration or narration_dir()) / practice_id
        self._mine_dir = (recordings or recordings_dir()) / practice_id
        self._mine = _files_in(self._mine_dir)  # usually none: no folder
        self._clips = _files_in(self.clip_dir)

    def user_recording(self, number: int) -> Path | None:
        """The user's own recording of phrase `number`, if they made one."""
        for suffix in RECORDING_SUFFIXES:
            if f"{number}{suffix}" in self._mine:
                return self._mine_dir / f"{number}{suffix}"
        return None

    def recorded(self, phrase: Phrase, manifest: NarrationManifest | None) -> tuple[Path, float | None] | None:
        mine = self.user_recording(phrase.number)
        if mine is not None:
            return mine, None
        bundled = self._bundled(phrase, manifest)
        return (self.clip_dir / bundled.file, bundled.duration) if bundled is not None else None

    def voiced(self, phrase: Phrase, manifest: NarrationManifest | None) -> bool:
        """Whether `recorded` finds a voice for `phrase` (asked of every phrase as the library loads)."""
        number = phrase.number
        mine = self._mine and any(f"{number}{suffix}" in self._mine for suffix in RECORDING_SUFFIXES)
        return bool(mine) or self._bundled(phrase, manifest) is not None

    def _bundled(self, phrase: Phrase, manifest: NarrationManifest | None) -> ManifestClip | None:
        return manifest.current_clip(phrase, self.clip_dir, self._clips) if manifest is not None else None


def _files_in(folder: Path) -> frozenset[str]:
    """The names of the files in `folder`: none when there is no such folder, or it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries if entry.is_file())
    except OSError:
        return frozenset()


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


def every_phrase_recorded(practice: Practice, narration: Path, recordings: Path) -> bool:
    """Whether each phrase has a recording (the user's own, or a current bundled clip): the library's
    narration status. `narration` and `recordings` are the folders, found once for the whole library."""
    manifest = _quiet_manifest(narration / practice.id / MANIFEST_NAME)
    voices = _PhraseVoices(practice.id, narration, recordings)
    return all(voices.voiced(phrase, manifest) for phrase in practice.phrases())


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
        from kindly.core.practice_schedule import schedule_practice

        return schedule_practice(self.practice, config, self.durations, self.clips)


class Voice(Protocol):
    """What `prepare_narration` needs of a system voice (`kindly.audio.system_voice.SystemVoice`)."""

    def clip_for(self, text: str) -> PhraseClip:
        """The phrase spoken into a (cached) file."""
        ...


def prepare_narration(practice: Practice, voice: Voice | Literal["auto"] | None = "auto") -> PreparedNarration:
    """Find or make the voice of every phrase.

    Args:
        practice: the practice to voice.
        voice: a system voice for phrases with no recording; "auto" finds the
            machine's (festival or espeak-ng); None means captions only.
    """
    if voice == "auto":
        from kindly.audio.system_voice import SystemVoice

        voice = SystemVoice.find()
    from kindly.core.practice_schedule import estimated_speech_seconds

    manifest = _quiet_manifest(manifest_path(practice.id))
    clips: list[str | None] = []
    durations: list[float] = []
    used_voice = captioned = False
    problem: str | None = None
    voices = _PhraseVoices(practice.id)
    for phrase in practice.phrases():
        recorded = voices.recorded(phrase, manifest)
        if recorded is not None:
            path, seconds = recorded
            clips.append(str(path.resolve()))
            durations.append(seconds if seconds is not None else recording_seconds(path))
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


def speak_ahead(practice: Practice, voice: Voice, carry_on: Callable[[], bool]) -> bool:
    """Speak each phrase of `practice` that has no recording into the voice's cache, asking
    `carry_on` before each: a slow voice (Kokoro, about real time on one core) then leaves the
    first session of a person's own script nothing to wait for. False when told to stop.

    Raises:
        KindlyFailure: the voice failed (the session would say so, in one line, when it starts).
    """
    manifest = _quiet_manifest(manifest_path(practice.id))
    voices = _PhraseVoices(practice.id)
    for phrase in practice.phrases():
        if voices.voiced(phrase, manifest):
            continue
        if not carry_on():
            return False
        voice.clip_for(phrase.text)  # spoken now, or found in the cache
    return True


def narration_for_session(
    practice_id: str,
    config: SessionConfig,
    library: PracticeLibrary | None = None,
    voice: Voice | Literal["auto"] | None = "auto",
) -> tuple[list[Cue], Narration]:
    """The narration cues of practice `practice_id` for this session, and how they will sound."""
    entry = (library or load_library()).get(practice_id)
    prepared = prepare_narration(entry.practice, voice)
    return prepared.cues(config), prepared.narration
