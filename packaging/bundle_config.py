"""What goes into Kindly's PyInstaller bundles, shared by `kindly.spec` and the size benchmark.

The spec imports this module (it puts `packaging/` on `sys.path`); so does
`benchmarks/bundle_size_and_startup.py`, so that the minimal PySide6 bundle it
compares against is pruned exactly as Kindly's is. Plain Python, no PyInstaller
imports at module level: the unit tests read it without building anything.
"""

from __future__ import annotations

import ast
import posixpath
import re
import shutil
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _kindly_constant(name: str) -> str:
    """A constant of `kindly/__init__.py`, read without importing Kindly: it is declared there once."""
    tree = ast.parse((REPO_ROOT / "desktop" / "kindly" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise KeyError(f"kindly/__init__.py declares no {name}")


APP_ID = _kindly_constant("APP_ID")
APP_NAME = _kindly_constant("APP_NAME")

# (dest name inside the bundle, source path, PyInstaller typecode)
TocEntry = tuple[str, str, str]

# Python modules Kindly never imports, which hooks or optional imports would otherwise drag in.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    # Build and test tools.
    "PIL",
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "importlinter",
    "grimp",
    "psutil",
    "numpy.f2py",
    "numpy.distutils",
    # The interactive prompt's line editing (cmd, code, pdb import it when run): with it go
    # libreadline and libtinfo. Kindly asks nothing at a prompt.
    "readline",
    # OpenSSL (libssl, and libcrypto's 4.5 MB): Kindly opens no network connection, so no TLS (the
    # standard library's users of ssl import it only if it is there), and hashlib falls back to
    # CPython's own SHA-2 and BLAKE2 modules, bundled beside it, when its OpenSSL binding is absent.
    "ssl",
    "_ssl",
    "_hashlib",
    # Kindly's sounds are synthesized at build time (kindly.tools); nothing at run time draws random numbers.
    "numpy.random",
    "IPython",
    "matplotlib",
    "scipy",
    # Kindly uses QtCore, QtGui, QtWidgets and QtNetwork (QLocalSocket/QLocalServer for one instance).
    *(
        f"PySide6.{name}"
        for name in (
            "Qt3DAnimation",
            "Qt3DCore",
            "Qt3DExtras",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DRender",
            "QtAxContainer",
            "QtBluetooth",
            "QtCharts",
            "QtConcurrent",
            "QtDataVisualization",
            "QtDBus",
            "QtDesigner",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtHelp",
            "QtHttpServer",
            "QtLocation",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtNetworkAuth",
            "QtNfc",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtPositioning",
            "QtPrintSupport",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtRemoteObjects",
            "QtScxml",
            "QtSensors",
            "QtSerialBus",
            "QtSerialPort",
            "QtSpatialAudio",
            "QtSql",
            "QtStateMachine",
            "QtSvg",
            "QtSvgWidgets",
            "QtTest",
            "QtTextToSpeech",
            "QtUiTools",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineQuick",
            "QtWebEngineWidgets",
            "QtWebSockets",
            "QtWebView",
            "QtXml",
        )
    ),
)

# sounddevice plays every session through PortAudio. Its Windows and macOS wheels carry the library
# (`_sounddevice_data`, collected by PyInstaller's contrib hook); on Linux it is the system's
# (Debian's libportaudio2), which the Linux bundle carries itself, so that a desktop without it
# still plays through PortAudio rather than the simpleaudio fallback.
AUDIO_MODULES: tuple[str, ...] = ("sounddevice",)

# Asset folders a bundle has no use for. The Kokoro voice file speaks only with Kindly's `voice`
# extra (kokoro-onnx and its model), which a bundle never holds: there a person's own script is
# spoken by the system's voice (Piper, festival, espeak-ng), and the file would be dead weight.
ASSETS_LEFT_OUT: frozenset[str] = frozenset({"voices"})


def bundled_assets(assets: Path) -> list[tuple[str, str]]:
    """The assets as PyInstaller `datas` under `kindly/assets`, each folder whole, less `ASSETS_LEFT_OUT`."""
    return [
        (str(path), f"kindly/assets/{path.name}" if path.is_dir() else "kindly/assets")
        for path in sorted(assets.iterdir())
        if path.name not in ASSETS_LEFT_OUT
    ]


PORTAUDIO_SONAME = "libportaudio.so.2"
# Run in the frozen app before Kindly's code: sounddevice then loads the bundled PortAudio (see the hook).
PORTAUDIO_RUNTIME_HOOK = Path(__file__).resolve().parent / "portaudio_runtime_hook.py"

# Qt plugins kept, by plugin directory; a directory not named here is left out whole.
# `None` keeps every plugin of that kind. Names are file names without `lib` and extension.
KEPT_QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # The real window (xcb, wayland, windows, cocoa), CI and tests (offscreen, minimal).
    "platforms": frozenset(
        {"qxcb", "qwayland", "qwayland-egl", "qwayland-generic", "qoffscreen", "qminimal", "qwindows", "qcocoa"}
    ),
    # The desktop portal gives the system's colour scheme and file dialogs. Not the GTK 3 theme:
    # it would bundle the build machine's GTK (missing here, ~15 MB on Ubuntu), at odds with the user's.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Kindly's icons are PNG (built into QtGui) and SVG; ICO for the Windows tray.
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Typing with a compose key or an input method; not the QML virtual keyboard.
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}),
    "styles": None,
    "accessiblebridge": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
}

# Parts of glibc that PyInstaller does not know to leave to the system, as it does libc and libm:
# glibc's vector maths (libsndfile links it). Every glibc system has its own, made for its libm.
GLIBC_LIBRARIES = re.compile(r"^libmvec\.so(\.|$)")

# OpenSSL's libraries, which PyInstaller's QtNetwork hook collects for Qt's TLS backend plugin. The
# plugin is pruned (`KEPT_QT_PLUGINS` has no "tls") and Python's bindings are excluded: a copy that no
# kept binary links against is never loaded (Linux `libssl.so.3`, Windows `libcrypto-3-x64.dll`, macOS
# `libssl.3.dylib`).
OPENSSL_LIBRARIES = re.compile(r"^lib(ssl|crypto)([.-]\d+)?([.-]x64)?\.(so|dll|dylib)(\.|$)", re.IGNORECASE)

_PLUGIN_PATH = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/(?P<kind>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION_PATH = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/[^/]+\.qm$")


def read_version(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    """The `[project] version` of pyproject.toml: the one place the version is written."""
    with pyproject.open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """`0.1.0` -> (0, 1, 0, 0), the four numbers Windows wants (pre-release suffixes dropped)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(part) for part in release.group().split(".")[:4]] if release else []
    return tuple(([*numbers, 0, 0, 0, 0])[:4])  # type: ignore[return-value]


def kindly_modules(source_root: Path = REPO_ROOT / "desktop") -> list[str]:
    """Every module of the `kindly` package that the app can reach at run time.

    `kindly.cli` imports subcommands by name (importlib), which PyInstaller
    cannot see; listing the modules makes each one a hidden import. The
    asset-building tools (`kindly.tools`) run only in a source tree.
    """
    names = []
    for path in sorted((source_root / "kindly").rglob("*.py")):
        parts = list(path.relative_to(source_root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if name == "kindly.__main__" or name == "kindly.tools" or name.startswith("kindly.tools."):
            continue
        names.append(name)
    return names


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keeps(dest_name: str) -> bool:
    """Whether a bundle entry survives Qt pruning (entries outside Qt's plugins and translations always do)."""
    dest = dest_name.replace("\\", "/")
    if _TRANSLATION_PATH.search(dest):
        # Kindly's interface is English and loads no Qt translations.
        return False
    plugin = _PLUGIN_PATH.search(dest)
    if plugin is None:
        return True
    if plugin["kind"] not in KEPT_QT_PLUGINS:
        return False
    wanted = KEPT_QT_PLUGINS[plugin["kind"]]
    return wanted is None or _plugin_name(plugin["file"]) in wanted


def prune_qt(
    entries: Iterable[TocEntry],
    imports_of: Callable[[str], Iterable[str]] | None = None,
) -> list[TocEntry]:
    """Drop the unused Qt plugins and translations, then the libraries only they needed.

    PyInstaller has already collected each plugin's link-time dependencies
    (the QML virtual keyboard plugin alone brings QtQuick and QtQml, about
    20 MB). `imports_of(source_path)` gives the names of the libraries a
    binary links against; with it, every library that no kept binary can
    reach is dropped too, and nothing a kept binary needs ever is.
    """
    entries = list(entries)
    dropped = [entry for entry in entries if not keeps(entry[0])]
    kept = [entry for entry in entries if keeps(entry[0])]
    if imports_of is None or not dropped:
        return kept

    def name_of(path: str) -> str:  # Windows names libraries case-insensitively
        return Path(path.replace("\\", "/")).name.lower()

    by_name: dict[str, TocEntry] = {name_of(entry[0]): entry for entry in kept}

    def closure(start: Iterable[TocEntry]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            entry = todo.pop()
            for name in map(name_of, imports_of(entry[1])):
                if name in by_name and name not in seen:
                    seen.add(name)
                    todo.append(by_name[name])
        return seen

    only_for_dropped = closure(dropped)
    roots = [entry for entry in kept if name_of(entry[0]) not in only_for_dropped]
    still_needed = closure(roots)
    orphans = only_for_dropped - still_needed
    return [entry for entry in kept if name_of(entry[0]) not in orphans]


def linked_libraries(path: str) -> list[str]:
    """Names of the libraries a collected binary links against (PyInstaller's own reader; build time only)."""
    from PyInstaller.depend import bindepend

    try:
        return [name for name, _resolved in bindepend.get_imports(path)]
    except Exception:  # not a binary PyInstaller can read: it links nothing to prune
        return []


def linux_portaudio() -> list[tuple[str, str]]:
    """The system's PortAudio as the spec's `binaries` (source, folder in the bundle); [] when not installed.

    At the bundle's top, where the runtime hook looks; PyInstaller collects
    the libraries it links against (ALSA, JACK) beside it. Build time only.
    """
    from PyInstaller.depend import bindepend

    path = bindepend.resolve_library_path(PORTAUDIO_SONAME)
    return [(path, ".")] if path else []


def prune_bundle(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    imports_of: Callable[[str], Iterable[str]] | None = None,
) -> tuple[list[TocEntry], list[TocEntry]]:
    """`prune_qt` over an Analysis' binaries and datas, then what pruning left without a purpose.

    PyInstaller links every library it placed in a sub-folder into the top
    folder too (`libQt6Quick.so.6 -> PySide6/Qt/lib/libQt6Quick.so.6`), and on
    macOS it rebuilds each Qt framework's links (`QtCore.framework/QtCore ->
    Versions/Current/QtCore`, `Versions/Current -> A`, `Resources ->
    Versions/Current/Resources`), which code signing needs. glibc's own
    libraries are left to the system (`GLIBC_LIBRARIES`). A link stays when
    what it names, a file or a folder, possibly through other links, is kept;
    a framework whose binary was pruned goes whole (codesign refuses a
    framework with no code in it).
    """
    binaries = [entry for entry in binaries if not GLIBC_LIBRARIES.match(_bundle_path(entry[0]).rsplit("/", 1)[-1])]
    binaries, datas = prune_qt(binaries, imports_of), prune_qt(datas)
    binaries = _without_unlinked_openssl(binaries, imports_of)
    entries = _without_empty_frameworks([*binaries, *datas])
    kept = {_bundle_path(dest) for dest in _with_resolving_links(entries)}
    return [e for e in binaries if _bundle_path(e[0]) in kept], [e for e in datas if _bundle_path(e[0]) in kept]


def _without_unlinked_openssl(
    binaries: list[TocEntry], imports_of: Callable[[str], Iterable[str]] | None
) -> list[TocEntry]:
    """Leave out OpenSSL's libraries unless a kept binary links against one (`OPENSSL_LIBRARIES`).

    Without `imports_of` nothing can be known of the links, and they stay.
    """
    if imports_of is None:
        return binaries
    read_links = imports_of

    def name_of(dest: str) -> str:
        return _bundle_path(dest).rsplit("/", 1)[-1].lower()

    def links(entries: Iterable[TocEntry]) -> set[str]:
        return {Path(name.replace("\\", "/")).name.lower() for _d, src, _k in entries for name in read_links(src)}

    openssl = [entry for entry in binaries if OPENSSL_LIBRARIES.match(name_of(entry[0]))]
    others = [entry for entry in binaries if not OPENSSL_LIBRARIES.match(name_of(entry[0]))]
    needed = [entry for entry in openssl if name_of(entry[0]) in links(others)]
    while more := [e for e in openssl if e not in needed and name_of(e[0]) in links(needed)]:
        needed += more  # libssl, kept, brings libcrypto
    return [entry for entry in binaries if entry not in openssl or entry in needed]


# `<dir>/QtCore.framework/Versions/A/QtCore`: the one binary a framework bundle is for.
_FRAMEWORK_BINARY = re.compile(r"^(?P<framework>(?:.*/)?(?P<name>[^/]+)\.framework)/Versions/[^/]+/(?P=name)$")
# Links chained deeper than this are taken for a loop, as the kernel does (ELOOP).
_MAX_LINK_HOPS = 40


def _bundle_path(dest: str) -> str:
    """A bundle entry's place, `/`-separated and without `.`/`..` (PyInstaller compares them so)."""
    return posixpath.normpath(dest.replace("\\", "/"))


def _without_empty_frameworks(entries: list[TocEntry]) -> list[TocEntry]:
    """Leave out every entry inside a `.framework` whose binary is not in the bundle."""
    with_code = {
        match["framework"]
        for dest, _src, kind in entries
        if kind != "SYMLINK" and (match := _FRAMEWORK_BINARY.match(_bundle_path(dest)))
    }

    def in_empty_framework(dest: str) -> bool:
        parts = _bundle_path(dest).split("/")
        return any(
            part.endswith(".framework") and "/".join(parts[: index + 1]) not in with_code
            for index, part in enumerate(parts[:-1])
        )

    return [entry for entry in entries if not in_empty_framework(entry[0])]


def _resolve(path: str, links: dict[str, str]) -> str | None:
    """Where `path` leads once every link along it is followed; None for a loop."""
    for _hop in range(_MAX_LINK_HOPS):
        parts = path.split("/")
        for end in range(1, len(parts) + 1):
            prefix = "/".join(parts[:end])
            if prefix in links:
                target = posixpath.join(posixpath.dirname(prefix), links[prefix], *parts[end:])
                path = posixpath.normpath(target)
                break
        else:
            return path
    return None


def _with_resolving_links(entries: list[TocEntry]) -> list[str]:
    """Every file, and every link that leads to a kept file or to a folder holding one.

    A folder exists in the bundle when something kept is inside it: a file, or
    a link that itself resolves (checked until nothing more is found).
    """
    links = {_bundle_path(dest): target.replace("\\", "/") for dest, target, kind in entries if kind == "SYMLINK"}
    files = [_bundle_path(dest) for dest, _src, kind in entries if kind != "SYMLINK"]
    present: set[str] = set()

    def add(path: str) -> None:
        while path and path not in present:
            present.add(path)
            path = posixpath.dirname(path)

    for path in files:
        add(path)
    kept_links: set[str] = set()
    found = True
    while found:
        found = False
        for link in links.keys() - kept_links:
            if _resolve(link, links) in present:
                kept_links.add(link)
                add(link)
                found = True
    return [*files, *kept_links]


def restore_vendored_libraries(binaries: Iterable[TocEntry], contents_dir: Path) -> list[Path]:
    """Copy the wheel-vendored libraries (`numpy.libs/...`) back over their stripped copies."""
    restored = []
    for dest, source, _kind in binaries:
        if Path(dest).parent.name.endswith(".libs"):
            target = contents_dir / dest
            shutil.copy2(source, target)
            restored.append(target)
    return restored


def write_windows_version_file(version: str, out: Path) -> Path:
    """Fill `windows/version_info.txt.in` (PyInstaller's version-resource format) with this version."""
    template = (Path(__file__).resolve().parent / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    numbers = version_tuple(version)
    text = template.format(
        version=version,
        version_tuple=repr(numbers),
        dotted=".".join(str(n) for n in numbers),
        app_name=APP_NAME,
        app_id=APP_ID,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
