"""Start-up to the first painted main window and peak RSS at first paint, against a minimal PySide6
window's first paint; the complete home page painted, against a page of the same Qt widgets in bare
PySide6 (`startup-bare-home`, the contract's baseline for it: what any such page costs).

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
        # Only here: for kindly-home there is no quitting at first paint, the home page comes after it.
        env["KINDLY_QUIT_AFTER_FIRST_PAINT"] = "1"
    command = [PYTHON, PROBE, which]  # each kind is the probe's mode of the same name
    spawned = time.monotonic()
    finished = run_to_end(command, env, timeout_s=30)
    if finished.returncode != 0:
        raise RuntimeError(f"{which} exited with status {finished.returncode}: {finished.stderr.strip()[-300:]}")
    for line in finished.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - spawned, finished
    return finished.wall_s, finished


def measure(runs: int) -> list[Measurement | NotMeasured]:
    kinds = ("kindly", "kindly-home", "bare-home", "minimal")
    times: dict[str, list[float]] = {which: [] for which in kinds}
    rss: dict[str, list[float]] = {which: [] for which in kinds}
    hooked = True
    with tempfile.TemporaryDirectory(prefix="kindly-bench-startup-") as tmp:
        try:
            for index in range(runs + 1):
                for which in kinds:
                    # Each run is a first launch: fresh data and config dirs, as a new user has.
                    seconds, finished = _one_run(which, Path(tmp) / f"{which}-{index}")
                    if which == "kindly" and "first-paint " not in finished.stdout:
                        hooked = False
                    if index == 0:
                        continue  # warm-up: fills the page cache for both
                    times[which].append(seconds)
                    rss[which].append(finished.peak_rss_mb)
        except RuntimeError as exc:
            return [
                NotMeasured(name, str(exc))
                for name in (
                    "startup-to-first-paint",
                    "startup-complete-home",
                    "startup-bare-home",
                    "startup-peak-rss",
                    "startup-binding-check",
                )
            ]
    try:
        guard_s = _binding_check_s()
    except RuntimeError as exc:
        guard = NotMeasured("startup-binding-check", str(exc))
    else:
        guard = Measurement(
            "startup-binding-check",
            guard_s * 1000,
            "ms",
            median(times["minimal"]) * 1000,
            BASELINE,
            Budget(0.01),
            note="the Qt binding's None check run before any window, median of 200",
        )
    how = f"offscreen, median of {runs}"
    if not hooked:
        how += "; spawn-to-exit via KINDLY_QUIT_AFTER_FIRST_PAINT (probe hook missed)"

    def paint_time(name: str, which: str, budget: Budget | None, note: str) -> Measurement:
        """Spawn to `which`'s paint, beside the minimal window's."""
        return Measurement(name, median(times[which]), "s", median(times["minimal"]), BASELINE, budget, note=note)

    return [
        paint_time("startup-to-first-paint", "kindly", Budget(1.5), how),
        Measurement(
            "startup-complete-home",
            median(times["kindly-home"]),
            "s",
            median(times["bare-home"]),
            "startup-bare-home: a page of the same Qt widgets in bare PySide6",
            Budget(1.4),
            note=f"Today, the practices and the set-up painted; offscreen, median of {runs}",
        ),
        paint_time(
            "startup-bare-home",
            "bare-home",
            None,
            f"no Kindly code: a page of the same Qt widgets in bare PySide6, what any such home costs; "
            f"offscreen, median of {runs}",
        ),
        Measurement(
            "startup-peak-rss",
            median(rss["kindly"]),
            "MB",
            median(rss["minimal"]),
            BASELINE,
            Budget(1.5),
            note="at first paint",
        ),
        guard,
    ]


_GUARD_TIMING = (
    "import statistics, time\n"
    "from kindly.ui.app.qt_binding_check import measure_none_references\n"
    "runs = []\n"
    "for _ in range(200):\n"
    "    t = time.perf_counter(); measure_none_references(); runs.append(time.perf_counter() - t)\n"
    "print(statistics.median(runs))\n"
)


def _binding_check_s() -> float:
    """What the start-up guard (kindly.ui.app.qt_binding_check) adds to every launch, in seconds."""
    with tempfile.TemporaryDirectory(prefix="kindly-bench-guard-") as home:
        finished = run_to_end(
            [PYTHON, "-c", _GUARD_TIMING], kindly_env(Path(home), QT_QPA_PLATFORM="offscreen"), timeout_s=60
        )
    if finished.returncode != 0:
        raise RuntimeError(f"the binding check exited with status {finished.returncode}: {finished.stderr[-300:]}")
    return float(finished.stdout.split()[-1])
