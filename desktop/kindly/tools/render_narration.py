"""Record the bundled practices' narration offline: one Ogg Opus clip per phrase.

    python -m kindly.tools.render_narration [--practice ID] [--engine kokoro|piper|festival|espeak-ng]
                                            [--piper-model PATH] [--jobs N] [--hear SCORE [--relisten]]

Clips go to `assets/audio/narration/<id>/`, named by the hash of their text,
with a `manifest.json` giving each phrase's clip, text hash and length (so
scheduling never decodes audio). Only missing or stale clips are spoken: a
phrase whose text changed, or every phrase when the voice changed. Clips no
longer used are removed. Each clip is trimmed, faded and matched to the
bells' loudness, then written as mono Ogg Opus at a modest bitrate to keep the
bundle small. With `--hear SCORE` (in the narration test environment, where
DistillMOS is) a clip the listener model hears under SCORE at that bitrate is
written again finer, step by step, until it is heard at SCORE; `--relisten`
also speaks again the clips already there that it hears under SCORE.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import soundfile

from kindly import locations
from kindly.audio.speech.engine_choice import ENGINES, choose_engine
from kindly.audio.speech.piper_engine import PiperEngine
from kindly.audio.speech.speaker import EngineMissing, Speaker
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import Phrase, Practice, parse_practice
from kindly.core.script_text import decode_script
from kindly.library.narration_manifest import (
    ManifestClip,
    NarrationManifest,
    load_manifest,
    manifest_path,
    write_manifest,
)
from kindly.tools.score_narration import ISSUE_CLIP_MOS, rated_whole

# Opus (in Ogg) at libsndfile's compression level 0.9: about 30 kbit/s for this mono 24 kHz voice, a
# little smaller than the Vorbis at 0.9 it replaced, which DistillMOS heard 0.2 to 0.3 below the
# unencoded clip; Opus at the same size costs about half that. Vorbis good enough to match (0.7) is
# 28 % larger, and the Linux bundle has no room for it under its 1.3x budget. libsndfile has decoded
# Ogg Opus since 1.0.29; soundfile's wheels for Windows, macOS and Linux all carry it.
# Opus takes only these rates: a voice at another (Piper's and espeak-ng's 22.05 kHz) stays in Vorbis.
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
CLIP_COMPRESSION = 0.9
# A clip heard under `--hear`'s score at 0.9 is coded again at each of these until it is heard at it:
# measured on the 14 long clips DistillMOS heard under 4.3, 0.8 lifts 9 of them (about 1.75x the bytes of
# the clip), 0.6 the rest that reach 4.3 unencoded (about 3.3x). Only those clips grow: a few hundred kB.
FINER_COMPRESSIONS = (0.8, 0.7, 0.6, 0.5)
CLIP_SUFFIX = ".ogg"

Speak = Callable[[str], "tuple[np.ndarray, int]"]
# A listener's rating (1-5) of mono samples at a rate: DistillMOS's, by `score_narration.MosScorer`.
Hear = Callable[["np.ndarray", int], float]
Choose = Callable[[str | None], Speaker]
# What else the options offer, after what an engine asked for by name needs.
OTHERWISE = {"piper": ", or --piper-model PATH"}


def parsed_bundled_scripts(scripts: Path | None = None) -> list[Practice]:
    """Every bundled script, parsed; a broken one stops the tool (it is ours to fix)."""
    folder = scripts or locations.scripts_dir()
    practices = []
    for path in sorted(folder.glob("*.txt")):
        practices.append(parse_practice(decode_script(path.read_bytes(), path.name), path.name))
    return practices


def clip_name(phrase: Phrase) -> str:
    return phrase.sha256[:16] + CLIP_SUFFIX


def plan_practice(
    practice: Practice, voice: str, base: Path, heard_under: Callable[[Path], bool] | None = None
) -> tuple[list[Phrase], NarrationManifest | None]:
    """The phrases to speak (missing, changed, all when the voice changed, and those whose clip
    `heard_under` names) and the old manifest."""
    manifest = load_manifest(manifest_path(practice.id, base))
    folder = base / practice.id
    if manifest is None or manifest.voice != voice:
        return _unique(practice.phrases()), manifest
    stale = []
    for phrase in practice.phrases():
        clip = manifest.current_clip(phrase, folder)
        if clip is None or (heard_under is not None and heard_under(folder / clip.file)):
            stale.append(phrase)
    return _unique(stale), manifest


def _unique(phrases: Sequence[Phrase]) -> list[Phrase]:
    """A phrase said twice in a script is spoken once: both share one clip."""
    seen: set[str] = set()
    out = []
    for phrase in phrases:
        if phrase.sha256 not in seen:
            seen.add(phrase.sha256)
            out.append(phrase)
    return out


def clip_subtype(rate: int) -> str:
    """Opus where the voice's rate allows it, else Vorbis (both in Ogg: the app decodes either)."""
    return "OPUS" if rate in OPUS_RATES else "VORBIS"


def write_clip(path: Path, samples: np.ndarray, rate: int, compression: float = CLIP_COMPRESSION) -> float:
    """Encode one clip atomically as mono Ogg (`clip_subtype`); returns its length in seconds."""
    fd, tmp = tempfile.mkstemp(prefix=".clip.", suffix=CLIP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        soundfile.write(
            tmp,
            np.clip(samples, -1.0, 1.0),
            rate,
            format="OGG",
            subtype=clip_subtype(rate),
            compression_level=compression,
        )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return round(soundfile.info(str(path)).frames / rate, 4)


def heard_score(path: Path, hear: Hear) -> float:
    """How the listener hears the clip at `path`, decoded as the app decodes it."""
    samples, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    return hear(samples.mean(axis=1), rate)


def write_heard_clip(
    path: Path, samples: np.ndarray, rate: int, hear: Hear, target: float
) -> tuple[float, float, float]:
    """Write the clip at the coarsest compression `hear` rates at `target` or above; returns its length in
    seconds, that compression and the score heard.

    When no step reaches `target` (the voice itself is heard under it) the usual code is kept, and its
    score returned: bytes are spent only where they reach the score.
    """
    usual: tuple[float, float] | None = None  # (seconds, score) at the usual code
    for compression in (CLIP_COMPRESSION, *FINER_COMPRESSIONS):
        seconds = write_clip(path, samples, rate, compression)
        score = heard_score(path, hear)
        if score >= target:
            return seconds, compression, score
        usual = usual or (seconds, score)
    assert usual is not None
    return write_clip(path, samples, rate), CLIP_COMPRESSION, usual[1]


def render_practice(
    practice: Practice,
    speak: Speak,
    voice: str,
    base: Path,
    jobs: int = 1,
    report: Callable[[str], None] = lambda _line: None,
    hear: Hear | None = None,
    target: float = 0.0,
    relisten: bool = False,
) -> tuple[int, int]:
    """Bring one practice's clips and manifest up to date; returns (spoken, kept).

    With `hear`, each clip spoken is coded as coarsely as `hear` allows at `target` (`write_heard_clip`);
    with `relisten` too, the clips already there that it hears under `target` are spoken again.
    """
    folder = base / practice.id
    folder.mkdir(parents=True, exist_ok=True)
    listener = hear

    def heard_under(clip: Path) -> bool:
        info = soundfile.info(str(clip))
        return listener is not None and rated_whole(info.duration) and heard_score(clip, listener) < target

    todo, old = plan_practice(practice, voice, base, heard_under if relisten else None)
    durations: dict[str, float] = {}
    if old is not None and old.voice == voice:
        durations = {c.sha256: c.duration for c in old.clips}

    def one(phrase: Phrase) -> tuple[str, float]:
        samples, rate = speak(phrase.text)
        path = folder / clip_name(phrase)
        heard = ""
        # DistillMOS rates a short clip with the silence padded on: no code lifts it, so it is not heard.
        if hear is None or not rated_whole(len(samples) / rate):
            seconds = write_clip(path, samples, rate)
        else:
            seconds, compression, score = write_heard_clip(path, samples, rate, hear, target)
            heard = f", heard at {score:.2f} coded at {compression}"
        report(f"  {practice.id} #{phrase.number}: {seconds:.2f} s{heard}  {phrase.text[:60]}")
        return phrase.sha256, seconds

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for sha, seconds in pool.map(one, todo):
            durations[sha] = seconds
    clips = tuple(
        ManifestClip(number=p.number, text=p.text, sha256=p.sha256, file=clip_name(p), duration=durations[p.sha256])
        for p in practice.phrases()
    )
    write_manifest(manifest_path(practice.id, base), NarrationManifest(practice.id, voice, clips))
    used = {c.file for c in clips}
    for leftover in folder.glob(f"*{CLIP_SUFFIX}"):
        if leftover.name not in used:
            leftover.unlink()
    spoken = len(todo)
    return spoken, len(_unique(practice.phrases())) - spoken


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def engine_for(requested: str | None, piper_model: str | None, choose: Choose = choose_engine) -> Speaker:
    """The engine `--engine` and `--piper-model` name; a refusal says which option to change.

    Raises:
        KindlyInputError: a model without `--engine piper`, or a model that is not there.
        KindlyFailure: the engine named is not installed, prefixed by its `--engine`.
    """
    if piper_model and requested != "piper":
        raise KindlyInputError("--piper-model goes with --engine piper")
    if piper_model:
        return _piper_with_model(piper_model)
    try:
        return choose(requested)
    except EngineMissing as exc:
        raise KindlyFailure(f"--engine {exc.engine}: {exc}{OTHERWISE.get(exc.engine, '')}") from None


def _piper_with_model(piper_model: str) -> Speaker:
    if not Path(piper_model).is_file():
        raise KindlyInputError(f"piper model {piper_model} does not exist")
    try:
        return PiperEngine.from_model(Path(piper_model))
    except EngineMissing as exc:
        raise KindlyFailure(f"--engine {exc.engine}: {exc}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--practice", metavar="ID", help="only this practice (default: every bundled practice)")
    parser.add_argument(
        "--engine", choices=ENGINES, help="speech engine (default: kokoro, else piper, festival, espeak-ng)"
    )
    parser.add_argument("--piper-model", metavar="PATH", help="the .onnx voice model for --engine piper")
    parser.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        default=os.cpu_count() or 1,
        help="phrases spoken at once (default: one per core)",
    )
    parser.add_argument(
        "--hear",
        metavar="SCORE",
        type=float,
        nargs="?",
        const=ISSUE_CLIP_MOS,
        help=f"code each clip spoken finer until DistillMOS hears it at SCORE (default {ISSUE_CLIP_MOS:g}; "
        "the narration test environment's)",
    )
    parser.add_argument(
        "--relisten", action="store_true", help="with --hear: also speak again the clips it hears under SCORE"
    )


def distillmos_listener() -> Hear:
    """DistillMOS, from the narration test environment; refused in one line where it is not installed."""
    try:
        from kindly.tools.score_narration import MosScorer

        return MosScorer().score
    except ImportError as exc:
        raise KindlyFailure(
            f"--hear needs DistillMOS ({exc.name} is not installed): run it in build/narration-test-env"
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kindly.tools.render_narration", description=(__doc__ or "").split("\n")[0]
    )
    add_arguments(parser)
    options = parser.parse_args(argv)
    if options.relisten and options.hear is None:
        parser.error("--relisten goes with --hear SCORE")
    try:
        engine = engine_for(options.engine, options.piper_model)
        hear = distillmos_listener() if options.hear is not None else None
        practices = parsed_bundled_scripts()
        if options.practice:
            practices = [p for p in practices if p.id == options.practice]
            if not practices:
                raise KindlyInputError(f"unknown bundled practice {options.practice!r}")
        base = locations.narration_dir()
        print(f"narration: speaking with {engine.voice}", flush=True)
        for practice in practices:
            spoken, kept = render_practice(
                practice,
                engine.speak,
                engine.voice,
                base,
                options.jobs,
                lambda line: print(line, flush=True),
                hear,
                options.hear or 0.0,
                options.relisten,
            )
            print(f"{practice.id}: {spoken} spoken, {kept} up to date", flush=True)
        print(f"narration total: {folder_bytes(base) / 1e6:.2f} MB in {base}")
    except KindlyInputError as exc:
        print(f"render_narration: error: {exc}", file=sys.stderr)
        return 2
    except KindlyFailure as exc:
        print(f"render_narration: failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
