"""CPU during a session with the window visible, beside a bare widget animating a circle of the same size.

The real app, started as a user would (`kindly --start timer-5`: the window
shows the session screen, the pacer breathes, bells and breath cues sound
through a private PulseAudio null sink), on a private Xvfb with trayer. The
baseline runs in the same window of time: `gradient_circle.py`, a bare
PySide6 widget of the pacer's size animating one gradient circle at the
pacer's own frame rate. The budget is 1.0x: a visible Kindly session may
cost no more than drawing that circle alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_processes import (
    BENCH_DIR,
    PYTHON,
    cpu_seconds,
    kindly_env,
    missing_display_tools,
    spawn_logged,
    stop,
    xvfb_with_tray,
)
from bench_pulse import missing_pulse_tools, pulse_null_sink
from bench_report import Budget, Measurement, NotMeasured

NAME = "session-cpu-visible"
BUDGET = Budget(1.0)


def pacer_fps() -> float:
    from kindly.ui.session.breath_pacer import FRAME_INTERVAL_MS

    return 1000.0 / FRAME_INTERVAL_MS


def measure(window_s: float, settle_s: float) -> list[Measurement | NotMeasured]:
    missing = missing_display_tools() + missing_pulse_tools()
    if missing:
        return [NotMeasured(NAME, f"{', '.join(missing)} not installed")]
    fps = pacer_fps()
    with tempfile.TemporaryDirectory(prefix="kindly-bench-visible-") as tmp:
        home = Path(tmp)
        with pulse_null_sink(home / "pulse") as pulse, xvfb_with_tray() as display:
            kindly = spawn_logged(
                [PYTHON, "-m", "kindly", "--start", "timer-5"],
                pulse.env(display.env(kindly_env(home / "kindly"))),
                home / "kindly.log",
            )
            circle = spawn_logged(
                [PYTHON, str(BENCH_DIR / "gradient_circle.py"), "--fps", f"{fps:g}"],
                display.env(kindly_env(home / "circle")),
                home / "circle.log",
            )
            try:
                time.sleep(settle_s)
                for label, process in (("kindly", kindly), ("circle", circle)):
                    if process.poll() is not None:
                        log = (home / f"{label}.log").read_text()[-300:]
                        return [NotMeasured(NAME, f"{label} exited with status {process.returncode}: {log}")]
                shown = bool(display.viewable_windows_of(kindly.pid))
                before = {p.pid: cpu_seconds(p.pid) for p in (kindly, circle)}
                started = time.monotonic()
                streams = 0
                # The sound server is asked now and then (the harness's wake-ups, not Kindly's): it really plays.
                while (remaining := window_s - (time.monotonic() - started)) > 0:
                    streams = max(streams, pulse.streams_of(kindly.pid))
                    time.sleep(min(2.0, remaining))
                elapsed = time.monotonic() - started
                percent = {p.pid: 100 * (cpu_seconds(p.pid) - before[p.pid]) / elapsed for p in (kindly, circle)}
            finally:
                stop(kindly)
                stop(circle)
    if not shown:
        return [NotMeasured(NAME, "Kindly's window was not shown")]
    sound = f"{streams} PulseAudio stream(s)" if streams else "no audio stream seen"
    return [
        Measurement(
            NAME,
            percent[kindly.pid],
            "%",
            percent[circle.pid],
            f"bare widget, gradient circle at {fps:g} fps",
            BUDGET,
            note=f"kindly --start timer-5, window visible, {elapsed:.0f} s, {sound}",
        )
    ]
