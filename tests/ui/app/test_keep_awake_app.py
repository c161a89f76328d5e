"""Kindly as a person runs it keeps the display on through a real session and lets go at its end bell.

The real app in a subprocess, on Xvfb with openbox, talking to a private session bus where
stand-ins play the desktop's screen saver and power manager. Real time: a session is at least
a minute long.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kindly.settings.options as opt
from kindly.platform.keep_awake import REASON
from kindly.settings.settings_file import open_settings
from services import WindowManager, running
from session_bus_daemon import Reply, StandInService

pytestmark = [pytest.mark.slow, pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")]

SESSION_S = 60.0  # the shortest session there is: one minute, no warm-up


def _inhibitor(first_cookie: int) -> dict[str, Reply]:
    cookies = iter(range(first_cookie, first_cookie + 100))
    return {"Inhibit": lambda _call: ("u", (next(cookies),)), "UnInhibit": (None, ())}


def _completed_sessions(env: dict[str, str], tmp_path: Path) -> list[bool]:
    out = tmp_path / "history.json"
    subprocess.run(
        [sys.executable, "-m", "kindly", "history", "export", "--format", "json", str(out)],
        env=env,
        capture_output=True,
        timeout=30,
        check=True,
    )
    return [bool(session["completed"]) for session in json.loads(out.read_text())["sessions"]]


def test_a_real_session_keeps_the_display_on_until_its_end_bell(
    window_manager: WindowManager, session_bus: str, tmp_path: Path
) -> None:
    settings = open_settings()
    with settings.batch():
        settings.set(opt.PRACTICE, "")
        settings.set(opt.MINUTES, 1)
        settings.set(opt.WARMUP_S, 0)
    settings.sync()
    # display.env leaves the test's own bus out (for the tray): this one is given back on purpose.
    env = window_manager.display.env(DBUS_SESSION_BUS_ADDRESS=session_bus, XDG_SESSION_DESKTOP="openbox")
    with (
        StandInService("org.freedesktop.ScreenSaver", _inhibitor(100)) as screen,
        StandInService("org.freedesktop.PowerManagement", _inhibitor(500)) as power_manager,
        running([sys.executable, "-m", "kindly", "--start", "last"], env) as (process, _lines),
    ):
        [inhibit] = screen.wait_for("Inhibit", timeout=30)
        held_from = time.monotonic()
        assert inhibit.body == ("Kindly", REASON)
        [uninhibit] = screen.wait_for("UnInhibit", timeout=SESSION_S + 30)
        held_s = time.monotonic() - held_from
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        deadline = time.monotonic() + 15
        while _completed_sessions(env, tmp_path) != [True]:
            assert time.monotonic() < deadline, "the session was not recorded as completed"
            time.sleep(0.5)
    assert uninhibit.body == (100,)  # the cookie the screen saver gave
    assert held_s >= SESSION_S - 10  # held through the session, not let go early
    # Started before its window was shown: the system was kept awake for that moment, then given back.
    assert len(power_manager.calls_to("UnInhibit")) == len(power_manager.calls_to("Inhibit"))
