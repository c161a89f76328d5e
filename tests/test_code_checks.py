"""The code's own habits, checked with every `make test` (so in CI): lint, format, types.

The import contracts (layers, a pure core) are checked in tests/core/test_core_is_pure.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_to_fix() -> None:
    done = _run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-3000:]


def test_every_file_is_formatted_as_ruff_formats_it() -> None:
    done = _run(str(BIN / "ruff"), "format", "--check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.slow
def test_mypy_is_clean_everywhere_and_strict_on_the_core() -> None:
    done = _run(str(BIN / "mypy"), "--no-incremental")
    assert done.returncode == 0, done.stdout[-3000:]
