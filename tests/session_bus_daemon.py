"""A real, private D-Bus session bus for tests, and stand-ins for the desktop services on it.

`session_bus` starts `dbus-daemon --session` for one test and points DBUS_SESSION_BUS_ADDRESS at
it (Kindly in a subprocess gets it through `display.env(DBUS_SESSION_BUS_ADDRESS=...)`).
`StandInService` takes a well-known name on that bus (org.freedesktop.ScreenSaver,
org.freedesktop.Notifications, another media player) and answers each call the way the test
says, recording it, so a test can assert what Kindly asked of the desktop and when.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from processes import stop_process

if TYPE_CHECKING:
    from kindly.platform.session_bus import SessionBus

START_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class BusCall:
    """One method call a stand-in received."""

    path: str
    interface: str
    member: str
    body: tuple[Any, ...]
    sender: str


# What a stand-in answers: (signature, body), or a function of the call that returns one.
Reply = tuple[str | None, tuple[Any, ...]] | Callable[[BusCall], tuple[str | None, tuple[Any, ...]]]


_daemons: dict[str, subprocess.Popen[bytes]] = {}


def kill_bus(address: str) -> None:
    """Stop the bus at `address` under Kindly's feet, as a logout does."""
    stop_process(_daemons[address])


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The address of a fresh session bus that lives for this test, also set in the environment."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail("dbus-daemon is missing: `make test` installs it (packaging/debian-packages.txt)")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # only its complaint that a test cannot raise its file limit
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().decode().strip()
        if not address:
            pytest.fail("dbus-daemon printed no address")
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        _daemons[address] = process
        yield address
        _daemons.pop(address, None)
    finally:
        stop_process(process)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def bus(session_bus: str) -> Iterator[SessionBus]:
    """Kindly's own connection to this test's bus, closed before the bus stops."""
    from kindly.platform.session_bus import SessionBus

    opened = SessionBus.open()
    assert opened is not None
    yield opened
    opened.close()


class StandInService:
    """A desktop service stand-in on the test bus, answering from `replies` and recording every call."""

    def __init__(self, bus_name: str, replies: dict[str, Reply] | None = None) -> None:
        from jeepney.io.blocking import open_dbus_connection

        self.bus_name = bus_name
        self.calls: list[BusCall] = []
        self._replies = dict(replies or {})
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._connection = open_dbus_connection("SESSION")
        from jeepney.bus_messages import message_bus

        owned = self._connection.send_and_get_reply(message_bus.RequestName(bus_name, 4), timeout=START_TIMEOUT_S)
        assert owned.body == (1,), f"{bus_name} is already taken on the test bus"
        self._thread = threading.Thread(target=self._serve, name=f"stand-in {bus_name}", daemon=True)
        self._thread.start()

    def set_reply(self, member: str, reply: Reply) -> None:
        self._replies[member] = reply

    def calls_to(self, member: str) -> list[BusCall]:
        with self._changed:
            return [call for call in self.calls if call.member == member]

    def wait_for(self, member: str, count: int = 1, timeout: float = START_TIMEOUT_S) -> list[BusCall]:
        """The calls to `member` once there are `count` of them; fails the test after `timeout` seconds."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.calls_to(member)) >= count, timeout=timeout):
                pytest.fail(f"{self.bus_name} got {len(self.calls_to(member))} {member} calls, expected {count}")
            return self.calls_to(member)

    def emit(self, path: str, interface: str, member: str, signature: str | None, body: tuple[Any, ...]) -> None:
        """Send a signal from this service (e.g. a notification's ActionInvoked)."""
        from jeepney import DBusAddress, new_signal

        self._connection.send(new_signal(DBusAddress(path, interface=interface), member, signature, body))

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=START_TIMEOUT_S)
        self._connection.close()

    def __enter__(self) -> StandInService:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _serve(self) -> None:
        from jeepney import MessageType, new_error, new_method_return
        from jeepney.low_level import HeaderFields

        while not self._stopping.is_set():
            try:
                message = self._connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type != MessageType.method_call:
                continue
            fields = message.header.fields
            call = BusCall(
                path=fields.get(HeaderFields.path, ""),
                interface=fields.get(HeaderFields.interface, ""),
                member=fields.get(HeaderFields.member, ""),
                body=tuple(message.body),
                sender=fields.get(HeaderFields.sender, ""),
            )
            reply = self._replies.get(call.member)
            if reply is None:
                answer = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (call.member,))
            else:
                signature, body = reply(call) if callable(reply) else reply
                answer = new_method_return(message, signature, body)
            with self._changed:  # recorded before it is answered: a caller that has its answer finds it here
                self.calls.append(call)
                self._changed.notify_all()
            self._connection.send(answer)
