"""The core stays free of Qt, audio libraries and storage."""

import pkgutil
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import kindly.core

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = (
    "PySide6",
    "numpy",
    "pydub",
    "simpleaudio",
    "soundfile",
    "soxr",
    "sqlite3",
    "kindly.audio",
    "kindly.store",
    "kindly.ui",
)


def test_import_linter_contract_is_kept() -> None:
    pytest.importorskip("importlinter", reason="import-linter is the Linux suite's (the Windows lane has no grimp)")
    # This Python's scripts folder: bin/ beside it, or Scripts\ (lint-imports.exe) on Windows.
    lint = shutil.which("lint-imports", path=sysconfig.get_path("scripts"))
    assert lint is not None, f"lint-imports is not in {sysconfig.get_path('scripts')}"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_importing_every_core_module_loads_nothing_forbidden() -> None:
    modules = [f"kindly.core.{m.name}" for m in pkgutil.iter_modules(kindly.core.__path__)]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or m.startswith({FORBIDDEN[-3:]!r})]\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
