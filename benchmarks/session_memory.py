"""Peak memory of a 30-minute narrated session, the whole session, on an accelerated clock.

See session_memory_child.py: the app's main window plus the real live player,
with only the sound server stood in for, played cue by cue on a clock that
jumps ahead, so all 30 minutes pass in about a second. A private PulseAudio
null sink is running so the probe of the device loads the same client
libraries as on a machine with speakers. The baseline is a bare
PySide6 window's peak RSS (to its first paint) in the same run. The real-time
figure for the first seconds of a session through PulseAudio is in
session_cpu.py (`session-live-peak-rss`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, kindly_env, run_to_end
from bench_pulse import missing_pulse_tools, pulse_null_sink
from bench_report import Budget, Measurement, NotMeasured
from render_speed import choose_practice

MINUTES = 30
NAME = "session-30min-peak-rss"


def measure() -> list[Measurement | NotMeasured]:
    with tempfile.TemporaryDirectory(prefix="kindly-bench-memory-") as tmp:
        home = Path(tmp)
        env = kindly_env(home / "kindly", QT_QPA_PLATFORM="offscreen")
        practice = choose_practice(env, MINUTES)
        command = [PYTHON, str(BENCH_DIR / "session_memory_child.py"), str(MINUTES)] + ([practice] if practice else [])
        if missing_pulse_tools():
            session = run_to_end(command, env, timeout_s=300)
        else:
            with pulse_null_sink(home / "pulse") as pulse:
                session = run_to_end(command, pulse.env(env), timeout_s=300)
        if session.returncode != 0:
            return [NotMeasured(NAME, f"the accelerated session failed: {session.stderr.strip()[-300:]}")]
        bare = run_to_end(
            [PYTHON, str(BENCH_DIR / "first_paint_probe.py"), "minimal"],
            kindly_env(home / "bare", QT_QPA_PLATFORM="offscreen"),
            timeout_s=60,
        )
        if bare.returncode != 0:
            return [NotMeasured(NAME, f"the bare window failed: {bare.stderr.strip()[-300:]}")]
    lines = dict(line.split(" ", 1) for line in session.stdout.splitlines() if " " in line)
    what = f"narrated: {practice}" if practice else "silent timer (no practice listed)"
    note = f"{what}; {lines.get('how', '?')}; accelerated clock, {session.wall_s:.1f} s; {lines.get('session', '')}"
    return [
        Measurement(
            NAME,
            session.peak_rss_mb,
            "MB",
            bare.peak_rss_mb,
            "bare PySide6 window",
            Budget(120, kind="value", unit="MB"),
            note=note,
        )
    ]
