"""The code's own habits, checked with every `make test` (so in CI): lint, format, types.

ruff and mypy live in an environment of their own (`make test` builds it from
requirements/checks.txt and names it in KINDLY_CHECK_TOOLS); mypy reads the
app's packages through this interpreter. The import contracts (layers, a pure
core) are checked in tests/core/test_core_is_pure.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = os.environ.get("KINDLY_CHECK_TOOLS")

pytestmark = pytest.mark.skipif(
    TOOLS is None, reason="ruff and mypy run under `make test`, which installs them (KINDLY_CHECK_TOOLS)"
)


def _run(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert TOOLS is not None
    command = [str((ROOT / TOOLS / tool) if not Path(TOOLS).is_absolute() else Path(TOOLS) / tool), *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_to_fix() -> None:
    done = _run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-3000:]


def test_every_file_is_formatted_as_ruff_formats_it() -> None:
    done = _run("ruff", "format", "--check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.slow
def test_mypy_is_clean_everywhere_and_strict_on_the_core() -> None:
    done = _run("mypy", "--no-incremental", "--python-executable", sys.executable)
    assert done.returncode == 0, done.stdout[-3000:]
