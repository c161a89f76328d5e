"""The settings file as QSettings keeps it: an INI file in `kindly.locations.config_dir()`.

The only place Kindly touches QSettings. The rules (options, defaults,
migrations) are Qt-free in `kindly.settings`; the commands open the same file
through `open_settings(writable=False)`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from kindly import locations
from kindly.platform.private_files import create_private_file, make_private_dir
from kindly.settings.settings_model import SETTINGS_FILE_NAME, Settings


def default_path() -> Path:
    return locations.config_dir() / SETTINGS_FILE_NAME


class QSettingsStore:
    """`SettingsStore` over QSettings' INI format, readable by the user alone."""

    def __init__(self, path: Path, writable: bool = True) -> None:
        self._path = path
        self._writable = writable
        if writable:
            # Readable by the user alone, whatever the umask: QSettings rewrites the file through a
            # temporary one that keeps the mode of the file it replaces, so it is made 0600 first.
            make_private_dir(path.parent)
            create_private_file(path)
        self._qt = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        return self._path

    def contains(self, key: str) -> bool:
        return self._qt.contains(key)

    def value(self, key: str) -> Any:
        return self._qt.value(key)

    def set_value(self, key: str, value: Any) -> None:
        self._qt.setValue(key, value)

    def remove(self, key: str) -> None:
        self._qt.remove(key)

    def keys(self) -> list[str]:
        return list(self._qt.allKeys())

    def sync(self) -> None:
        """Every change is written at once, here, so QSettings' own later sync finds nothing
        to do: its lock file (kindly.ini.lock) and temporary file are made while the umask
        is 077, and can never be left behind readable by others (as a kill mid-write would)."""
        if not self._writable:
            return
        previous = os.umask(0o077)
        try:
            self._qt.sync()
        finally:
            os.umask(previous)
        create_private_file(self._path)  # tightens it, should anything have loosened it


def open_settings(path: Path | None = None, writable: bool = True) -> Settings:
    """The user's settings file (the default one unless `path`), migrated when writable."""
    where = path or default_path()
    return Settings(QSettingsStore(where, writable), writable)
