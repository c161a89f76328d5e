"""The "Start Kindly at login" switch, for the tray menu and the window's menu.

The login entry itself (a .desktop file, a LaunchAgent, a registry value) is
written by `kindly.platform.login_autostart`, outside the shell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from kindly.platform.login_autostart import autostart_installed, install_autostart, remove_autostart

log = logging.getLogger(__name__)


class LoginAutostartAction(QAction):
    """ "Start Kindly at login", checked when the login entry exists; toggling writes or removes it.

    Used in the tray menu and in the window's menu (the only way in without a tray).
    """

    def __init__(self, tell: Callable[[str], None], parent: QObject) -> None:
        super().__init__("Start Kindly at &login", parent)
        self._tell = tell
        self.setCheckable(True)
        self.toggled.connect(self._set)
        self.sync()

    def sync(self) -> None:
        """Show whether the login entry is there now (the desktop's settings may have changed it)."""
        self.blockSignals(True)
        self.setChecked(autostart_installed())
        self.blockSignals(False)

    def _set(self, on: bool) -> None:
        try:
            if on:
                install_autostart()
            else:
                remove_autostart()
        except OSError as exc:
            log.warning("could not change the login autostart entry: %s", exc)
            self._tell(f"Could not change starting at login: {exc}")
        self.sync()
