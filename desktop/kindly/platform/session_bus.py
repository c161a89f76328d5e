"""The desktop's session bus (D-Bus, on Linux): one connection that Kindly's media controls,
notifications and other-player pauses share.

Windows and macOS have no session bus, and a Linux machine may have none either (a bare X
session, a container): `SessionBus.open()` then answers None and each caller falls back to what
Qt alone can do. Nothing here is a network connection: the bus is a local socket.

Handlers given to `serve` and `listen` run on the bus's own thread, never Qt's: they answer from
state they can read without locks held long, and hand anything for the window to Qt by a signal.
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import InvalidStateError
from dataclasses import dataclass
from typing import Any

try:
    from jeepney import DBusAddress, MatchRule, Message, MessageType, new_error, new_method_call
    from jeepney.bus_messages import message_bus
    from jeepney.io.common import RouterClosed
    from jeepney.io.threading import DBusRouter, open_dbus_connection
    from jeepney.low_level import HeaderFields

    HAVE_JEEPNEY = True
except ImportError:  # Windows and macOS install no D-Bus client: they have no session bus to reach
    HAVE_JEEPNEY = False

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 2.0  # a desktop service that has not answered in 2 s is treated as absent
_FAILED = "org.freedesktop.DBus.Error.Failed"
_PRIMARY_OWNER = 1  # RequestName's answer when the name is now ours
_DO_NOT_QUEUE = 4


class SessionBusError(Exception):
    """A call on the bus failed or went unanswered; the message names the service and method."""


MethodHandler = Callable[["Message"], "Message | None"]
SignalHandler = Callable[["Message"], None]


@dataclass(frozen=True)
class _Route:
    rule: MatchRule
    method_handler: MethodHandler | None = None
    signal_handler: SignalHandler | None = None


if HAVE_JEEPNEY:

    class _Router(DBusRouter):  # type: ignore[misc]  # jeepney ships no types: its router is Any here
        """jeepney's router, whose receiving thread ends quietly when the bus goes away (logout, a test's bus)."""

        def _receiver(self) -> None:
            try:
                super()._receiver()
            except OSError as error:  # the daemon closed the socket: every waiting call has been told
                log.info("session bus closed: %s", error)
            except InvalidStateError:  # closed while a call still waited: its caller has been told
                log.info("session bus closed during a call")


def session_bus_expected(platform: str = sys.platform) -> bool:
    """Whether this system's desktop services live on a D-Bus session bus (Linux and the BSDs)."""
    return not (platform == "win32" or platform == "darwin")


class SessionBus:
    """A connection to the session bus with a thread that hands each incoming message to its route."""

    def __init__(self, router: DBusRouter) -> None:
        self._router = router
        self._routes: list[_Route] = []
        self._routes_lock = threading.Lock()
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        # Everything that is not a reply to our own calls comes here; replies go to their callers.
        self._everything = router.filter(MatchRule(), queue=self._inbox)
        self._worker = threading.Thread(target=self._dispatch_forever, name="kindly-session-bus", daemon=True)
        self._worker.start()

    @classmethod
    def open(cls, platform: str = sys.platform) -> SessionBus | None:
        """The desktop's session bus, or None where there is none (Windows, macOS, a bare session)."""
        if not (HAVE_JEEPNEY and session_bus_expected(platform) and os.environ.get("DBUS_SESSION_BUS_ADDRESS")):
            return None
        try:
            connection = open_dbus_connection("SESSION", auth_timeout=CALL_TIMEOUT_S)
        except (OSError, ValueError, KeyError) as error:
            log.info("no session bus: %s", error)
            return None
        return cls(_Router(connection))

    @property
    def unique_name(self) -> str:
        return str(self._router.unique_name)

    def call(
        self,
        address: DBusAddress,
        method: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
        timeout: float = CALL_TIMEOUT_S,
    ) -> tuple[Any, ...]:
        """Call `method` and return the reply's body; SessionBusError if it failed or was not answered."""
        message = new_method_call(address, method, signature, body)
        try:
            reply = self._router.send_and_get_reply(message, timeout=timeout)
        except (OSError, TimeoutError, RouterClosed, KeyError) as error:
            # KeyError: jeepney forgets a waiting call's serial twice when the bus closes under it.
            raise SessionBusError(f"{address.bus_name} did not answer {method}: {error or 'no reply'}") from error
        if reply.header.message_type == MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "an error")
            detail = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
            raise SessionBusError(f"{address.bus_name} {method}: {name} {detail}".rstrip())
        return tuple(reply.body)

    def name_has_owner(self, name: str) -> bool:
        """Whether some program on the bus answers to `name` (a desktop service, a media player)."""
        return bool(self.call(message_bus, "NameHasOwner", "s", (name,))[0])

    def names(self) -> list[str]:
        """Every name on the bus now."""
        return [str(name) for name in self.call(message_bus, "ListNames")[0]]

    def own_name(self, name: str) -> bool:
        """Take the well-known `name` if nobody holds it; False if another program does."""
        return self.call(message_bus, "RequestName", "su", (name, _DO_NOT_QUEUE))[0] == _PRIMARY_OWNER

    def release_name(self, name: str) -> None:
        self.call(message_bus, "ReleaseName", "s", (name,))

    def serve(self, path: str, handler: MethodHandler) -> None:
        """Answer method calls to object `path` with `handler`'s reply (None: no reply, e.g. NoReplyExpected)."""
        self._add(_Route(MatchRule(type="method_call", path=path), method_handler=handler))

    def listen(self, rule: MatchRule, handler: SignalHandler) -> None:
        """Hand each signal matching `rule` to `handler`; the bus is asked to route them here."""
        self.call(message_bus, "AddMatch", "s", (rule.serialise(),))
        self._add(_Route(rule, signal_handler=handler))

    def send(self, message: Message) -> None:
        """Send a signal (or any message that wants no answer)."""
        self._router.send(message)

    def close(self) -> None:
        self._inbox.put(None)
        self._worker.join(timeout=CALL_TIMEOUT_S)
        self._everything.close()
        self._router.close()
        self._router.conn.close()

    def _add(self, route: _Route) -> None:
        with self._routes_lock:
            self._routes.append(route)

    def _dispatch_forever(self) -> None:
        while (message := self._inbox.get()) is not None:
            with self._routes_lock:
                routes = [route for route in self._routes if route.rule.matches(message)]
            for route in routes:
                self._deliver(route, message)

    def _deliver(self, route: _Route, message: Message) -> None:
        try:
            if route.method_handler is not None:
                reply = route.method_handler(message)
                if reply is not None:
                    self._router.send(reply)
            elif route.signal_handler is not None:
                route.signal_handler(message)
        except Exception as error:  # a handler's fault must not stop the bus for every other handler
            log.warning("session bus handler failed on %s: %s", message.header.fields.get(HeaderFields.member), error)
            if message.header.message_type == MessageType.method_call:
                self._router.send(new_error(message, _FAILED, "s", (str(error),)))
