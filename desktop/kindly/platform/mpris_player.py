"""Kindly as an MPRIS media player on the session bus, while a session runs (Linux desktops).

MPRIS (`org.mpris.MediaPlayer2`) is how the keyboard's media keys, a headset's button, GNOME's and
KDE's media controls, the lock screen and `playerctl` find a player and tell it to pause. Kindly
takes its name only while a session runs, so the desktop's media widget shows the practice then and
goes away with it.

Everything here is the protocol (names, property tables, the introspection XML, answering calls);
what a command does to the session is the shell's. `handle` runs on the bus's thread: it answers
property reads from the last `NowPlaying` it was given (held under a lock) and hands commands to
the `commands` callback, which must take them to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kindly import APP_ID, APP_NAME
from kindly.platform.session_bus import SessionBus, SessionBusError

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.kindly"
PLAYER_NAME_PREFIX = "org.mpris.MediaPlayer2."  # every MPRIS player's well-known name starts so
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"

PLAYING = "Playing"
PAUSED = "Paused"
STOPPED = "Stopped"

NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
TRACK_PATH = "/org/kindly/Kindly/session"  # + the session's number: each session is a track of its own

# What the shell is asked to do: the player's methods that change the session, and Raise.
COMMANDS = frozenset({"PlayPause", "Play", "Pause", "Stop", "Raise"})
# Accepted and ignored, as the spec asks of a player that cannot do them (CanGoNext, CanSeek, CanQuit false).
IGNORED = frozenset({"Next", "Previous", "Seek", "SetPosition", "OpenUri", "Quit"})
_METHODS = {
    ROOT: frozenset({"Raise", "Quit"}),
    PLAYER: frozenset({"PlayPause", "Play", "Pause", "Stop", "Next", "Previous", "Seek", "SetPosition", "OpenUri"}),
}

_UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
_UNKNOWN_INTERFACE = "org.freedesktop.DBus.Error.UnknownInterface"
_UNKNOWN_PROPERTY = "org.freedesktop.DBus.Error.UnknownProperty"
_READ_ONLY = "org.freedesktop.DBus.Error.PropertyReadOnly"
_NO_REPLY_EXPECTED = 1  # the header flag of a call that wants no answer (`dbus-send` without --print-reply)
_MICROSECONDS = 1_000_000

Variant = tuple[str, Any]  # jeepney's D-Bus variant: (signature, value)


@dataclass(frozen=True)
class NowPlaying:
    """What the desktop's media controls show: the session's state, title, length and position."""

    status: str = STOPPED
    title: str = ""
    length_s: float = 0.0
    position_s: float = 0.0
    track: int = 0  # which session this is (0: none), so a new session is a new track to the desktop

    @property
    def track_id(self) -> str:
        return f"{TRACK_PATH}/{self.track}" if self.track else NO_TRACK

    def metadata(self) -> dict[str, Variant]:
        if not self.track:
            return {"mpris:trackid": ("o", NO_TRACK)}
        return {
            "mpris:trackid": ("o", self.track_id),
            "xesam:title": ("s", self.title),
            "xesam:artist": ("as", [APP_NAME]),
            "mpris:length": ("x", round(self.length_s * _MICROSECONDS)),
        }


def _root_properties() -> dict[str, Variant]:
    return {
        "CanQuit": ("b", False),
        "CanRaise": ("b", True),
        "HasTrackList": ("b", False),
        "Identity": ("s", APP_NAME),
        "DesktopEntry": ("s", APP_ID),  # packaging/linux/org.kindly.Kindly.desktop: the desktop finds the icon
        "SupportedUriSchemes": ("as", []),
        "SupportedMimeTypes": ("as", []),
    }


def _player_properties(now: NowPlaying) -> dict[str, Variant]:
    return {
        "PlaybackStatus": ("s", now.status),
        "Rate": ("d", 1.0),
        "MinimumRate": ("d", 1.0),
        "MaximumRate": ("d", 1.0),
        "Metadata": ("a{sv}", now.metadata()),
        "Volume": ("d", 1.0),
        "Position": ("x", round(now.position_s * _MICROSECONDS)),
        "CanGoNext": ("b", False),
        "CanGoPrevious": ("b", False),
        "CanPlay": ("b", True),
        "CanPause": ("b", True),
        "CanSeek": ("b", False),
        "CanControl": ("b", True),
    }


# The properties that announce their changes (Position never does: clients follow it from Rate).
_ANNOUNCED = ("PlaybackStatus", "Metadata")

INTROSPECTION = """<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.DBus.Properties">
    <method name="Get">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="properties" type="a{sv}" direction="out"/>
    </method>
    <method name="Set">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="in"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface_name" type="s"/>
      <arg name="changed_properties" type="a{sv}"/>
      <arg name="invalidated_properties" type="as"/>
    </signal>
  </interface>
  <interface name="org.mpris.MediaPlayer2">
    <method name="Raise"/>
    <method name="Quit"/>
    <property name="CanQuit" type="b" access="read"/>
    <property name="CanRaise" type="b" access="read"/>
    <property name="HasTrackList" type="b" access="read"/>
    <property name="Identity" type="s" access="read"/>
    <property name="DesktopEntry" type="s" access="read"/>
    <property name="SupportedUriSchemes" type="as" access="read"/>
    <property name="SupportedMimeTypes" type="as" access="read"/>
  </interface>
  <interface name="org.mpris.MediaPlayer2.Player">
    <method name="Next"/>
    <method name="Previous"/>
    <method name="Pause"/>
    <method name="PlayPause"/>
    <method name="Stop"/>
    <method name="Play"/>
    <method name="Seek"><arg name="Offset" type="x" direction="in"/></method>
    <method name="SetPosition">
      <arg name="TrackId" type="o" direction="in"/>
      <arg name="Position" type="x" direction="in"/>
    </method>
    <method name="OpenUri"><arg name="Uri" type="s" direction="in"/></method>
    <signal name="Seeked"><arg name="Position" type="x"/></signal>
    <property name="PlaybackStatus" type="s" access="read"/>
    <property name="Rate" type="d" access="read"/>
    <property name="MinimumRate" type="d" access="read"/>
    <property name="MaximumRate" type="d" access="read"/>
    <property name="Metadata" type="a{sv}" access="read"/>
    <property name="Volume" type="d" access="read"/>
    <property name="Position" type="x" access="read"/>
    <property name="CanGoNext" type="b" access="read"/>
    <property name="CanGoPrevious" type="b" access="read"/>
    <property name="CanPlay" type="b" access="read"/>
    <property name="CanPause" type="b" access="read"/>
    <property name="CanSeek" type="b" access="read"/>
    <property name="CanControl" type="b" access="read"/>
  </interface>
</node>
"""


class MprisPlayer:
    """Kindly's MPRIS player: published while a session runs, withdrawn when it ends.

    `commands` is called on the bus's thread with one of `COMMANDS`; it must only hand the
    command on (to the GUI thread), never act on the session there.
    """

    def __init__(self, bus: SessionBus, commands: Callable[[str], None]) -> None:
        self._bus = bus
        self._commands = commands
        self._lock = threading.Lock()
        self._now = NowPlaying()
        self._served = False
        self._published = False

    @property
    def now(self) -> NowPlaying:
        with self._lock:
            return self._now

    def publish(self, now: NowPlaying) -> bool:
        """Take Kindly's player name showing `now`; False (logged) if the bus refused or failed."""
        self._set(now)
        if not self._served:  # a route stays for the bus's life: served once, answered by name or not
            self._bus.serve(OBJECT_PATH, self.handle)
            self._served = True
        try:
            self._published = self._bus.own_name(BUS_NAME)
        except SessionBusError as error:
            log.warning("media controls not offered: %s", error)
            return False
        if not self._published:
            log.warning("media controls not offered: another program holds %s", BUS_NAME)
        return self._published

    def update(self, now: NowPlaying) -> None:
        """Show `now`; the desktop is told when the status or the track changed."""
        before = self._set(now)
        if not self._published:
            return
        changed = {
            name: value
            for name, value in _player_properties(now).items()
            if name in _ANNOUNCED and value != _player_properties(before)[name]
        }
        if changed:
            self._announce(changed)

    def withdraw(self) -> None:
        """Stopped, and the name let go: the desktop's media widget goes away."""
        self.update(NowPlaying())
        if not self._published:
            return
        self._published = False
        try:
            self._bus.release_name(BUS_NAME)
        except SessionBusError as error:
            log.warning("media controls not withdrawn: %s", error)

    # --- on the bus's thread ---------------------------------------------------------------
    def handle(self, message: Any) -> Any:
        """The reply to one method call on OBJECT_PATH (None when the caller wants none)."""
        from jeepney import new_error, new_method_return
        from jeepney.low_level import HeaderFields

        fields = message.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member, "")
        outcome = self._answer(interface, member, tuple(message.body))
        if message.header.flags & _NO_REPLY_EXPECTED:
            return None
        if isinstance(outcome, _Error):
            return new_error(message, outcome.name, "s", (outcome.text,))
        signature, body = outcome
        return new_method_return(message, signature, body)

    def _answer(
        self, interface: str | None, member: str, body: tuple[Any, ...]
    ) -> _Error | tuple[str | None, tuple[Any, ...]]:
        if interface in (PROPERTIES, None) and member in ("Get", "GetAll", "Set"):
            return self._properties_call(member, body)
        if interface in (INTROSPECTABLE, None) and member == "Introspect":
            return ("s", (INTROSPECTION,))
        if member in (_METHODS.get(interface, frozenset()) if interface else COMMANDS | IGNORED):
            if member in COMMANDS:
                self._commands(member)
            return (None, ())
        return _Error(_UNKNOWN_METHOD, f"no method {member} on {interface or 'any interface'} here")

    def _properties_call(self, member: str, body: tuple[Any, ...]) -> _Error | tuple[str | None, tuple[Any, ...]]:
        if not body or not isinstance(body[0], str):
            return _Error(_UNKNOWN_INTERFACE, f"{member} names no interface")
        table = self._table(body[0])
        if table is None:
            return _Error(_UNKNOWN_INTERFACE, f"no interface {body[0]} here")
        if member == "GetAll":
            return ("a{sv}", (table,))
        name = body[1] if len(body) > 1 else ""
        if name not in table:
            return _Error(_UNKNOWN_PROPERTY, f"no property {name} on {body[0]}")
        if member == "Set":
            return _Error(_READ_ONLY, f"{name} is read-only")
        return ("v", (table[name],))

    def _table(self, interface: str) -> dict[str, Variant] | None:
        if interface == ROOT:
            return _root_properties()
        if interface == PLAYER:
            return _player_properties(self.now)
        if interface in (PROPERTIES, INTROSPECTABLE):
            return {}
        return None

    # --- internals --------------------------------------------------------------------------
    def _set(self, now: NowPlaying) -> NowPlaying:
        with self._lock:
            before, self._now = self._now, now
        return before

    def _announce(self, changed: dict[str, Variant]) -> None:
        from jeepney import DBusAddress, new_signal

        signal = new_signal(
            DBusAddress(OBJECT_PATH, interface=PROPERTIES), "PropertiesChanged", "sa{sv}as", (PLAYER, changed, [])
        )
        try:
            self._bus.send(signal)
        except OSError as error:  # the bus went away: the desktop has nothing left to tell
            log.warning("media controls not updated: %s", error)


@dataclass(frozen=True)
class _Error:
    name: str
    text: str
