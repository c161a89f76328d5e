"""Files and folders readable by the user alone, and the flushes that make renames durable."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(path: Path) -> None:
    """Create `path` for the user alone, and each missing folder above it; tighten `path` if open to others.

    mkdir's mode is masked by the umask (and `parents=True` ignores it for the
    parents), so every folder made here is set to 0700 explicitly.
    """
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue
        os.chmod(new, PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    _tighten(path, PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if missing (SQLite then gives its -wal/-shm the same mode)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        _tighten(path, PRIVATE_FILE)
        return
    try:
        os.fchmod(fd, PRIVATE_FILE)  # os.open's mode is masked: a umask of 0277 would leave it 0400 for good
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` survive a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _tighten(path: Path, mode: int) -> None:
    """Exactly `mode`: open to nobody else, and never left unwritable to the user by an odd umask."""
    if stat.S_IMODE(path.stat().st_mode) != mode:
        os.chmod(path, mode)
