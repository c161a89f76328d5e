"""The code's own habits, checked with every `make test` (so in CI): lint, format, types, workflows.

ruff, mypy, zizmor and shellcheck live in an environment of their own (`make
test` builds it from requirements/checks.txt and names it in
KINDLY_CHECK_TOOLS); mypy reads the app's packages through this interpreter.
The import contracts (layers, a pure core) are checked in
tests/core/test_core_is_pure.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = os.environ.get("KINDLY_CHECK_TOOLS")

pytestmark = pytest.mark.skipif(
    TOOLS is None, reason="ruff and mypy run under `make test`, which installs them (KINDLY_CHECK_TOOLS)"
)


WORKFLOWS = ROOT / ".github" / "workflows"


def _tool(name: str) -> Path:
    assert TOOLS is not None
    return (ROOT / TOOLS / name) if not Path(TOOLS).is_absolute() else Path(TOOLS) / name


def _run(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_tool(tool)), *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _needs(*tools: str) -> None:
    """Skip, saying so, with a check-tools environment made before these tools joined it."""
    absent = [tool for tool in tools if shutil.which(tool, path=str(_tool(tool).parent)) is None]
    if absent:
        pytest.skip(f"{', '.join(absent)} not in KINDLY_CHECK_TOOLS: `make test` installs requirements/checks.txt")


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


def test_zizmor_finds_the_workflows_well_formed_and_nothing_unsafe_in_them() -> None:
    """Schema errors fail too (--strict-collection); offline: no audit that asks GitHub anything."""
    _needs("zizmor")
    done = _run("zizmor", "--offline", "--strict-collection", "--no-progress", "--color", "never", str(WORKFLOWS))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_every_shell_script_in_the_workflows_passes_shellcheck() -> None:
    _needs("python", "shellcheck")
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.y*ml"))
    assert workflows
    done = _run("python", str(ROOT / "tests" / "workflow_shellcheck.py"), str(_tool("shellcheck")), *workflows)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
