"""`kindly render OUT.wav`: a whole session's audio, exactly as live playback sounds."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import TYPE_CHECKING

from kindly.argument_parsing import number_option, whole_option
from kindly.core.breath_pattern import DEFAULT_PATTERN, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.session_config import (
    BELL_EVERY_BREATHS_MAX,
    GUIDANCE_FEWER,
    GUIDANCE_FULL,
    INTERVAL_MAX_MIN,
    MINUTES_MAX,
    VOLUME_MAX,
    WARMUP_MAX_S,
    LayerVolumes,
    SessionConfig,
)
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, DEFAULT_BELL

if TYPE_CHECKING:
    from kindly.core.practice_script import Practice
    from kindly.library.practice_library import PracticeLibrary

DEFAULT_MINUTES = 10.0
DEFAULT_WARMUP_S = 5.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.wav", help="the WAV file to write (16-bit PCM, 44.1 kHz)")
    parser.add_argument("--practice", metavar="ID", help="a practice id (none: a silent timer with bells)")
    parser.add_argument(
        "--minutes",
        metavar="M",
        type=number_option("--minutes", more_than=0, at_most=MINUTES_MAX),
        help=f"session length, 0 < M <= {MINUTES_MAX:g}",
    )
    parser.add_argument("--breath", metavar="PATTERN", help=f"breath pattern or preset (default: {DEFAULT_PATTERN})")
    parser.add_argument(
        "--warmup",
        metavar="SECONDS",
        type=number_option("--warmup", at_least=0, at_most=WARMUP_MAX_S),
        default=DEFAULT_WARMUP_S,
    )
    parser.add_argument(
        "--interval-bell",
        metavar="MINUTES",
        type=number_option("--interval-bell", at_least=0, at_most=INTERVAL_MAX_MIN),
        default=0.0,
    )
    parser.add_argument(
        "--bell-every-breaths",
        metavar="N",
        type=whole_option("--bell-every-breaths", at_least=0, at_most=BELL_EVERY_BREATHS_MAX),
        default=0,
    )
    cues = parser.add_mutually_exclusive_group()
    cues.add_argument("--no-breath-cues", action="store_true", help="no inhale/hold/exhale cues")
    cues.add_argument(
        "--breath-cues",
        action="store_true",
        help="paced breath cues even for a practice that asks for a natural breath (which starts without them)",
    )
    parser.add_argument(
        "--fewer-words", action="store_true", help="leave a practice's long silences without re-invitations"
    )
    parser.add_argument(
        "--first-session",
        action="store_true",
        help="as a person's first session of the practice: its first-time lines are spoken too",
    )
    parser.add_argument("--bell", metavar="NAME", default=DEFAULT_BELL, help=f"one of: {', '.join(BELLS)}")
    defaults = LayerVolumes()
    for layer in ("bells", "breath", "narration", "ambient"):
        option = f"--volume-{layer}"
        parser.add_argument(
            option, metavar="N", type=whole_option(option, at_least=0, at_most=VOLUME_MAX), default=defaults.get(layer)
        )
    parser.add_argument("--ambient", metavar="NAME", help=f"ambient bed: {', '.join(AMBIENT_BEDS)}")
    parser.add_argument("--timeline", metavar="OUT.json", help="also write the session's timeline as JSON")


def session_from_options(options: argparse.Namespace) -> SessionPlan:
    """Validate every option, then lay out the plan (nothing is written before this succeeds)."""
    practice_id = options.practice
    library = practice = None
    if practice_id is not None:
        from kindly.library.practice_library import load_library

        library = load_library()
        practice = library.get(practice_id).practice
    # A practice brings its own length and breath pattern unless the user chose theirs.
    minutes = options.minutes if options.minutes is not None else DEFAULT_MINUTES
    if options.breath is not None:  # an empty --breath (an unset shell variable) is refused, not ignored
        breath = parse_breath_pattern(options.breath)
    elif practice is not None:
        breath = practice.breath
    else:
        breath = parse_breath_pattern(DEFAULT_PATTERN)
    if practice is not None and options.minutes is None:
        minutes = practice.default_minutes
    config = SessionConfig(
        minutes=minutes,
        breath=breath,
        warmup_s=options.warmup,
        interval_bell_min=options.interval_bell,
        bell_every_breaths=options.bell_every_breaths,
        breath_cues=_breath_cues(options, practice),
        bell=options.bell,
        volumes=LayerVolumes(
            bells=options.volume_bells,
            breath=options.volume_breath,
            narration=options.volume_narration,
            ambient=options.volume_ambient,
        ),
        ambient=options.ambient,
        practice=practice_id,
        guidance=GUIDANCE_FEWER if options.fewer_words else GUIDANCE_FULL,
        first_session=options.first_session,
        soft_end=practice.soft_end if practice is not None else False,
    )
    return build_session_plan(config, narration=practice_narration(config, library))


def _breath_cues(options: argparse.Namespace, practice: Practice | None) -> bool:
    """As asked; else the practice's own default (off for one that asks for a natural breath)."""
    if options.no_breath_cues or options.breath_cues:
        return bool(options.breath_cues)
    return practice.breath_cues if practice is not None else True


def practice_narration(config: SessionConfig, library: PracticeLibrary | None = None) -> list[Cue]:
    """The narration cues of the chosen practice; a silent timer has none.

    Phrases with no voice at all (a user script on a machine with no speech
    engine) are left out, since every event in a render must be audible; the
    user is told how many.
    """
    if config.practice is None:
        return []
    from kindly.library.practice_library import load_library, prepare_narration

    entry = (library or load_library()).get(config.practice)
    prepared = prepare_narration(entry.practice)
    cues = prepared.cues(config)
    voiced = [c for c in cues if c.clip]
    if len(voiced) < len(cues):
        why = prepared.problem or "install espeak-ng or festival, or record them"
        sys.stderr.write(
            f"kindly: note: {len(cues) - len(voiced)} phrase(s) of {config.practice!r} have no voice on this "
            f"machine ({why}) and are left out of the render\n"
        )
    return voiced


def _write_timeline(name: str, text: bytes) -> None:
    from kindly.user_files import output_file, umask_mode

    with output_file(name, umask_mode()) as timeline_file:
        timeline_file.write(text)


def run(options: argparse.Namespace) -> int:
    from kindly.user_files import check_writable, is_standard_output, is_stream, output_file, umask_mode

    out, timeline = options.out, options.timeline
    check_writable(out)
    if timeline is not None:
        check_writable(timeline)
        if is_standard_output(out) and is_standard_output(timeline):
            raise KindlyInputError("the WAV and --timeline cannot both go to standard output (name a file for one)")
        if not is_standard_output(timeline) and os.path.realpath(timeline) == os.path.realpath(out):
            raise KindlyInputError(f"--timeline {timeline} is the WAV file itself (name another file)")
    plan = session_from_options(options)

    from kindly.audio.session_mixer import SessionMixer
    from kindly.audio.sound_bank import SoundBank
    from kindly.audio.wav_render import ProgressReporter, write_wav_to

    started = time.monotonic()
    mixer = SessionMixer(plan, SoundBank())
    reporter = ProgressReporter(sys.stderr.write, plan.duration_s)
    timeline_json = (json.dumps(plan.to_json(), indent=1) + "\n").encode("utf-8") if timeline else b""
    streamed = is_stream(out)
    if timeline is not None and streamed:
        # A stream cannot be taken back: the timeline first, so a failed one means no sound was sent.
        _write_timeline(timeline, timeline_json)
    with output_file(out, umask_mode()) as wav:
        write_wav_to(mixer, wav, progress=reporter)
        if timeline is not None and not streamed:
            # The WAV is complete and on disk but not yet in place: the timeline goes in first, and
            # if it fails the old WAV (if any) is untouched. Only a rename then separates the two.
            wav.flush()
            os.fsync(wav.fileno())
            _write_timeline(timeline, timeline_json)
    if reporter.reported:
        elapsed = time.monotonic() - started
        sys.stderr.write(
            f"kindly: rendered {plan.duration_s:.0f} s of audio in {elapsed:.1f} s "
            f"({plan.duration_s / max(elapsed, 1e-9):.0f}x real time)\n"
        )
    return 0
