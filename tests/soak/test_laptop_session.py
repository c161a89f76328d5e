"""A session the laptop respects, used as a person uses it, on a desktop made of real parts.

The real Kindly (tests/soak/soak_driver.py, scenario `laptop`) on Xvfb with openbox, a tray
host and PulseAudio, on a private session bus where stand-ins play the desktop's screen saver,
power manager and notification server. The test is the desktop: it presses play/pause through
`dbus-send` as the media keys do, and clicks the end notification. One real minute, on purpose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kindly.settings.options as opt
from kindly.platform.keep_awake import REASON
from kindly.settings.settings_file import open_settings
from pulse_server import PulseServer
from services import TrayHost, WindowManager, running
from session_bus_daemon import Reply, StandInService
from soak.test_soak import _assert_quiet, _driver, _env, _finish, _wait_lines

pytestmark = [
    pytest.mark.slow,
    pytest.mark.soak,
    pytest.mark.linux_only("D-Bus session buses, MPRIS and freedesktop notifications are a Linux desktop's"),
]

MPRIS = "org.mpris.MediaPlayer2.kindly"
SESSION_S = 60.0
NOTIFICATION_ID = 7


def _inhibitor(first_cookie: int) -> dict[str, Reply]:
    cookies = iter(range(first_cookie, first_cookie + 100))
    return {"Inhibit": lambda _call: ("u", (next(cookies),)), "UnInhibit": (None, ())}


def _media_key(address: str, method: str) -> None:
    """What the desktop sends Kindly when the keyboard's play/pause key is pressed anywhere."""
    subprocess.run(
        ["dbus-send", "--session", f"--dest={MPRIS}", "--type=method_call", "/org/mpris/MediaPlayer2",
         f"org.mpris.MediaPlayer2.Player.{method}"],
        env={"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"},
        check=True,
        timeout=10,
    )  # fmt: skip


def _on_the_bus(address: str, name: str) -> bool:
    answer = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
         "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        env={"DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=True, timeout=10,
    ).stdout  # fmt: skip
    return "boolean true" in answer


def _held(service: StandInService) -> bool:
    return len(service.calls_to("Inhibit")) > len(service.calls_to("UnInhibit"))


def test_a_session_is_kept_awake_paused_from_the_desktop_and_its_end_is_told(
    tray_host: TrayHost, window_manager: WindowManager, pulse_server: PulseServer, session_bus: str, tmp_path: Path
) -> None:
    settings = open_settings()
    settings.set(opt.CHECKINS, opt.CHECKINS_ALWAYS)
    settings.sync()
    env = _env(tray_host.display, pulse_server, tmp_path)
    # display.env leaves the test's own bus out (for the tray): this one is given back on purpose.
    env.update(DBUS_SESSION_BUS_ADDRESS=session_bus, XDG_SESSION_DESKTOP="openbox")
    seen: list[str] = []
    with (
        StandInService("org.freedesktop.ScreenSaver", _inhibitor(100)) as screen,
        StandInService("org.freedesktop.PowerManagement", _inhibitor(500)) as power,
        StandInService("org.freedesktop.Notifications", {"Notify": ("u", (NOTIFICATION_ID,))}) as notices,
        running(_driver("laptop"), env) as (process, lines),
    ):
        _wait_lines(lines, "soak: session-started", 60, seen)
        # The pacer on screen, the window in front: the display stays on.
        [inhibit] = screen.wait_for("Inhibit", timeout=10)
        assert inhibit.body == ("Kindly", REASON)
        assert _on_the_bus(session_bus, MPRIS)
        # The keyboard's play/pause key, through the desktop: the session pauses and lets the screen sleep.
        _media_key(session_bus, "PlayPause")
        _wait_lines(lines, "soak: paused True", 10, seen)
        screen.wait_for("UnInhibit", timeout=10)
        assert not _held(screen) and not _held(power)
        _media_key(session_bus, "PlayPause")
        _wait_lines(lines, "soak: paused False", 10, seen)
        screen.wait_for("Inhibit", count=2, timeout=10)
        # Closed to the tray: sound only, so the system stays awake and the screen may sleep.
        assert _wait_lines(lines, "soak: hidden", 60, seen) == "soak: hidden True"
        screen.wait_for("UnInhibit", count=2, timeout=10)
        power.wait_for("Inhibit", count=len(power.calls_to("UnInhibit")) + 1, timeout=10)
        finished = _wait_lines(lines, "soak: session-finished", SESSION_S + 30, seen)
        assert finished == "soak: session-finished completed=True visible False"
        # The end, told: one notification with the minutes, and everything let go.
        [notified] = notices.wait_for("Notify", timeout=10)
        power.wait_for("UnInhibit", count=len(power.calls_to("Inhibit")), timeout=10)
        assert not _held(screen) and not _held(power)
        assert not _on_the_bus(session_bus, MPRIS)
        # Clicking it brings the window back on the end screen, where the check-in waits.
        notices.emit(
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "ActionInvoked",
            "us",
            (NOTIFICATION_ID, "default"),
        )
        assert _wait_lines(lines, "soak: end-screen", 20, seen) == "soak: end-screen True"
        answers = _wait_lines(lines, "soak: answers", 20, seen).split()[2:]
        assert _wait_lines(lines, "soak: home", 20, seen) == "soak: home True"
        stderr = _finish(process, lines, seen)
    app_name, _replaces, _icon, summary, body, actions, _hints, _timeout = notified.body
    assert app_name == "Kindly" and summary
    assert "1-minute practice is complete" in body
    assert "default" in actions
    _assert_quiet(seen, stderr)
    # Done kept the answers the arrow keys moved.
    checkins = subprocess.run(
        [sys.executable, "-m", "kindly", "history", "checkins"], env=env, capture_output=True, text=True, timeout=30
    )
    assert checkins.returncode == 0, checkins.stderr
    rows = [line for line in checkins.stdout.splitlines()[1:] if line.strip()]
    assert len(rows) == 1 and rows[0].rstrip().endswith(f"{answers[0]}, {answers[1]}"), checkins.stdout
