"""The manifest of a practice's recorded clips: which text each clip speaks, its file and length.

`render_narration` writes one per practice into `assets/audio/narration/<id>/`;
the library reads it to schedule a session without decoding any audio, and
to tell a clip recorded from an older wording of a phrase (its hash differs).
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kindly.core.errors import KindlyFailure
from kindly.core.practice_script import Phrase
from kindly.locations import MANIFEST_NAME, narration_dir
from kindly.user_files import output_file, umask_mode

MANIFEST_VERSION = 1


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

    def current_clip(
        self, phrase: Phrase, clip_dir: Path, present: Collection[str] | None = None
    ) -> ManifestClip | None:
        """The clip that voices `phrase` as it reads now: recorded from the same text, and still there.

        The one rule for "this phrase has a current clip": a session, the
        library's narration status and `make narration` all ask here.
        `present` names the files in `clip_dir` when the caller listed it once
        (the library, for every phrase of every practice); else each is looked for.
        """
        wanted = phrase.sha256  # hashed once, not once a clip
        for clip in self.clips:
            if clip.sha256 == wanted:
                there = clip.file in present if present is not None else (clip_dir / clip.file).is_file()
                return clip if there else None
        return None

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
    path.parent.mkdir(parents=True, exist_ok=True)
    with output_file(str(path), umask_mode()) as out:  # a project file, made like any other
        out.write((json.dumps(manifest.to_json(), indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
