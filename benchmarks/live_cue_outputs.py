"""Live cue timing of the PortAudio output beside simpleaudio's voices, one after the other in the same run.

The live capture's own harness (tests/audio/live_capture.py): a private
PulseAudio null sink, Kindly's real player in a child process on the system
clock (`live_session_driver.py --mode MODE`), `parec` on the sink's monitor,
matched-filter onsets against the start bell. The same short session (bells,
breath cues and an ambient bed) plays through each output in turn; each
line is the candidate's figure beside the baseline's, with the ±20 ms budget
on the worst cue.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_outputs import BASELINE, CANDIDATE, output_class, unavailable
from bench_report import Budget, Measurement, NotMeasured

WORST_BUDGET = Budget(20, kind="value", unit="ms")


def names(candidate: str = CANDIDATE) -> tuple[str, str]:
    return (f"live-cue-worst-{candidate}", f"live-cue-median-{candidate}")


@dataclass(frozen=True)
class CueErrors:
    output: str  # the class that played, as the driver reported it
    cues: int
    worst_ms: float  # the largest |onset error|
    median_ms: float  # the median |onset error|


def measure(quick: bool, candidate: str = CANDIDATE, baseline: str = BASELINE) -> list[Measurement | NotMeasured]:
    why = unavailable(candidate, baseline)
    if why:
        return [NotMeasured(name, why) for name in names(candidate)]
    from bench_pulse import missing_pulse_tools

    missing = missing_pulse_tools()
    if missing:
        return [NotMeasured(name, f"{', '.join(missing)} not installed") for name in names(candidate)]
    minutes = 0.5 if quick else 1.0
    errors = {mode: capture(mode, minutes) for mode in (candidate, baseline)}
    if errors[candidate].output == errors[baseline].output:
        why = f"{candidate!r} played through {errors[candidate].output}, as {baseline!r} did (a fallback)"
        return [NotMeasured(name, why) for name in names(candidate)]
    ours, theirs = errors[candidate], errors[baseline]
    note = (
        f"{ours.output} vs {theirs.output}, {ours.cues} cues of a {minutes:g}-minute session each, "
        "through a PulseAudio null sink"
    )
    worst, median = names(candidate)
    return [
        Measurement(worst, ours.worst_ms, "ms", theirs.worst_ms, f"{baseline}, same run", WORST_BUDGET, note=note),
        Measurement(median, ours.median_ms, "ms", theirs.median_ms, f"{baseline}, same run", None, note=note),
    ]


def capture(mode: str, minutes: float) -> CueErrors:
    """One session played live through `mode` and recorded; its cues' onset errors against the start bell."""
    from audio.live_capture import LiveSession, cue_onsets, run_live_session
    from kindly.audio.sound_bank import SoundBank
    from pulse_server import start_pulse_server, stop_process

    session = LiveSession(
        minutes=minutes,
        warmup_s=3.0,
        breath="calm",
        interval_bell_min=0.25,
        bell="bowl",
        ambient="rain",
        volumes={"bells": 80, "breath": 60, "narration": 90, "ambient": 35},
    )
    with tempfile.TemporaryDirectory(prefix=f"kindly-bench-cues-{mode}-") as tmp:
        server, process = start_pulse_server(Path(tmp) / "pulse")
        try:
            run = run_live_session(server, session, Path(tmp) / "run", mode=mode)
        finally:
            stop_process(process)
    onsets = cue_onsets(run.capture, session.plan(), SoundBank())
    errors_ms = [abs(onset.error_s) * 1000 for onset in onsets[1:]]  # the start bell is time zero
    return CueErrors(output_class(run.lines) or "?", len(onsets), max(errors_ms), statistics.median(errors_ms))
