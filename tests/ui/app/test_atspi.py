"""What a screen reader reads from the real Kindly, through the real AT-SPI bus, screen by screen.

A private session bus, the AT-SPI bus launcher (which starts the registry on the accessibility bus)
and Xvfb; Kindly itself (tests/ui/app/atspi_driver.py) with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, as
Orca would find it; and the tree read the way Orca reads it, by libatspi, from the system's python3
(tests/ui/app/atspi_tree.py: PyGObject is Debian's, not a pip package). The Debian packages are in
packaging/debian-packages.txt; without them, or when the bus cannot start, these tests skip, saying so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from processes import stop_process
from services import XDisplay, _xvfb, running

pytestmark = [pytest.mark.display, pytest.mark.linux_only("AT-SPI is the Linux desktop's accessibility bus")]

HERE = Path(__file__).parent
DESKTOP = HERE.parents[2] / "desktop"
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
START_TIMEOUT_S = 15.0
PACER = "Breath pacer"
SCREENS = ("home", "stats", "preferences", "path", "breath-invalid", "breath-valid", "session", "end")
# Roles that group others: a screen reader passes over them, named or not.
CONTAINERS = {"filler", "panel", "layered pane", "scroll pane", "split pane", "viewport", "unknown", "frame"}


@dataclass(frozen=True)
class Screen:
    """One screen's accessible tree, and the words its labels draw (told by the driver)."""

    nodes: list[dict[str, object]]
    drawn: list[str]

    def unnamed_controls(self) -> list[dict[str, object]]:
        return [n for n in self.nodes if n["focusable"] and n["role"] not in CONTAINERS and not str(n["name"]).strip()]

    def labels(self) -> list[str]:
        return [str(n["name"]) for n in self.nodes if n["role"] == "label"]

    def hidden_labels(self) -> list[str]:
        """Labels a screen reader reads as something other than any words drawn on the screen (a label
        with no words yet, such as the caption between phrases, reads as nothing, as it should)."""
        return [name for name in self.labels() if name and name not in self.drawn]


def _skip_without(path: str | None, what: str) -> str:
    if path is None or not os.access(path, os.X_OK):
        pytest.skip(f"{what} is not installed (Debian packages in packaging/debian-packages.txt)")
    return path


def _system_python_has_atspi() -> bool:
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    done = subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, timeout=START_TIMEOUT_S)
    return done.returncode == 0


@pytest.fixture(scope="module")
def atspi_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """An X server of these tests' own: the launcher marks its root window with the AT-SPI bus's
    address (AT_SPI_BUS), which Qt on xcb follows, so no other test's Kindly may share it."""
    with _xvfb(tmp_path_factory.mktemp("atspi-xvfb") / "xvfb.log") as display:
        yield display


@contextmanager
def atspi_bus(display: XDisplay, folder: Path) -> Iterator[dict[str, str] | None]:
    """A private session bus on `display` with the AT-SPI bus launcher on it (its files under `folder`):
    the environment of a desktop with a screen reader's bus, or None when the bus did not start."""
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True)
    bus = subprocess.Popen(
        [shutil.which("dbus-daemon") or "dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # only its complaint that a test cannot raise its file limit
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().decode().strip()
    env = display.env(DBUS_SESSION_BUS_ADDRESS=address, XDG_RUNTIME_DIR=str(runtime))
    log = (folder / "launcher.log").open("wb")
    launched = subprocess.Popen(
        [LAUNCHER, "--launch-immediately"], env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
    )
    try:
        yield env if address and _a11y_bus_answers(env) else None
    finally:
        stop_process(launched)
        stop_process(bus)
        log.close()
        bus.stdout.close()


@pytest.fixture(scope="module")
def atspi_env(atspi_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a desktop with a screen reader's bus: a private session bus and AT-SPI on it."""
    _skip_without(shutil.which("dbus-daemon"), "dbus-daemon")
    _skip_without(LAUNCHER, "at-spi-bus-launcher (at-spi2-core)")
    _skip_without(SYSTEM_PYTHON, "python3")
    if not _system_python_has_atspi():
        pytest.skip("python3 cannot import Atspi (Debian packages python3-gi, gir1.2-atspi-2.0)")
    with atspi_bus(atspi_display, tmp_path_factory.mktemp("atspi-bus")) as env:
        if env is None:
            pytest.skip("the AT-SPI bus did not start on a private session bus")
        yield env


def _a11y_bus_answers(env: dict[str, str]) -> bool:
    """Until org.a11y.Bus gives the accessibility bus's address (the launcher is ready)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        asked = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
             "org.a11y.Bus.GetAddress"],
            env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S,
        )  # fmt: skip
        if asked.returncode == 0 and "unix:" in asked.stdout:
            return True
        time.sleep(0.1)
    return False


def read_tree(pid: int, env: dict[str, str]) -> list[dict[str, object]]:
    """The application's tree as libatspi reads it (retried while Qt registers with the registry)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(HERE / "atspi_tree.py"), str(pid)],
            env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S * 2,
        )  # fmt: skip
        if done.returncode == 0:
            return list(json.loads(done.stdout))
        if time.monotonic() > deadline:
            raise AssertionError(f"Kindly (pid {pid}) is not on the AT-SPI bus: {done.stderr}")
        time.sleep(0.2)


def read_screens(env: dict[str, str], folder: Path, source: Path = DESKTOP) -> dict[str, Screen]:
    """Run Kindly (from `source`) through its screens; each screen's tree, read while it is shown."""
    home = folder / "home"
    for part in ("data", "config", "cache"):
        (home / part).mkdir(parents=True, exist_ok=True)
    app_env = kindly_env(env, home, source)
    read: dict[str, Screen] = {}
    with running([sys.executable, str(HERE / "atspi_driver.py"), str(folder)], app_env) as (process, lines):
        while (said := lines.until("atspi: ", timeout_s=60)).startswith("atspi: screen"):
            screen = said.split()[-1]
            drawn = json.loads((folder / f"{screen}.json").read_text())
            read[screen] = Screen(read_tree(process.pid, env), drawn)
            (folder / f"{screen}.read").touch()
        assert said.startswith("atspi: done"), said
    return read


@pytest.fixture(scope="module")
def screens(atspi_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Screen]:
    return read_screens(atspi_env, tmp_path_factory.mktemp("atspi-screens"))


def test_every_screen_is_read_from_the_bus(screens: dict[str, Screen]) -> None:
    sizes = {name: len(screen.nodes) for name, screen in screens.items()}
    assert set(sizes) == set(SCREENS) and min(sizes.values()) >= 10, sizes


@pytest.mark.parametrize("name", SCREENS)
def test_no_focusable_node_is_without_a_name(screens: dict[str, Screen], name: str) -> None:
    assert screens[name].unnamed_controls() == []


@pytest.mark.parametrize("name", SCREENS)
def test_every_label_reads_as_words_drawn_on_the_screen(screens: dict[str, Screen], name: str) -> None:
    assert screens[name].hidden_labels() == []


def test_the_time_left_reads_as_the_time_left(screens: dict[str, Screen]) -> None:
    times = [n for n in screens["session"].nodes if n["role"] == "label" and n["description"] == "Time left"]
    assert [re.fullmatch(r"\d+:\d\d left", str(n["name"])) is not None for n in times] == [True], times


def the_node(screen: Screen, name: str) -> dict[str, object]:
    found = [n for n in screen.nodes if n["name"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


def test_a_breath_pattern_that_cannot_be_followed_says_why_on_the_field_and_on_start(
    screens: dict[str, Screen],
) -> None:
    field = the_node(screens["breath-invalid"], "Custom breath pattern")
    start = the_node(screens["breath-invalid"], "Start the session")
    assert str(field["description"]).startswith("Not valid: ") and "'x'" in str(field["description"]), field
    assert not start["enabled"] and str(start["description"]).startswith("Start waits for a breath pattern"), start


def test_a_breath_pattern_put_right_no_longer_reads_as_wrong(screens: dict[str, Screen]) -> None:
    field = the_node(screens["breath-valid"], "Custom breath pattern")
    start = the_node(screens["breath-valid"], "Start the session")
    # The field reads as its hint again (Qt gives its placeholder when it has no description).
    assert (field["description"], start["enabled"], start["description"]) == (
        "seconds like 4-2-6 (in-hold-out)",
        True,
        "",
    )


def kindly_env(atspi_env: dict[str, str], home: Path, source: Path = DESKTOP) -> dict[str, str]:
    """The environment Kindly (from `source`) runs in on the screen reader's desktop, its data under `home`."""
    return dict(
        atspi_env,
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        KINDLY_DATA_DIR=str(home / "data"),
        KINDLY_CONFIG_DIR=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(source),
    )


Heard = list[dict[str, object]]


def listen_to_a_session(
    atspi_env: dict[str, str],
    app_env: dict[str, str],
    quick_start: str,
    enough: Callable[[Heard], bool],
    seconds: float = 30.0,
    first_launch: bool = False,
) -> Heard:
    """What a screen reader hears from Kindly during the first `seconds` of the session `quick_start`
    (or until `enough` of it is heard). The session is started as a person does from the tray or a
    second launch, forwarded to a Kindly already on the bus; or, with `first_launch`, by Kindly's
    own first launch (`kindly --start NAME`)."""
    listen = [SYSTEM_PYTHON, str(HERE / "atspi_events.py"), str(int(seconds) + 30)]
    heard: Heard = []
    launch = [sys.executable, "-m", "kindly"] + (["--start", quick_start] if first_launch else [])
    with running(listen, atspi_env) as (_listener, events):
        events.until("listening", timeout_s=START_TIMEOUT_S)
        with running(launch, app_env) as (app, _):
            if not first_launch:
                read_tree(app.pid, atspi_env)  # Kindly is on the bus, as when a person starts from its window
                start = [sys.executable, "-m", "kindly", "--start", quick_start]
                subprocess.run(start, env=app_env, capture_output=True, timeout=START_TIMEOUT_S * 2, check=True)
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not enough(heard):
                try:
                    heard.append(json.loads(events.next(max(0.1, deadline - time.monotonic()))))
                except AssertionError:
                    break  # nothing more within the time: the test says what was heard
    return heard


def announced(heard: Heard) -> list[str]:
    return [str(h["words"]) for h in heard if h["type"] == "object:announcement"]


def test_a_session_is_told_to_a_screen_reader_within_its_first_30_seconds(
    atspi_env: dict[str, str], tmp_path: Path
) -> None:
    app_env = kindly_env(atspi_env, tmp_path / "home")
    told = listen_to_a_session(atspi_env, app_env, "timer-5", lambda heard: announced(heard) != [])
    # The start, with its practice and length (and, on this machine without sound, that it runs silently).
    assert announced(told) and announced(told)[0].startswith("Silent timer, 5 minutes"), told


def pacer_values(heard: Heard) -> list[object]:
    return [
        h["value"] for h in heard if h["type"] == "object:property-change:accessible-value" and h["source"] == PACER
    ]


def test_the_breath_pacer_sends_each_phase_as_a_value_change(atspi_env: dict[str, str], tmp_path: Path) -> None:
    app_env = kindly_env(atspi_env, tmp_path / "home")
    # The last session again: the silent timer with its breath paced (calm: in 4, out 6), 5 s of warm-up.
    paced = [sys.executable, "-m", "kindly", "settings", "set", "session/breath_cues", "true"]
    subprocess.run(paced, env=app_env, capture_output=True, timeout=START_TIMEOUT_S * 2, check=True)
    told = listen_to_a_session(atspi_env, app_env, "last", lambda heard: len(pacer_values(heard)) >= 3)
    # Breathe in (the breath empty), breathe out (full), breathe in again: how full, read back from the pacer.
    assert pacer_values(told)[:3] == [0.0, 100.0, 0.0], told


def test_a_first_launch_with_start_tells_the_start_once_the_screen_reader_can_hear(
    atspi_env: dict[str, str], tmp_path: Path
) -> None:
    app_env = kindly_env(atspi_env, tmp_path / "home")
    told = listen_to_a_session(atspi_env, app_env, "timer-5", lambda heard: announced(heard) != [], first_launch=True)
    # The start, with its practice and length (and, on this machine without sound, that it runs silently).
    assert announced(told) and announced(told)[0].startswith("Silent timer, 5 minutes"), told
