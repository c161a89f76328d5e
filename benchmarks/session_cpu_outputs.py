"""CPU of a hidden session playing through the PortAudio output, beside the same session through simpleaudio.

Two copies of the real app, `kindly --tray --start timer-5` (bells and
breath cues, the window minimised as `session_cpu` does it), run at once on a private Xvfb with trayer, both
sounding through one private PulseAudio null sink; each is made to play
through one output mode (`session_output_child.py`). The figure is the
candidate's process CPU over the window, as % of one core (the contract's
unit; the note gives CPU seconds per minute of session), the baseline the
simpleaudio copy's in the same window.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_outputs import BASELINE, CANDIDATE, output_class, unavailable
from bench_report import Budget, Measurement, NotMeasured

CPU_BUDGET = Budget(1, kind="value", unit="%")
PRACTICE = "timer-5"


def name(candidate: str = CANDIDATE) -> str:
    return f"session-cpu-hidden-{candidate}"


def measure(
    window_s: float, settle_s: float, candidate: str = CANDIDATE, baseline: str = BASELINE
) -> list[Measurement | NotMeasured]:
    why = unavailable(candidate, baseline)
    if why:
        return [NotMeasured(name(candidate), why)]
    from bench_processes import (
        BENCH_DIR,
        PYTHON,
        cpu_seconds,
        kindly_env,
        minimise_window,
        missing_display_tools,
        spawn_logged,
        stop,
        xvfb_with_tray,
    )
    from bench_pulse import missing_pulse_tools, pulse_null_sink

    missing = missing_display_tools() + missing_pulse_tools()
    if missing:
        return [NotMeasured(name(candidate), f"{', '.join(missing)} not installed")]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-outputs-") as tmp:
        home = Path(tmp)
        with pulse_null_sink(home / "pulse") as pulse, xvfb_with_tray() as display:
            processes = {
                mode: spawn_logged(
                    [PYTHON, str(BENCH_DIR / "session_output_child.py"), mode, "--tray", "--start", PRACTICE],
                    pulse.env(display.env(kindly_env(home / mode))),
                    home / f"{mode}.log",
                )
                for mode in (candidate, baseline)
            }
            try:
                time.sleep(settle_s)
                for process in processes.values():
                    for window in display.viewable_windows_of(process.pid):
                        minimise_window(display.name, window)
                time.sleep(0.5)  # let Qt hear that its window is no longer exposed
                for mode, process in processes.items():
                    if process.poll() is not None:
                        log = (home / f"{mode}.log").read_text()[-300:]
                        return [NotMeasured(name(candidate), f"{mode} exited with status {process.returncode}: {log}")]
                before = {mode: cpu_seconds(p.pid) for mode, p in processes.items()}
                started = time.monotonic()
                streams = dict.fromkeys(processes, 0)
                # The sound server is asked now and then (the harness's wake-ups): proof each session plays.
                while (remaining := window_s - (time.monotonic() - started)) > 0:
                    for mode, process in processes.items():
                        streams[mode] = max(streams[mode], pulse.streams_of(process.pid))
                    time.sleep(min(2.0, remaining))
                elapsed = time.monotonic() - started
                percent = {mode: 100 * (cpu_seconds(p.pid) - before[mode]) / elapsed for mode, p in processes.items()}
                ended = [mode for mode, p in processes.items() if p.poll() is not None]
            finally:
                for process in processes.values():
                    stop(process)
        outputs = {mode: output_class((home / f"{mode}.log").read_text().splitlines()) for mode in processes}
    if ended:
        return [NotMeasured(name(candidate), f"{', '.join(ended)} ended during the window")]
    if outputs[candidate] is None or outputs[candidate] == outputs[baseline]:
        why = f"{candidate!r} played through {outputs[candidate]}, as {baseline!r} did ({outputs[baseline]})"
        return [NotMeasured(name(candidate), why)]
    per_minute = percent[candidate] * 60 / 100
    sound = ", ".join(f"{mode} {count} PulseAudio stream(s)" for mode, count in streams.items())
    return [
        Measurement(
            name(candidate),
            percent[candidate],
            "%",
            percent[baseline],
            f"{outputs[baseline]} ({baseline}), same window",
            CPU_BUDGET,
            note=f"kindly --tray --start {PRACTICE} through {outputs[candidate]}, {elapsed:.0f} s; "
            f"{per_minute:.2f} CPU s per minute of session; at most {sound} seen at once",
        )
    ]
