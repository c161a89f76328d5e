"""`startup-bare-home`, the start-up budget's baseline, is a page of the same Qt widgets as Kindly's home.

The contract budgets Kindly's complete home page against that page in bare
PySide6. The baseline holds only while it is made of what the home is made
of: a widget added to or taken from the home page (or shown where it was
hidden) must be mirrored in `benchmarks/first_paint_probe.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).resolve().parent.parent / "benchmarks" / "first_paint_probe.py"


def census(page: str) -> dict[str, int]:
    """How many widgets of each Qt class, shown or hidden, `page` has once painted (a first launch)."""
    env = {**os.environ, "KINDLY_PROBE_CENSUS": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(PROBE), page], env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("census ")]
    assert len(lines) == 1, done.stderr
    counts: dict[str, int] = json.loads(lines[0].removeprefix("census "))
    return counts


@pytest.mark.gui
@pytest.mark.slow
def test_the_bare_home_page_holds_the_same_qt_widgets_as_kindly_s_home() -> None:
    kindly = census("kindly-home")
    assert sum(kindly.values()) > 100  # the whole home page was counted, More and all
    assert census("bare-home") == kindly
