"""What a file name the user gives means, as it means to every Unix tool.

Writing: `-` and `/dev/stdout` are standard output; a device or FIFO that
exists is written to, never replaced (`/dev/full` is a full disk); anything
else is written to a short-named temporary file beside the target and
renamed over it only when complete, so a failure, Ctrl-C, SIGTERM or SIGHUP
leaves no partial file, and names up to the file system's limit work.

Reading: `-` is standard input; only regular files are read, and never
more than a stated size, so a FIFO never hangs a command and a link to
/dev/zero never fills the memory.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO

from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.platform.closed_pipes import reader_has_gone

STANDARD_STREAMS = ("-", "/dev/stdout")
# A file being written is `.kindly-<random>.part` beside its target until it is complete.
PART_PREFIX = ".kindly-"
PART_SUFFIX = ".part"
# Left untouched this long, a part file belongs to no write: one in progress is written all the while.
STALE_PART_S = 24 * 3600
STANDARD_INPUT = ("-", "/dev/stdin")


def is_standard_output(name: str) -> bool:
    return name in STANDARD_STREAMS


def is_stream(name: str) -> bool:
    """Standard output, or a device or FIFO that exists: written to as it is, and never taken back."""
    if is_standard_output(name):
        return True
    try:
        return not stat.S_ISREG(os.stat(name).st_mode)
    except OSError:
        return False  # nothing there yet: a file to be made


def ends_in_separator(name: str) -> str | None:
    """The folder separator `name` ends in (`/`, and on Windows `\\` too), or None."""
    separators = tuple(s for s in (os.sep, os.altsep) if s)
    return name[-1] if name.endswith(separators) else None


def check_writable(name: str) -> None:
    """Refuse, before any work, a target that cannot be written: no name, a name ending in a separator,
    a missing folder, or a folder itself. Every output file name a command takes is checked here."""
    if not name:
        raise KindlyInputError("an empty file name names no file to write (use - for standard output)")
    if is_standard_output(name):
        return
    separator = ends_in_separator(name)
    if separator:
        # Path() would drop it and write `x.wav`; every tool takes `x.wav/` to be a folder.
        raise KindlyInputError(f"cannot write {name}: a file's name cannot end in {separator!r} (that names a folder)")
    path = Path(name)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        if not parent.is_dir():
            raise KindlyInputError(f"cannot write {name}: the folder {parent} does not exist")
        if path.is_dir():
            raise KindlyInputError(f"cannot write {name}: it is a folder")
        # A file is made (or replaced) by a rename in its folder: refused now, not after a long render.
        # A link is written through to a folder of its own; a device is written as it is.
        replaced_here = not os.path.islink(name) and not is_stream(name)
        if replaced_here and not os.access(parent, os.W_OK | os.X_OK):
            raise KindlyInputError(f"cannot write {name}: permission denied")
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise write_failure(name, exc) from None


def write_failure(name: str, exc: OSError) -> Exception:
    """The one line for a failed write, naming the file the user gave (never the temporary one beside it)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return KindlyFailure(f"cannot write {name}: the disk is full")
    if isinstance(exc, PermissionError):
        return KindlyInputError(f"cannot write {name}: permission denied")
    if exc.errno == errno.ENAMETOOLONG:
        return KindlyInputError(f"cannot write {name[:60]}...: the name is too long for the file system")
    if exc.errno == errno.ELOOP:
        return KindlyInputError(f"cannot write {name}: its links lead round in a loop")
    return KindlyFailure(f"cannot write {name}: {exc.strerror or exc}")


@contextmanager
def output_file(name: str, mode: int = 0o600) -> Iterator[IO[bytes]]:
    """A binary handle for `name`; what was written appears there only if the block ends without an error.

    `mode` is the finished file's mode: 0600 for the user's data (history),
    or what the user's umask gives for an ordinary file they asked for.
    Errors are raised as one line (`write_failure`).
    """
    if is_standard_output(name):
        stream = sys.stdout.buffer
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            if not reader_has_gone(exc, stream):
                raise write_failure(name, exc) from None
            # `kindly ... - | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    # A link is written through, as every tool does: its target is replaced, never the link.
    path = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise write_failure(name, exc) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or FIFO: written to as it is, never replaced by a regular file.
        try:
            with open(path, "wb") as device:
                yield device
                device.flush()
        except OSError as exc:
            raise write_failure(name, exc) from None
        return
    directory = path.parent if str(path.parent) else Path(".")
    remove_stale_parts(directory)
    temporary: str | None = None
    fd: int | None = None
    try:
        with _stops_held():  # a stop (Ctrl-C, kill) waits until the clean-up below knows the file's name
            fd, temporary = tempfile.mkstemp(prefix=PART_PREFIX, suffix=PART_SUFFIX, dir=directory)
        with os.fdopen(fd, "wb") as handle:
            fd = None  # the handle closes it now
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        raise write_failure(name, exc) from None
    finally:
        if fd is not None:  # a stop arrived before the handle took the file: closed, or Windows keeps it
            os.close(fd)
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def remove_stale_parts(directory: Path) -> None:
    """Remove what a write killed outright (SIGKILL, a power cut) left beside its target: Kindly's
    `.kindly-*.part` files in `directory` untouched for a day. A write in progress touches its file
    all the while, so none of them is anyone's; one that cannot be removed (Windows keeps an open file)
    is left for next time."""
    oldest = time.time() - STALE_PART_S
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for entry in entries:
        if not (entry.name.startswith(PART_PREFIX) and entry.name.endswith(PART_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < oldest:
                os.unlink(entry.path)
        except OSError:
            continue


_STOPS = tuple(
    signum for signum in (getattr(signal, name, None) for name in ("SIGINT", "SIGTERM", "SIGHUP")) if signum is not None
)


@contextmanager
def _stops_held() -> Iterator[None]:
    """A stop (Ctrl-C, SIGTERM, SIGHUP) that lands in the block waits until the block is done, then arrives.

    Python runs a signal's handler on the main thread between any two steps, whichever thread the
    signal reached: one that raised just as a temporary file was made, before its name was known,
    would leave the file behind. (A signal mask would not do: another thread may take the signal.)
    Off the main thread no handler ever runs, so nothing needs holding there.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    landed: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        landed.append(signum)

    held = {
        signum: handler for signum in _STOPS if (handler := signal.getsignal(signum)) is not None
    }  # None: not Python's
    try:
        for signum in held:
            signal.signal(signum, hold)
        yield
    finally:
        arrived: BaseException | None = None
        for signum, handler in held.items():
            try:
                signal.signal(signum, handler)  # set, then any stop still pending runs: it may raise
            except BaseException as exc:  # Stopped or KeyboardInterrupt: raised once every handler is back
                arrived = arrived or exc
        if arrived is not None:
            raise arrived
        if landed:
            _arrive(landed[0], held[landed[0]])


def _arrive(signum: int, handler: Callable[[int, FrameType | None], object] | int) -> None:
    """Deliver a held stop as it would have come: its handler (raising Stopped or KeyboardInterrupt),
    or the system's own action for it."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)


def umask_mode() -> int:
    """The mode the user's umask gives a new ordinary file (0644 under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def kind_problem(info: os.stat_result) -> str | None:
    """Why what `info` describes is no file to read (a folder, a FIFO, a device, a socket), or None.

    Asked of the `stat` before anything is opened: opening a FIFO waits for a writer for ever.
    """
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder"
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"it is not a regular file but {kind}"


def read_user_file(name: str, limit_bytes: int, what: str = "file") -> bytes:
    """The bytes of a file the user named (`-`: standard input), if it is a regular file of at most `limit_bytes`."""
    if not name:
        raise KindlyInputError("an empty file name names no file to read (use - for standard input)")
    if name in STANDARD_INPUT:
        if sys.stdin is None:
            raise KindlyInputError(f"cannot read {name}: standard input is closed")
        data = sys.stdin.buffer.read(limit_bytes + 1)
    else:
        try:
            info = os.stat(name)
        except FileNotFoundError:
            raise KindlyInputError(f"cannot read {name}: no such file") from None
        except OSError as exc:
            raise KindlyInputError(f"cannot read {name}: {exc.strerror or exc}") from None
        problem = kind_problem(info)
        if problem is not None:
            raise KindlyInputError(f"cannot read {name}: {problem}")
        if info.st_size > limit_bytes:
            raise KindlyInputError(
                f"cannot read {name}: the {what} is too large ({_size(info.st_size)}; at most {_size(limit_bytes)})"
            )
        try:
            with open(name, "rb") as handle:
                data = handle.read(limit_bytes + 1)
        except PermissionError:
            raise KindlyInputError(f"cannot read {name}: permission denied") from None
        except OSError as exc:
            raise KindlyInputError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > limit_bytes:
        raise KindlyInputError(f"cannot read {name}: the {what} is too large (more than {_size(limit_bytes)})")
    return data


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"
