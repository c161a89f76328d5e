"""Idle in the tray, no reminder due: wake-ups and memory of `kindly --tray` against a bare PySide6 window.

Both run at the same time on one private Xvfb with trayer as the tray host (a
real XEmbed tray, so Kindly really docks an icon), each with its own data and
config dirs (the reminder is off there, as by default: none is due). After
they settle, every thread's voluntary context switches are counted over the
window: a program with no timers running wakes 0 times.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from bench_processes import (BENCH_DIR, PYTHON, XDisplay, cpu_seconds, kindly_env, missing_display_tools, rss_mb,
                             stop, switches_between, voluntary_switches_by_thread, xvfb_with_tray)
from bench_report import Budget, Measurement, NotMeasured

BASELINE = "bare PySide6 window"
NAMES = ("idle-tray-wakeups", "idle-tray-rss")


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)


def measure(window_s: float, settle_s: float) -> list[Measurement | NotMeasured]:
    missing = missing_display_tools()
    if missing:
        return [NotMeasured(name, f"{', '.join(missing)} not installed") for name in NAMES]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-idle-") as tmp, xvfb_with_tray() as display:
        home = Path(tmp)
        kindly = _spawn([PYTHON, "-m", "kindly", "--tray"], display.env(kindly_env(home / "kindly")), home / "kindly.log")
        bare = _spawn([PYTHON, str(BENCH_DIR / "bare_window.py")], display.env(kindly_env(home / "bare")),
                      home / "bare.log")
        try:
            return _measure_pair(kindly, bare, display, window_s, settle_s, home)
        finally:
            stop(kindly)
            stop(bare)


def _measure_pair(kindly: subprocess.Popen[bytes], bare: subprocess.Popen[bytes], display: XDisplay,
                  window_s: float, settle_s: float, home: Path) -> list[Measurement | NotMeasured]:
    time.sleep(settle_s)
    for process, log in ((kindly, "kindly.log"), (bare, "bare.log")):
        if process.poll() is not None:
            why = f"{log.split('.')[0]} exited with status {process.returncode}: {(home / log).read_text()[-300:]}"
            return [NotMeasured(name, why) for name in NAMES]
    before = {p.pid: voluntary_switches_by_thread(p.pid) for p in (kindly, bare)}
    cpu_before = {p.pid: cpu_seconds(p.pid) for p in (kindly, bare)}
    time.sleep(window_s)
    wakeups = {p.pid: switches_between(before[p.pid], voluntary_switches_by_thread(p.pid)) for p in (kindly, bare)}
    cpu = {p.pid: cpu_seconds(p.pid) - cpu_before[p.pid] for p in (kindly, bare)}
    memory = {p.pid: rss_mb(p.pid) for p in (kindly, bare)}
    windows = len(display.viewable_windows_of(kindly.pid))
    shown = "tray icon, no window shown" if windows == 0 else f"{windows} window(s) shown, not only the tray"
    where = f"Xvfb+trayer, {window_s:.0f} s, all threads; {shown}; kindly CPU {cpu[kindly.pid]:.2f} s"
    return [
        Measurement("idle-tray-wakeups", wakeups[kindly.pid], "", wakeups[bare.pid], f"{BASELINE}, same window",
                    Budget(0, kind="value", unit=""), note=where),
        Measurement("idle-tray-rss", memory[kindly.pid], "MB", memory[bare.pid], BASELINE, Budget(1.5),
                    note="RSS after the idle window"),
    ]
