"""Keeping the computer awake through a session: the system only, or the display too.

Kindly holds one of three things at a time (`AwakeMode`): nothing; the system awake (the machine
must not suspend mid-session, but the screen may dim, sleep and lock: a session listened to with
the window away); or the display on (the pacer is being watched). wakepy asks each system:

- Linux and the BSDs, over D-Bus. The display: org.freedesktop.ScreenSaver (KDE, Xfce, most
  desktops), else org.gnome.SessionManager's idle inhibitor. The system:
  org.freedesktop.PowerManagement (wakepy skips it on Xfce, where it stops the screen lock too,
  and checks the Plasma version on KDE: it reads XDG_SESSION_DESKTOP), else
  org.gnome.SessionManager's suspend inhibitor. The calls go over Kindly's one session-bus
  connection, in Kindly's name and with its reason, which desktops show in their list of what
  keeps the machine awake; if Kindly dies, the bus drops its inhibitors with the connection.
- Windows: SetThreadExecutionState. Its flags belong to the thread that set them and last while
  that thread lives, so wakepy gives each hold a thread of its own that waits for the release:
  which of Kindly's threads asks does not matter.
- macOS: `caffeinate` (`-d` for the display), a child process that ends with the hold, or with
  Kindly (it watches its standard input).

Each change is made on a worker thread: a desktop service may take its full 2 s to answer, and
on KDE wakepy runs `plasmashell --version` first; the window never waits for either. wakepy wants
a mode left on the thread that entered it, and so it is. The worker lives only while something is
held or asked for (an idle Kindly has no thread), and wakepy is imported there, at the first
session: never on the way to the first paint.

A system that cannot be asked (no session bus, no service answering, a desktop wakepy does not
support) costs one line in the log, a warning the first time for each mode, and the session goes
on as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from kindly import APP_ID, APP_NAME

if TYPE_CHECKING:
    from wakepy import ActivationResult, DBusAdapter, Mode
    from wakepy.core import DBusMethodCall

    from kindly.platform.session_bus import SessionBus

log = logging.getLogger(__name__)

REASON = "A meditation session is running"
# wakepy's D-Bus methods name the asking program and its reason in these parameters; Kindly's go in.
_IN_KINDLYS_NAME = {
    "application_name": APP_NAME,  # org.freedesktop.ScreenSaver and .PowerManagement
    "reason_for_inhibit": REASON,
    "app_id": APP_ID,  # org.gnome.SessionManager: the desktop entry's name, for its icon and title
    "reason": REASON,
}
SETTLE_S = 5.0  # how long closing waits for the last release (a desktop service answers within 2 s)


class AwakeMode(Enum):
    """What is kept awake; the value completes "could not keep ..."."""

    NONE = "nothing awake"
    SYSTEM = "the system awake"
    DISPLAY = "the display on"


def _no_bus() -> SessionBus | None:
    return None


class KeepAwake:
    """Holds at most one `AwakeMode`; holding another lets go of the first. Never raises.

    `session_bus` gives the desktop's bus (None where there is none); it is asked once, on the
    thread that first holds something, and never at all if nothing is ever held. Call `hold`
    from one thread (Kindly's GUI thread): it returns at once, and the worker catches up.
    """

    def __init__(self, session_bus: Callable[[], SessionBus | None] = _no_bus) -> None:
        self._session_bus = session_bus
        self._bus: SessionBus | None = None
        self._bus_asked = False
        self._changed = threading.Condition()
        self._wanted = AwakeMode.NONE
        self._held = AwakeMode.NONE
        self._asked = 0  # holds asked for so far
        self._done = 0  # of them, carried out by the worker
        self._worker: threading.Thread | None = None
        self._reported: set[AwakeMode] = set()

    @property
    def wanted(self) -> AwakeMode:
        """What was last asked for."""
        with self._changed:
            return self._wanted

    @property
    def held(self) -> AwakeMode:
        """What the system was last got to keep (NONE while asking, or when it could not be asked)."""
        with self._changed:
            return self._held

    def hold(self, mode: AwakeMode) -> None:
        """Keep `mode` from now on (NONE: let go of everything), instead of what was held before."""
        if mode is not AwakeMode.NONE and not self._bus_asked:
            self._bus_asked = True
            self._bus = self._session_bus()
        with self._changed:
            self._wanted = mode
            self._asked += 1
            if self._worker is None:
                if mode is AwakeMode.NONE and self._held is AwakeMode.NONE:
                    self._done = self._asked  # nothing held, nothing to let go of
                    return
                self._worker = threading.Thread(target=self._work, name="kindly-keep-awake", daemon=True)
                self._worker.start()
            self._changed.notify_all()

    def release(self) -> None:
        """Let go of whatever is held."""
        self.hold(AwakeMode.NONE)

    def settle(self, timeout: float = SETTLE_S) -> bool:
        """Wait until what was asked for is carried out (or could not be); False after `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: self._done == self._asked, timeout=timeout)

    def close(self, timeout: float = SETTLE_S) -> None:
        """Let go of everything and wait for it (Kindly quitting): the desktop hears it while the bus is open."""
        self.release()
        if not self.settle(timeout):
            log.info("keeping the computer awake: still letting go after %.0f s; Kindly quits anyway", timeout)

    def _work(self) -> None:
        holding = _Holding(self._bus, self._report)
        while True:
            with self._changed:
                while self._done == self._asked:
                    if holding.mode is AwakeMode.NONE:
                        self._worker = None  # the next hold starts another
                        return
                    self._changed.wait()
                wanted, asked = self._wanted, self._asked
            holding.switch(wanted)
            with self._changed:
                self._held = holding.mode
                self._done = asked
                self._changed.notify_all()

    def _report(self, mode: AwakeMode, why: str) -> None:
        """One line: a warning the first time each mode fails, after that only for the curious."""
        level = logging.INFO if mode in self._reported else logging.WARNING
        self._reported.add(mode)
        log.log(level, "could not keep %s during the session (%s); the session goes on", mode.value, why)


class _Holding:
    """The wakepy mode held now, entered and left on the worker thread."""

    def __init__(self, bus: SessionBus | None, report: Callable[[AwakeMode, str], None]) -> None:
        self.mode = AwakeMode.NONE
        self._bus = bus
        self._report = report
        self._active: Mode | None = None

    def switch(self, mode: AwakeMode) -> None:
        if mode is self.mode:
            return
        self._release()  # first: a desktop never sees Kindly holding two inhibitors
        if mode is not AwakeMode.NONE:
            self._enter(mode)

    def _enter(self, mode: AwakeMode) -> None:
        try:
            from wakepy import keep

            start = keep.presenting if mode is AwakeMode.DISPLAY else keep.running
            failures: list[ActivationResult] = []
            held = start(on_fail=failures.append, dbus_adapter=_shared_bus_adapter(self._bus))
            held.__enter__()
        except Exception as error:  # wakepy itself failed: the session goes on all the same
            self._report(mode, f"wakepy: {error}")
            return
        if held.active:
            self._active, self.mode = held, mode
            log.debug("keeping %s with %s", mode.value, held.active_method)
            return
        held.__exit__(None, None, None)  # a failed mode is still a context wakepy entered
        log.debug("%s", held.result.get_failure_text(style="inline"))
        self._report(mode, _tried(held.result))

    def _release(self) -> None:
        active, self._active, mode = self._active, None, self.mode
        self.mode = AwakeMode.NONE
        if active is None:
            return
        try:
            active.__exit__(None, None, None)
        except Exception as error:  # the inhibitor may stay until Kindly quits (the bus drops it then)
            log.warning("could not stop keeping %s: %s", mode.value, error)


def _tried(result: ActivationResult) -> str:
    """The ways tried on this system and why each failed, shortly ("no way to ask" when none applied)."""
    from wakepy.core.constants import StageName

    stages = (StageName.WAKEPY_FORCE_FAILURE, StageName.REQUIREMENTS, StageName.ACTIVATION)
    tried = result.query(success=(False,), fail_stages=stages)
    if not tried:
        return "no way to ask on this system"
    return "; ".join(f"{method.method_name}: {_short(method.failure_reason)}" for method in tried)


def _short(reason: str) -> str:
    """The D-Bus error of a wakepy failure reason, without wakepy's wrapping of it."""
    marker = "failed with message: "
    return reason.split(marker, 1)[1].rstrip("\")'") if marker in reason else reason


def _shared_bus_adapter(bus: SessionBus | None) -> type[DBusAdapter]:
    """wakepy's D-Bus calls made on Kindly's session-bus connection, in Kindly's name."""
    from wakepy import DBusAdapter

    class SharedSessionBus(DBusAdapter):
        def process(self, call: DBusMethodCall) -> object:
            from kindly.platform.session_bus import SessionBusError

            method = call.method
            if bus is None:
                raise SessionBusError("no session bus")
            if str(method.bus).upper() != "SESSION":
                raise SessionBusError(f"{method.service} is on the {method.bus} bus, which Kindly does not use")
            from jeepney import DBusAddress

            address = DBusAddress(method.path, bus_name=method.service, interface=method.interface)
            return bus.call(address, method.name, method.signature, _in_kindlys_name(call))

        def close_connections(self) -> None:
            """Kept open: the connection is shared, and closes when Kindly quits."""

    return SharedSessionBus


def _in_kindlys_name(call: DBusMethodCall) -> tuple[Any, ...]:
    named = call.get_kwargs()
    if named is None:
        return tuple(call.args)
    return tuple(_IN_KINDLYS_NAME.get(name, value) for name, value in named.items())
