"""Idle in the tray, no reminder due: wake-ups and memory of `kindly --tray` against a bare PySide6 window.

Both run at the same time on one private Xvfb with trayer as the tray host (a
real XEmbed tray, so Kindly really docks an icon), each with its own data and
config dirs. Kindly's daily reminder is switched on, set 12 hours from now
through Kindly's own Settings, so a reminder is armed but none is due. After
they settle, every thread's voluntary context switches are counted over the
window: a program with no timers running wakes 0 times.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench_processes import (
    BENCH_DIR,
    PYTHON,
    XDisplay,
    cpu_seconds,
    docked_tray_icons_of,
    kindly_env,
    missing_display_tools,
    rss_mb,
    run_to_end,
    stop,
    switches_between,
    switches_by_thread_name,
    voluntary_switches_by_thread,
    xvfb_with_tray,
)
from bench_report import Budget, Measurement, NotMeasured

BASELINE = "bare PySide6 window"
NAMES = ("idle-tray-wakeups", "idle-tray-rss")
# The contract compares with a bare window; a bare tray icon is shown beside it, for what Qt's tray costs.


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)


def arm_reminder_far_off(env: dict[str, str]) -> str:
    """Switch the daily reminder on for 12 hours from now (local time), with Kindly's Settings; returns HH:MM."""
    at = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")
    code = (
        "from kindly.settings.options import REMINDER_ENABLED, REMINDER_TIME\n"
        "from kindly.settings.settings_file import open_settings\n"
        f"s = open_settings(); s.set(REMINDER_ENABLED, True); s.set(REMINDER_TIME, {at!r}); s.sync()"
    )
    done = run_to_end([PYTHON, "-c", code], env, timeout_s=60)
    if done.returncode != 0:
        raise RuntimeError(f"could not set the reminder: {done.stderr.strip()[-300:]}")
    return at


def measure(window_s: float, settle_s: float) -> list[Measurement | NotMeasured]:
    missing = missing_display_tools()
    if missing:
        return [NotMeasured(name, f"{', '.join(missing)} not installed") for name in NAMES]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-idle-") as tmp, xvfb_with_tray() as display:
        home = Path(tmp)
        env = display.env(kindly_env(home / "kindly"))
        reminder = arm_reminder_far_off(env)
        kindly = _spawn([PYTHON, "-m", "kindly", "--tray"], env, home / "kindly.log")
        bare = _spawn(
            [PYTHON, str(BENCH_DIR / "bare_window.py")], display.env(kindly_env(home / "bare")), home / "bare.log"
        )
        icon = _spawn(
            [PYTHON, str(BENCH_DIR / "bare_window.py"), "--tray-icon"],
            display.env(kindly_env(home / "icon")),
            home / "icon.log",
        )
        try:
            return _measure_pair(kindly, bare, icon, display, window_s, settle_s, home, reminder)
        finally:
            for process in (kindly, bare, icon):
                stop(process)


def _measure_pair(
    kindly: subprocess.Popen[bytes],
    bare: subprocess.Popen[bytes],
    icon: subprocess.Popen[bytes],
    display: XDisplay,
    window_s: float,
    settle_s: float,
    home: Path,
    reminder: str,
) -> list[Measurement | NotMeasured]:
    time.sleep(settle_s)
    for process, log in ((kindly, "kindly.log"), (bare, "bare.log"), (icon, "icon.log")):
        if process.poll() is not None:
            why = f"{log.split('.')[0]} exited with status {process.returncode}: {(home / log).read_text()[-300:]}"
            return [NotMeasured(name, why) for name in NAMES]
    before = {p.pid: voluntary_switches_by_thread(p.pid) for p in (kindly, bare, icon)}
    cpu_before = {p.pid: cpu_seconds(p.pid) for p in (kindly, bare, icon)}
    time.sleep(window_s)
    after = {p.pid: voluntary_switches_by_thread(p.pid) for p in (kindly, bare, icon)}
    wakeups = {p.pid: switches_between(before[p.pid], after[p.pid]) for p in (kindly, bare, icon)}
    by_thread = switches_by_thread_name(kindly.pid, before[kindly.pid], after[kindly.pid])
    cpu = {p.pid: cpu_seconds(p.pid) - cpu_before[p.pid] for p in (kindly, bare, icon)}
    memory = {p.pid: rss_mb(p.pid) for p in (kindly, bare, icon)}
    windows = len(display.viewable_windows_of(kindly.pid))
    icons = docked_tray_icons_of(display, kindly.pid)
    shown = f"{windows} window(s) shown, {icons} icon(s) docked in the tray"
    where = (
        f"Xvfb+trayer, {window_s:.0f} s, all threads; reminder set for {reminder}; {shown}; "
        f"kindly CPU {cpu[kindly.pid]:.2f} s; wake-ups by thread: {by_thread}"
    )
    return [
        Measurement(
            "idle-tray-wakeups",
            wakeups[kindly.pid],
            "",
            wakeups[bare.pid],
            f"{BASELINE}, same window",
            Budget(0, kind="value", unit=""),
            note=where,
        ),
        Measurement(
            "idle-tray-wakeups-vs-tray-icon",
            wakeups[kindly.pid],
            "",
            wakeups[icon.pid],
            "bare QSystemTrayIcon app, same window",
            None,
            note="what Qt's own tray icon costs under trayer; its wake-ups by thread: "
            + switches_by_thread_name(icon.pid, before[icon.pid], after[icon.pid])
            + f"; its RSS {memory[icon.pid]:.1f} MB",
        ),
        Measurement(
            "idle-tray-rss",
            memory[kindly.pid],
            "MB",
            memory[bare.pid],
            BASELINE,
            Budget(1.5),
            note="RSS after the idle window",
        ),
    ]
