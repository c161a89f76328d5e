"""`make bench` / `make bench-quick`: every budget in the contract, each beside a baseline measured in the same run.

One line per budget: the figure, its baseline, the ratio, the budget and OK or
MISSED (or `not measured: why`). Sections run one after another so they never
compete for the machine's two cores. `--quick` shortens every window so the
whole run stays under two minutes; `--only` picks sections while iterating.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from bench_report import Measurement, NotMeasured, format_line, summary

Result = Measurement | NotMeasured


@dataclass(frozen=True)
class Section:
    name: str
    names: tuple[str, ...]
    run: Callable[[bool], list[Result]]


def _startup(quick: bool) -> list[Result]:
    import startup

    return startup.measure(runs=3 if quick else 9)


def _start_to_first_cue(quick: bool) -> list[Result]:
    import start_to_first_cue

    return start_to_first_cue.measure(runs=3 if quick else 9)


def _idle_tray(quick: bool) -> list[Result]:
    import idle_tray

    return idle_tray.measure(window_s=10 if quick else 60, settle_s=3 if quick else 5)


def _session_cpu(quick: bool) -> list[Result]:
    import session_cpu

    return session_cpu.measure(window_s=15 if quick else 60, settle_s=3 if quick else 5)


def _session_cpu_visible(quick: bool) -> list[Result]:
    import session_cpu_visible

    return session_cpu_visible.measure(window_s=15 if quick else 60, settle_s=4 if quick else 6)


def _session_cpu_outputs(quick: bool) -> list[Result]:
    import session_cpu_outputs

    return session_cpu_outputs.measure(window_s=15 if quick else 60, settle_s=4 if quick else 6)


def _live_cue_outputs(quick: bool) -> list[Result]:
    import live_cue_outputs

    return live_cue_outputs.measure(quick)


def _session_memory(quick: bool) -> list[Result]:
    import session_memory

    return session_memory.measure()


def _render(quick: bool) -> list[Result]:
    import render_speed

    return render_speed.measure(repeats=1 if quick else 3)


def _live_cue_timing(quick: bool) -> list[Result]:
    import bench_external

    return bench_external.live_cue_timing(quick)


def _bundle(quick: bool) -> list[Result]:
    import bench_external

    return bench_external.bundle(quick)


def _history_backup(quick: bool) -> list[Result]:
    import history_backup

    return history_backup.measure(runs=3 if quick else 9)


def _installed(quick: bool) -> list[Result]:
    import installed_size

    return installed_size.measure()


SECTIONS = [
    Section(
        "startup",
        ("startup-to-first-paint", "startup-complete-home", "startup-peak-rss", "startup-binding-check"),
        _startup,
    ),
    Section("start-to-first-cue", ("start-to-first-cue", "start-to-first-cue-warm"), _start_to_first_cue),
    Section(
        "session-cpu",
        ("session-cpu-hidden-timer", "session-cpu-hidden-narrated", "session-live-peak-rss"),
        _session_cpu,
    ),
    Section("session-cpu-visible", ("session-cpu-visible",), _session_cpu_visible),
    Section("session-cpu-outputs", ("session-cpu-hidden-stream",), _session_cpu_outputs),
    Section("live-cue-outputs", ("live-cue-worst-stream", "live-cue-median-stream"), _live_cue_outputs),
    Section("session-memory", ("session-30min-peak-rss",), _session_memory),
    Section("live-cue-timing", ("live-cue-timing",), _live_cue_timing),
    Section("idle-tray", ("idle-tray-wakeups", "idle-tray-rss"), _idle_tray),
    Section("render", ("render",), _render),
    Section("bundle", ("bundle-size", "bundle-startup"), _bundle),
    Section("installed", ("installed-size", "installed-qt-addons"), _installed),
    Section("history-backup", ("history-backup-per-session",), _history_backup),
]
SECTIONS_BY_NAME = {s.name: s for s in SECTIONS}
# In quick mode these pairs run at the same time: the live capture mostly waits on real time and the
# idle-tray figures are wake-ups of processes that do nothing, so neither disturbs the other much.
OVERLAP_WHEN_QUICK = {"live-cue-timing": "idle-tray"}


def header(quick: bool) -> str:
    import PySide6

    mode = "quick" if quick else "full"
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"kindly benchmarks ({mode}) {now}; {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}"
    )


def run_section(section: Section, quick: bool) -> list[Result]:
    """A section that breaks reports why on its lines; the others still run."""
    try:
        return section.run(quick)
    except Exception as exc:  # a harness failure must not hide the other budgets
        if os.environ.get("KINDLY_DEBUG"):
            traceback.print_exc()
        why = f"{section.name} benchmark failed: {type(exc).__name__}: {exc}"
        return [NotMeasured(name, why) for name in section.names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short windows; the whole run under two minutes")
    parser.add_argument("--only", action="append", choices=[s.name for s in SECTIONS], help="run only these sections")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    options = parser.parse_args(argv)
    print(header(options.quick), flush=True)
    started = time.monotonic()
    results: list[Result] = []
    chosen = [s for s in SECTIONS if not options.only or s.name in options.only]
    overlapped: dict[str, Future[list[Result]]] = {}
    with ThreadPoolExecutor(max_workers=1) as background:
        for section in chosen:
            section_started = time.monotonic()
            partner = OVERLAP_WHEN_QUICK.get(section.name)
            if options.quick and partner in {s.name for s in chosen} and partner not in overlapped:
                # Both only wait on idle processes or real time: run the partner meanwhile.
                overlapped[partner] = background.submit(run_section, SECTIONS_BY_NAME[partner], True)
            if section.name in overlapped:
                section_results = overlapped[section.name].result()
                took = "overlapped with the previous section"
            else:
                section_results = run_section(section, options.quick)
                took = f"{time.monotonic() - section_started:.1f} s"
            for result in section_results:
                results.append(result)
                print(format_line(result), flush=True)
            print(f"  ({section.name}: {took})", flush=True)
    print(summary(results))
    print(f"total {time.monotonic() - started:.1f} s")
    missed = any(isinstance(r, Measurement) and r.verdict == "MISSED" for r in results)
    return 1 if options.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
