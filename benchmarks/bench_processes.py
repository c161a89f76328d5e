"""Running the programs a benchmark measures, and reading what the kernel knows about them.

Figures come from the kernel, not from the program under test: peak RSS from
`wait4`'s rusage (or VmHWM while it runs), CPU time and context switches from
/proc, summed over every thread. An Xvfb and a trayer are started here for the
benchmarks that need a real X server and tray (the tests have their own).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
# The tests' helpers for real processes (stopping them, the PulseAudio server) serve here too.
TESTS = REPO / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from processes import stop_process  # noqa: E402
from services import TRAYER_OPTIONS  # noqa: E402

PYTHON = sys.executable
START_TIMEOUT_S = 15.0
TRAY_SELECTION = "_NET_SYSTEM_TRAY_S0"


@dataclass(frozen=True)
class Finished:
    """A child that ran to its end: status, output, and its peak RSS from the kernel."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    wall_s: float
    cpu_s: float


def kindly_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment for Kindly: its own data and config dirs, no session bus, no debugger."""
    dropped = ("DBUS_SESSION_BUS_ADDRESS", "KINDLY_QUIT_AFTER_FIRST_PAINT", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # Bytecode is cached, as in any installed copy (pip compiles on install); where the
    # environment forbids writing __pycache__ beside the sources, a cache of our own.
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "kindly-bench-pycache")
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "cache").mkdir(parents=True, exist_ok=True)
    env.update(
        KINDLY_DATA_DIR=str(home / "data"),
        KINDLY_CONFIG_DIR=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    source = str(REPO / "desktop")
    env["PYTHONPATH"] = source + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def run_to_end(command: list[str], env: dict[str, str], timeout_s: float, cwd: Path | None = None) -> Finished:
    """Run `command` to its end; its output goes to files so a chatty child never blocks on a pipe."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        deadline = started + timeout_s
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Finished(
            returncode=process.returncode,
            stdout=out.read(),
            stderr=err.read(),
            peak_rss_mb=usage.ru_maxrss / 1024,
            wall_s=wall,
            cpu_s=usage.ru_utime + usage.ru_stime,
        )


def thread_ids(pid: int) -> list[int]:
    try:
        return [int(name) for name in os.listdir(f"/proc/{pid}/task")]
    except FileNotFoundError:
        return []


def _status_field(path: str, field: str) -> int | None:
    try:
        with open(path) as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def voluntary_switches_by_thread(pid: int) -> dict[int, int]:
    """Voluntary context switches of each thread: /proc/PID/status counts the main thread only."""
    counts = {}
    for tid in thread_ids(pid):
        value = _status_field(f"/proc/{pid}/task/{tid}/status", "voluntary_ctxt_switches")
        if value is not None:
            counts[tid] = value
    return counts


def switches_between(before: dict[int, int], after: dict[int, int]) -> int:
    """Wake-ups over a window: a thread born inside it counts from zero, one that ended is lost (rare)."""
    return sum(count - before.get(tid, 0) for tid, count in after.items())


def thread_names(pid: int) -> dict[int, str]:
    names = {}
    for tid in thread_ids(pid):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                names[tid] = comm.read().strip()
        except FileNotFoundError:
            continue
    return names


def switches_by_thread_name(pid: int, before: dict[int, int], after: dict[int, int]) -> str:
    """`name N, name M` for the threads that woke (main thread first), or `none`: where wake-ups come from."""
    names = thread_names(pid)
    woke = [
        (names.get(tid, str(tid)) + (" (main)" if tid == pid else ""), count - before.get(tid, 0))
        for tid, count in sorted(after.items(), key=lambda item: item[0] != pid)
    ]
    return ", ".join(f"{name} {count}" for name, count in woke if count) or "none"


def spawn_logged(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start `command` with its output (both streams) in `log`, reading nothing from standard input."""
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the whole process (all threads), from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_mb(pid: int) -> float:
    return (_status_field(f"/proc/{pid}/status", "VmRSS") or 0) / 1024


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set so far."""
    return (_status_field(f"/proc/{pid}/status", "VmHWM") or 0) / 1024


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    stop_process(process)  # type: ignore[arg-type]


@dataclass(frozen=True)
class XDisplay:
    """A running Xvfb, by name (":3"), and whether a tray host owns its tray selection."""

    name: str
    tray: bool

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb")
        return env

    def viewable_windows_of(self, pid: int) -> list[str]:
        """Ids of the top-level windows of `pid` that are mapped (a hidden main window is not)."""
        env = self.env(dict(os.environ))
        tree = subprocess.run(
            ["xwininfo", "-root", "-children"], env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S
        ).stdout
        found = []
        for line in tree.splitlines():
            parts = line.split()
            if not parts or not parts[0].startswith("0x"):
                continue
            window = parts[0]
            owner = subprocess.run(
                ["xprop", "-id", window, "_NET_WM_PID"],
                env=env,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S,
            ).stdout
            if owner.strip().endswith(f"= {pid}"):
                info = subprocess.run(
                    ["xwininfo", "-id", window], env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S
                ).stdout
                if "Map State: IsViewable" in info:
                    found.append(window)
        return found


def docked_tray_icons_of(display: XDisplay, pid: int) -> int:
    """How many windows of `pid` trayer has embedded in its panel (Kindly's tray icon, when docked)."""
    env = display.env(dict(os.environ))
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S
    ).stdout
    docked = 0
    panel_depth: int | None = None
    for line in tree.splitlines():
        if not line.strip().startswith("0x"):
            continue
        depth = len(line) - len(line.lstrip(" "))
        if '"panel": ("panel" "trayer")' in line:
            panel_depth = depth
            continue
        if panel_depth is None:
            continue
        if depth <= panel_depth:
            panel_depth = None
            continue
        window = line.split()[0]
        owner = subprocess.run(
            ["xprop", "-id", window, "_NET_WM_PID"], env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S
        ).stdout
        if owner.strip().endswith(f"= {pid}"):
            docked += 1
    return docked


def missing_display_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "trayer", "xwininfo", "xprop") if shutil.which(tool) is None]


def _read_display_number(fd: int, server: subprocess.Popen[bytes]) -> str:
    received = b""
    deadline = time.monotonic() + START_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while not received.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise RuntimeError("Xvfb did not report a display in time")
            chunk = os.read(fd, 64)
            if not chunk:
                raise RuntimeError(f"Xvfb exited with status {server.wait(timeout=5)}")
            received += chunk
    return received.decode().strip()


def _tray_owner(display: str) -> int:
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XGetSelectionOwner.restype = ctypes.c_ulong
    x11.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot connect to X display {display}")
    try:
        return int(x11.XGetSelectionOwner(connection, x11.XInternAtom(connection, TRAY_SELECTION.encode(), 0)))
    finally:
        x11.XCloseDisplay(connection)


@contextlib.contextmanager
def xvfb_with_tray() -> Iterator[XDisplay]:
    """A private Xvfb on a free display number with trayer docked at its top, ready once trayer owns the tray."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    host: subprocess.Popen[bytes] | None = None
    try:
        name = f":{_read_display_number(read_end, server)}"
        os.close(read_end)
        read_end = -1
        display = XDisplay(name, tray=True)
        host = subprocess.Popen(
            ["trayer", *TRAYER_OPTIONS],
            env=display.env(dict(os.environ)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _tray_owner(name):
            if host.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("trayer did not take the tray selection")
            time.sleep(0.02)
        yield display
    finally:
        if read_end >= 0:
            os.close(read_end)
        if host is not None:
            stop(host)
        stop(server)


def minimise_window(display: str, window: str) -> None:
    """Iconify a top-level window as a window manager does (ICCCM 4.1.4): WM_STATE Iconic, then unmap.

    Qt reads WM_STATE, so the app sees itself minimised (not merely unexposed),
    exactly as when the user minimises it under a real desktop.
    """
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XChangeProperty.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.c_int,
    ]
    x11.XUnmapWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot connect to X display {display}")
    try:
        wm_state = x11.XInternAtom(connection, b"WM_STATE", 0)
        iconic_no_icon = (ctypes.c_long * 2)(3, 0)  # IconicState, no icon window
        x11.XChangeProperty(
            connection, int(window, 16), wm_state, wm_state, 32, 0, ctypes.cast(iconic_no_icon, ctypes.c_void_p), 2
        )
        x11.XUnmapWindow(connection, int(window, 16))
        x11.XFlush(connection)
    finally:
        x11.XCloseDisplay(connection)
