"""The budgets other parts of Kindly measure with their own scripts, run here as they are.

* `bundle_size_and_startup.py` (packaging): the Linux bundle's size against a
  minimal PySide6 bundle built the same way, and bundled start-up against
  running from source. It writes benchmarks/results/bundle.json, read here.
* `live_cue_timing.py` (live playback): every cue's onset captured from a
  PulseAudio null sink against the timeline; it prints the median and worst
  onset error, the drift, the weakest attack and the player's CPU, parsed here.
  Quick mode asks it for a 30-second session.

A script that is not there yet, or a bundle not built in quick mode, gives a
`not measured: why` line; the run goes on.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, REPO, Finished, kindly_env, run_to_end
from bench_report import Budget, Measurement, NotMeasured, median

BUNDLE_SCRIPT = BENCH_DIR / "bundle_size_and_startup.py"
BUNDLE_RESULTS = BENCH_DIR / "results" / "bundle.json"
BUNDLE_DIST = REPO / "dist"
BUNDLE_NAMES = ("bundle-size", "bundle-startup")
LIVE_SCRIPT = BENCH_DIR / "live_cue_timing.py"
LIVE_RESULTS = BENCH_DIR / "results" / "live_cue_timing.json"
LIVE_QUICK_MINUTES = 0.5


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-2:])[-300:] if lines else "no output"


def _failed(script: Path, finished: Finished) -> str:
    return f"{script.name} exited with status {finished.returncode}: {_tail(finished.stderr or finished.stdout)}"


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
        why = _failed(BUNDLE_SCRIPT, finished)
        return [NotMeasured(name, why) for name in BUNDLE_NAMES]
    figures = json.loads(BUNDLE_RESULTS.read_text())
    budget = Budget(float(figures.get("budget", 1.3)))
    runs = len(figures["startup_bundled_s"])
    return [
        Measurement(
            "bundle-size",
            figures["bundle_mib"],
            "MB",
            figures["minimal_bundle_mib"],
            "minimal PySide6 widgets bundle, same spec options",
            budget,
            note=which,
        ),
        Measurement(
            "bundle-startup",
            median(figures["startup_bundled_s"]),
            "s",
            median(figures["startup_source_s"]),
            "python -m kindly from source",
            budget,
            note=f"spawn to exit after first paint, offscreen, median of {runs}",
        ),
    ]


NUMBER = r"([-+]?\d+(?:\.\d+)?)"


def parse_cue_timing(text: str) -> dict[str, float]:
    """The live script's figures: median and worst onset error and drift (ms, as magnitudes),
    the weakest attack (fraction of the first 12 ms heard) and the player's CPU (% of one core)."""
    patterns = {
        "median": rf"median\b[^\n\d+-]*{NUMBER}\s*ms",
        "worst": rf"worst\b[^\n\d+-]*{NUMBER}\s*ms",
        "drift": rf"drift\b[^\n\d+-]*{NUMBER}\s*ms",
        "attack": rf"weakest attack\b[^\n\d+-]*{NUMBER}",
        "cpu": rf"player CPU\b[^\n\d+-]*{NUMBER}\s*%",
    }
    found = {}
    for key, pattern in patterns.items():
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            found[key] = abs(float(match.group(1)))
    return found


def live_cue_timing(quick: bool) -> list[Measurement | NotMeasured]:
    if not LIVE_SCRIPT.exists():
        return [
            NotMeasured(
                "live-cue-timing",
                f"{LIVE_SCRIPT.name} is not in benchmarks/ yet (live playback's PulseAudio capture script)",
            )
        ]
    with tempfile.TemporaryDirectory(prefix="kindly-bench-live-") as home:
        env = kindly_env(Path(home))
        help_text = run_to_end([PYTHON, str(LIVE_SCRIPT), "--help"], env, timeout_s=60, cwd=REPO).stdout
        command = [PYTHON, str(LIVE_SCRIPT)]
        if quick and "--minutes" in help_text:
            command += ["--minutes", str(LIVE_QUICK_MINUTES)]
        finished = run_to_end(command, env, timeout_s=900, cwd=REPO)
    figures = parse_cue_timing(finished.stdout)
    if "worst" not in figures:
        why = _failed(LIVE_SCRIPT, finished)
        return [NotMeasured("live-cue-timing", why)]
    cues = re.search(r"cues:\s*(\d+) over (\S+) s", finished.stdout)
    how = " ".join(Path(c).name if c.endswith(".py") else c for c in command[1:])
    if cues:
        how += f"; {cues.group(1)} cues over {cues.group(2)} s, through a PulseAudio null sink"
    results: list[Measurement | NotMeasured] = [
        Measurement(
            "live-cue-timing-worst",
            figures["worst"],
            "ms",
            figures.get("median"),
            "median |onset error| of the same capture",
            Budget(20, kind="value", unit="ms"),
            note=how,
        ),
    ]
    if "drift" in figures:
        results.append(
            Measurement(
                "live-cue-drift",
                figures["drift"],
                "ms",
                figures.get("median"),
                "median |onset error|",
                None,
                note="mean error, second half minus first",
            )
        )
    if "attack" in figures:
        results.append(
            Measurement(
                "live-cue-weakest-attack",
                figures["attack"],
                "",
                1.0,
                "whole attack, first 12 ms heard",
                Budget(0.7, kind="value", at_most=False),
                note="the live script's own threshold",
            )
        )
    if "cpu" in figures:
        results.append(
            Measurement(
                "live-player-cpu",
                figures["cpu"],
                "%",
                None,
                "player alone, no window",
                Budget(1, kind="value", unit="%"),
                note="the live script's player process",
            )
        )
    return results
