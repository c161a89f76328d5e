"""No subcommand imports PySide6: the command line runs, and starts fast, wherever Python runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs one command in a fresh interpreter and says which PySide6 modules it imported by the end.
PROBE = """
import sys
import kindly.cli
status = kindly.cli.main(sys.argv[1:])
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
print("qt-modules:", qt, file=sys.stderr)
sys.exit(status)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["stats", "--json"],
        ["settings"],
        ["settings", "--json"],
        ["settings", "set", "streaks/rest_days", "1"],
        ["settings", "reset", "streaks/rest_days"],
        ["history", "add", "--start", "2026-11-24T07:30", "--minutes", "10"],
        ["history", "export", "--format", "json"],
        ["path", "--json"],
        ["practices"],
    ],
    ids=" ".join,
)
def test_a_command_imports_no_qt(args: list[str], isolated_dirs: Path) -> None:
    # A kindly.ini of an earlier version too: reading it must not need QSettings either.
    config = isolated_dirs / "config"
    config.mkdir()
    (config / "kindly.ini").write_text("[meta]\nschema_version=2\n[streaks]\nrest_days=2\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "qt-modules: []", done.stderr
