"""Real helper processes for the tests that need them: an X server and a tray host.

Most tests run Qt offscreen. The few that must see a real window manager
protocol (a tray icon docking, a screenshot of the real xcb rendering) ask for
`xvfb_display`, `bare_xvfb_display` (never a tray) or `tray_host`; each starts
real programs once per test session
and stop them afterwards. Tests that use them are marked `display`
automatically, so `pytest -m "not display"` leaves them out.

Kindly itself runs in a subprocess with `display.env()`: the test process's
own QApplication stays offscreen.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import queue
import re
import selectors
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from processes import stop_process

START_TIMEOUT_S = 10.0
TRAY_SELECTION = "_NET_SYSTEM_TRAY_S0"
WM_SELECTION = "WM_S0"
DISPLAY_FIXTURES = frozenset({"xvfb_display", "bare_xvfb_display", "tray_host", "window_manager"})


@dataclass(frozen=True)
class XDisplay:
    """A running Xvfb server, by name (":3")."""

    name: str

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for a Qt program that should draw on this display.

        The session bus is left out so Qt docks its tray icon the X11 way
        (XEmbed into the tray host), not through a StatusNotifier watcher that
        may or may not exist on the machine running the tests.
        """
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb")
        env.update(extra)
        return env

    def window_tree(self) -> str:
        """`xwininfo -root -tree`: every window on the display, nested, with names."""
        return subprocess.run(
            ["xwininfo", "-root", "-tree"],
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
            timeout=START_TIMEOUT_S,
        ).stdout

    def window_pid(self, window: str) -> int | None:
        """The process that made `window` (an id like 0x200007), from its _NET_WM_PID."""
        result = subprocess.run(
            ["xprop", "-id", window, "_NET_WM_PID"],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
        )
        match = re.search(r"_NET_WM_PID\(CARDINAL\) = (\d+)", result.stdout)
        return int(match.group(1)) if match else None

    def viewable_windows_of(self, pid: int) -> list[str]:
        """Ids of the top-level windows of process `pid` that are mapped and on screen."""
        found = []
        for window, depth in _tree_windows(self.window_tree()):
            if depth == 1 and self.window_pid(window) == pid:
                info = subprocess.run(
                    ["xwininfo", "-id", window], env=self.env(), capture_output=True, text=True, timeout=START_TIMEOUT_S
                ).stdout
                if "Map State: IsViewable" in info:
                    found.append(window)
        return found


def _tree_windows(tree: str) -> list[tuple[str, int]]:
    """(window id, nesting depth) of each named window in `xwininfo -root -tree` output; depth 1 is top level."""
    windows = []
    for line in tree.splitlines():
        match = re.match(r"^( +)(0x[0-9a-f]+) \"", line)
        if match:
            # xwininfo indents the root's children by 5 spaces and each level below by 3 more.
            windows.append((match.group(2), (len(match.group(1)) - 5) // 3 + 1))
    return windows


@dataclass(frozen=True)
class TrayHost:
    """A running trayer that owns the system tray selection on `display`."""

    display: XDisplay
    pid: int

    def docked_icons_of(self, pid: int) -> list[str]:
        """Ids of the tray icon windows of process `pid` that trayer has embedded in its panel."""
        docked = []
        inside_panel: int | None = None
        for line in self.display.window_tree().splitlines():
            depth = len(line) - len(line.lstrip(" "))
            if re.match(r"^ +0x[0-9a-f]+ \"panel\": \(\"panel\" \"trayer\"\)", line):
                inside_panel = depth
                continue
            if inside_panel is None or not line.strip():
                continue
            if depth <= inside_panel and line.lstrip().startswith("0x"):
                inside_panel = None
                continue
            match = re.match(r"^ +(0x[0-9a-f]+) \"", line)
            if match and self.display.window_pid(match.group(1)) == pid:
                docked.append(match.group(1))
        return docked


def _require(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed (Debian package {package}, listed in packaging/debian-packages.txt)")
    return path


def _read_display_number(fd: int, server: subprocess.Popen[bytes], log: Path) -> str:
    """Xvfb writes its display number to `-displayfd` once it accepts connections."""
    received = b""
    deadline = time.monotonic() + START_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while not received.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise RuntimeError(f"Xvfb did not report a display within {START_TIMEOUT_S} s; see {log}")
            chunk = os.read(fd, 64)
            if not chunk:
                server.wait(timeout=5)
                raise RuntimeError(f"Xvfb exited with status {server.returncode}: {log.read_text(errors='replace')}")
            received += chunk
    return received.decode().strip()


@contextlib.contextmanager
def _xvfb(log: Path) -> Iterator[XDisplay]:
    """Run Xvfb on a free display number (it picks one and tells us through -displayfd)."""
    xvfb = _require("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
        )
    os.close(write_end)
    try:
        number = _read_display_number(read_end, server, log)
    except BaseException:
        stop_process(server)
        raise
    finally:
        os.close(read_end)
    try:
        yield XDisplay(f":{number}")
    finally:
        stop_process(server)


@pytest.fixture(scope="session")
def xvfb_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """A private Xvfb server on a free display number, for the whole test session (a tray host may join it)."""
    with _xvfb(tmp_path_factory.mktemp("xvfb") / "xvfb.log") as display:
        yield display


@pytest.fixture(scope="session")
def bare_xvfb_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """Another Xvfb server that never has a tray host: a desktop like GNOME without AppIndicator."""
    with _xvfb(tmp_path_factory.mktemp("xvfb-bare") / "xvfb.log") as display:
        yield display


class _SelectionProbe:
    """Asks the X server who owns a selection, through libX11 (no extra tools)."""

    def __init__(self, display: XDisplay) -> None:
        library = ctypes.util.find_library("X11") or "libX11.so.6"
        self._x11 = ctypes.CDLL(library)
        self._x11.XOpenDisplay.restype = ctypes.c_void_p
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XInternAtom.restype = ctypes.c_ulong
        self._x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self._x11.XGetSelectionOwner.restype = ctypes.c_ulong
        self._x11.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._connection = self._x11.XOpenDisplay(display.name.encode())
        if not self._connection:
            raise RuntimeError(f"cannot connect to X display {display.name}")

    def owner(self, selection: str) -> int:
        atom = self._x11.XInternAtom(self._connection, selection.encode(), 0)
        return int(self._x11.XGetSelectionOwner(self._connection, atom))

    def close(self) -> None:
        self._x11.XCloseDisplay(self._connection)


@contextlib.contextmanager
def _selection_owner(command: list[str], display: XDisplay, selection: str, log: Path, **env: str) -> Iterator[int]:
    """Run `command` on `display` until the test session ends; ready once it owns `selection` (its pid)."""
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, env=display.env(**env), stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
        )
    try:
        _wait_for_selection(display, selection, process, log)
        yield process.pid
    finally:
        stop_process(process)


def _wait_for_selection(display: XDisplay, selection: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until `process` owns `selection` on `display` (how a tray host or window manager says it is ready)."""
    probe = _SelectionProbe(display)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not probe.owner(selection):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{log.stem} did not take {selection} within {START_TIMEOUT_S} s; see {log}")
            try:
                # Waiting on the process doubles as the poll interval and notices an early exit.
                process.wait(timeout=0.02)
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"{log.stem} exited with status {process.returncode}: {log.read_text(errors='replace')}")
    finally:
        probe.close()


# trayer docked at the top right, as the tests and the idle-tray benchmark both run it.
TRAYER_OPTIONS = (
    *("--edge", "top", "--align", "right"),
    *("--widthtype", "pixel", "--width", "240", "--height", "32"),
    *("--SetDockType", "true"),
)


@pytest.fixture(scope="session")
def tray_host(xvfb_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrayHost]:
    """trayer docked at the top of `xvfb_display`, ready once it owns the tray selection."""
    trayer = _require("trayer", "trayer")
    command = [trayer, *TRAYER_OPTIONS]
    log = tmp_path_factory.mktemp("trayer") / "trayer.log"
    with _selection_owner(command, xvfb_display, TRAY_SELECTION, log) as pid:
        yield TrayHost(xvfb_display, pid)


@dataclass(frozen=True)
class WindowManager:
    """A running openbox managing `display`: windows get frames, focus and real map/configure handling."""

    display: XDisplay
    pid: int


@pytest.fixture(scope="session")
def window_manager(xvfb_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WindowManager]:
    """openbox on `xvfb_display` (a desktop as people have one), ready once it owns WM_S0."""
    openbox = _require("openbox", "openbox")
    log = tmp_path_factory.mktemp("openbox") / "openbox.log"
    home = tmp_path_factory.mktemp("openbox-home")
    with _selection_owner(
        [openbox, "--sm-disable"],
        xvfb_display,
        WM_SELECTION,
        log,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
    ) as pid:
        yield WindowManager(xvfb_display, pid)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for a real display is a `display` test, whether or not it says so."""
    for item in items:
        if DISPLAY_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.display)


class LineReader:
    """Reads a subprocess's stdout (a text pipe) line by line, with a timeout on each wait.

    A thread drains the pipe so that lines buffered together are never missed
    and a silent process never hangs the test.
    """

    def __init__(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        self._process = process
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._drain, args=(process.stdout,), daemon=True)
        self._thread.start()

    def _drain(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def next(self, timeout_s: float = START_TIMEOUT_S) -> str:
        """The next line; an AssertionError saying why when there is none in time."""
        try:
            line = self._lines.get(timeout=timeout_s)
        except queue.Empty:
            raise AssertionError(f"no line from pid {self._process.pid} within {timeout_s} s") from None
        if line is None:
            self._lines.put(None)
            self._process.wait(timeout=timeout_s)
            stderr = self._process.stderr.read() if self._process.stderr else ""
            raise AssertionError(f"pid {self._process.pid} exited with status {self._process.returncode}: {stderr}")
        return line

    def join(self) -> None:
        """Wait for the pipe to close (the process has exited)."""
        self._thread.join(timeout=START_TIMEOUT_S)

    def until(self, prefix: str, timeout_s: float = START_TIMEOUT_S) -> str:
        """Skip lines until one starts with `prefix`, and return it."""
        deadline = time.monotonic() + timeout_s
        while True:
            line = self.next(max(0.0, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line


@contextlib.contextmanager
def running(
    command: list[str], env: dict[str, str], merge_stderr: bool = False
) -> Iterator[tuple[subprocess.Popen[str], LineReader]]:
    """Start `command` with its stdout (and stderr, if merged) read line by line; kill it and close its pipes after."""
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
        text=True,
    )
    lines = LineReader(process)
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=START_TIMEOUT_S)
        lines.join()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
