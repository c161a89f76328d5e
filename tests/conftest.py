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

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Qt reads this once, when the QApplication is made: set it before any test runs.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakes import FakeClock

# Session-scoped real helpers (Xvfb, a tray host, a sound server) for the tests that ask for them.
pytest_plugins = ["services", "pulse_server"]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test ever reads or writes the real user's history or settings."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("KINDLY_DATA_DIR", str(data))
    monkeypatch.setenv("KINDLY_CONFIG_DIR", str(config))
    # Login autostart entries go under XDG_CONFIG_HOME: never the real one.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # The single-instance socket of a Kindly a test launches (and kills) goes
    # here, not into /tmp; short, as a Unix socket path must be.
    runtime = tempfile.mkdtemp(prefix="kindly-rt-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    yield tmp_path
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Set the machine's time zone for this test (TZ), and put it back after."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is Unix-only: here a test cannot change the zone Python reads")
    with pytest.MonkeyPatch.context() as patch:

        def use(name: str) -> None:
            patch.setenv("TZ", name)
            time.tzset()

        yield use
    time.tzset()
