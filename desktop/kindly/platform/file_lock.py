"""A lock between Kindly's processes (the window and each command), the same on every system.

`filelock` holds it with `fcntl.flock` on POSIX and `msvcrt.locking` on
Windows, and the system lets go of it when a process dies, so a crash never
leaves a stale lock; a hand-written lock file would need both and a stale-lock
rule besides.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from kindly.platform.private_files import PRIVATE_FILE, create_private_file


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold `path` (created private if missing) against every other process; wait for it if need be."""
    create_private_file(path)
    with FileLock(path, mode=PRIVATE_FILE, preserve_lock_file=True):
        yield
