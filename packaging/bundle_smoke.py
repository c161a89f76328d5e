"""Runs a built bundle the way a user would, and fails loudly if any part of it is missing.

    python packaging/bundle_smoke.py [DIST_DIR]      (default: dist)

Checks, on the bundle for this OS (Linux `dist/kindly/kindly`, Windows
`dist/kindly/kindly-cli.exe` and `kindly.exe`, macOS `dist/Kindly.app`):
the bundled libsndfile and assets are inside it, and no link in it points at
nothing; `kindly --version` names the version in pyproject.toml; `kindly
self-test` passes; `kindly render` writes a session; the main window opens on
Qt's offscreen platform and quits by itself after its first paint
(KINDLY_QUIT_AFTER_FIRST_PAINT, honoured by kindly.ui.app.app_main); a session
stays on screen for a minute with the pacer animating and "Your practice" is
repainted 500 times (`kindly self-test --window 60`, on DISPLAY's X server
when there is one); and on Linux
every library in the bundle loads (none damaged, no Qt library pruned that
another one needs), and `kindly self-test` loads the PortAudio the bundle
carries (sounddevice imported inside the bundle, through the runtime hook,
not the system's copy). Data and settings go to a temporary directory.

Needs only the standard library: CI runs it with whatever Python it has.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config

WINDOW_TIMEOUT_S = 60
SESSION_S = 60
# Libraries the bundle must carry itself; any other missing library is the desktop's to provide.
BUNDLED_LIBRARY = re.compile(r"^lib(Qt6|pyside6|shiboken6|icu|python3|sndfile|scipy_openblas|portaudio)")
# What the dynamic loader says (LD_DEBUG=libs) as it runs a library's initialiser: the path it loaded.
LOADED_PORTAUDIO = re.compile(r"calling init: (\S*libportaudio\S*)")


@dataclass(frozen=True)
class Bundle:
    root: Path  # dist/kindly, or dist/Kindly.app
    cli: Path  # the executable that prints: `kindly self-test` runs here
    gui: Path  # the executable a user starts

    @classmethod
    def find(cls, dist: Path, platform: str = sys.platform) -> Bundle:
        if platform == "win32":
            root = dist / "kindly"
            return cls(root, root / "kindly-cli.exe", root / "kindly.exe")
        if platform == "darwin":
            root = dist / "Kindly.app"
            executable = root / "Contents" / "MacOS" / "kindly"
            return cls(root, executable, executable)
        root = dist / "kindly"
        return cls(root, root / "kindly", root / "kindly")


def _run(command: list[Path | str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stdout + result.stderr).strip().splitlines()
    return " | ".join(lines[-6:]) or "(no output)"


def check_layout(bundle: Bundle, env: dict[str, str]) -> str:
    for executable in {bundle.cli, bundle.gui}:
        if not executable.is_file():
            raise AssertionError(f"{executable} is missing")
    sndfile = [p for p in bundle.root.rglob("libsndfile*") if p.parent.name == "_soundfile_data"]
    if not sndfile:
        raise AssertionError("soundfile's bundled libsndfile (_soundfile_data/libsndfile*) is missing")
    sounds = [p for p in bundle.root.rglob("*") if p.suffix in {".wav", ".ogg"} and "assets" in p.parts]
    if not sounds:
        raise AssertionError("no sounds under kindly/assets")
    dangling = [str(p.relative_to(bundle.root)) for p in bundle.root.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        raise AssertionError(f"links to nothing: {', '.join(sorted(dangling)[:5])}")
    return f"{sndfile[0].name} and {len(sounds)} sounds bundled"


def check_version(bundle: Bundle, env: dict[str, str]) -> str:
    expected = f"kindly {bundle_config.read_version()}"
    result = _run([bundle.cli, "--version"], env)
    if result.returncode != 0 or result.stdout.strip() != expected:
        raise AssertionError(f"expected {expected!r}, got exit {result.returncode}: {_tail(result)}")
    return expected


def check_self_test(bundle: Bundle, env: dict[str, str]) -> str:
    result = _run([bundle.cli, "self-test"], env, timeout=300)
    for line in result.stdout.splitlines():
        print(f"    {line}")
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {_tail(result)}")
    return f"{len(result.stdout.splitlines())} checks passed"


def check_render(bundle: Bundle, env: dict[str, str]) -> str:
    out = Path(env["KINDLY_DATA_DIR"]).parent / "render"
    out.mkdir(exist_ok=True)
    wav, timeline = out / "session.wav", out / "session.json"
    result = _run([bundle.cli, "render", wav, "--minutes", "1", "--timeline", timeline], env)
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {_tail(result)}")
    events = json.loads(timeline.read_text(encoding="utf-8"))["events"]
    if wav.read_bytes()[:4] != b"RIFF" or not events:
        raise AssertionError(f"{wav.name} is not a WAV file, or the timeline has no events")
    return f"a 1-minute session rendered ({wav.stat().st_size // 1024} KiB, {len(events)} events)"


def check_window(bundle: Bundle, env: dict[str, str]) -> str:
    window_env = {**env, "QT_QPA_PLATFORM": "offscreen", "KINDLY_QUIT_AFTER_FIRST_PAINT": "1"}
    result = _run([bundle.gui], window_env, timeout=WINDOW_TIMEOUT_S)
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {_tail(result)}")
    return "main window painted offscreen and quit by itself"


def check_session(bundle: Bundle, env: dict[str, str]) -> str:
    """A session kept visible for SESSION_S, then "Your practice" repainted 500 times (kindly self-test --window).

    On the X server in DISPLAY when there is one (.ci/run starts Xvfb and a window manager), else offscreen.
    """
    platform = "xcb" if env.get("DISPLAY") and sys.platform.startswith("linux") else "offscreen"
    session_env = {**env, "QT_QPA_PLATFORM": env.get("QT_QPA_PLATFORM", platform)}
    result = _run(
        [bundle.cli, "self-test", "--only", "window", "--window", str(SESSION_S)], session_env, timeout=SESSION_S + 120
    )
    if result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {_tail(result)}")
    return f"{result.stdout.strip().split('ok', 1)[-1].strip()} ({session_env['QT_QPA_PLATFORM']})"


def unloadable_libraries(root: Path) -> list[str]:
    """Linux: every shared library in the bundle, as the dynamic loader sees it (via ldd)."""
    problems = []
    for path in sorted(root.rglob("*.so*")):
        if not path.is_file() or path.is_symlink():
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        output = result.stdout + result.stderr
        if "error while loading" in output or "not page-aligned" in output:
            problems.append(f"{path.relative_to(root)}: {output.strip().splitlines()[-1]}")
        for missing in re.findall(r"^\s*(\S+) => not found", output, flags=re.MULTILINE):
            if BUNDLED_LIBRARY.match(missing):
                problems.append(f"{path.relative_to(root)} needs {missing}, which is not in the bundle")
    return problems


def check_libraries(bundle: Bundle, env: dict[str, str]) -> str:
    problems = unloadable_libraries(bundle.root)
    if problems:
        raise AssertionError("; ".join(problems[:5]))
    return "every bundled library loads"


def check_portaudio(bundle: Bundle, env: dict[str, str]) -> str:
    """Linux: the bundle carries libportaudio.so.2, and sounddevice, imported by `kindly self-test`, loads it.

    The dynamic loader names every library it initialises (LD_DEBUG=libs, on
    stderr): PortAudio must be among them, loaded from inside the bundle.
    """
    carried = [p for p in bundle.root.rglob(bundle_config.PORTAUDIO_SONAME) if p.is_file()]
    if not carried:
        raise AssertionError(f"{bundle_config.PORTAUDIO_SONAME} is not in the bundle")
    result = _run([bundle.cli, "self-test"], {**env, "LD_DEBUG": "libs"}, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"self-test exit {result.returncode}: {result.stdout.strip()[-300:]}")
    loaded = sorted(set(LOADED_PORTAUDIO.findall(result.stderr)))
    if not loaded:
        raise AssertionError("kindly self-test never loaded PortAudio: sounddevice is not in use inside the bundle")
    root = bundle.root.resolve()
    outside = [path for path in loaded if not Path(path).resolve().is_relative_to(root)]
    if outside:
        raise AssertionError(f"sounddevice loaded PortAudio from outside the bundle: {', '.join(outside)}")
    return f"sounddevice loads the bundled {Path(loaded[0]).resolve().relative_to(root)}"


CHECKS: dict[str, Callable[[Bundle, dict[str, str]], str]] = {
    "layout": check_layout,
    "version": check_version,
    "self-test": check_self_test,
    "render": check_render,
    "window": check_window,
    "session": check_session,
}
if sys.platform.startswith("linux"):
    CHECKS["libraries"] = check_libraries
    CHECKS["portaudio"] = check_portaudio


def main(argv: list[str]) -> int:
    dist = Path(argv[0] if argv else "dist")
    bundle = Bundle.find(dist)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kindly-bundle-smoke-") as tmp:
        env = {**os.environ, "KINDLY_DATA_DIR": str(Path(tmp, "data")), "KINDLY_CONFIG_DIR": str(Path(tmp, "config"))}
        env.pop("PYTHONPATH", None)  # the bundle must carry everything itself
        for name, check in CHECKS.items():
            try:
                detail, ok = check(bundle, env), True
            except (AssertionError, OSError, subprocess.TimeoutExpired) as exc:
                detail, ok = str(exc), False
            print(f"{name:<10} {'ok' if ok else 'FAILED'}  {detail}", flush=True)
            failed += not ok
    verdict = "all passed" if not failed else f"{failed} FAILED"
    print(f"bundle smoke ({bundle.root}): {len(CHECKS)} checks, {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
