"""The desktop's own notifications (org.freedesktop.Notifications, on Linux's session bus).

A notification sent here looks like every other app's on GNOME, KDE, Xfce and the rest: with
Kindly's name and icon, kept in the desktop's notification list, tied to Kindly's .desktop
entry. Clicking it is heard as the service's ActionInvoked signal, on the bus's own thread:
the caller's `clicked` runs there and hands the click to the window's thread itself.

Windows and macOS have no such service (no session bus), and a Linux desktop may run none:
`send` then answers False and the caller shows its message some other way (the tray).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from kindly import APP_ID, APP_NAME

if TYPE_CHECKING:
    from jeepney import Message

    from kindly.platform.session_bus import SessionBus

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
OPEN_ACTION = "default"  # the key servers give a click on the notification itself
OPEN_LABEL = f"Open {APP_NAME}"
NOTIFY_SIGNATURE = "susssasa{sv}i"
URGENCY_NORMAL = 1
DEFAULT_EXPIRY = -1  # the desktop decides how long a notification stays
# A service that is not running yet may be started by the bus for the call (D-Bus activation).
STARTING_TIMEOUT_S = 5.0

Clicked = Callable[[], None]


class DesktopNotifications:
    """Sends notifications to the desktop's notification service and hears them being clicked."""

    def __init__(self, bus: SessionBus, app_name: str = APP_NAME, icon: str = APP_ID) -> None:
        """`icon`: the icon theme's name for Kindly, which is also its .desktop entry's id."""
        self._bus = bus
        self._app_name = app_name
        self._icon = icon
        self._clicks: dict[int, Clicked] = {}  # the notifications still shown that want their click
        self._clicks_lock = threading.Lock()  # the bus's thread hears the clicks, the window's sends
        self._listening = False

    def send(self, summary: str, body: str, clicked: Clicked | None = None) -> bool:
        """Show a notification; `clicked` runs (on the bus's thread) when the person clicks it.

        False when no notification service took it: none on this desktop, or it failed to answer.
        """
        from jeepney import DBusAddress

        from kindly.platform.session_bus import CALL_TIMEOUT_S, SessionBusError

        hints = {"desktop-entry": ("s", self._icon), "urgency": ("y", URGENCY_NORMAL)}
        message = (self._app_name, 0, self._icon, summary, body, [OPEN_ACTION, OPEN_LABEL], hints, DEFAULT_EXPIRY)
        try:
            self._listen_once()
            timeout = CALL_TIMEOUT_S if self._bus.name_has_owner(SERVICE) else STARTING_TIMEOUT_S
            address = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=SERVICE)
            (notification,) = self._bus.call(address, "Notify", NOTIFY_SIGNATURE, message, timeout=timeout)
        except SessionBusError as error:
            log.info("no desktop notification service: %s", error)
            return False
        if clicked is not None:
            with self._clicks_lock:
                self._clicks[int(notification)] = clicked
        return True

    def _listen_once(self) -> None:
        """Ask the bus for the service's signals before the first notification can be clicked."""
        if self._listening:
            return
        from jeepney import MatchRule

        # No sender in the rule: the signals come from the service's unique name, which the
        # rule's own check here would not know. Notification ids are the service's, so unique.
        self._bus.listen(MatchRule(type="signal", interface=SERVICE, path=OBJECT_PATH), self._heard)
        self._listening = True

    def _heard(self, message: Message) -> None:
        """ActionInvoked(id, action) or NotificationClosed(id, reason), on the bus's thread."""
        from jeepney.low_level import HeaderFields

        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked" and message.body[1] == OPEN_ACTION:
            with self._clicks_lock:
                clicked = self._clicks.get(int(message.body[0]))
            if clicked is not None:
                clicked()
        elif member == "NotificationClosed":
            with self._clicks_lock:
                self._clicks.pop(int(message.body[0]), None)
