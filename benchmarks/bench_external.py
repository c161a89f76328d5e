"""The budgets other parts of Kindly measure with their own scripts, run here as they are.

* `bundle_size_and_startup.py` (packaging): the Linux bundle's size against a
  minimal PySide6 bundle built the same way, and bundled start-up against
  running from source. It writes benchmarks/results/bundle.json, read here.
* `live_cue_timing.py` (live playback): every cue's onset captured from a
  PulseAudio null sink against the timeline; it prints the median and worst
  onset error in ms, parsed here (and benchmarks/results/live_cue_timing.json
  when it writes one).

A script that is not there yet, or a bundle not built in quick mode, gives a
`not measured: why` line; the run goes on.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, REPO, kindly_env, run_to_end
from bench_report import Budget, Measurement, NotMeasured, median

BUNDLE_SCRIPT = BENCH_DIR / "bundle_size_and_startup.py"
BUNDLE_RESULTS = BENCH_DIR / "results" / "bundle.json"
BUNDLE_DIST = REPO / "dist"
BUNDLE_NAMES = ("bundle-size", "bundle-startup")
LIVE_SCRIPT = BENCH_DIR / "live_cue_timing.py"
LIVE_RESULTS = BENCH_DIR / "results" / "live_cue_timing.json"
LIVE_NAMES = ("live-cue-timing-worst", "live-cue-timing-median")


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-2:])[-300:] if lines else "no output"


def bundle(quick: bool) -> list[Measurement | NotMeasured]:
    if not BUNDLE_SCRIPT.exists():
        return [NotMeasured(name, f"{BUNDLE_SCRIPT.name} is not in benchmarks/ yet") for name in BUNDLE_NAMES]
    built = (BUNDLE_DIST / "kindly" / "kindly").exists()
    if quick and not built:
        why = "no bundle built (run `make bundle`, or `make bench`, which builds one)"
        return [NotMeasured(name, why) for name in BUNDLE_NAMES]
    command = [PYTHON, str(BUNDLE_SCRIPT), "--runs", "3" if quick else "9"]
    if built:
        command += ["--kindly-dist", str(BUNDLE_DIST)]
        age_h = (time.time() - (BUNDLE_DIST / "kindly" / "kindly").stat().st_mtime) / 3600
        which = f"dist/kindly built {age_h:.1f} h ago"
    else:
        which = "Kindly's bundle built by this run"
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="kindly-bench-bundle-") as home:
        finished = run_to_end(command, kindly_env(Path(home)), timeout_s=1800, cwd=REPO)
    fresh = BUNDLE_RESULTS.exists() and BUNDLE_RESULTS.stat().st_mtime >= started
    if not fresh:
        why = f"{BUNDLE_SCRIPT.name} exited with status {finished.returncode}: {_tail(finished.stderr or finished.stdout)}"
        return [NotMeasured(name, why) for name in BUNDLE_NAMES]
    figures = json.loads(BUNDLE_RESULTS.read_text())
    budget = Budget(float(figures.get("budget", 1.3)))
    runs = len(figures["startup_bundled_s"])
    return [
        Measurement("bundle-size", figures["bundle_mib"], "MB", figures["minimal_bundle_mib"],
                    "minimal PySide6 widgets bundle, same spec options", budget, note=f"MiB; {which}"),
        Measurement("bundle-startup", median(figures["startup_bundled_s"]), "s", median(figures["startup_source_s"]),
                    "python -m kindly from source", budget,
                    note=f"spawn to exit after first paint, offscreen, median of {runs}"),
    ]


NUMBER = r"([-+]?\d+(?:\.\d+)?)"


def parse_cue_timing(text: str) -> dict[str, float]:
    """`median ... N ms` and `worst ... N ms` from the live script's output (absolute values, in ms)."""
    found = {}
    for key in ("median", "worst"):
        match = re.search(rf"{key}\b[^\n\d+-]*{NUMBER}\s*ms", text, flags=re.IGNORECASE)
        if match:
            found[key] = abs(float(match.group(1)))
    return found


def live_cue_timing(quick: bool) -> list[Measurement | NotMeasured]:
    if not LIVE_SCRIPT.exists():
        return [NotMeasured("live-cue-timing", f"{LIVE_SCRIPT.name} is not in benchmarks/ yet (live playback's "
                            "PulseAudio capture script)")]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-live-") as home:
        env = kindly_env(Path(home))
        help_text = run_to_end([PYTHON, str(LIVE_SCRIPT), "--help"], env, timeout_s=60, cwd=REPO).stdout
        command = [PYTHON, str(LIVE_SCRIPT)] + (["--quick"] if quick and "--quick" in help_text else [])
        finished = run_to_end(command, env, timeout_s=900, cwd=REPO)
    figures = parse_cue_timing(finished.stdout)
    if "worst" not in figures:
        why = f"{LIVE_SCRIPT.name} exited with status {finished.returncode}: {_tail(finished.stderr or finished.stdout)}"
        return [NotMeasured("live-cue-timing", why)]
    detail = _tail(finished.stdout)
    median_ms = figures.get("median", float("nan"))
    return [
        Measurement("live-cue-timing-worst", figures["worst"], "ms", median_ms, "median |onset error| of the same run",
                    Budget(20, kind="value", unit="ms"), note=f"{' '.join(command[1:])}: {detail}"),
    ]
