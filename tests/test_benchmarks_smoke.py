"""The pure part of `make bench`: the median, the budget verdicts and the report line.

The benchmarks themselves never run here (they take minutes and need a
quiet machine); these tests only pin down how a figure is judged and shown.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH_REPORT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_report.py"


@pytest.fixture(scope="module")
def report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_report", BENCH_REPORT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_report"] = module  # dataclasses resolve their module by name
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["bench_report"]
    return module


def test_median_of_an_odd_count_is_the_middle_value(report: ModuleType) -> None:
    assert report.median([0.3, 0.1, 9.0]) == 0.3


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(report: ModuleType) -> None:
    assert report.median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_median_of_nothing_is_refused(report: ModuleType) -> None:
    with pytest.raises(ValueError):
        report.median([])


def test_a_ratio_budget_judges_the_figure_against_its_baseline(report: ModuleType) -> None:
    within = report.Measurement("startup", 0.15, "s", 0.10, "minimal", report.Budget(1.5))
    over = report.Measurement("startup", 0.16, "s", 0.10, "minimal", report.Budget(1.5))
    assert (within.verdict, over.verdict) == ("OK", "MISSED")


def test_a_value_budget_ignores_the_baseline(report: ModuleType) -> None:
    cpu = report.Measurement("cpu", 0.4, "%", 0.01, "bare", report.Budget(1, kind="value", unit="%"))
    assert cpu.ratio == pytest.approx(40)
    assert cpu.verdict == "OK"


def test_a_speed_budget_must_be_reached_not_stayed_under(report: ModuleType) -> None:
    budget = report.Budget(300, kind="value", at_most=False, unit="x")
    slow = report.Measurement("render", 250, "x", 9000, "wave", budget)
    assert slow.verdict == "MISSED"


def test_a_zero_baseline_shows_no_ratio_and_a_count_budget_still_judges(report: ModuleType) -> None:
    wakeups = report.Measurement("idle", 7, "", 0, "bare", report.Budget(0, kind="value"))
    line = report.format_line(wakeups)
    assert "  -  budget =0  MISSED" in line


def test_the_report_line_shows_figure_baseline_ratio_budget_and_verdict(report: ModuleType) -> None:
    line = report.format_line(
        report.Measurement("startup-to-first-paint", 0.142, "s", 0.118, "minimal PySide6 window", report.Budget(1.5))
    )
    assert line.split() == [
        "startup-to-first-paint",
        "0.142",
        "s",
        "baseline",
        "0.118",
        "s",
        "(minimal",
        "PySide6",
        "window)",
        "1.20x",
        "budget",
        "<=1.5x",
        "OK",
    ]


def test_a_budget_not_measured_says_why(report: ModuleType) -> None:
    line = report.format_line(report.NotMeasured("bundle-size", "no bundle built (run make bundle)"))
    assert line.endswith("not measured: no bundle built (run make bundle)")


def test_the_summary_names_the_missed_budgets(report: ModuleType) -> None:
    results = [
        report.Measurement("a", 2, "s", 1, "b", report.Budget(1.5)),
        report.Measurement("c", 1, "s", 1, "b", report.Budget(1.5)),
        report.NotMeasured("d", "why"),
    ]
    assert report.summary(results) == "budgets: 1 OK, 1 missed, 1 not measured (missed: a)"


@pytest.fixture
def external(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH_REPORT.parent))
    for name in ("bench_report", "bench_processes", "bench_external"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import bench_external

    return bench_external


def test_the_live_scripts_figures_are_read_as_magnitudes(external: ModuleType) -> None:
    output = (
        "cues:              212 over 125 s\n"
        "onset error:       median 1.80 ms, worst -14.25 ms (budget ±20 ms)\n"
        "drift:             -0.40 ms (mean error, second half minus first)\n"
        "weakest attack:    0.93 of the first 12 ms heard (1.00 = whole)\n"
        "player CPU:        0.31% of one core over 60 s (budget 1%)\n"
    )
    assert external.parse_cue_timing(output) == {
        "median": 1.8,
        "worst": 14.25,
        "drift": 0.4,
        "attack": 0.93,
        "cpu": 0.31,
    }


def test_a_figure_with_no_baseline_says_so_and_is_still_judged(report: ModuleType) -> None:
    cpu = report.Measurement("player-cpu", 0.3, "%", None, "none", report.Budget(1, kind="value", unit="%"))
    assert "baseline - (none)  -  budget <=1 %  OK" in report.format_line(cpu)


@pytest.fixture
def outputs(monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, ModuleType]:
    monkeypatch.syspath_prepend(str(BENCH_REPORT.parent))
    for name in ("bench_report", "bench_outputs", "live_cue_outputs", "session_cpu_outputs"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import live_cue_outputs
    import session_cpu_outputs

    return live_cue_outputs, session_cpu_outputs


def test_an_output_the_player_factory_does_not_offer_is_reported_not_available(
    outputs: tuple[ModuleType, ModuleType],
) -> None:
    live, cpu = outputs
    results = [*live.measure(True, candidate="no-such-output"), *cpu.measure(1, 0, candidate="no-such-output")]
    assert [result.name for result in results] == [
        "live-cue-worst-no-such-output",
        "live-cue-median-no-such-output",
        "session-cpu-hidden-no-such-output",
    ]
    assert all(result.why.startswith("not available: choose_output has no mode 'no-such-output'") for result in results)


def test_the_output_a_child_played_through_is_read_from_its_lines(outputs: tuple[ModuleType, ModuleType]) -> None:
    import bench_outputs

    lines = ["cue 1.0 0.0 bell start", "output VoiceOutput", "output PortAudioOutput", "output"]
    assert bench_outputs.output_class(lines) == "PortAudioOutput"
    assert bench_outputs.output_class(["cue 1.0 0.0 bell start"]) is None
