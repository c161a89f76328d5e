"""A lock between Kindly's processes (the window and each command), the same on every system.

The system holds it, `fcntl.flock` on POSIX and `msvcrt.locking` on Windows,
and lets go of it when a process dies: a crash never leaves a stale lock, so
there is no stale-lock rule to get wrong. Written here rather than taken from
`filelock`: importing that package (some thirty modules, `hmac` and OpenSSL's
hashes among them) held the interpreter at every start-up while the history
opened beside the home page being built.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kindly.platform.private_files import create_private_file

# Windows: `LK_LOCK` itself gives up after ten tries a second apart, so a lock held for longer (a
# backup being written) is waited for here, in short steps.
_WINDOWS_RETRY_S = 0.05
# How `msvcrt.locking` says another process holds the byte: EACCES (and EDEADLK) on Windows, EEXIST
# under Wine, whose C runtime maps the lock violation so (the Windows lane's contention test found it).
_HELD_ELSEWHERE = (errno.EACCES, errno.EDEADLK, errno.EEXIST)


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold `path` (created private if missing) against every other process; wait for it if need be.

    Not re-entrant: a second hold of the same path, even in this process, waits for the first.
    """
    create_private_file(path)
    fd = os.open(path, os.O_RDWR)
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        while True:
            os.lseek(fd, 0, os.SEEK_SET)  # the lock covers the byte at the file's position: always the first
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError as exc:
                if exc.errno not in _HELD_ELSEWHERE:
                    raise
            time.sleep(_WINDOWS_RETRY_S)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
