"""The bundle recipe: the one spec on each OS, what it keeps of Qt, the Linux menu entry and installer.

Nothing here runs PyInstaller: the spec is executed with recording stand-ins
for its build steps (`.ci/run` builds and smoke-tests the real bundle).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "kindly.spec"
DESKTOP_ENTRY = PACKAGING / "linux" / "org.kindly.Kindly.desktop"
METAINFO = PACKAGING / "linux" / "org.kindly.Kindly.metainfo.xml"
sys.path.insert(0, str(PACKAGING))

import bundle_config  # noqa: E402
import bundle_icons  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]

# What only a Linux machine has: its desktop tools, and the tarball's bash installer and the .deb they check.
LINUX_DESKTOP_TOOLS = pytest.mark.linux_only("desktop-file-validate and appstreamcli are Linux desktop tools")
LINUX_TARBALL = pytest.mark.linux_only("the Linux tarball, its bash installer and the menu entry it validates")
LINUX_DEB = pytest.mark.linux_only("the Debian package (dpkg-deb)")


# --- the spec, run with stand-ins for PyInstaller's build steps ---------------------------------


class SpecRun:
    """What the spec asked PyInstaller to build."""

    def __init__(self) -> None:
        self.analysis: dict[str, Any] = {}
        self.exes: list[dict[str, Any]] = []
        self.collect: dict[str, Any] = {}
        self.bundle: dict[str, Any] = {}


def run_spec(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    binaries: list[tuple[str, str, str]] | None = None,
    oldest_macos: tuple[int, int, int] = (13, 0, 0),
) -> SpecRun:
    run = SpecRun()
    collected = (
        binaries
        if binaries is not None
        else [
            ("_soundfile_data/libsndfile_x86_64.so", "/nonexistent/libsndfile_x86_64.so", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/nonexistent/libqxcb.so", "BINARY"),
            ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "/nonexistent/vk.so", "BINARY"),
        ]
    )

    class Analysis:
        def __init__(self, scripts: list[str], **options: Any) -> None:
            run.analysis = {"scripts": scripts, **options}
            # The spec's own `binaries` (source, folder in the bundle) join what the hooks collected.
            added = [(str(Path(folder) / Path(src).name), src, "BINARY") for src, folder in options.get("binaries", [])]
            self.binaries = [*collected, *added]
            self.datas = [
                ("PySide6/Qt/translations/qtbase_de.qm", "/nonexistent/qtbase_de.qm", "DATA"),
                ("kindly/assets/audio/bowl.wav", "/nonexistent/bowl.wav", "DATA"),
            ]
            self.pure: list[Any] = []
            self.scripts: list[Any] = []

    def exe(*_parts: Any, **options: Any) -> types.SimpleNamespace:
        run.exes.append(options)
        return types.SimpleNamespace(**options)

    def collect(*parts: Any, **options: Any) -> types.SimpleNamespace:
        run.collect = {"parts": parts, **options}
        return types.SimpleNamespace(**options)

    def bundle(*_parts: Any, **options: Any) -> types.SimpleNamespace:
        run.bundle = options
        return types.SimpleNamespace(**options)

    namespace = {
        "SPECPATH": str(PACKAGING),
        "workpath": str(tmp_path / "work"),
        "DISTPATH": str(tmp_path / "dist"),
        "Analysis": Analysis,
        "PYZ": lambda *parts, **options: object(),
        "EXE": exe,
        "COLLECT": collect,
        "BUNDLE": bundle,
    }
    # PyInstaller reads the platform once, when first imported: import it as what it is, not as `platform`.
    import PyInstaller.utils.hooks  # noqa: F401

    if platform == "darwin":  # macholib exists only on macOS
        fake_osx = types.ModuleType("PyInstaller.utils.osx")
        fake_osx.macosx_version_min = lambda path: oldest_macos  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "PyInstaller.utils.osx", fake_osx)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return run


def test_spec_bundles_the_assets_as_the_kindly_assets_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_spec(tmp_path, monkeypatch, "linux")
    datas = run.analysis["datas"]
    for folder in ("audio", "scripts", "paths", "icons"):
        assert (str(ROOT / "assets" / folder), f"kindly/assets/{folder}") in datas


def test_spec_leaves_the_kokoro_voice_file_out_of_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_spec(tmp_path, monkeypatch, "linux")
    assert not any("voices" in Path(source).parts for source, _dest in run.analysis["datas"])


def test_spec_makes_every_lazily_imported_command_a_hidden_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindly.cli import COMMANDS

    run = run_spec(tmp_path, monkeypatch, "linux")
    assert {module for module, _help in COMMANDS.values()} <= set(run.analysis["hiddenimports"])


def test_spec_builds_one_stripped_console_program_in_one_folder_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = run_spec(tmp_path, monkeypatch, "linux")
    (exe,) = run.exes
    assert (exe["name"], exe["console"], exe["strip"], exe["upx"], exe["exclude_binaries"]) == (
        "kindly",
        True,
        True,
        False,
        True,
    )
    assert (run.collect["name"], run.collect["strip"], run.collect["upx"]) == ("kindly", True, False)
    assert run.bundle == {}


def test_spec_leaves_out_unused_qt_plugins_and_translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_spec(tmp_path, monkeypatch, "linux")
    kept = {Path(dest).name for part in run.collect["parts"] if isinstance(part, list) for dest, _s, _k in part}
    assert "libqxcb.so" in kept and "bowl.wav" in kept
    assert "libqtvirtualkeyboardplugin.so" not in kept and "qtbase_de.qm" not in kept


def test_spec_refuses_a_bundle_without_soundfiles_libsndfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="libsndfile"):
        run_spec(tmp_path, monkeypatch, "linux", binaries=[])


@pytest.mark.linux_only("the Linux bundle carries Debian's libportaudio2 (packaging/debian-packages.txt)")
def test_spec_on_linux_carries_the_systems_portaudio_and_points_sounddevice_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = run_spec(tmp_path, monkeypatch, "linux")
    binaries = next(part for part in run.collect["parts"] if isinstance(part, list) and part and part[0][2] == "BINARY")
    (portaudio,) = [(dest, src) for dest, src, _kind in binaries if Path(dest).name == "libportaudio.so.2"]
    assert portaudio[0] == "libportaudio.so.2" and Path(portaudio[1]).is_file()
    assert "sounddevice" in run.analysis["hiddenimports"]
    assert run.analysis["runtime_hooks"] == [str(PACKAGING / "portaudio_runtime_hook.py")]


def test_spec_refuses_a_linux_bundle_without_portaudio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_config, "linux_portaudio", lambda: [])
    with pytest.raises(SystemExit, match=r"libportaudio\.so\.2.*install libportaudio2"):
        run_spec(tmp_path, monkeypatch, "linux")


def test_spec_on_windows_ships_a_windowed_exe_and_a_console_twin_sharing_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .ico")
    run = run_spec(tmp_path, monkeypatch, "win32")
    assert [(exe["name"], exe["console"]) for exe in run.exes] == [("kindly", False), ("kindly-cli", True)]
    assert all(exe["strip"] is False and exe["upx"] is False for exe in run.exes)
    assert len([part for part in run.collect["parts"] if isinstance(part, types.SimpleNamespace)]) == 2
    assert all(Path(exe["icon"]).suffix == ".ico" and Path(exe["icon"]).is_file() for exe in run.exes)


def test_spec_on_windows_writes_the_pyproject_version_into_the_version_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .ico")
    run = run_spec(tmp_path, monkeypatch, "win32")
    text = Path(run.exes[0]["version"]).read_text(encoding="utf-8")
    ast.parse(text)  # PyInstaller evaluates it as a Python expression
    assert f"filevers={bundle_config.version_tuple(VERSION)!r}" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text


def test_spec_on_macos_describes_the_app_in_its_info_plist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .icns")
    run = run_spec(tmp_path, monkeypatch, "darwin")
    (exe,) = run.exes
    assert (exe["console"], exe["strip"], exe["upx"]) == (False, True, False)
    plist = run.bundle["info_plist"]
    assert run.bundle["name"] == "Kindly.app" and run.bundle["bundle_identifier"] == "org.kindly.Kindly"
    assert plist["CFBundleShortVersionString"] == VERSION and run.bundle["version"] == VERSION
    assert plist["NSHighResolutionCapable"] is True and plist["LSUIElement"] is False
    assert plist["NSRequiresAquaSystemAppearance"] is False
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert Path(run.bundle["icon"]).suffix == ".icns"


def test_spec_on_macos_asks_for_macos_13_even_when_every_binary_runs_on_older(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .icns")
    run = run_spec(tmp_path, monkeypatch, "darwin", oldest_macos=(11, 0, 0))
    assert run.bundle["info_plist"]["LSMinimumSystemVersion"] == "13.0"


def test_spec_on_macos_follows_a_binary_that_needs_a_newer_macos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .icns")
    run = run_spec(tmp_path, monkeypatch, "darwin", oldest_macos=(14, 2, 0))
    assert run.bundle["info_plist"]["LSMinimumSystemVersion"] == "14.2"


@pytest.mark.parametrize("identity", ["Developer ID Application: Kindly (TEAMID1234)", ""])
def test_spec_on_macos_signs_with_the_identity_in_kindly_codesign_identity_else_ad_hoc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, identity: str
) -> None:
    pytest.importorskip("PIL", reason="Pillow (the bundle extra) makes the .icns")
    monkeypatch.setenv("KINDLY_CODESIGN_IDENTITY", identity)
    (exe,) = run_spec(tmp_path, monkeypatch, "darwin").exes
    assert exe["codesign_identity"] == (identity or None)


def test_version_is_read_from_pyproject() -> None:
    assert bundle_config.read_version(ROOT / "pyproject.toml") == VERSION


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_windows_version_numbers_are_four_release_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle_config.version_tuple(version) == numbers


# --- Qt pruning ---------------------------------------------------------------------------------


def entry(dest: str) -> tuple[str, str, str]:
    return (dest, f"/src/{Path(dest).name}", "BINARY")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
        "PySide6/Qt/lib/libQt6Network.so.6",
    ],
)
def test_qt_pruning_keeps_what_kindly_draws_with(dest: str) -> None:
    assert bundle_config.keeps(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
        "PySide6/Qt/translations/qtbase_fr.qm",
        "PySide6/translations/qt_de.qm",
    ],
)
def test_qt_pruning_drops_plugins_and_translations_kindly_never_loads(dest: str) -> None:
    assert not bundle_config.keeps(dest)


def test_qt_pruning_drops_libraries_only_a_dropped_plugin_needed() -> None:
    links = {
        "/src/libqtvirtualkeyboardplugin.so": ["libQt6VirtualKeyboard.so.6", "libQt6Gui.so.6"],
        "/src/libQt6VirtualKeyboard.so.6": ["libQt6Quick.so.6"],
        "/src/libQt6Quick.so.6": ["libQt6Gui.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
    }
    entries = [
        entry(dest)
        for dest in (
            "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
            "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
            "PySide6/Qt/lib/libQt6Quick.so.6",
            "PySide6/Qt/lib/libQt6Gui.so.6",
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        )
    ]
    kept = bundle_config.prune_qt(entries, lambda source: links.get(source, []))
    assert [Path(dest).name for dest, _s, _k in kept] == ["libQt6Gui.so.6", "libqxcb.so", "libQt6XcbQpa.so.6"]


def test_pruning_leaves_glibcs_vector_maths_to_the_system() -> None:
    binaries = [entry("libmvec.so.1"), entry("_soundfile_data/libsndfile_x86_64.so"), entry("libmvec_like.so")]
    kept, _datas = bundle_config.prune_bundle(binaries, [], lambda source: [])
    assert [Path(dest).name for dest, _s, _k in kept] == ["libsndfile_x86_64.so", "libmvec_like.so"]


def test_pruning_drops_openssl_that_no_kept_binary_links_against() -> None:
    binaries = [entry("libssl.so.3"), entry("libcrypto.so.3"), entry("libk5crypto.so.3"), entry("libcrypto-3-x64.dll")]
    kept, _datas = bundle_config.prune_bundle(
        binaries, [], lambda source: ["libcrypto.so.3"] * source.endswith("ssl.so.3")
    )
    assert [Path(dest).name for dest, _s, _k in kept] == ["libk5crypto.so.3"]


def test_pruning_keeps_openssl_and_what_it_links_when_a_kept_binary_needs_it() -> None:
    links = {"/src/_ssl.so": ["libssl.so.3"], "/src/libssl.so.3": ["libcrypto.so.3"]}
    binaries = [entry("_ssl.so"), entry("libssl.so.3"), entry("libcrypto.so.3")]
    kept, _datas = bundle_config.prune_bundle(binaries, [], lambda source: links.get(source, []))
    assert [Path(dest).name for dest, _s, _k in kept] == ["_ssl.so", "libssl.so.3", "libcrypto.so.3"]


def test_pruning_drops_the_links_left_pointing_at_a_dropped_library() -> None:
    links = {"/src/libqtvirtualkeyboardplugin.so": ["libQt6Quick.so.6"]}
    binaries = [
        entry("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"),
        entry("PySide6/Qt/lib/libQt6Quick.so.6"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6"),
    ]
    datas = [
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    _binaries, kept_datas = bundle_config.prune_bundle(binaries, datas, lambda source: links.get(source, []))
    assert kept_datas == [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]


def test_the_bundle_excludes_no_module_that_kindly_imports() -> None:
    imported = set()
    for path in (ROOT / "desktop" / "kindly").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert {"PySide6.QtNetwork", "numpy", "soundfile"} <= imported
    excluded = set(bundle_config.EXCLUDED_MODULES)
    clashes = {name for name in imported if any(name == x or name.startswith(x + ".") for x in excluded)}
    assert not clashes


def test_nothing_kindly_runs_uses_numpy_random_which_the_bundle_leaves_out() -> None:
    assert "numpy.random" in bundle_config.EXCLUDED_MODULES
    for module in bundle_config.kindly_modules(ROOT / "desktop"):
        parts = module.split(".")
        path = ROOT / "desktop" / Path(*parts).with_suffix(".py")
        if not path.is_file():
            path = ROOT / "desktop" / Path(*parts) / "__init__.py"
        assert not re.search(r"\b(np|numpy)\.random\b", path.read_text(encoding="utf-8")), module


# --- icons --------------------------------------------------------------------------------------


def test_hicolor_icons_are_laid_out_by_size_under_the_app_id(tmp_path: Path) -> None:
    written = bundle_icons.install_hicolor(tmp_path)
    sizes = sorted(bundle_icons.icon_pngs())
    assert sizes, "assets/icons has no kindly-<size>.png"
    for size in sizes:
        if size in bundle_icons.HICOLOR_SIZES:
            assert (tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "org.kindly.Kindly.png") in written
    if bundle_icons.scalable_icon():
        assert (tmp_path / "hicolor" / "scalable" / "apps" / "org.kindly.Kindly.svg").is_file()


def test_windows_icon_holds_every_size_up_to_256(tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image", reason="Pillow (the bundle extra) makes the .ico")
    ico = bundle_icons.make_ico(tmp_path / "kindly.ico")
    assert ico is not None
    expected = {(size, size) for size in bundle_icons.icon_pngs() if size <= 256}
    with image.open(ico) as icon:
        assert icon.info["sizes"] == expected


def test_a_non_square_icon_is_refused_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "kindly-32.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (32).to_bytes(4, "big") + (16).to_bytes(4, "big")
    )
    with pytest.raises(ValueError, match=r"kindly-32\.png: icon is 32x16"):
        bundle_icons.icon_pngs(tmp_path)


# --- the Linux menu entry and installer ---------------------------------------------------------


def desktop_file_validate(path: Path) -> subprocess.CompletedProcess[str]:
    assert shutil.which("desktop-file-validate"), "install desktop-file-utils (packaging/debian-packages.txt)"
    return subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)


@LINUX_DESKTOP_TOOLS
def test_desktop_entry_is_valid() -> None:
    result = desktop_file_validate(DESKTOP_ENTRY)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_names_the_app_id_icon_and_the_kindly_command() -> None:
    lines = DESKTOP_ENTRY.read_text().splitlines()
    assert "Icon=org.kindly.Kindly" in lines and "Exec=kindly" in lines and "Exec=kindly --tray" in lines


@LINUX_DESKTOP_TOOLS
def test_the_software_centre_metadata_validates() -> None:
    assert shutil.which("appstreamcli"), "install appstream (packaging/debian-packages.txt)"
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout and "W:" not in result.stdout, result.stdout


def test_the_metadata_names_the_menu_entry_this_version_and_says_it_is_not_therapy() -> None:
    import xml.etree.ElementTree as ElementTree

    component = ElementTree.parse(METAINFO).getroot()
    assert component.findtext("id") == DESKTOP_ENTRY.stem
    assert component.findtext("launchable") == DESKTOP_ENTRY.name
    assert component.find("releases/release").get("version") == VERSION  # type: ignore[union-attr]
    assert component.find("content_rating") is not None
    assert any("not therapy" in (p.text or "") for p in component.iter("p"))


def stand_in_bundle(tmp_path: Path) -> Path:
    """A dist/ folder holding a stand-in for the bundle: a kindly that says what it was asked."""
    dist = tmp_path / "dist"
    (dist / "kindly" / "_internal").mkdir(parents=True)
    executable = dist / "kindly" / "kindly"
    executable.write_text('#!/bin/sh\necho kindly-stand-in "$@"\n')
    executable.chmod(0o755)
    return dist


def unpacked_tarball(tmp_path: Path) -> Path:
    """The tarball make_tarball.sh packs around a stand-in bundle, unpacked into tmp_path."""
    dist = stand_in_bundle(tmp_path)
    packed = subprocess.run(
        ["bash", str(PACKAGING / "linux" / "make_tarball.sh"), str(dist)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=True,
    )
    tarball = Path(packed.stdout.strip())
    assert tarball.parent == dist and tarball.name == f"kindly-{VERSION}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    return tmp_path / "unpacked" / tarball.name.removesuffix(".tar.gz")


@LINUX_TARBALL
def test_the_tarball_holds_the_bundle_menu_entry_icons_and_installer(tmp_path: Path) -> None:
    root = unpacked_tarball(tmp_path)
    for part in (
        "install.sh",
        "uninstall.sh",
        "kindly/kindly",
        "share/applications/org.kindly.Kindly.desktop",
        "share/metainfo/org.kindly.Kindly.metainfo.xml",
        "share/icons/hicolor/48x48/apps/org.kindly.Kindly.png",
    ):
        assert (root / part).is_file(), part
    assert os.access(root / "install.sh", os.X_OK) and os.access(root / "kindly" / "kindly", os.X_OK)


def run_script(script: Path, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ["PATH"], **extra}
    return subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=30)


@LINUX_TARBALL
def test_install_puts_kindly_in_the_users_local_dirs_and_menu(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home = tmp_path / "home"
    result = run_script(unpacked / "install.sh", home)
    assert result.returncode == 0, result.stderr
    local = home / ".local"
    entry_file = local / "share" / "applications" / "org.kindly.Kindly.desktop"
    assert f"Exec={local}/lib/kindly/kindly" in entry_file.read_text().splitlines()
    assert desktop_file_validate(entry_file).returncode == 0
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps" / "org.kindly.Kindly.png").is_file()
    ran = subprocess.run([str(local / "bin" / "kindly"), "--version"], capture_output=True, text=True)
    assert ran.stdout.strip() == "kindly-stand-in --version"


@LINUX_TARBALL
def test_install_quotes_a_home_with_a_space_in_the_menu_entry(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home = tmp_path / "my home"
    assert run_script(unpacked / "install.sh", home).returncode == 0
    entry_file = home / ".local" / "share" / "applications" / "org.kindly.Kindly.desktop"
    assert f'Exec="{home}/.local/lib/kindly/kindly" --tray' in entry_file.read_text().splitlines()
    assert desktop_file_validate(entry_file).returncode == 0


@LINUX_TARBALL
def test_uninstall_removes_what_install_put_and_keeps_the_users_history(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home = tmp_path / "home"
    history = home / ".local" / "share" / "Kindly" / "kindly.db"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"practice")
    assert run_script(unpacked / "install.sh", home).returncode == 0

    result = run_script(home / ".local" / "lib" / "kindly" / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() and p.name != "mimeinfo.cache")
    assert left == [".local/share/Kindly/kindly.db"]


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if (p.is_file() or p.is_symlink()))


@LINUX_TARBALL
def test_uninstall_run_as_printed_removes_an_install_made_with_a_custom_prefix(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home, prefix = tmp_path / "home", tmp_path / "opt" / "my apps"
    installed = run_script(unpacked / "install.sh", home, PREFIX=str(prefix))
    assert installed.returncode == 0, installed.stderr
    command = installed.stdout.splitlines()[-1].removeprefix("To remove it: ")

    result = subprocess.run(  # exactly as printed: no PREFIX in the environment
        ["bash", command], env={"HOME": str(home), "PATH": os.environ["PATH"]}, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert [p for p in _files_under(prefix) if not p.endswith("mimeinfo.cache")] == []
    removed = [line.removeprefix("removed ") for line in result.stdout.splitlines() if line.startswith("removed ")]
    assert f"{prefix}/bin/kindly" in removed and f"{prefix}/share/applications/org.kindly.Kindly.desktop" in removed
    assert f"{prefix}/share/metainfo/org.kindly.Kindly.metainfo.xml" in removed
    assert any(path.endswith("48x48/apps/org.kindly.Kindly.png") for path in removed)


@LINUX_TARBALL
def test_uninstall_still_removes_an_install_made_before_the_installer_kept_a_list(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home, prefix = tmp_path / "home", tmp_path / "prefix"
    assert run_script(unpacked / "install.sh", home, PREFIX=str(prefix)).returncode == 0
    (prefix / "lib" / "kindly" / "installed-files").unlink()

    result = run_script(prefix / "lib" / "kindly" / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert [p for p in _files_under(prefix) if not p.endswith("mimeinfo.cache")] == []


@LINUX_TARBALL
def test_uninstall_leaves_a_kindly_link_that_another_install_has_taken(tmp_path: Path) -> None:
    unpacked = unpacked_tarball(tmp_path)
    home = tmp_path / "home"
    assert run_script(unpacked / "install.sh", home).returncode == 0
    link = home / ".local" / "bin" / "kindly"
    link.unlink()
    link.symlink_to("/usr/bin/true")  # another kindly now answers to the name

    assert run_script(home / ".local" / "lib" / "kindly" / "uninstall.sh", home).returncode == 0
    assert link.is_symlink()


# --- the Python package -------------------------------------------------------------------------


def test_every_package_directory_is_listed_in_pyproject() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {  # every folder with Python in it, namespace packages included
        ".".join(path.parent.relative_to(ROOT / "desktop").parts)
        for path in (ROOT / "desktop" / "kindly").rglob("*.py")
    }
    assert on_disk <= listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["kindly.assets"] == "assets"


@pytest.mark.slow
def test_the_wheel_carries_the_bundled_sounds_scripts_paths_and_icons(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kindly-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("kindly/assets/audio/", "kindly/assets/scripts/", "kindly/assets/paths/", "kindly/assets/icons/"):
        assert any(name.startswith(folder) for name in names), folder
    # The voice extra speaks a user's own scripts with the bundled practices' Kokoro voice.
    assert "kindly/assets/voices/am_michael.bin" in names
    assert "kindly/commands/self_test_command.py" in names


# --- the Debian package ---------------------------------------------------------------------------


@LINUX_DEB
def test_the_deb_puts_kindly_in_opt_its_command_in_usr_bin_and_its_entry_icons_and_metadata_in_share(
    tmp_path: Path,
) -> None:
    dist = stand_in_bundle(tmp_path)
    built = subprocess.run(
        [sys.executable, str(PACKAGING / "linux" / "make_deb.py"), str(dist)], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    deb = Path(built.stdout.splitlines()[-1])  # dpkg-deb says what it builds first
    assert deb.name.startswith(f"kindly_{VERSION}_") and deb.suffix == ".deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in (
        "./opt/kindly/kindly",
        "./usr/bin/kindly -> /opt/kindly/kindly",
        "./usr/share/applications/org.kindly.Kindly.desktop",
        "./usr/share/metainfo/org.kindly.Kindly.metainfo.xml",
        "./usr/share/icons/hicolor/48x48/apps/org.kindly.Kindly.png",
        "./usr/share/man/man1/kindly.1.gz",
        "./usr/share/doc/kindly/copyright",
        "./usr/share/lintian/overrides/kindly",
    ):
        assert path in listing, path
    assert "root/root" in listing.splitlines()[0]
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Version: {VERSION}" in fields and "Depends: libc6 (>= 2." in fields
    assert "not therapy" in fields


def test_every_lintian_override_says_why() -> None:
    lines = (PACKAGING / "linux" / "lintian-overrides").read_text().splitlines()
    for number, line in enumerate(lines):
        if line.startswith("kindly:"):
            above = [x for x in lines[:number] if x.strip()]
            assert above and (above[-1].startswith("#") or above[-1].startswith("kindly:")), line
    assert sum(line.startswith("kindly:") for line in lines) >= 1


def test_the_bundle_leaves_out_openssl_and_kindly_hashes_the_same_without_it() -> None:
    """Without `_hashlib` (OpenSSL), hashlib's own SHA-256 must name every narration clip as before."""
    assert {"ssl", "_ssl", "_hashlib"} <= set(bundle_config.EXCLUDED_MODULES)
    probe = (
        "import sys; sys.modules['_hashlib'] = None\n"
        "import hashlib; from kindly.core.practice_script import text_sha256\n"
        "print(hashlib.sha256.__module__, text_sha256('Breathing in, I know I am breathing in.'))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    without = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    module, digest = without.stdout.split()
    from kindly.core.practice_script import text_sha256

    assert module != "_hashlib"
    assert digest == text_sha256("Breathing in, I know I am breathing in.")
