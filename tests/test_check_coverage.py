"""The coverage ratchet (tests/check_coverage.py) fails on a held file's untested line or branch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import check_coverage

pytest.importorskip("coverage", reason="coverage is in the lock's test extra: `make test`'s environment has it")

MODULE = "desktop/kindly/core/weather.py"
SOURCE = """\
def outfit(raining: bool, cold: bool) -> str:
    wear = "shirt"
    if raining:
        wear += " and coat"
    if cold:
        return "jumper"
    return wear
"""


def _measured(tmp_path: Path, calls: str) -> Path:
    """A held module, run under coverage with branches by these calls in a child process; its data file."""
    module = tmp_path / MODULE
    module.parent.mkdir(parents=True)
    module.write_text(SOURCE)
    (tmp_path / "pyproject.toml").write_text("[tool.coverage.run]\nbranch = true\n")
    (tmp_path / "run.py").write_text(
        f"import sys\nsys.path.insert(0, {str(module.parent)!r})\nimport weather\n{calls}\n"
    )
    data = tmp_path / ".coverage"
    subprocess.run(
        [sys.executable, "-m", "coverage", "run", f"--data-file={data}", "--branch", "run.py"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    return data


def _check(tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = check_coverage.main(["--data-file", str(data), "--root", str(tmp_path), MODULE])
    return status, capsys.readouterr().err


def test_a_held_file_with_every_line_and_branch_run_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _measured(tmp_path, "weather.outfit(True, False)\nweather.outfit(False, True)")
    assert _check(tmp_path, data, capsys) == (0, "")


def test_an_untested_line_fails_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _measured(tmp_path, "weather.outfit(True, False)\nweather.outfit(False, False)")
    status, err = _check(tmp_path, data, capsys)
    assert status == 1
    assert "weather.py" in err and " 6" in err  # `return "jumper"` never ran


def test_an_untested_branch_fails_though_every_line_ran(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _measured(tmp_path, "weather.outfit(True, True)\nweather.outfit(True, False)")
    status, err = _check(tmp_path, data, capsys)
    assert status == 1
    assert "3->5" in err  # never dry


def test_a_held_file_no_test_imports_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _measured(tmp_path, "")
    (tmp_path / "desktop/kindly/core/sunshine.py").write_text("SUN = 1\n")
    status = check_coverage.main(
        ["--data-file", str(data), "--root", str(tmp_path), MODULE, "desktop/kindly/core/sunshine.py"]
    )
    assert status == 1
    assert "sunshine.py: never imported by the tests" in capsys.readouterr().err


def test_every_module_of_the_core_and_the_store_is_held_or_named_as_not_yet() -> None:
    held = check_coverage.held_files()
    assert not set(held) & check_coverage.NOT_YET
    assert all((check_coverage.REPO / name).is_file() for name in check_coverage.NOT_YET), "a listed file has gone"
    assert "desktop/kindly/core/errors.py" in held
