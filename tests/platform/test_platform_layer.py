"""Every difference between the systems lives in kindly.platform: the rest of Kindly never asks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kindly

PACKAGE = Path(kindly.__file__).resolve().parent
PLATFORM_LAYER = PACKAGE / "platform"
# Asking which system this is, in the ways Python offers.
SYSTEM_CHECK = re.compile(r"\bsys\.platform\b|\bos\.name\b|\bplatform\.system\(|\bfrom sys import platform\b")
PROCESS_STARTS = {"run", "Popen", "call", "check_call", "check_output"}


def system_checks(package: Path, allowed: Path) -> list[str]:
    """`file:line: text` for each check of the system outside `allowed`."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(allowed):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if SYSTEM_CHECK.search(line):
                found.append(f"{path.relative_to(package.parent).as_posix()}:{number}: {line.strip()}")
    return found


def loud_process_starts(package: Path, allowed: Path) -> list[str]:
    """`file:line` for each subprocess started without `**quiet_process_options()` outside `allowed`."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(allowed):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in PROCESS_STARTS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "subprocess"
            ):
                continue
            quiet = any(
                keyword.arg is None
                and isinstance(keyword.value, ast.Call)
                and isinstance(keyword.value.func, ast.Name)
                and keyword.value.func.id == "quiet_process_options"
                for keyword in node.keywords
            )
            if not quiet:
                found.append(f"{path.relative_to(package.parent).as_posix()}:{node.lineno}")
    return found


def test_no_module_outside_the_platform_layer_asks_which_system_it_runs_on() -> None:
    assert system_checks(PACKAGE, PLATFORM_LAYER) == []


def test_the_scan_names_the_file_and_line_of_a_system_check(tmp_path: Path) -> None:
    package = tmp_path / "kindly"
    (package / "ui").mkdir(parents=True)
    (package / "platform").mkdir()
    (package / "ui" / "window.py").write_text("import os\n\nif os.name == 'nt':\n    pass\n")
    (package / "platform" / "systems.py").write_text("import sys\nWINDOWS = sys.platform == 'win32'\n")
    assert system_checks(package, package / "platform") == ["kindly/ui/window.py:3: if os.name == 'nt':"]


def test_every_program_kindly_starts_keeps_its_console_hidden_on_windows() -> None:
    assert loud_process_starts(PACKAGE, PLATFORM_LAYER) == []


def test_the_scan_names_a_program_started_without_the_quiet_options(tmp_path: Path) -> None:
    package = tmp_path / "kindly"
    package.mkdir()
    (package / "voice.py").write_text(
        "import subprocess\n"
        "subprocess.run(['espeak-ng'], **quiet_process_options())\n"
        "subprocess.run(['festival'], check=False)\n"
    )
    assert loud_process_starts(package, package / "platform") == ["kindly/voice.py:3"]
