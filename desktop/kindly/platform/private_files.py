"""Files and folders readable by the user alone, and renames that survive a power cut, on every system.

POSIX (Linux, macOS): privacy is a file mode, set explicitly (0700 folders,
0600 files) whatever the umask; a rename is durable once its folder is
fsynced. Windows has no modes (`chmod` only toggles the read-only bit) and
cannot open a folder to fsync it: there a folder is private when its access
list lets no other ordinary user read it, which Kindly checks
(`privacy_problem`) rather than pretends to set, and a rename is made durable
by `MoveFileExW` with `MOVEFILE_WRITE_THROUGH`. NTFS journals its folders, so
a new file's name needs no flush of its own there.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# A reader holds a file for milliseconds (the settings are a few kB): a second in all is ample.
_SHARING_RETRIES = 20
_SHARING_WAIT_S = 0.05


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
        _set_mode(new, PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    _tighten(path, PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create `path` empty and private if missing (SQLite then gives its -wal/-shm the same mode)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        _tighten(path, PRIVATE_FILE)
        return
    try:
        _set_open_file_mode(fd, PRIVATE_FILE)  # os.open's mode is masked: a umask of 0277 would leave it 0400
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """`os.replace(source, target)`, on disk before it returns: a power cut leaves one name or the other."""
    _replace_durably(source, target)


def flush_folder(path: Path) -> None:
    """Make a new file's name in `path` survive a power cut (its contents are the file's own fsync)."""
    _flush_folder(path)


def privacy_problem(folder: Path) -> str | None:
    """None when only the user (and the system's own administrators) can read `folder`; else why not, in words."""
    return _privacy_problem(folder)


# --------------------------------------------------------------------------- POSIX
def _posix_set_mode(path: Path, mode: int) -> None:
    os.chmod(path, mode)


def _posix_set_open_file_mode(fd: int, mode: int) -> None:
    os.fchmod(fd, mode)


def _posix_tighten(path: Path, mode: int) -> None:
    """Exactly `mode`: open to nobody else, and never left unwritable to the user by an odd umask."""
    if stat.S_IMODE(path.stat().st_mode) != mode:
        os.chmod(path, mode)


def _posix_replace_durably(source: Path, target: Path) -> None:
    os.replace(source, target)
    _posix_flush_folder(target.parent)


def _posix_flush_folder(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _posix_privacy_problem(folder: Path) -> str | None:
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        return f"{folder} can be read by other users (mode {mode:04o})"
    return None


# --------------------------------------------------------------------------- Windows
def _windows_ignore_mode(_where: object, _mode: int) -> None:
    """Windows has no file modes: its folders' access lists decide, and `privacy_problem` checks them."""


def _windows_replace_durably(source: Path, target: Path) -> None:
    """Windows refuses to replace a file another process has open, even for a moment's read: wait that out."""
    import time

    from kindly.platform import windows_files

    for attempt in range(_SHARING_RETRIES):
        try:
            windows_files.move_file_write_through(source, target)
            return
        except PermissionError:  # ERROR_ACCESS_DENIED / ERROR_SHARING_VIOLATION while another process reads it
            if attempt == _SHARING_RETRIES - 1:
                raise
            time.sleep(_SHARING_WAIT_S)


def _windows_flush_folder(_path: Path) -> None:
    """NTFS journals a folder's entries itself; Windows cannot open a folder to flush it."""


def _windows_privacy_problem(folder: Path) -> str | None:
    from kindly.platform import windows_files

    return windows_files.readers_besides_owner(folder)


if sys.platform == "win32":
    _set_mode = _windows_ignore_mode
    _set_open_file_mode = _windows_ignore_mode
    _tighten = _windows_ignore_mode
    _replace_durably = _windows_replace_durably
    _flush_folder = _windows_flush_folder
    _privacy_problem = _windows_privacy_problem
else:
    _set_mode = _posix_set_mode
    _set_open_file_mode = _posix_set_open_file_mode
    _tighten = _posix_tighten
    _replace_durably = _posix_replace_durably
    _flush_folder = _posix_flush_folder
    _privacy_problem = _posix_privacy_problem
