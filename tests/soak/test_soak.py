"""Kindly used as a person uses it, for as long: a visible window on a real X server with a window manager.

These run in real time on purpose (the only tests that do): a Qt binding that
frees None after some thousands of calls, a leak, or a widget misused on the
hundredth visit shows only in a long run. Kindly runs in a subprocess,
launched the way `kindly` launches it and driven by tests/soak/soak_driver.py
with real mouse and key events; what it did comes back as `soak:` lines,
and its memory is read from the kernel.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest

from pulse_server import PulseServer
from services import LineReader, TrayHost, WindowManager, XDisplay, running

pytestmark = [pytest.mark.slow, pytest.mark.soak]

DRIVER = Path(__file__).resolve().parent / "soak_driver.py"
NARRATED_MINUTES = 3
RSS_GROWTH_LIMIT_MB = 5.0
REPAINTS = 2000
TRAY_MENU_OPENINGS = 200
PREFERENCES_SAVES = 50
DOUBLE_CLICK_GAP_S = 0.5


def _env(display: XDisplay, pulse: PulseServer | None, screenshots: Path) -> dict[str, str]:
    env = display.env(SOAK_SCREENSHOTS=str(screenshots))
    if pulse is not None:
        env.update({k: v for k, v in pulse.env().items() if k.startswith("PULSE_")})
    return env


def _driver(scenario: str, *args: str) -> list[str]:
    return [sys.executable, str(DRIVER), scenario, *args]


def _rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 1e6


def _wait_lines(lines: LineReader, prefix: str, timeout_s: float, seen: list[str]) -> str:
    """The next line starting with `prefix`; every line read on the way is kept in `seen`."""
    deadline = time.monotonic() + timeout_s
    while True:
        line = lines.next(max(0.0, deadline - time.monotonic()))
        seen.append(line)
        if line.startswith(prefix):
            return line


def _finish(process: subprocess.Popen[str], lines: LineReader, seen: list[str], timeout_s: float = 30.0) -> str:
    """Read to the driver's end; return its stderr. The app must quit by itself, with status 0."""
    _wait_lines(lines, "soak: exit", timeout_s, seen)
    process.wait(timeout=timeout_s)
    stderr = process.stderr.read() if process.stderr else ""
    assert process.returncode == 0, stderr[-3000:]
    return stderr


def _assert_quiet(seen: list[str], stderr: str) -> None:
    """No Qt warning, no Python error: what a person would see in a terminal stays empty."""
    assert [line for line in seen if line.startswith("soak: qt-warning")] == []
    for marker in ("Fatal Python error", "Traceback", "QObject::", "QWidget::", "QPainter::"):
        assert marker not in stderr, stderr[-3000:]


def test_a_narrated_session_with_captions_runs_to_its_end_bell_in_a_visible_window(
    window_manager: WindowManager, pulse_server: PulseServer, tmp_path: Path
) -> None:
    """Chosen and started from the window, with captions and the pacer animating, for over 3 minutes."""
    env = _env(window_manager.display, pulse_server, tmp_path)
    seen: list[str] = []
    with running(_driver("narrated", str(NARRATED_MINUTES)), env) as (process, lines):
        _wait_lines(lines, "soak: ready", 60, seen)
        started = _wait_lines(lines, "soak: session-started", 60, seen)
        assert started.split()[2] == "right-now"
        end_s = float(started.split()[3])
        began = time.monotonic()
        _wait_lines(lines, "soak: alive 60", 75, seen)
        # A second launch hands its request to the running Kindly and exits: it keeps answering.
        second = subprocess.run([sys.executable, "-m", "kindly"], env=env, capture_output=True, text=True, timeout=20)
        assert second.returncode == 0, second.stderr
        _wait_lines(lines, "soak: alive 180", 130, seen)
        finished = _wait_lines(lines, "soak: session-finished", end_s - (time.monotonic() - began) + 60, seen)
        assert "completed=True" in finished
        assert time.monotonic() - began >= NARRATED_MINUTES * 60
        words = finished.split()
        pacer_paints, captions = int(words[4]), int(words[6])
        assert _wait_lines(lines, "soak: end-screen", 10, seen) == "soak: end-screen True"
        stderr = _finish(process, lines, seen)
    # RSS every 10 s, from the kernel; its noise here is about 3 MB, so a minute's readings are averaged.
    rss = {int(line.split()[2]): float(line.split()[-1]) for line in seen if line.startswith("soak: alive ")}
    rss_1min = statistics.mean(v for t, v in rss.items() if 60 <= t <= 90)
    rss_3min = statistics.mean(v for t, v in rss.items() if 150 <= t <= 180)
    print(
        f"narrated soak: RSS {rss_1min:.1f} MB at 1 min, {rss_3min:.1f} MB at 3 min (means of 60-90 s and "
        f"150-180 s); {pacer_paints} pacer paints, {captions} captions shown"
    )
    _assert_quiet(seen, stderr)
    assert rss_3min - rss_1min <= RSS_GROWTH_LIMIT_MB
    assert pacer_paints > NARRATED_MINUTES * 60 * 10  # the pacer animated all along, not a frozen disc
    assert captions >= 3
    stats = subprocess.run(
        [sys.executable, "-m", "kindly", "stats", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert json.loads(stats.stdout)["total_sessions"] == 1


def _a_year_of_history(path: Path) -> Path:
    """A year of practice, most days, as a CSV `kindly history import` reads."""
    today = datetime.now(UTC).replace(hour=7, minute=30, second=0, microsecond=0)
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["start_utc", "utc_offset_minutes", "zone", "planned_seconds", "practised_seconds", "practice", "completed"]
        )
        for n in range(365):
            if n % 9 == 4:
                continue
            start = today - timedelta(days=n)
            minutes = 5 + (n * 7) % 26
            writer.writerow(
                [
                    start.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    0,
                    "",
                    minutes * 60,
                    minutes * 60,
                    "mindful-breathing" if n % 2 else "",
                    "true",
                ]
            )
    return path


def test_your_practice_with_a_year_of_history_survives_thousands_of_repaints(
    window_manager: WindowManager, tmp_path: Path
) -> None:
    env = _env(window_manager.display, None, tmp_path)
    history = _a_year_of_history(tmp_path / "year.csv")
    subprocess.run(
        [sys.executable, "-m", "kindly", "history", "import", str(history)],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    seen: list[str] = []
    with running(_driver("repaints", str(REPAINTS)), env) as (process, lines):
        _wait_lines(lines, "soak: ready", 60, seen)
        _wait_lines(lines, "soak: repaint 500", 120, seen)
        rss_early = _rss_mb(process.pid)
        done = _wait_lines(lines, "soak: repaints-done", 600, seen)
        rss_late = _rss_mb(process.pid)
        stderr = _finish(process, lines, seen)
    repainted = int(done.split()[2])
    print(
        f"repaint soak: {repainted} stats repaints; "
        f"RSS {rss_early:.1f} MB after 500, {rss_late:.1f} MB after {REPAINTS}"
    )
    _assert_quiet(seen, stderr)
    assert repainted >= REPAINTS
    assert rss_late - rss_early <= RSS_GROWTH_LIMIT_MB


def _xdotool(display: XDisplay, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=display.env(), check=True, capture_output=True, timeout=10)


def test_the_tray_menu_opens_and_closes_hundreds_of_times_during_a_session(
    tray_host: TrayHost, window_manager: WindowManager, pulse_server: PulseServer, tmp_path: Path
) -> None:
    display = tray_host.display
    env = _env(display, pulse_server, tmp_path)
    seen: list[str] = []
    with running(_driver("tray", str(TRAY_MENU_OPENINGS)), env) as (process, lines):
        _wait_lines(lines, "soak: session-started", 60, seen)
        deadline = time.monotonic() + 10
        icons: list[str] = []
        while not icons and time.monotonic() < deadline:
            icons = tray_host.docked_icons_of(process.pid)
        assert len(icons) == 1, display.window_tree()
        rss_early = 0.0
        for n in range(TRAY_MENU_OPENINGS):
            # A right click on the docked icon, as a person opens the menu; the icon may be docked
            # a moment before it takes clicks, so the first opening is tried again for a while.
            for attempt in range(10 if n == 0 else 1):
                _xdotool(display, "mousemove", "--window", icons[0], "8", "8", "click", "3")
                try:
                    _wait_lines(lines, "soak: menu-shown", 1.0 if n == 0 and attempt < 9 else 10, seen)
                    break
                except AssertionError:
                    assert process.poll() is None, "Kindly exited while its tray menu was being opened"
            _xdotool(display, "key", "Escape")
            _wait_lines(lines, "soak: menu-hidden", 10, seen)
            # Two right clicks within Qt's double-click interval (400 ms) are a double click, which opens
            # no menu; a person opening the menu again is slower than that.
            time.sleep(DOUBLE_CLICK_GAP_S)
            if n == 20:
                rss_early = _rss_mb(process.pid)
        rss_late = _rss_mb(process.pid)
        done = _wait_lines(lines, "soak: tray-done", 30, seen)
        stderr = _finish(process, lines, seen)
    print(
        f"tray soak: {done.split()[2]} menu openings; RSS {rss_early:.1f} MB after 20, {rss_late:.1f} MB after "
        f"{TRAY_MENU_OPENINGS}"
    )
    _assert_quiet(seen, stderr)
    assert int(done.split()[2]) >= TRAY_MENU_OPENINGS
    assert rss_late - rss_early <= RSS_GROWTH_LIMIT_MB


def test_preferences_open_change_and_save_fifty_times(window_manager: WindowManager, tmp_path: Path) -> None:
    env = _env(window_manager.display, None, tmp_path)
    seen: list[str] = []
    with running(_driver("preferences", str(PREFERENCES_SAVES)), env) as (process, lines):
        done = _wait_lines(lines, "soak: preferences-done", 300, seen)
        stderr = _finish(process, lines, seen)
    _assert_quiet(seen, stderr)
    assert done.split()[2:] == [str(PREFERENCES_SAVES), "mismatches", "0"]
    settings = Path(os.environ["KINDLY_CONFIG_DIR"])
    assert (settings / "settings.json").is_file(), list(settings.rglob("*"))
