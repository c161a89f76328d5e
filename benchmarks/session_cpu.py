"""CPU during a session with the window hidden, and the app's peak memory while a narrated session plays.

The real app, started as a user would: `kindly --tray --start timer-5` (the
silent timer preset: bells and breath cues) and `kindly --tray --start
PRACTICE` (narrated), on a private Xvfb with trayer, sounding through a
private PulseAudio null sink (so the live player really plays, as it would
on a machine with speakers). A main window that is still shown is unmapped
the way a window manager minimises it, so nothing is painted. The baseline
is a bare PySide6 window idling in the same window of time.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from bench_processes import (
    BENCH_DIR,
    PYTHON,
    XDisplay,
    cpu_seconds,
    kindly_env,
    minimise_window,
    missing_display_tools,
    peak_rss_mb,
    rss_mb,
    spawn_logged,
    stop,
    xvfb_with_tray,
)
from bench_pulse import PulseServer, missing_pulse_tools, pulse_null_sink
from bench_report import Budget, Measurement, NotMeasured
from render_speed import choose_practice

BASELINE = "bare PySide6 window, idle"
TIMER = "timer-5"
NAMES = ("session-cpu-hidden-timer", "session-cpu-hidden-narrated", "session-live-peak-rss")
CPU_BUDGET = Budget(1, kind="value", unit="%")
RSS_BUDGET = Budget(120, kind="value", unit="MB")


def measure(window_s: float, settle_s: float) -> list[Measurement | NotMeasured]:
    missing = missing_display_tools() + missing_pulse_tools()
    if missing:
        return [NotMeasured(name, f"{', '.join(missing)} not installed") for name in NAMES]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-session-") as tmp:
        home = Path(tmp)
        practice = choose_practice(kindly_env(home / "list"), 60)
        with pulse_null_sink(home / "pulse") as pulse, xvfb_with_tray() as display:
            names = {"timer": TIMER, "narrated": practice or TIMER}
            processes = {
                label: spawn_logged(
                    [PYTHON, "-m", "kindly", "--tray", "--start", name],
                    pulse.env(display.env(kindly_env(home / label))),
                    home / f"{label}.log",
                )
                for label, name in names.items()
            }
            processes["bare"] = spawn_logged(
                [PYTHON, str(BENCH_DIR / "bare_window.py")], display.env(kindly_env(home / "bare")), home / "bare.log"
            )
            try:
                return _measure(processes, names, display, pulse, window_s, settle_s, home)
            finally:
                for process in processes.values():
                    stop(process)


def _measure(
    processes: dict[str, subprocess.Popen[bytes]],
    names: dict[str, str],
    display: XDisplay,
    pulse: PulseServer,
    window_s: float,
    settle_s: float,
    home: Path,
) -> list[Measurement | NotMeasured]:
    time.sleep(settle_s)
    hidden = {}
    for label in ("timer", "narrated"):
        windows = display.viewable_windows_of(processes[label].pid)
        for window in windows:
            minimise_window(display.name, window)
        hidden[label] = (
            "window minimised (WM_STATE Iconic + unmap, as a WM does)" if windows else "no window shown (--tray)"
        )
    time.sleep(0.5)  # let Qt hear that its window is no longer exposed
    for label, process in processes.items():
        if process.poll() is not None:
            why = f"{label} exited with status {process.returncode}: {(home / f'{label}.log').read_text()[-300:]}"
            return [NotMeasured(name, why) for name in NAMES]
    pids = {label: p.pid for label, p in processes.items()}
    before = {label: cpu_seconds(pid) for label, pid in pids.items()}
    started = time.monotonic()
    streams = {"timer": 0, "narrated": 0}
    # Look at the sound server now and then (harness wake-ups, not Kindly's): proof the session really plays.
    while (remaining := window_s - (time.monotonic() - started)) > 0:
        for label in streams:
            streams[label] = max(streams[label], pulse.streams_of(pids[label]))
        time.sleep(min(2.0, remaining))
    elapsed = time.monotonic() - started
    percent = {label: 100 * (cpu_seconds(pid) - before[label]) / elapsed for label, pid in pids.items()}
    peak = peak_rss_mb(pids["narrated"])
    timer_peak = peak_rss_mb(pids["timer"])
    bare_rss = rss_mb(pids["bare"])
    for label, process in processes.items():
        if process.poll() is not None:
            why = f"{label} ended during the window: {(home / f'{label}.log').read_text()[-300:]}"
            return [NotMeasured(name, why) for name in NAMES]

    def note(label: str) -> str:
        sound = f"{streams[label]} PulseAudio stream(s) seen at once" if streams[label] else "no audio stream seen"
        return f"kindly --tray --start {names[label]}, {hidden[label]}, {elapsed:.0f} s, {sound}"

    return [
        Measurement(
            "session-cpu-hidden-timer", percent["timer"], "%", percent["bare"], BASELINE, CPU_BUDGET, note=note("timer")
        ),
        Measurement(
            "session-cpu-hidden-narrated",
            percent["narrated"],
            "%",
            percent["bare"],
            BASELINE,
            CPU_BUDGET,
            note=note("narrated"),
        ),
        Measurement(
            "session-live-peak-rss",
            peak,
            "MB",
            bare_rss,
            "bare PySide6 window RSS",
            RSS_BUDGET,
            note=f"the app, first {settle_s + elapsed:.0f} s of {names['narrated']} in real time through "
            f"PulseAudio; the silent timer's peak {timer_peak:.1f} MB",
        ),
    ]
