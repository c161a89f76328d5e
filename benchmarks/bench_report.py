"""The pure part of `make bench`: one measured figure beside its baseline, and the line that reports it.

Every budget in the contract is a figure measured in the same run as its
baseline, so a slow machine moves both. A budget is either a ratio to the
baseline (start-up <= 1.5x) or an absolute limit (CPU <= 1 % of a core); the
line shows the ratio either way, and the verdict follows the budget's kind.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

NAME_WIDTH = 34
FIGURE_WIDTH = 12


def median(values: Iterable[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count); robust to one slow run."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of no values")
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def format_quantity(value: float, unit: str) -> str:
    """A figure with just enough digits to compare runs: seconds to the ms, MB to 0.1, counts whole."""
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "%":
        return f"{value:.2f} %"
    if unit == "x":
        return f"{value:.0f}x" if value >= 100 else f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "":
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return f"{value:g} {unit}"


@dataclass(frozen=True)
class Budget:
    """A limit from the contract: on the ratio to the baseline, or on the figure itself.

    `kind` "ratio" compares figure/baseline to `limit`; "value" compares the
    figure (in the measurement's unit) to `limit`. `at_most` False means the
    figure must reach the limit (render speed >= 300x real time).
    """

    limit: float
    kind: Literal["ratio", "value"] = "ratio"
    at_most: bool = True
    unit: str = ""

    def describe(self) -> str:
        sign = "<=" if self.at_most else ">="
        if self.kind == "ratio":
            return f"budget {sign}{self.limit:g}x"
        if self.limit == 0 and self.at_most:
            return "budget =0" if not self.unit else f"budget =0 {self.unit}"
        unit = self.unit if self.unit in ("", "x") else f" {self.unit}"
        return f"budget {sign}{self.limit:g}{unit}"

    def is_met(self, value: float, ratio: float | None) -> bool | None:
        """True or False; None when a ratio budget has no ratio (the baseline was zero)."""
        if self.kind == "ratio":
            if ratio is None:
                return None
            subject = ratio
        else:
            subject = value
        # Figures are rounded for display; judge with a hair of tolerance so "1.50x" never fails "<=1.5x".
        tolerance = 1e-9 * max(1.0, abs(self.limit))
        return subject <= self.limit + tolerance if self.at_most else subject >= self.limit - tolerance


@dataclass(frozen=True)
class Measurement:
    """One budget's figure, its same-run baseline, and what both were measured on."""

    name: str
    value: float
    unit: str
    baseline: float | None
    baseline_label: str
    budget: Budget | None
    note: str = ""
    baseline_unit: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0 or not math.isfinite(self.baseline):
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "info"
        met = self.budget.is_met(self.value, self.ratio)
        if met is None:
            return "n/a"
        return "OK" if met else "MISSED"


@dataclass(frozen=True)
class NotMeasured:
    """A budget this run could not measure, and why (a missing script, no bundle, no player yet)."""

    name: str
    why: str


def format_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "-"
    if ratio >= 100:
        return f"{ratio:.0f}x"
    return f"{ratio:.2f}x"


def format_line(result: Measurement | NotMeasured) -> str:
    """`name  figure  baseline B (label)  ratio  budget  verdict  [note]`, or `name  not measured: why`."""
    if isinstance(result, NotMeasured):
        return f"{result.name:<{NAME_WIDTH}} not measured: {result.why}"
    baseline_unit = result.unit if result.baseline_unit is None else result.baseline_unit
    if result.baseline is None:
        baseline = f"  baseline - ({result.baseline_label})"
    else:
        baseline = f"  baseline {format_quantity(result.baseline, baseline_unit)} ({result.baseline_label})"
    parts = [
        f"{result.name:<{NAME_WIDTH}}",
        f"{format_quantity(result.value, result.unit):>{FIGURE_WIDTH}}",
        baseline,
        f"  {format_ratio(result.ratio)}",
        f"  {result.budget.describe()}" if result.budget is not None else "  no budget",
        f"  {result.verdict}",
    ]
    if result.note:
        parts.append(f"  [{result.note}]")
    return "".join(parts)


def summary(results: Iterable[Measurement | NotMeasured]) -> str:
    """The last line: how many budgets were met, missed, or not measured."""
    counts = {"OK": 0, "MISSED": 0, "not measured": 0}
    missed: list[str] = []
    for result in results:
        if isinstance(result, NotMeasured):
            counts["not measured"] += 1
        elif result.verdict == "OK":
            counts["OK"] += 1
        elif result.verdict == "MISSED":
            counts["MISSED"] += 1
            missed.append(result.name)
    line = f"budgets: {counts['OK']} OK, {counts['MISSED']} missed, {counts['not measured']} not measured"
    if missed:
        line += f" (missed: {', '.join(missed)})"
    return line
