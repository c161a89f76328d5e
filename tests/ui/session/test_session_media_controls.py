"""Media keys and the desktop's media controls, as a person uses them during a session.

The desktop's controls are `dbus-send` on a real session bus (what GNOME's and KDE's media
widgets, the lock screen and headset buttons send); another player is a stand-in podcast app.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.platform.session_bus import SessionBus
from kindly.settings.settings_model import Settings
from kindly.ui.app.main_window import MainWindow
from kindly.ui.session.session_media_controls import SessionMediaControls
from session_bus_daemon import StandInService

MPRIS = "org.mpris.MediaPlayer2.kindly"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PODCAST = "org.mpris.MediaPlayer2.podcast"
on_linux = pytest.mark.linux_only("the desktop's media controls reach players on its session bus")
# QTest names each key it sends by its text, and media keys have none: it says so, harmlessly.
media_key = pytest.mark.qt_log_ignore(r"^keyToAscii Unhandled key code", extend=True)


def dbus_send(address: str, *call: str, dest: str = MPRIS, path: str = PATH, reply: bool = True) -> str:
    """What `dbus-send` prints for `call`, as the desktop (or a person at a terminal) sends it."""
    command = ["dbus-send", "--session", f"--dest={dest}", "--type=method_call", path, *call]
    if reply:
        command.insert(2, "--print-reply")
    done = subprocess.run(
        command,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def kindly_on_the_bus(address: str) -> bool:
    answer = dbus_send(
        address,
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{MPRIS}",
        dest="org.freedesktop.DBus",
        path="/org/freedesktop/DBus",
    )
    return "boolean true" in answer


@pytest.fixture
def shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def media(shown: MainWindow, bus: SessionBus) -> Iterator[SessionMediaControls]:
    controls = SessionMediaControls(shown, lambda: bus, parent=shown)
    yield controls
    if controls.other_players is not None:
        controls.other_players.close()


def podcast_app(status: str = "Playing") -> StandInService:
    return StandInService(PODCAST, {"Get": ("v", (("s", status),)), "Pause": (None, ()), "Play": (None, ())})


# --- the keyboard's media keys, on every system -----------------------------------------------------
@media_key
def test_the_play_pause_key_pauses_the_session_and_again_resumes_it(qtbot: QtBot, shown: MainWindow) -> None:
    SessionMediaControls(shown, lambda: None, parent=shown)
    shown.start_quick("timer-5")
    qtbot.keyClick(shown, Qt.Key.Key_MediaTogglePlayPause)
    assert shown.controller.is_paused
    qtbot.keyClick(shown, Qt.Key.Key_MediaPlay)  # the same key, as many keyboards send it
    assert not shown.controller.is_paused


@media_key
def test_the_media_stop_key_stops_the_session(qtbot: QtBot, shown: MainWindow) -> None:
    SessionMediaControls(shown, lambda: None, parent=shown)
    shown.start_quick("timer-5")
    qtbot.keyClick(shown.session_screen.pause_button, Qt.Key.Key_MediaStop)
    assert not shown.controller.is_active


@media_key
def test_the_media_stop_key_after_the_first_minute_asks_as_the_stop_button_does(
    qtbot: QtBot, shown: MainWindow, clock: FakeClock
) -> None:
    SessionMediaControls(shown, lambda: None, parent=shown)
    shown.start_quick("timer-5")
    clock.advance(90.0)
    shown.controller.refresh()
    qtbot.keyClick(shown, Qt.Key.Key_MediaStop)
    assert shown.session_screen.stop_question is not None and shown.controller.is_active


# --- the desktop's media controls, on Linux ---------------------------------------------------------
@on_linux
def test_the_desktop_s_play_pause_pauses_the_session_and_again_resumes_it(
    qtbot: QtBot, media: SessionMediaControls, shown: MainWindow, session_bus: str
) -> None:
    shown.start_quick("timer-5")
    dbus_send(session_bus, f"{PLAYER}.PlayPause", reply=False)
    qtbot.waitUntil(lambda: shown.controller.is_paused)
    dbus_send(session_bus, f"{PLAYER}.PlayPause", reply=False)
    qtbot.waitUntil(lambda: not shown.controller.is_paused)


@on_linux
def test_the_desktop_shows_the_practice_its_length_and_whether_it_plays(
    qtbot: QtBot, media: SessionMediaControls, shown: MainWindow, session_bus: str
) -> None:
    session = shown.start_quick("timer-5") and shown.controller.session
    assert session is not None
    status = dbus_send(session_bus, "org.freedesktop.DBus.Properties.Get", f"string:{PLAYER}", "string:PlaybackStatus")
    assert 'variant       string "Playing"' in status
    metadata = dbus_send(session_bus, "org.freedesktop.DBus.Properties.Get", f"string:{PLAYER}", "string:Metadata")
    assert f'string "{session.title}"' in metadata
    assert f"int64 {round(session.plan.end_s * 1_000_000)}" in metadata
    assert 'object path "/org/kindly/Kindly/session/' in metadata
    shown.controller.pause()
    status = dbus_send(session_bus, "org.freedesktop.DBus.Properties.Get", f"string:{PLAYER}", "string:PlaybackStatus")
    assert 'string "Paused"' in status


@on_linux
def test_kindly_is_a_player_only_while_a_session_runs(
    media: SessionMediaControls, shown: MainWindow, session_bus: str
) -> None:
    assert not kindly_on_the_bus(session_bus)
    shown.start_quick("timer-5")
    assert kindly_on_the_bus(session_bus)
    shown.controller.stop()
    assert not kindly_on_the_bus(session_bus)


@on_linux
def test_the_session_ending_takes_kindly_off_the_bus(
    media: SessionMediaControls, shown: MainWindow, session_bus: str, clock: FakeClock
) -> None:
    shown.start_quick("timer-5")
    clock.advance(5.0 + 300.0 + 1.0)
    shown.controller.refresh()
    assert not shown.controller.is_active and not kindly_on_the_bus(session_bus)


@on_linux
def test_the_desktop_s_stop_stops_the_session(
    qtbot: QtBot, media: SessionMediaControls, shown: MainWindow, session_bus: str
) -> None:
    shown.start_quick("timer-5")
    dbus_send(session_bus, f"{PLAYER}.Stop")
    qtbot.waitUntil(lambda: not shown.controller.is_active)


@on_linux
def test_the_desktop_s_stop_with_the_window_away_stops_through_the_stop_it_is_given(
    qtbot: QtBot, shown: MainWindow, bus: SessionBus, session_bus: str, clock: FakeClock
) -> None:
    asked: list[str] = []
    SessionMediaControls(shown, lambda: bus, stop=lambda: asked.append("stop"), parent=shown)
    shown.start_quick("timer-5")
    clock.advance(90.0)
    shown.controller.refresh()
    shown.hide()  # closed to the tray: nobody at the window to answer a question
    dbus_send(session_bus, f"{PLAYER}.Stop")
    qtbot.waitUntil(lambda: asked == ["stop"])


@on_linux
def test_raise_brings_back_the_hidden_window(
    qtbot: QtBot, media: SessionMediaControls, shown: MainWindow, session_bus: str
) -> None:
    shown.start_quick("timer-5")
    shown.hide()
    dbus_send(session_bus, "org.mpris.MediaPlayer2.Raise")
    qtbot.waitUntil(shown.isVisible)


@on_linux
def test_another_player_is_paused_for_the_session_and_played_after_when_asked(
    media: SessionMediaControls, shown: MainWindow, settings: Settings
) -> None:
    settings.set(opt.PAUSE_OTHER_PLAYERS, True)
    with podcast_app() as podcast:
        shown.start_quick("timer-5")
        podcast.wait_for("Pause")
        podcast.set_reply("Get", ("v", (("s", "Paused"),)))
        shown.controller.stop()
        podcast.wait_for("Play")


@on_linux
def test_another_player_is_left_alone_by_default(media: SessionMediaControls, shown: MainWindow) -> None:
    with podcast_app() as podcast:
        shown.start_quick("timer-5")
        shown.controller.stop()
        assert media.other_players is not None
        media.other_players.close()  # whatever was asked of the other players is done
        assert podcast.calls == []


@on_linux
def test_kindly_s_media_controls_come_with_its_presence(
    qtbot: QtBot, shown: MainWindow, clock: FakeClock, session_bus: str
) -> None:
    from kindly.ui.app.app_presence import AppPresence

    presence = AppPresence(shown, clock, available=lambda: False)
    try:
        shown.start_quick("timer-5")
        dbus_send(session_bus, f"{PLAYER}.Pause")
        qtbot.waitUntil(lambda: shown.controller.is_paused)
    finally:
        shown.controller.stop()
        if presence.session_bus is not None:
            presence.session_bus.close()
