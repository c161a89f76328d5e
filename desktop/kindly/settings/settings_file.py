"""The settings file: `settings.json` in `kindly.locations.config_dir()`, shared by the window and the commands.

A JSON object of the keys `kindly.settings.settings_model` declares, UTF-8,
readable by the user alone. Kindly reads and writes it without Qt, so no
command imports PySide6.

- **Shared.** A read first looks (one `stat`) whether another process has
  replaced the file, and reads it again if so; a write merges only the keys
  this process set or removed since its last write onto the file as it is
  now, so the window never undoes a `kindly settings set` made meanwhile.
- **Whole or not at all.** A write goes to a private temporary file in the
  same folder, flushed to the disk, then renamed over the file: a kill
  mid-write leaves the old file, and a full disk leaves it and is raised.
- **Never in the way.** A file that is not JSON, not an object, too large or
  not a regular file reads as empty with one warning; the next write keeps it
  aside as `settings.json.damaged-<UTC time>`. A FIFO, device or socket is
  refused from its `stat` before it is opened (`kindly.user_files.kind_problem`,
  as for scripts), so it never hangs a read.
- **Migrated.** Until `settings.json` exists, a `kindly.ini` left by the
  QSettings of earlier versions is read instead (`kindly.settings.qsettings_ini`);
  the first write from a writable open (the model writes at once when it
  brings the schema up to date) makes `settings.json` from it and renames it
  `kindly.ini.migrated`. A read-only open (the commands) writes nothing.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kindly import locations
from kindly.platform.private_files import create_private_file, make_private_dir, replace_durably
from kindly.settings.settings_model import SETTINGS_FILE_NAME, Settings
from kindly.user_files import kind_problem

log = logging.getLogger(__name__)

LEGACY_FILE_NAME = "kindly.ini"
LOCK_FILE_NAME = "settings.lock"
MIGRATED_SUFFIX = ".migrated"
DAMAGED_INFIX = ".damaged-"
MAX_BYTES = 1_000_000  # a few kB in use: anything near this is not Kindly's
_REMOVED = object()  # a key removed here, not yet written

# What was read, and from where: (file name, inode, size, mtime in ns). A replaced file is a new inode.
_Identity = tuple[str, int, int, int]


def _identity(source: Path, info: os.stat_result) -> _Identity:
    return (source.name, info.st_ino, info.st_size, info.st_mtime_ns)


def default_path() -> Path:
    return locations.config_dir() / SETTINGS_FILE_NAME


def open_settings(path: Path | None = None, writable: bool = True) -> Settings:
    """The user's settings (the default file unless `path`); `writable=False` for a command that only reads.

    Raises:
        KindlyFailure: (writable) the config folder cannot be made, in one line; KindlyInputError
            when it is not the user's to write.
    """
    where = path or default_path()
    try:
        store = SettingsFile(where, writable)
    except OSError as exc:  # the folder: a file in its place, or not the user's
        from kindly.user_files import write_failure

        raise write_failure(str(where.parent), exc) from None
    return Settings(store, writable)


class SettingsFile:
    """`SettingsStore` over one JSON file that other processes read and write too.

    Safe to share between threads (the window reads the streak settings on the history's thread).
    """

    def __init__(self, path: Path, writable: bool = True) -> None:
        self._path = path
        self._legacy = path.with_name(LEGACY_FILE_NAME)
        self._writable = writable
        self._lock = threading.RLock()
        self._read: dict[str, Any] = {}  # the file as last read (or written) here
        self._changed: dict[str, Any] = {}  # set or removed (_REMOVED) here since the last write
        self._seen: _Identity | None = None
        self._damage: str | None = None
        if writable:
            make_private_dir(path.parent)
        self._refresh()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def damage(self) -> str | None:
        """Why the file could not be read (it reads as empty until it is next written), or None."""
        with self._lock:
            self._refresh()
            return self._damage

    def contains(self, key: str) -> bool:
        with self._lock:
            self._refresh()
            return self._changed[key] is not _REMOVED if key in self._changed else key in self._read

    def value(self, key: str) -> Any:
        with self._lock:
            self._refresh()
            value = self._changed[key] if key in self._changed else self._read.get(key)
            return None if value is _REMOVED else value

    def set_value(self, key: str, value: Any) -> None:
        self._refuse_if_read_only()
        with self._lock:
            self._changed[key] = value

    def remove(self, key: str) -> None:
        self._refuse_if_read_only()
        with self._lock:
            self._changed[key] = _REMOVED

    def keys(self) -> list[str]:
        with self._lock:
            self._refresh()
            return [key for key, value in {**self._read, **self._changed}.items() if value is not _REMOVED]

    def sync(self) -> None:
        """Write this process's changes onto the file as it is now; nothing to write, nothing done.

        Raises:
            OSError: the file could not be written (a full disk, a read-only folder); the file is as
                it was, and the changes stay pending for the next sync.
        """
        if not self._writable:
            return
        with self._lock:
            if self._changed or self._from_legacy():
                with self._write_locked():
                    self._write()

    # internals ----------------------------------------------------------------
    @contextmanager
    def _write_locked(self) -> Iterator[None]:
        """Held from reading the file to replacing it, so that two processes' merges never interleave.

        A lock file of its own, held only for a write: `kindly.lock` is the window's for its whole life.
        """
        from kindly.platform.file_lock import exclusive_lock

        with exclusive_lock(self._path.with_name(LOCK_FILE_NAME)):
            yield

    def _write(self) -> None:
        """The file as it is now, with this process's changes: read, merged and replaced under `_write_locked`."""
        self._refresh()
        merged = {**self._read, **self._changed}
        contents = {key: value for key, value in merged.items() if value is not _REMOVED}
        target = _written_path(self._path)
        if self._damage is not None and os.path.lexists(target):
            aside = _free_name(target, f"{DAMAGED_INFIX}{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
            os.replace(target, aside)
            log.warning("settings file %s kept aside as %s (%s)", target, aside.name, self._damage)
        from_legacy = self._from_legacy()
        written = _write_private_json(target, contents)
        self._seen, self._read, self._changed, self._damage = _identity(self._path, written), contents, {}, None
        if from_legacy:
            migrated = _free_name(self._legacy, MIGRATED_SUFFIX)
            os.replace(self._legacy, migrated)
            log.info("settings moved from %s to %s; the old file is kept as %s", self._legacy, target, migrated)

    def _refuse_if_read_only(self) -> None:
        if not self._writable:
            raise RuntimeError(f"settings {self._path} were opened for reading only")

    def _from_legacy(self) -> bool:
        """Still reading `kindly.ini`: no `settings.json` yet."""
        return self._seen is not None and self._seen[0] == LEGACY_FILE_NAME

    def _refresh(self) -> None:
        """Read the file again if another process has replaced it since it was last read here."""
        try:
            source, info = self._source()
        except OSError as exc:  # a name too long, a loop of links, a folder that cannot be searched
            self._seen, self._read, self._damage = None, {}, _damaged(self._path, exc.strerror or str(exc))
            return
        if info is None:
            self._seen, self._read, self._damage = None, {}, None
        elif _identity(source, info) != self._seen:
            self._seen, self._read, self._damage = _load(source, info, legacy=source == self._legacy)

    def _source(self) -> tuple[Path, os.stat_result | None]:
        """`settings.json`, else the `kindly.ini` it replaces, with its `stat`; (path, None) when neither exists."""
        for source in (self._path, self._legacy):
            try:
                return source, os.stat(source)
            except FileNotFoundError:
                continue
        return self._path, None


def _load(source: Path, info: os.stat_result, legacy: bool) -> tuple[_Identity, dict[str, Any], str | None]:
    """What `source` (found by `info`) holds: what was read, its settings, and why it could not be read, if so."""
    identity = _identity(source, info)
    try:
        kind = kind_problem(info)  # before opening: a FIFO would wait for a writer for ever
        if kind is not None:
            raise _Unreadable(kind)
        if info.st_size > MAX_BYTES:
            raise _Unreadable(f"it is too large ({info.st_size} bytes)")
        data, read_from = _read_regular(source)
        identity = _identity(source, read_from)
        if legacy:
            from kindly.settings.qsettings_ini import read_qsettings_ini  # once, before the file is moved

            return identity, read_qsettings_ini(data.decode("utf-8", "replace")), None
        # An empty file holds no settings, and nothing to keep.
        return identity, _parse_json(data) if data.strip() else {}, None
    except _Unreadable as exc:
        return identity, {}, _damaged(source, str(exc))
    except OSError as exc:
        return identity, {}, _damaged(source, exc.strerror or str(exc))


class _Unreadable(Exception):
    """The file is there but holds no settings Kindly can read."""


def _damaged(path: Path, reason: str) -> str:
    return f"settings file {path} cannot be read ({reason}); using the defaults"


def _read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of `path`, and what they were read from, refusing anything swapped in for a FIFO or device meanwhile."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = kind_problem(info)
        if kind is not None:
            raise _Unreadable(kind)
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _Unreadable("it is too large")
    return data, info


def _parse_json(data: bytes) -> dict[str, Any]:
    try:
        contents = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unreadable("it is not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise _Unreadable(f"it is not JSON: {exc}") from None
    if not isinstance(contents, dict):
        raise _Unreadable(f"it holds a JSON {type(contents).__name__}, not an object")
    return contents


def _written_path(path: Path) -> Path:
    """Where a write lands: through a link to the file it names, as every editor writes (dotfile managers link it).

    Never through a link to a FIFO, a device or a socket: that one is not Kindly's to move aside or
    replace (a link to /dev/zero), so the link itself goes aside and a file takes its place.
    """
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    try:
        special = kind_problem(os.stat(target)) is not None
    except OSError:  # a dangling link: the file it names is made
        special = False
    return path if special else target


def _free_name(path: Path, suffix: str) -> Path:
    """`path` + `suffix`, numbered when taken: a file kept aside never replaces another."""
    candidate = path.with_name(path.name + suffix)
    counter = 1
    while os.path.lexists(candidate):
        counter += 1
        candidate = path.with_name(f"{path.name}{suffix}-{counter}")
    return candidate


def _write_private_json(path: Path, contents: dict[str, Any]) -> os.stat_result:
    """Put `contents` in `path` whole or not at all, readable by the user alone; what was written, for `_refresh`."""
    data = (json.dumps(contents, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        create_private_file(temporary)
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            info = os.fstat(handle.fileno())
        replace_durably(temporary, path)
    finally:
        if os.path.lexists(temporary):  # failed or stopped before the rename: nothing is left behind
            os.unlink(temporary)
    return info
