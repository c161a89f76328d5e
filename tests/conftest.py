"""Shared test set-up: every test gets its own data and config dirs; Qt runs offscreen.

Tests that need a real X server, a tray host or a sound server ask for the
fixtures in tests/services.py; everything else stays headless and fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Qt reads this once, when the QApplication is made: set it before any test runs.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakes import FakeClock, FakeRunKey
from kindly.platform import login_autostart

# Session-scoped real helpers (Xvfb, a tray host, a sound server) for the tests that ask for them.
pytest_plugins = ["services", "pulse_server", "session_bus_daemon"]


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test ever reads or writes the real user's history, settings or login entry."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("KINDLY_DATA_DIR", str(data))
    monkeypatch.setenv("KINDLY_CONFIG_DIR", str(config))
    # Login autostart entries go under XDG_CONFIG_HOME (Linux) or the home's Library/LaunchAgents
    # (macOS): never the real ones. Path.home() is HOME, or USERPROFILE on Windows; a home of its
    # own, beside tmp_path, so what a library keeps there never shows among a test's files.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    # The single-instance socket of a Kindly a test launches (and kills) goes here; short, as a
    # Unix socket path must be (104 bytes on macOS, whose own temporary folder is half that).
    runtime = tempfile.mkdtemp(prefix="kindly-rt-", dir="/tmp" if os.path.isdir("/tmp") else None)
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    # Nor the desktop's session bus: no test sends the user a notification or pauses their music.
    # A test that wants a bus asks for its own (`session_bus`, tests/session_bus_daemon.py).
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    yield tmp_path
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(autouse=True)
def run_key(monkeypatch: pytest.MonkeyPatch) -> FakeRunKey:
    """On Windows, the Run key the login switch writes is this dict, never the user's registry.

    The one test of the real key (tests/platform/test_login_autostart.py) holds the real class,
    imported before this replaces it.
    """
    key = FakeRunKey()
    monkeypatch.setattr(login_autostart, "WindowsRunKey", lambda: key)
    return key


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# A test asking for these (or for a fixture that asks for them) runs a QApplication.
QT_FIXTURES = frozenset({"qtbot", "qapp"})
# A test module importing from these at its top cannot even be loaded without Qt.
QT_MODULES = ("PySide6", "shiboken6", "kindly.ui")


def _imports_qt(module: ModuleType) -> bool:
    """Whether a test module took a class, function or module from Qt or the shell at its top."""
    for value in vars(module).values():
        origin = getattr(value, "__module__", None) if not isinstance(value, ModuleType) else value.__name__
        if isinstance(origin, str) and (origin + ".").startswith(tuple(name + "." for name in QT_MODULES)):
            return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses Qt is a `gui` test, whether or not it says so (the Windows lane has no Qt).

    Derived from its fixtures and its module's imports; a test that imports Qt only inside its body,
    or runs Kindly's window in a child process, says `gui` itself: there is nothing to derive it from.
    """
    modules: dict[ModuleType, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if QT_FIXTURES & set(getattr(item, "fixturenames", ())) or (
            module is not None and modules.setdefault(module, _imports_qt(module))
        ):
            item.add_marker(pytest.mark.gui)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """What only POSIX (file modes, signals, fork, TZ) or only Linux (/dev/full, its desktop tools and
    packages) has is specified there; elsewhere the test is skipped, saying why."""
    marker = item.get_closest_marker("posix_only")
    if marker is not None and os.name == "nt":
        pytest.skip(f"POSIX only: {marker.args[0] if marker.args else 'Windows has no such thing'}")
    marker = item.get_closest_marker("linux_only")
    if marker is not None and not sys.platform.startswith("linux"):
        pytest.skip(f"Linux only: {marker.args[0] if marker.args else 'only Linux has it'}")


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Set the machine's time zone for this test (TZ), and put it back after."""
    if not hasattr(time, "tzset"):
        pytest.skip("the zone comes from TZ only on POSIX: Windows has no time.tzset")
    with pytest.MonkeyPatch.context() as patch:

        def use(name: str) -> None:
            patch.setenv("TZ", name)
            time.tzset()

        yield use
    time.tzset()
