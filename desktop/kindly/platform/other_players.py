"""The other media players on the session bus: paused when a session starts, resumed when it ends.

Only when the person asked for it (Preferences, off by default), and only what Kindly itself
paused is resumed: a player the person paused, or started again meanwhile, is left as it is.
Each player is another program that may be slow or hung, so every call goes through one worker
thread of its own (the window never waits, and a resume never overtakes the pause before it);
each call gives up after `CALL_TIMEOUT_S`, and a player that fails is logged and passed over.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from kindly.platform.mpris_player import BUS_NAME, OBJECT_PATH, PAUSED, PLAYER, PLAYER_NAME_PREFIX, PLAYING, PROPERTIES
from kindly.platform.session_bus import SessionBus, SessionBusError

log = logging.getLogger(__name__)


class OtherPlayers:
    """Pauses the players that are playing, and later resumes just those."""

    def __init__(self, bus: SessionBus, own_name: str = BUS_NAME) -> None:
        self._bus = bus
        self._own_name = own_name
        self._paused: list[str] = []  # touched on the worker thread only
        self._worker: ThreadPoolExecutor | None = None
        self._made = threading.Lock()

    def pause_playing(self) -> Future[list[str]]:
        """Pause every other player that is playing; the future holds the names paused."""
        return self._later(self._pause_playing)

    def resume_paused(self) -> Future[list[str]]:
        """Play again the players Kindly paused that are still paused; the future holds their names."""
        return self._later(self._resume_paused)

    def close(self) -> None:
        """Wait for the calls already asked for (each gives up after its timeout), then stop the worker.

        A call asked for later starts a worker again (a session that ends while Kindly quits).
        """
        with self._made:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=True)

    # --- on the worker thread ----------------------------------------------------------------
    def _pause_playing(self) -> list[str]:
        try:
            names = self._bus.names()
        except SessionBusError as error:
            log.warning("other players not paused: %s", error)
            return []
        paused = []
        for name in names:
            if not name.startswith(PLAYER_NAME_PREFIX) or name == self._own_name or name in self._paused:
                continue
            if self._status(name) == PLAYING and self._send(name, "Pause"):
                paused.append(name)
        self._paused.extend(paused)
        if paused:
            log.info("paused for the session: %s", ", ".join(paused))
        return paused

    def _resume_paused(self) -> list[str]:
        waiting, self._paused = self._paused, []
        resumed = [name for name in waiting if self._status(name) == PAUSED and self._send(name, "Play")]
        if resumed:
            log.info("resumed after the session: %s", ", ".join(resumed))
        return resumed

    def _status(self, name: str) -> str | None:
        """The player's PlaybackStatus, or None when it did not say (gone, hung, not a player)."""
        try:
            (value,) = self._bus.call(_address(name, PROPERTIES), "Get", "ss", (PLAYER, "PlaybackStatus"))
        except (SessionBusError, ValueError) as error:
            log.info("player %s not asked: %s", name, error)
            return None
        return _unwrapped(value)

    def _send(self, name: str, method: str) -> bool:
        try:
            self._bus.call(_address(name, PLAYER), method)
        except SessionBusError as error:
            log.info("player %s: %s", name, error)
            return False
        return True

    def _later(self, work: Callable[[], list[str]]) -> Future[list[str]]:
        with self._made:
            if self._worker is None:
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kindly-other-players")
        return self._worker.submit(work)


def _address(name: str, interface: str) -> Any:
    from jeepney import DBusAddress

    return DBusAddress(OBJECT_PATH, bus_name=name, interface=interface)


def _unwrapped(value: Any) -> str | None:
    """The text inside a variant reply, ('s', 'Playing'); None for anything else."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        return value[1]
    return None
