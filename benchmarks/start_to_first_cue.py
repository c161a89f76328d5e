"""A click on Start in Kindly's main window to the first sound handed to the device, against a bare button.

What is timed is in start_to_first_cue_child.py: the first Start after launch
(cold) and a second one in the same process (warm). Each run is a first launch
(fresh data and config dirs, practice "right-now" with no warm-up, so the start
bell is the first cue) on its own Xvfb managed by openbox and its own PulseAudio
null sink; the minimal window then runs on the same servers. One warm-up run
first (it fills the bytecode and page caches); the figures are medians.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, kindly_env, run_to_end
from bench_pulse import PulseServer, missing_pulse_tools, pulse_null_sink
from bench_report import Budget, Measurement, NotMeasured, median
from kindly.settings.settings_model import SCHEMA_KEY, SCHEMA_VERSION, SETTINGS_FILE_NAME
from services import WM_SELECTION, XDisplay, _selection_owner, _xvfb

CHILD = str(BENCH_DIR / "start_to_first_cue_child.py")
NAMES = ("start-to-first-cue", "start-to-first-cue-warm")
SETTINGS = {SCHEMA_KEY: SCHEMA_VERSION, "session/practice": "right-now", "session/minutes": 3, "session/warmup_s": 0}


def _clicks(which: str, home: Path, display: XDisplay, pulse: PulseServer) -> tuple[float, float]:
    """Milliseconds from each of the two clicks on Start to its first sound, in one fresh process."""
    env = pulse.env(kindly_env(home, DISPLAY=display.name, QT_QPA_PLATFORM="xcb"))
    (home / "config" / SETTINGS_FILE_NAME).write_text(json.dumps(SETTINGS), encoding="utf-8")
    finished = run_to_end([PYTHON, CHILD, which], env, timeout_s=90)
    for line in finished.stdout.splitlines():
        cues = line.split()[1:]
        if line.startswith("cue-ms ") and len(cues) == 2 and "-" not in cues:
            return float(cues[0]), float(cues[1])
    raise RuntimeError(
        f"{which}: no sound after both clicks on Start (exit {finished.returncode}; "
        f"{finished.stdout.strip()[-100:]!r}; {finished.stderr.strip()[-300:]!r})"
    )


def _one_run(work: Path) -> dict[str, tuple[float, float]]:
    """Kindly then the minimal window, on one Xvfb + openbox + PulseAudio of their own."""
    wm_home = work / "openbox"
    wm_home.mkdir(parents=True)
    with (
        _xvfb(work / "xvfb.log") as display,
        _selection_owner(["openbox", "--sm-disable"], display, WM_SELECTION, work / "openbox.log", HOME=str(wm_home)),
        pulse_null_sink(work / "pulse") as pulse,
    ):
        return {which: _clicks(which, work / which, display, pulse) for which in ("kindly", "minimal")}


def measure(runs: int) -> list[Measurement | NotMeasured]:
    missing = [tool for tool in ("Xvfb", "openbox") if shutil.which(tool) is None] + missing_pulse_tools()
    if missing:
        why = f"{', '.join(missing)} not installed (see packaging/debian-packages.txt)"
        return [NotMeasured(name, why) for name in NAMES]
    clicks: dict[str, list[tuple[float, float]]] = {"kindly": [], "minimal": []}
    with tempfile.TemporaryDirectory(prefix="kindly-bench-start-") as tmp:
        try:
            for index in range(runs + 1):
                run = _one_run(Path(tmp) / f"run{index}")
                if index == 0:
                    continue  # warm-up: fills the bytecode cache and the page cache
                for which, both in run.items():
                    clicks[which].append(both)
        except (RuntimeError, OSError) as exc:
            return [NotMeasured(name, str(exc)) for name in NAMES]
    note = f"Xvfb+openbox, PulseAudio null sink, median of {runs}"
    return [
        Measurement(
            name,
            median(both[click] for both in clicks["kindly"]),
            "ms",
            median(both[click] for both in clicks["minimal"]),
            f"minimal window's button, {label} click",
            Budget(100.0, kind="value", unit="ms"),
            note=note,
        )
        for click, (name, label) in enumerate(zip(NAMES, ("1st", "2nd"), strict=True))
    ]
