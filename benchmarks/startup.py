"""Start-up to the first painted main window, and peak RSS at that moment, against a minimal PySide6 window.

Both run under the offscreen platform (it paints into a backing store like a
real screen). Runs alternate Kindly / minimal so a noisy moment hits both;
one warm-up pair first fills the page cache; the figure is the median.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, Finished, kindly_env, run_to_end
from bench_report import Budget, Measurement, NotMeasured, median

PROBE = str(BENCH_DIR / "first_paint_probe.py")
BASELINE = "minimal PySide6 window"


def _one_run(which: str, home: Path) -> tuple[float, Finished]:
    """Seconds from spawn to first paint (or to exit, when the probe's hook missed), and the finished child."""
    env = kindly_env(home, QT_QPA_PLATFORM="offscreen")
    if which == "kindly":
        env["KINDLY_QUIT_AFTER_FIRST_PAINT"] = "1"
        command = [PYTHON, PROBE, "kindly"]
    else:
        command = [PYTHON, PROBE, "minimal"]
    spawned = time.monotonic()
    finished = run_to_end(command, env, timeout_s=30)
    if finished.returncode != 0:
        raise RuntimeError(f"{which} exited with status {finished.returncode}: {finished.stderr.strip()[-300:]}")
    for line in finished.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - spawned, finished
    return finished.wall_s, finished


def measure(runs: int) -> list[Measurement | NotMeasured]:
    times: dict[str, list[float]] = {"kindly": [], "minimal": []}
    rss: dict[str, list[float]] = {"kindly": [], "minimal": []}
    hooked = True
    with tempfile.TemporaryDirectory(prefix="kindly-bench-startup-") as tmp:
        try:
            for index in range(runs + 1):
                for which in ("kindly", "minimal"):
                    # Each run is a first launch: fresh data and config dirs, as a new user has.
                    seconds, finished = _one_run(which, Path(tmp) / f"{which}-{index}")
                    if which == "kindly" and "first-paint " not in finished.stdout:
                        hooked = False
                    if index == 0:
                        continue  # warm-up: fills the page cache for both
                    times[which].append(seconds)
                    rss[which].append(finished.peak_rss_mb)
        except RuntimeError as exc:
            return [NotMeasured("startup-to-first-paint", str(exc)), NotMeasured("startup-peak-rss", str(exc))]
    how = f"offscreen, median of {runs}"
    if not hooked:
        how += "; spawn-to-exit via KINDLY_QUIT_AFTER_FIRST_PAINT (probe hook missed)"
    return [
        Measurement("startup-to-first-paint", median(times["kindly"]), "s", median(times["minimal"]),
                    BASELINE, Budget(1.5), note=how),
        Measurement("startup-peak-rss", median(rss["kindly"]), "MB", median(rss["minimal"]), BASELINE,
                    Budget(1.5), note="at first paint"),
    ]
