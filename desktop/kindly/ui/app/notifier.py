"""The one way Kindly tells the person something while its window is away: the daily reminder,
the end of a session they closed the window on.

The desktop's own notifications come first (Linux's notification service, on the session bus):
they look like every other app's and stay in the desktop's list. Where there are none (Windows,
macOS, a desktop without a notification service) the tray shows the message beside its icon.
Either way, a click runs what the sender asked for, on the window's thread. Without both, the
sender is told (False) and says it in the window instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kindly.ui.gui_thread import run_on_main

if TYPE_CHECKING:
    from kindly.platform.desktop_notifications import DesktopNotifications
    from kindly.platform.session_bus import SessionBus
    from kindly.ui.tray.tray_menu import KindlyTray

log = logging.getLogger(__name__)

Clicked = Callable[[], None]
BusSource = Callable[[], "SessionBus | None"]  # the session bus, opened on first use (None: there is none)


class Notifier:
    """Sends a notification the best way this desktop has, and runs its `clicked` when it is clicked."""

    def __init__(self, bus: BusSource, tray: KindlyTray | None) -> None:
        self._bus = bus
        self._desktop: DesktopNotifications | None = None
        self._desktop_asked = False
        self._tray = tray

    def notify(self, title: str, text: str, clicked: Clicked) -> bool:
        """Show (title, text) without taking the keyboard focus; False when there is nowhere to show it."""
        desktop = self._desktop_notifications()
        if desktop is not None and desktop.send(title, text, clicked=lambda: run_on_main(clicked)):
            return True
        if self._tray is not None:
            self._tray.show_message(title, text, clicked)
            return True
        log.info("no notification service and no tray: %r is left for the window", title)
        return False

    def _desktop_notifications(self) -> DesktopNotifications | None:
        if not self._desktop_asked:
            self._desktop_asked = True
            bus = self._bus()
            if bus is not None:
                from kindly.platform.desktop_notifications import DesktopNotifications

                self._desktop = DesktopNotifications(bus)
        return self._desktop
