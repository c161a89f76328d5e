"""Machine trouble with the history file, told in one line that says nothing stored was lost."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from kindly.core.errors import KindlyFailure

# SQLite primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_SAFE = "history already stored is unchanged"


def sqlite_code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_corruption(exc: sqlite3.Error) -> bool:
    """The file is damaged or not a database at all (as opposed to the disk or folder being unusable)."""
    return sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _nearly_full(path: Path) -> bool:
    """SQLite reports a write refused for want of space in its log as an I/O error: look at the disk."""
    import shutil

    try:
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free < 1_000_000
    except OSError:
        return False


def storage_failure(exc: BaseException, path: Path) -> KindlyFailure:
    """The one-line failure for an error met while reading or writing `path`."""
    code = sqlite_code(exc) if isinstance(exc, sqlite3.Error) else 0
    err = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    if (
        code == SQLITE_FULL
        or err in (errno.ENOSPC, errno.EDQUOT)
        or "disk is full" in text
        or (code == SQLITE_IOERR and _nearly_full(path))
    ):
        return KindlyFailure(f"the disk holding {path} is full; {_SAFE}")
    if err == errno.ENAMETOOLONG:
        return KindlyFailure(f"cannot use {str(path)[:60]}...: a name in it is too long for the file system")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or err in (errno.EACCES, errno.EPERM, errno.EROFS):
        return KindlyFailure(f"cannot write history in {path.parent}: the folder is read-only or not yours; {_SAFE}")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return KindlyFailure(f"{path} is busy in another program; try again in a moment ({_SAFE})")
    if code == SQLITE_IOERR or isinstance(exc, OSError):
        return KindlyFailure(f"the disk failed while using {path} ({exc}); {_SAFE}")
    return KindlyFailure(f"cannot use {path}: {exc}")
