"""Pruning keeps Kindly.app signable: each Qt framework keeps the links that codesign needs.

The bundle's entries are made as PyInstaller 6 makes them on macOS: the Qt
frameworks of a PySide6 wheel (`Versions/A/<name>`, Info.plist in the top
`Resources`, no links: wheels hold none) go through PyInstaller's own
`collect_files_from_framework_bundles`, which adds each framework's Info.plist
and its links; the top-folder link of each library is the one its dependency
analysis adds (PyInstaller.depend.bindepend), and Python's framework is
collected as `Analysis` collects it. The kept entries are then laid out on
disk as COLLECT lays them out, so the file system itself says where each
link leads.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_config  # noqa: E402

TocEntry = tuple[str, str, str]
QT_LIB = "PySide6/Qt/lib"
KEPT_FRAMEWORKS = ("QtCore", "QtGui", "QtWidgets", "QtNetwork")
# Only the virtual keyboard plugin (pruned) needs these.
PRUNED_FRAMEWORKS = ("QtVirtualKeyboard", "QtQuick", "QtQml")

# What each collected binary links against, by its file name, as macOS names them.
LINKS = {
    "QtGui": ["QtCore"],
    "QtWidgets": ["QtGui", "QtCore"],
    "QtNetwork": ["QtCore"],
    "QtQml": ["QtNetwork", "QtCore"],
    "QtQuick": ["QtQml", "QtGui", "QtCore"],
    "QtVirtualKeyboard": ["QtQuick", "QtQml", "QtGui", "QtCore"],
    "libqtvirtualkeyboardplugin.dylib": ["QtVirtualKeyboard", "QtQuick", "QtGui", "QtCore"],
    "libqcocoa.dylib": ["QtGui", "QtCore"],
    "QtCore.abi3.so": ["QtCore"],
    "QtWidgets.abi3.so": ["QtWidgets", "QtGui", "QtCore"],
    "QtNetwork.abi3.so": ["QtNetwork", "QtCore"],
}


def imports_of(source: str) -> list[str]:
    return [f"@rpath/{name}.framework/Versions/A/{name}" for name in LINKS.get(Path(source).name, [])]


@pytest.fixture
def pyinstaller_osx(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """PyInstaller.utils.osx, loaded on any system: off macOS, with stand-ins for macholib.

    macholib is installed on macOS only, and the framework helpers never call it.
    """
    pytest.importorskip("PyInstaller", reason="PyInstaller (the bundle extra) lays the frameworks out")
    if importlib.util.find_spec("macholib") is None:
        for name in ("macholib", "macholib.mach_o", "macholib.MachO", "macholib.util"):
            stand_in: Any = types.ModuleType(name)
            stand_in.__getattr__ = lambda attribute: object()
            monkeypatch.setitem(sys.modules, name, stand_in)
    spec = importlib.util.find_spec("PyInstaller.utils.osx")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module


def wheel_framework(site: Path, name: str) -> Path:
    """A Qt framework as a PySide6 wheel installs it; the binary's path."""
    framework = site / QT_LIB / f"{name}.framework"
    binary = framework / "Versions" / "A" / name
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"\xcf\xfa\xed\xfe")
    (framework / "Resources").mkdir()
    (framework / "Resources" / "Info.plist").write_text(f"<plist><dict><key>CFBundleExecutable</key>{name}</dict>")
    return binary


def analysis(site: Path, osx: types.ModuleType) -> tuple[list[TocEntry], list[TocEntry]]:
    """An Analysis' binaries and datas for Kindly on macOS, as PyInstaller 6 hands them to the spec."""
    python = site / "Python.framework" / "Versions" / "3.11" / "Python"
    python.parent.mkdir(parents=True)
    python.write_bytes(b"\xcf\xfa\xed\xfe")
    (python.parent / "Resources").mkdir()
    (python.parent / "Resources" / "Info.plist").write_text("<plist/>")
    toc: list[TocEntry] = [
        ("Python.framework/Versions/3.11/Python", str(python), "BINARY"),
        ("Python", "Python.framework/Versions/3.11/Python", "SYMLINK"),
    ]
    for name in (*KEPT_FRAMEWORKS, *PRUNED_FRAMEWORKS):
        dest = f"{QT_LIB}/{name}.framework/Versions/A/{name}"
        toc += [(dest, str(wheel_framework(site, name)), "BINARY"), (name, dest, "SYMLINK")]
    for dest in (
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.dylib",
        "PySide6/QtCore.abi3.so",
        "PySide6/QtWidgets.abi3.so",
        "PySide6/QtNetwork.abi3.so",
    ):
        toc.append((dest, str(site / dest), "EXTENSION" if dest.endswith(".so") else "BINARY"))
    toc.append(("kindly/assets/audio/bowl.wav", str(site / "bowl.wav"), "DATA"))
    toc = osx.collect_files_from_framework_bundles(toc)
    binaries = [entry for entry in toc if entry[2] in {"BINARY", "EXTENSION"}]
    return binaries, [entry for entry in toc if entry[2] not in {"BINARY", "EXTENSION"}]


def lay_out(entries: list[TocEntry], folder: Path) -> Path:
    """Files and links where COLLECT would put them (links pointing where PyInstaller says)."""
    if os.sep != "/":  # Windows links name folders apart from files, and `/` is no separator in them
        pytest.skip("a macOS bundle's links are laid out as POSIX links")
    for dest, source, kind in entries:
        path = folder / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "SYMLINK":
            try:
                os.symlink(source, path)
            except OSError as error:
                pytest.skip(f"this system makes no symbolic links here: {error}")
        else:
            path.write_bytes(b"")
    return folder


@pytest.fixture
def bundle(tmp_path: Path, pyinstaller_osx: types.ModuleType) -> tuple[list[TocEntry], Path]:
    """The pruned entries, and the `_internal` folder laid out from them."""
    binaries, datas = analysis(tmp_path / "site-packages", pyinstaller_osx)
    kept_binaries, kept_datas = bundle_config.prune_bundle(binaries, datas, imports_of)
    kept = [*kept_binaries, *kept_datas]
    return kept, lay_out(kept, tmp_path / "dist" / "_internal")


def test_pyinstaller_collects_each_qt_framework_with_the_links_codesign_needs(
    tmp_path: Path, pyinstaller_osx: types.ModuleType
) -> None:
    _binaries, datas = analysis(tmp_path / "site-packages", pyinstaller_osx)
    # PyInstaller writes a bundle's names with this system's separator: `\\` when run on Windows.
    posix = [(dest.replace("\\", "/"), target, kind) for dest, target, kind in datas]
    links = {dest: target.replace("\\", "/") for dest, target, kind in posix if kind == "SYMLINK"}
    core = f"{QT_LIB}/QtCore.framework"
    assert links[f"{core}/Versions/Current"] == "A"
    assert links[f"{core}/QtCore"] == "Versions/Current/QtCore"
    assert links[f"{core}/Resources"] == "Versions/Current/Resources"
    assert (
        f"{core}/Versions/A/Resources/Info.plist",
        str(tmp_path / f"site-packages/{core}/Resources/Info.plist"),
        "DATA",
    ) in posix


def test_every_link_kept_leads_to_something_kept(bundle: tuple[list[TocEntry], Path]) -> None:
    kept, folder = bundle
    links = [dest for dest, _target, kind in kept if kind == "SYMLINK"]
    assert links
    assert [dest for dest in links if not (folder / dest).exists()] == []


@pytest.mark.parametrize("name", [*KEPT_FRAMEWORKS, "Python"])
def test_each_kept_framework_keeps_the_layout_codesign_needs(bundle: tuple[list[TocEntry], Path], name: str) -> None:
    _kept, folder = bundle
    framework = folder / (f"{name}.framework" if name == "Python" else f"{QT_LIB}/{name}.framework")
    version = "3.11" if name == "Python" else "A"
    assert sorted(path.name for path in framework.iterdir()) == sorted([name, "Resources", "Versions"])
    assert os.readlink(framework / "Versions" / "Current") == version
    assert os.readlink(framework / name) == f"Versions/Current/{name}"
    assert os.readlink(framework / "Resources") == "Versions/Current/Resources"
    info_plist = framework / "Versions" / version / "Resources" / "Info.plist"
    assert info_plist.is_file() and not info_plist.is_symlink()
    assert (framework / "Resources" / "Info.plist").is_file() and (framework / name).is_file()


def test_the_top_folder_keeps_a_link_to_each_kept_library(bundle: tuple[list[TocEntry], Path]) -> None:
    _kept, folder = bundle
    for name in KEPT_FRAMEWORKS:
        assert os.readlink(folder / name) == f"{QT_LIB}/{name}.framework/Versions/A/{name}"


def test_nothing_is_left_of_a_framework_only_a_pruned_plugin_needed(bundle: tuple[list[TocEntry], Path]) -> None:
    kept, folder = bundle
    for name in PRUNED_FRAMEWORKS:
        assert not (folder / QT_LIB / f"{name}.framework").exists()
        assert not (folder / name).is_symlink()
    assert not any("virtualkeyboard" in dest.lower() for dest, _target, _kind in kept)


def test_a_link_into_a_pruned_folder_goes_and_a_link_to_a_kept_one_stays() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY")]
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("translations", "PySide6/Qt/translations", "SYMLINK"),
        ("lib", "PySide6/Qt/lib", "SYMLINK"),
        ("gui", "lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    _binaries, kept_datas = bundle_config.prune_bundle(binaries, datas)
    assert [dest for dest, _target, _kind in kept_datas] == ["lib", "gui"]


def test_links_that_lead_round_in_a_loop_are_dropped() -> None:
    datas = [("a", "b", "SYMLINK"), ("b", "a", "SYMLINK"), ("c", "c/d", "SYMLINK")]
    assert bundle_config.prune_bundle([], datas) == ([], [])
