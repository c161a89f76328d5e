"""Keeping the computer awake: one mode at a time, asked of the desktop over a real session bus.

The bus tests run a private dbus-daemon with stand-ins for the desktop's services; the others
use wakepy's own switches (WAKEPY_FAKE_SUCCESS, WAKEPY_FORCE_FAILURE), so nothing here ever
keeps the test machine itself awake.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from kindly.platform.keep_awake import REASON, AwakeMode, KeepAwake
from kindly.platform.session_bus import SessionBus
from session_bus_daemon import BusCall, Reply, StandInService

SCREENSAVER = "org.freedesktop.ScreenSaver"
POWER_MANAGEMENT = "org.freedesktop.PowerManagement"
GNOME_SESSION = "org.gnome.SessionManager"
GNOME_INHIBIT_SUSPEND = 4
GNOME_INHIBIT_IDLE = 8
ON_LINUX_BUS = pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")


class Desktop:
    """Stand-ins for a desktop's inhibitor services, answering with fresh cookies, in one order of calls."""

    def __init__(self, *services: str) -> None:
        self.order: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._cookies = iter(range(101, 10_000))
        self.services = {name: StandInService(name, self._replies(name)) for name in services}

    def __getitem__(self, name: str) -> StandInService:
        return self.services[name]

    def stop(self) -> None:
        for service in self.services.values():
            service.stop()

    def _replies(self, name: str) -> dict[str, Reply]:
        def inhibit(call: BusCall) -> tuple[str | None, tuple[object, ...]]:
            with self._lock:
                self.order.append((name, call.member))
                return "u", (next(self._cookies),)

        def uninhibit(call: BusCall) -> tuple[str | None, tuple[object, ...]]:
            with self._lock:
                self.order.append((name, call.member))
            return None, ()

        # GNOME spells it Uninhibit; the freedesktop interfaces UnInhibit.
        return {"Inhibit": inhibit, "UnInhibit": uninhibit, "Uninhibit": uninhibit}


@pytest.fixture
def generic_desktop(session_bus: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    """A freedesktop desktop that is neither KDE nor Xfce (whose versions and bugs wakepy checks)."""
    monkeypatch.setenv("XDG_SESSION_DESKTOP", "openbox")
    desktop = Desktop(SCREENSAVER, POWER_MANAGEMENT)
    yield desktop
    desktop.stop()


@pytest.fixture
def kept() -> Iterator[Callable[..., KeepAwake]]:
    """Makes KeepAwakes that let go of what they hold when the test ends (before its bus and stand-ins go)."""
    made: list[KeepAwake] = []

    def make(bus: SessionBus | None = None) -> KeepAwake:
        made.append(KeepAwake(lambda: bus))
        return made[-1]

    yield make
    for keep in made:
        keep.close()


def _settled(keep: KeepAwake, mode: AwakeMode) -> KeepAwake:
    keep.hold(mode)
    assert keep.settle()
    return keep


@ON_LINUX_BUS
def test_the_display_is_kept_on_with_the_screensavers_inhibitor_in_kindlys_name(
    bus: SessionBus, generic_desktop: Desktop, kept: Callable[..., KeepAwake]
) -> None:
    keep = _settled(kept(bus), AwakeMode.DISPLAY)
    [inhibit] = generic_desktop[SCREENSAVER].calls_to("Inhibit")
    assert inhibit.path == "/org/freedesktop/ScreenSaver" and inhibit.interface == SCREENSAVER
    assert inhibit.body == ("Kindly", REASON)
    assert inhibit.sender == bus.unique_name  # Kindly's one connection: the bus drops it if Kindly dies
    assert keep.held is AwakeMode.DISPLAY
    assert generic_desktop[POWER_MANAGEMENT].calls == []


@ON_LINUX_BUS
def test_the_system_is_kept_awake_with_the_power_managers_inhibitor_letting_the_screen_sleep(
    bus: SessionBus, generic_desktop: Desktop, kept: Callable[..., KeepAwake]
) -> None:
    _settled(kept(bus), AwakeMode.SYSTEM)
    [inhibit] = generic_desktop[POWER_MANAGEMENT].calls_to("Inhibit")
    assert inhibit.path == "/org/freedesktop/PowerManagement/Inhibit"
    assert inhibit.interface == "org.freedesktop.PowerManagement.Inhibit"
    assert inhibit.body == ("Kindly", REASON)
    assert generic_desktop[SCREENSAVER].calls == []


@ON_LINUX_BUS
def test_switching_lets_go_of_the_old_inhibitor_before_taking_the_new(
    bus: SessionBus, generic_desktop: Desktop, kept: Callable[..., KeepAwake]
) -> None:
    keep = _settled(kept(bus), AwakeMode.DISPLAY)
    _settled(keep, AwakeMode.SYSTEM)
    _settled(keep, AwakeMode.DISPLAY)
    assert generic_desktop.order == [
        (SCREENSAVER, "Inhibit"),
        (SCREENSAVER, "UnInhibit"),
        (POWER_MANAGEMENT, "Inhibit"),
        (POWER_MANAGEMENT, "UnInhibit"),
        (SCREENSAVER, "Inhibit"),
    ]
    # Each release hands back the cookie its inhibitor was given.
    assert generic_desktop[SCREENSAVER].calls_to("UnInhibit")[0].body == (101,)
    assert generic_desktop[POWER_MANAGEMENT].calls_to("UnInhibit")[0].body == (102,)


@ON_LINUX_BUS
def test_releasing_hands_back_the_cookie_and_leaves_no_thread(
    bus: SessionBus, generic_desktop: Desktop, kept: Callable[..., KeepAwake]
) -> None:
    keep = _settled(kept(bus), AwakeMode.DISPLAY)
    [worker] = [t for t in threading.enumerate() if t.name == "kindly-keep-awake"]
    keep.release()
    assert keep.settle()
    assert generic_desktop[SCREENSAVER].calls_to("UnInhibit")[0].body == (101,)
    assert keep.held is AwakeMode.NONE
    worker.join(timeout=5)
    assert not worker.is_alive()  # an idle Kindly keeps no thread for this


@ON_LINUX_BUS
def test_asking_for_what_is_held_asks_the_desktop_nothing_more(
    bus: SessionBus, generic_desktop: Desktop, kept: Callable[..., KeepAwake]
) -> None:
    keep = _settled(kept(bus), AwakeMode.DISPLAY)
    _settled(keep, AwakeMode.DISPLAY)
    assert generic_desktop.order == [(SCREENSAVER, "Inhibit")]


@ON_LINUX_BUS
def test_on_gnome_the_session_managers_idle_and_suspend_inhibitors_are_used(
    bus: SessionBus, monkeypatch: pytest.MonkeyPatch, kept: Callable[..., KeepAwake]
) -> None:
    monkeypatch.setenv("XDG_SESSION_DESKTOP", "gnome")
    desktop = Desktop(GNOME_SESSION)  # GNOME answers neither freedesktop interface
    try:
        keep = _settled(kept(bus), AwakeMode.DISPLAY)
        _settled(keep, AwakeMode.SYSTEM)
        _settled(keep, AwakeMode.NONE)
    finally:
        desktop.stop()
    inhibits = desktop[GNOME_SESSION].calls_to("Inhibit")
    assert [call.body[0] for call in inhibits] == ["org.kindly.Kindly", "org.kindly.Kindly"]
    assert [call.body[2:] for call in inhibits] == [(REASON, GNOME_INHIBIT_IDLE), (REASON, GNOME_INHIBIT_SUSPEND)]
    assert [call.body for call in desktop[GNOME_SESSION].calls_to("Uninhibit")] == [(101,), (102,)]


@ON_LINUX_BUS
def test_a_desktop_without_the_services_costs_one_warning_and_never_an_error(
    bus: SessionBus, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, kept: Callable[..., KeepAwake]
) -> None:
    monkeypatch.setenv("XDG_SESSION_DESKTOP", "openbox")
    keep = kept(bus)
    with caplog.at_level(logging.INFO, logger="kindly.platform.keep_awake"):
        _settled(keep, AwakeMode.DISPLAY)
        _settled(keep, AwakeMode.NONE)
        _settled(keep, AwakeMode.DISPLAY)
    assert keep.held is AwakeMode.NONE
    lines = [r for r in caplog.records if r.name == "kindly.platform.keep_awake"]
    assert [r.levelno for r in lines] == [logging.WARNING, logging.INFO]  # told once; after that only logged
    assert lines[0].getMessage().startswith("could not keep the display on during the session (")
    assert "org.freedesktop.ScreenSaver: " in lines[0].getMessage()
    assert "\n" not in lines[0].getMessage()


def test_without_a_session_bus_the_session_goes_on_and_the_log_says_why(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, kept: Callable[..., KeepAwake]
) -> None:
    monkeypatch.setenv("WAKEPY_FORCE_FAILURE", "1")  # every system: no way to ask answers
    keep = kept()
    with caplog.at_level(logging.WARNING, logger="kindly.platform.keep_awake"):
        _settled(keep, AwakeMode.SYSTEM)
    assert keep.held is AwakeMode.NONE and keep.wanted is AwakeMode.SYSTEM
    [line] = [r.getMessage() for r in caplog.records if r.name == "kindly.platform.keep_awake"]
    assert line.startswith("could not keep the system awake during the session (")


def test_one_mode_is_held_at_a_time_and_closing_lets_go(
    monkeypatch: pytest.MonkeyPatch, kept: Callable[..., KeepAwake]
) -> None:
    monkeypatch.setenv("WAKEPY_FAKE_SUCCESS", "1")  # wakepy's stand-in method: the machine is left alone
    import wakepy

    keep = _settled(kept(), AwakeMode.DISPLAY)
    assert keep.held is AwakeMode.DISPLAY and wakepy.modecount() == 1
    _settled(keep, AwakeMode.SYSTEM)
    assert keep.held is AwakeMode.SYSTEM and wakepy.modecount() == 1
    keep.close()
    assert keep.held is AwakeMode.NONE and wakepy.modecount() == 0


def test_the_session_bus_is_asked_for_only_once_something_is_held(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAKEPY_FAKE_SUCCESS", "1")
    asked: list[int] = []

    def bus() -> None:
        asked.append(1)

    keep = KeepAwake(bus)
    keep.release()
    keep.close()
    assert asked == []
    _settled(keep, AwakeMode.DISPLAY)
    _settled(keep, AwakeMode.SYSTEM)
    keep.close()
    assert asked == [1]


def test_wakepy_is_not_imported_until_something_is_held() -> None:
    probe = "import sys, kindly.platform.keep_awake; print('wakepy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.skipif(
    os.name != "nt", reason="SetThreadExecutionState is Windows' (the Windows lane runs it, under Wine)"
)
def test_on_windows_the_system_call_holds_the_display_and_then_the_system(kept: Callable[..., KeepAwake]) -> None:
    import wakepy

    keep = _settled(kept(), AwakeMode.DISPLAY)
    assert keep.held is AwakeMode.DISPLAY and wakepy.modecount() == 1
    _settled(keep, AwakeMode.SYSTEM)
    assert keep.held is AwakeMode.SYSTEM
    keep.close()
    assert keep.held is AwakeMode.NONE and wakepy.modecount() == 0
