"""`kindly self-test`: one line per check of assets, mixing, storage and the audio device.

It runs inside a frozen bundle too, where it is the proof that the bundle
carries everything Kindly needs. Each check returns a one-line result; the
exit status is 0 only when every check passes.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kindly.argument_parsing import whole_option
from kindly.core.errors import KindlyFailure, KindlyInputError


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str


Check = Callable[[], CheckResult]


def check_sounds() -> CheckResult:
    """Every bundled bell, cue and ambient bed decodes."""
    from kindly.audio.sound_bank import SoundBank
    from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS, BREATH_CUES, COUNT_BELL

    bank = SoundBank()
    names = [*BELLS, COUNT_BELL, *sorted(set(BREATH_CUES.values()))]
    seconds = sum(len(bank.named(n)) for n in names) + sum(len(bank.ambient(a)) for a in AMBIENT_BEDS)
    return CheckResult(True, f"{len(names) + len(AMBIENT_BEDS)} sounds decode ({seconds / 44100:.0f} s of audio)")


def check_mixing() -> CheckResult:
    """A short session with every layer mixes into an audible WAV."""
    import wave

    import numpy as np

    from kindly.audio.session_mixer import SessionMixer
    from kindly.audio.sound_bank import SoundBank
    from kindly.audio.wav_render import write_wav
    from kindly.core.breath_pattern import parse_breath_pattern
    from kindly.core.session_config import SessionConfig
    from kindly.core.session_plan import build_session_plan
    from kindly.core.sound_catalog import AMBIENT_BEDS

    config = SessionConfig(
        minutes=0.25, warmup_s=1.0, breath=parse_breath_pattern("box"), ambient=next(iter(AMBIENT_BEDS))
    )
    plan = build_session_plan(config)
    with tempfile.TemporaryDirectory(prefix="kindly-self-test-") as tmp:
        out = Path(tmp) / "mix.wav"
        write_wav(SessionMixer(plan, SoundBank()), out)
        with wave.open(str(out), "rb") as wav:
            frames = wav.readframes(wav.getnframes())
            rate = wav.getframerate()
    samples = np.frombuffer(frames, dtype="<i2")
    peak = int(np.abs(samples).max()) if len(samples) else 0
    if rate != 44100 or peak < 1000:
        return CheckResult(False, f"mixed audio is wrong (rate {rate}, peak {peak})")
    return CheckResult(True, f"{len(plan.cues)} cues mixed into {len(samples) / rate:.1f} s at {rate} Hz")


def check_practices() -> CheckResult:
    """Every bundled practice parses, every one of its phrases has a recorded clip, and the home page
    lists them from their index (which a bundle that changed a file on the way would pass over)."""
    from kindly.library.practice_catalogue import library_line
    from kindly.library.practice_index import read_index
    from kindly.library.practice_library import bundled_practices

    try:
        bundled = bundled_practices()
    except KindlyInputError as exc:
        return CheckResult(False, str(exc))
    with tempfile.TemporaryDirectory(prefix="kindly-self-test-") as no_user_scripts:
        indexed = read_index(user_scripts=Path(no_user_scripts))
    if indexed != [library_line(e) for e in bundled]:
        return CheckResult(False, "the practice index does not match the bundled scripts and clips")
    phrases = sum(len(e.practice.phrases()) for e in bundled)
    return CheckResult(True, f"{len(bundled)} practices, {phrases} recorded phrases, listed from their index")


def check_storage() -> CheckResult:
    """A session survives a round trip through a real history file (in a temporary data dir)."""
    from kindly.core.clock import SystemClock
    from kindly.store.history_opening import open_history
    from kindly.store.recorder import SessionRecorder

    with tempfile.TemporaryDirectory(prefix="kindly-self-test-") as tmp:
        store = open_history(Path(tmp))
        try:
            recorder = SessionRecorder(store, SystemClock())
            session = recorder.begin(600.0, None)
            recorder.checkpoint(session, 30.0)
            recorder.finish(session, 600.0, True)
        finally:
            store.close()
        reopened = open_history(Path(tmp))
        try:
            sessions = reopened.sessions()
        finally:
            reopened.close()
    if len(sessions) != 1 or sessions[0].practised_s != 600.0 or not sessions[0].completed:
        return CheckResult(False, f"a recorded session did not read back intact: {sessions}")
    return CheckResult(True, "a session was written, checkpointed, finished and read back (SQLite, WAL)")


def check_privacy() -> CheckResult:
    """Your data and settings folders can be read by you alone: checked, on Windows from their access lists."""
    from kindly import locations
    from kindly.platform.private_files import privacy_problem

    folders = [folder for folder in (locations.data_dir(), locations.config_dir()) if folder.is_dir()]
    problems = [problem for problem in map(privacy_problem, folders) if problem is not None]
    if problems:
        return CheckResult(False, "; ".join(problems))
    if not folders:
        return CheckResult(True, "no data or settings folder yet: each is made readable by you alone")
    return CheckResult(True, f"readable by you alone: {', '.join(str(folder) for folder in folders)}")


def check_audio() -> CheckResult:
    """The output sessions will sound through on this machine, and why (its device opened and let go).

    No device passes: Kindly is made to run a session silently then, with its
    visual cues, telling the user once, so a machine without sound (a server,
    CI, a muted kiosk) is still a working Kindly; the line says so. Neither
    PortAudio nor its fallback simpleaudio loading fails: an install must carry one.
    """
    from kindly.audio.player_factory import audio_report

    choice = audio_report()
    return CheckResult(choice.usable, choice.reason)


def check_qt() -> CheckResult:
    """The Qt binding keeps its references straight (a faulty one aborts mid-session)."""
    from kindly.ui.app.qt_binding_check import binding_versions, measure_none_references

    report = measure_none_references()
    if not report.sound:
        return CheckResult(False, f"{report.fault()}: sessions would crash")
    return CheckResult(True, f"{binding_versions()}: no reference lost in {report.calls} calls")


CHECKS: dict[str, Check] = {
    "qt": check_qt,
    "sounds": check_sounds,
    "mixing": check_mixing,
    "practices": check_practices,
    "storage": check_storage,
    "privacy": check_privacy,
    "audio": check_audio,
}


def check_window(seconds: float) -> CheckResult:
    """The real window through a visible session of `seconds`, then its stats page repainted (kindly.ui.app.window_check)."""
    from kindly.ui.app.window_check import run_window_check

    report = run_window_check(seconds)
    detail = (
        f"a session kept on screen for {report.seconds:g} s ({report.pacer_paints} pacer frames), "
        f"'Your practice' repainted {report.stats_repaints} times"
    )
    if report.warnings:
        return CheckResult(False, f"Qt warned: {report.warnings[0]}")
    if report.finished_early:
        return CheckResult(False, "the session ended before the check did")
    return CheckResult(report.ok, detail if report.ok else f"too few paints: {detail}")


WINDOW_CHECK = "window"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", metavar="CHECK", choices=[*CHECKS, WINDOW_CHECK], help="run one check")
    parser.add_argument(
        "--window",
        metavar="SECONDS",
        type=whole_option("--window", at_least=1, at_most=3600),
        default=None,
        help="also keep the window through a session for SECONDS and repaint its pages",
    )


def run(options: argparse.Namespace) -> int:
    failed = 0
    checks = dict(CHECKS)
    if options.window is not None or options.only == WINDOW_CHECK:
        seconds = float(options.window) if options.window is not None else 60.0
        checks[WINDOW_CHECK] = lambda: check_window(seconds)
    for name, check in checks.items():
        if options.only and name != options.only:
            continue
        try:
            result = check()
        except (KindlyFailure, KindlyInputError, OSError) as exc:
            result = CheckResult(False, str(exc))
        except Exception as exc:  # a diagnostic reports every failure, whatever it is
            result = CheckResult(False, f"{type(exc).__name__}: {exc}")
        print(f"{name:<10} {'ok' if result.ok else 'FAILED'}  {result.detail}", flush=True)
        failed += not result.ok
    return 1 if failed else 0
