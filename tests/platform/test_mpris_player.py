"""Kindly's MPRIS player and the other players it pauses, on a real dbus-daemon.

The desktop side (GNOME's media controls, playerctl) is played by a second connection to the
same bus; the other players are `StandInService`s that answer as a podcast app would.
"""

from __future__ import annotations

import queue
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from typing import Any

import pytest

from kindly.platform.mpris_player import (
    BUS_NAME,
    INTROSPECTABLE,
    OBJECT_PATH,
    PAUSED,
    PLAYER,
    PLAYING,
    PROPERTIES,
    ROOT,
    MprisPlayer,
    NowPlaying,
)
from kindly.platform.other_players import OtherPlayers
from kindly.platform.session_bus import SessionBus, SessionBusError
from session_bus_daemon import StandInService

pytestmark = pytest.mark.linux_only("MPRIS lives on a Linux desktop's session bus")

SITTING = NowPlaying(status=PLAYING, title="A gentle hand", length_s=605.0, position_s=65.0, track=1)
PODCAST = "org.mpris.MediaPlayer2.podcast"
MUSIC = "org.mpris.MediaPlayer2.music"


def _open() -> SessionBus:
    opened = SessionBus.open()
    assert opened is not None
    return opened


@pytest.fixture
def bus(session_bus: str) -> Iterator[SessionBus]:
    opened = _open()
    yield opened
    opened.close()


@pytest.fixture
def desktop(session_bus: str) -> Iterator[SessionBus]:
    """The desktop's media controls: another program on the same bus."""
    opened = _open()
    yield opened
    opened.close()


@pytest.fixture
def commands() -> queue.Queue[str]:
    return queue.Queue()


@pytest.fixture
def player(bus: SessionBus, commands: queue.Queue[str]) -> MprisPlayer:
    published = MprisPlayer(bus, commands.put)
    assert published.publish(SITTING)
    return published


def _call(desktop: SessionBus, interface: str, method: str, signature: str | None = None, body: tuple = ()) -> Any:
    from jeepney import DBusAddress

    return desktop.call(DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=interface), method, signature, body)


def _get(desktop: SessionBus, interface: str, name: str) -> Any:
    (variant,) = _call(desktop, PROPERTIES, "Get", "ss", (interface, name))
    return variant[1]


def _other_player(name: str, status: str) -> StandInService:
    """A player that answers its PlaybackStatus and takes Pause and Play."""
    return StandInService(name, {"Get": ("v", (("s", status),)), "Pause": (None, ()), "Play": (None, ())})


# --- Kindly's player ---------------------------------------------------------------------------
def test_a_published_player_is_found_by_its_mpris_name(player: MprisPlayer, desktop: SessionBus) -> None:
    assert desktop.name_has_owner(BUS_NAME)


def test_the_desktop_reads_who_the_player_is(player: MprisPlayer, desktop: SessionBus) -> None:
    (everything,) = _call(desktop, PROPERTIES, "GetAll", "s", (ROOT,))
    shown = {name: value for name, (_signature, value) in everything.items()}
    assert shown == {
        "CanQuit": False,
        "CanRaise": True,
        "HasTrackList": False,
        "Identity": "Kindly",
        "DesktopEntry": "org.kindly.Kindly",
        "SupportedUriSchemes": [],
        "SupportedMimeTypes": [],
    }


def test_the_desktop_reads_the_session_as_a_track(player: MprisPlayer, desktop: SessionBus) -> None:
    metadata = _get(desktop, PLAYER, "Metadata")
    assert _get(desktop, PLAYER, "PlaybackStatus") == PLAYING
    assert metadata["mpris:trackid"] == ("o", "/org/kindly/Kindly/session/1")
    assert (metadata["xesam:title"], metadata["mpris:length"]) == (("s", "A gentle hand"), ("x", 605_000_000))
    assert _get(desktop, PLAYER, "Position") == 65_000_000


def test_the_player_can_pause_and_play_but_not_skip_or_seek(player: MprisPlayer, desktop: SessionBus) -> None:
    (everything,) = _call(desktop, PROPERTIES, "GetAll", "s", (PLAYER,))
    can = {name: value for name, (_signature, value) in everything.items() if name.startswith("Can")}
    assert can == {
        "CanPlay": True,
        "CanPause": True,
        "CanControl": True,
        "CanGoNext": False,
        "CanGoPrevious": False,
        "CanSeek": False,
    }


@pytest.mark.parametrize(
    ("interface", "method"),
    [(PLAYER, "PlayPause"), (PLAYER, "Play"), (PLAYER, "Pause"), (PLAYER, "Stop"), (ROOT, "Raise")],
)
def test_a_command_is_handed_to_the_shell(
    player: MprisPlayer, desktop: SessionBus, commands: queue.Queue[str], interface: str, method: str
) -> None:
    assert _call(desktop, interface, method) == ()
    assert commands.get(timeout=5) == method


def test_skipping_seeking_and_quitting_are_accepted_and_ignored(
    player: MprisPlayer, desktop: SessionBus, commands: queue.Queue[str]
) -> None:
    _call(desktop, PLAYER, "Next")
    _call(desktop, PLAYER, "Previous")
    _call(desktop, PLAYER, "Seek", "x", (10_000_000,))
    _call(desktop, PLAYER, "SetPosition", "ox", ("/org/kindly/Kindly/session/1", 0))
    _call(desktop, PLAYER, "OpenUri", "s", ("file:///music.ogg",))
    _call(desktop, ROOT, "Quit")
    assert commands.empty()


def test_no_property_can_be_set(player: MprisPlayer, desktop: SessionBus) -> None:
    with pytest.raises(SessionBusError, match="PropertyReadOnly"):
        _call(desktop, PROPERTIES, "Set", "ssv", (PLAYER, "Volume", ("d", 0.5)))


def test_an_unknown_property_or_interface_is_an_error_not_silence(player: MprisPlayer, desktop: SessionBus) -> None:
    with pytest.raises(SessionBusError, match="UnknownProperty"):
        _get(desktop, PLAYER, "Shuffle")
    with pytest.raises(SessionBusError, match="UnknownInterface"):
        _call(desktop, PROPERTIES, "GetAll", "s", ("org.example.Nothing",))
    with pytest.raises(SessionBusError, match="UnknownMethod"):
        _call(desktop, PLAYER, "Rewind")


def test_introspection_describes_what_the_player_answers(player: MprisPlayer, desktop: SessionBus) -> None:
    (xml,) = _call(desktop, INTROSPECTABLE, "Introspect")
    interfaces = {node.get("name"): node for node in ElementTree.fromstring(xml).iter("interface")}
    assert set(interfaces) == {ROOT, PLAYER, PROPERTIES, INTROSPECTABLE}
    described = {p.get("name") for p in interfaces[PLAYER].iter("property")}
    (served,) = _call(desktop, PROPERTIES, "GetAll", "s", (PLAYER,))
    assert described == set(served)


def test_a_new_status_is_announced_and_a_new_position_is_not(player: MprisPlayer, desktop: SessionBus) -> None:
    from jeepney import MatchRule

    heard: queue.Queue[tuple[Any, ...]] = queue.Queue()
    rule = MatchRule(type="signal", interface=PROPERTIES, member="PropertiesChanged", path=OBJECT_PATH)
    desktop.listen(rule, lambda message: heard.put(tuple(message.body)))
    player.update(NowPlaying(PLAYING, SITTING.title, SITTING.length_s, position_s=66.0, track=1))
    player.update(NowPlaying(PAUSED, SITTING.title, SITTING.length_s, position_s=66.0, track=1))
    assert heard.get(timeout=5) == (PLAYER, {"PlaybackStatus": ("s", PAUSED)}, [])


def test_a_withdrawn_player_leaves_the_bus_and_can_come_back(player: MprisPlayer, desktop: SessionBus) -> None:
    player.withdraw()
    assert not desktop.name_has_owner(BUS_NAME)
    assert player.publish(SITTING)
    assert desktop.name_has_owner(BUS_NAME)


def test_a_name_held_by_another_program_is_not_taken(bus: SessionBus, commands: queue.Queue[str]) -> None:
    with StandInService(BUS_NAME):
        assert not MprisPlayer(bus, commands.put).publish(SITTING)


# --- other players ----------------------------------------------------------------------------
def test_players_that_are_playing_are_paused_and_the_others_left_alone(bus: SessionBus) -> None:
    with _other_player(PODCAST, PLAYING) as podcast, _other_player(MUSIC, PAUSED) as music:
        assert OtherPlayers(bus).pause_playing().result(timeout=10) == [PODCAST]
        assert (len(podcast.calls_to("Pause")), music.calls_to("Pause")) == (1, [])
        assert podcast.calls_to("Pause")[0].interface == PLAYER


def test_only_the_players_kindly_paused_are_played_again(bus: SessionBus) -> None:
    with _other_player(PODCAST, PLAYING) as podcast, _other_player(MUSIC, PAUSED) as music:
        others = OtherPlayers(bus)
        others.pause_playing().result(timeout=10)
        podcast.set_reply("Get", ("v", (("s", PAUSED),)))
        assert others.resume_paused().result(timeout=10) == [PODCAST]
        assert (len(podcast.calls_to("Play")), music.calls_to("Play")) == (1, [])


def test_a_player_started_again_during_the_session_is_left_as_it_is(bus: SessionBus) -> None:
    with _other_player(PODCAST, PLAYING) as podcast:
        others = OtherPlayers(bus)
        others.pause_playing().result(timeout=10)
        assert others.resume_paused().result(timeout=10) == []  # still Playing: the person's choice
        assert podcast.calls_to("Play") == []


def test_a_player_that_does_not_answer_is_passed_over(bus: SessionBus) -> None:
    with StandInService("org.mpris.MediaPlayer2.broken"), _other_player(PODCAST, PLAYING):
        assert OtherPlayers(bus).pause_playing().result(timeout=10) == [PODCAST]


def test_kindly_never_pauses_its_own_player(bus: SessionBus) -> None:
    with _other_player(BUS_NAME, PLAYING) as own:
        assert OtherPlayers(bus).pause_playing().result(timeout=10) == []
        assert own.calls == []
