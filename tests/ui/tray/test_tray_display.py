"""On a real X server: `kindly --tray` docks its icon in a real tray host, or opens its window where there is none.

Kindly runs as a subprocess on Xvfb with the xcb platform (the test process
itself stays offscreen); what it did is read back from the X server.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from kindly.ui.tray.without_tray import NO_TRAY_LINE
from services import TrayHost, XDisplay, running

WAIT_S = 8.0


def _kindly(*args: str) -> list[str]:
    return [sys.executable, "-m", "kindly", *args]


def _wait_for(found: Callable[[], list[str]], process: subprocess.Popen[str]) -> list[str]:
    """Ask the X server until `found` returns something, while the process lives, for up to WAIT_S."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        result = found()
        if result:
            return result
        try:
            process.wait(timeout=0.1)  # the pause between questions, and a crash is noticed at once
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"kindly exited with status {process.returncode} before anything appeared")
    return []


def test_with_a_tray_host_kindly_tray_docks_its_icon_and_keeps_its_window_hidden(tray_host: TrayHost) -> None:
    display = tray_host.display
    with running(_kindly("--tray"), display.env(), merge_stderr=True) as (process, _lines):
        # Kindly makes its tray icon only when isSystemTrayAvailable() says there is a tray.
        icons = _wait_for(lambda: tray_host.docked_icons_of(process.pid), process)
        assert len(icons) == 1, display.window_tree()
        assert display.viewable_windows_of(process.pid) == []


def test_without_a_tray_host_kindly_tray_opens_its_window_and_says_why(bare_xvfb_display: XDisplay) -> None:
    with running(_kindly("--tray"), bare_xvfb_display.env(), merge_stderr=True) as (process, lines):
        assert lines.until(NO_TRAY_LINE, timeout_s=WAIT_S) == NO_TRAY_LINE
        windows = _wait_for(lambda: bare_xvfb_display.viewable_windows_of(process.pid), process)
        assert len(windows) == 1, bare_xvfb_display.window_tree()
