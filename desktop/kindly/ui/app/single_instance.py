"""One Kindly per user and data dir: a second launch hands its request over and exits.

The first launch takes a lock file in the data dir and listens on a local
socket (a named pipe on Windows, a Unix socket elsewhere: local IPC, never a
network connection) that only the same user may open. The app listens just
after its window's first paint (a later launch retries meanwhile), so QtNetwork
and json load after the window is up. A later `kindly` or
`kindly --start NAME` finds the lock taken, sends one JSON line over the
socket, waits for the running instance's answer and exits.

A crashed instance never blocks the next launch: the lock file records its
process id, and a lock whose process is gone is stale and taken over (the lock
never goes stale by age alone, however long Kindly runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, Signal

from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.platform.desktop_session import private_socket_dir
from kindly.platform.private_files import create_private_file, make_private_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "kindly.lock"
HANDOVER_TIMEOUT_MS = 5000
# A lock taken by an instance that is still starting (not listening yet) is
# retried for this long before the launch gives up.
STARTING_INSTANCE_GRACE_MS = 3000
RETRY_INTERVAL_MS = 50
_MAX_MESSAGE_BYTES = 4096


@dataclass(frozen=True)
class LaunchRequest:
    """What a launch asked for: `start` a session by name, start hidden in the `tray`, or just show."""

    start: str | None = None
    tray: bool = False

    def encode(self) -> bytes:
        import json

        return json.dumps({"start": self.start, "tray": self.tray}).encode() + b"\n"

    @staticmethod
    def decode(line: bytes) -> LaunchRequest:
        """The request in one received line; a malformed line is a KindlyInputError."""
        import json

        try:
            fields = json.loads(line.decode())
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KindlyInputError(f"unreadable launch request: {exc}") from None
        if not isinstance(fields, dict):
            raise KindlyInputError("unreadable launch request: not an object")
        start, tray = fields.get("start"), fields.get("tray", False)
        if (start is not None and not isinstance(start, str)) or not isinstance(tray, bool):
            raise KindlyInputError("unreadable launch request: wrong field types")
        return LaunchRequest(start=start, tray=tray)


# Handles a forwarded request in the running instance; raises KindlyInputError
# (e.g. an unknown practice) to have the launching process report it.
RequestHandler = Callable[[LaunchRequest], None]


def server_name(data_dir: Path) -> str:
    """The local socket's name: one per user and data dir, so separate data dirs never meet.

    Where the desktop gives the user a private runtime dir (XDG_RUNTIME_DIR)
    the socket lives there, out of reach of other users, who could otherwise
    squat its name in the shared temporary folder.
    """
    import getpass  # pwd and termios: not before the window's first paint

    from PySide6.QtCore import QCryptographicHash  # its class and enums (PySide6 builds each on first touch): later

    identity = f"{getpass.getuser()}\0{data_dir.resolve()}"
    # QCryptographicHash rather than hashlib: hashlib loads all of OpenSSL before the first paint.
    digest = QCryptographicHash.hash(identity.encode(), QCryptographicHash.Algorithm.Sha256)
    name = "kindly-" + bytes(digest.toHex().data()).decode()[:24]
    runtime = private_socket_dir()
    return str(runtime / name) if runtime is not None else name


class SingleInstance(QObject):
    """The lock and the local server of the running instance, or the way to reach it.

    `claim_or_forward()` returns True in the first instance, which then listens
    and calls the handler for each forwarded request; in a later launch it hands
    its request over instead and returns False.
    """

    request_received = Signal(object)  # LaunchRequest, after the handler accepted it

    def __init__(self, data_dir: Path, handler: RequestHandler | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        make_private_dir(data_dir)
        self.lock_path = data_dir / LOCK_FILE_NAME
        self._data_dir = data_dir
        self._name: str | None = None
        self._handler = handler
        self._lock = QLockFile(str(self.lock_path))
        # 0: never stale by age; only a lock whose process has died is stale.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def name(self) -> str:
        """The local socket's name (see `server_name`), worked out when first needed: after the first paint."""
        if self._name is None:
            self._name = server_name(self._data_dir)
        return self._name

    def set_handler(self, handler: RequestHandler) -> None:
        self._handler = handler

    def take_lock(self) -> bool:
        """Take the lock (True), or find another instance holding it (False); not listening yet."""
        if self._lock.tryLock(0):
            create_private_file(self.lock_path)  # QLockFile gives it the umask's mode; it names our process
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        raise KindlyFailure(f"cannot create the lock file {self.lock_path} ({self._lock.error().name})")

    def listen(self) -> None:
        """Open the door for later launches; the lock must be held. KindlyFailure if the socket cannot listen."""
        if self._server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Holding the lock, any socket left under our name is a crashed instance's.
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            self._lock.unlock()
            raise KindlyFailure(f"cannot listen for other launches on {self.name}: {server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server

    def release(self) -> None:
        """Stop listening and free the lock (on quit; a crash leaves a stale lock that is taken over)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def claim_or_forward(self, request: LaunchRequest, listen: bool = True) -> bool:
        """Become the running instance (True), or hand `request` to the one running (False).

        With `listen` False the lock is taken but `listen()` is left to the
        caller (the app calls it after its first paint). Retries for a moment when the lock is held by an instance that is still
        starting, or that has just died. Raises KindlyInputError when the
        running instance refused the request (its reason, in one line), and
        KindlyFailure when the lock is held but nobody answers.
        """
        deadline = QDeadlineTimer(STARTING_INSTANCE_GRACE_MS)
        while True:
            if self.take_lock():
                if listen:
                    self.listen()
                return True
            from PySide6.QtNetwork import QLocalSocket

            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(RETRY_INTERVAL_MS * 4):
                self._send(socket, request)
                return False
            socket.abort()
            if deadline.hasExpired():
                raise KindlyFailure(f"another Kindly holds {self.lock_path} but does not answer")
            from PySide6.QtCore import QThread  # only while another Kindly is still starting

            QThread.msleep(RETRY_INTERVAL_MS)

    @staticmethod
    def _send(socket: QLocalSocket, request: LaunchRequest) -> None:
        socket.write(request.encode())
        if not socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS):
            raise KindlyFailure(f"could not hand the request to the running Kindly: {socket.errorString()}")
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.waitForReadyRead(HANDOVER_TIMEOUT_MS):
                raise KindlyFailure("the running Kindly did not answer the launch request")
            answer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        import json

        try:
            reply = json.loads(answer.decode())
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KindlyFailure(f"the running Kindly answered something unreadable: {answer[:80]!r}") from None
        if isinstance(reply, dict) and reply.get("error"):
            raise KindlyInputError(str(reply["error"]))

    # the running instance's side ---------------------------------------------
    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            self._buffers[connection] = b""
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(lambda c=connection: self._drop(c))

    def _drop(self, connection: QLocalSocket) -> None:
        self._buffers.pop(connection, None)
        connection.deleteLater()

    def _read(self, connection: QLocalSocket) -> None:
        if connection not in self._buffers:
            return
        received = self._buffers[connection] + bytes(connection.readAll().data())
        if b"\n" not in received:
            if len(received) > _MAX_MESSAGE_BYTES:
                log.warning("dropped an oversized launch request")
                self._buffers.pop(connection, None)
                connection.abort()
            else:
                self._buffers[connection] = received
            return
        del self._buffers[connection]
        line = received.split(b"\n", 1)[0]
        error: str | None = None
        try:
            request = LaunchRequest.decode(line)
            if self._handler is not None:
                self._handler(request)
        except KindlyInputError as exc:
            error = str(exc)
        else:
            self.request_received.emit(request)
        import json

        connection.write(json.dumps({"error": error}).encode() + b"\n")
        connection.flush()
        connection.disconnectFromServer()
