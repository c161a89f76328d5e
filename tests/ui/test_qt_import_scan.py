"""PySide6's look at each later import: the same answer as the binding's own, from a plain file read."""

from __future__ import annotations

import importlib
import linecache
import subprocess
import sys
import types
from pathlib import Path

import pytest

import kindly.ui  # noqa: F401  (the shell puts the scan in place as it is imported)
from kindly.ui import qt_import_scan

feature = sys.modules.get(qt_import_scan.FEATURE_MODULE)
needs_hook = pytest.mark.skipif(
    feature is None or not hasattr(feature, qt_import_scan.HOOK_NAME), reason="this binding has no import scan"
)


def _original(module: types.ModuleType) -> bool:
    scan = getattr(feature, qt_import_scan.HOOK_NAME)
    return bool(scan.__wrapped__(module))


@needs_hook
def test_importing_any_shell_module_puts_the_file_read_in_place_of_the_bindings_scan() -> None:
    probe = (
        "import sys, kindly.ui.theme\n"
        f"scan = getattr(sys.modules[{qt_import_scan.FEATURE_MODULE!r}], {qt_import_scan.HOOK_NAME!r})\n"
        "print(scan.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["kindly.ui.qt_import_scan"]


@needs_hook
def test_putting_the_scan_in_place_twice_wraps_it_once() -> None:
    assert qt_import_scan.speed_up_import_scan()
    scan = getattr(feature, qt_import_scan.HOOK_NAME)
    assert getattr(scan.__wrapped__, "__wrapped__", None) is None


@needs_hook
@pytest.mark.parametrize("name", ["kindly.ui.theme", "kindly.core.clock", "sys", "json", "_sqlite3"])
def test_a_module_is_judged_as_the_binding_judges_it(name: str) -> None:
    module = importlib.import_module(name)
    assert qt_import_scan.file_mentions_pyside(module, _original) == _original(module)


def test_a_module_whose_file_has_gone_is_asked_of_the_fallback(tmp_path: Path) -> None:
    module = types.ModuleType("gone")
    module.__file__ = str(tmp_path / "gone.py")
    assert qt_import_scan.file_mentions_pyside(module, lambda _m: True)
    assert not qt_import_scan.file_mentions_pyside(module, lambda _m: False)


@needs_hook
@pytest.mark.parametrize(("source", "expected"), [("import PySide6.QtCore\n", 0), ("import json\n", -1)])
def test_a_module_imported_later_is_marked_without_its_source_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: int
) -> None:
    name = f"scanned_{expected + 1}_{tmp_path.name.replace('-', '_')}"
    path = tmp_path / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__(name)  # an import statement's way in: the binding's hook sits on it, not on importlib
    assert feature is not None
    assert feature.pyside_feature_dict[name] == expected  # 0: uses PySide6, -1: ignored by __feature__
    assert str(path) not in linecache.cache
