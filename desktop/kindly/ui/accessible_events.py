"""The one door through which the shell tells assistive technology that something changed.

Qt sends most accessibility events itself (focus, a button's new name); a
session also says things no widget's own change carries: a polite
announcement, the breath's phase, a new caption. They all go out here, so
a test can watch every one of them (PySide6 has no `installUpdateHandler`)
by replacing `notify`.

An announcement made in the first moments of the process, before Qt's
accessibility is on (a first launch with `--start` starts its session before
Qt's AT-SPI bridge has joined the bus, and Qt drops what it is told until
then), is held and said again once the screen reader can hear it
(`HeldAnnouncements`); later, with nobody listening, nothing is held.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAccessibleValueChangeEvent
from PySide6.QtWidgets import QWidget

HOLD_WINDOW_S = 15.0  # announcements made this soon after start-up, while nobody can hear yet, are held
POLL_MS = 100  # how often a held announcement looks whether Qt's accessibility has come on
# Once it is on, Qt's AT-SPI bridge asks the registry which events a screen reader listens for and
# sends none until it knows; the answer came within the first look in every trial here, and the held
# words wait a quarter second more to be sure of it.
SETTLE_MS = 250


def notify(event: QAccessibleEvent) -> None:
    """Hand `event` to the screen reader, if one listens (Qt does nothing when none does)."""
    QAccessible.updateAccessibility(event)


def announce(speaker: QWidget, message: str) -> None:
    """Say `message` politely, after whatever the screen reader is saying now, never cutting it off."""
    notify(_announcement(speaker, message))
    if not is_active() and time.monotonic() - _loaded_at < HOLD_WINDOW_S:
        held().hold(speaker, message)


def _announcement(speaker: QWidget, message: str) -> QAccessibleAnnouncementEvent:
    event = QAccessibleAnnouncementEvent(speaker, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    return event


is_active: Callable[[], bool] = QAccessible.isActive  # whether Qt passes events on (replaced by tests)
_loaded_at = time.monotonic()  # about when the process started: the shell loads this module at start-up


class HeldAnnouncements(QObject):
    """Announcements Qt could not pass on yet, said once it can (or given up at the hold window's end)."""

    def __init__(self) -> None:
        super().__init__()
        self._held: list[tuple[QWidget, str]] = []
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._say_held)

    def hold(self, speaker: QWidget, message: str) -> None:
        self._held.append((speaker, message))
        if not self._settle.isActive():
            self._poll.start()

    def messages(self) -> list[str]:
        return [message for _speaker, message in self._held]

    def _look(self) -> None:
        if is_active():
            self._poll.stop()
            self._settle.start()
        elif time.monotonic() - _loaded_at >= HOLD_WINDOW_S:
            self._poll.stop()
            self._held.clear()  # nobody came to listen: the moment has passed

    def _say_held(self) -> None:
        held, self._held = self._held, []
        for speaker, message in held:
            if shiboken6.isValid(speaker):  # its screen may be gone
                notify(_announcement(speaker, message))


_held: list[HeldAnnouncements] = []  # made at the first announcement held (timers want the application)


def held() -> HeldAnnouncements:
    """The announcements held until the screen reader can hear them."""
    if not _held:
        _held.append(HeldAnnouncements())
    return _held[0]


def name_changed(widget: QWidget) -> None:
    """Tell that what `widget` reads as has changed (a label's new text: a live region's words)."""
    notify(QAccessibleEvent(widget, QAccessible.Event.NameChanged))


def value_changed(widget: QWidget, value: float) -> None:
    """Tell that `widget`'s value is now `value` (AT-SPI: `object:property-change:accessible-value`;
    Qt drops it unless the widget's interface has a value: `accessible_interfaces`)."""
    notify(QAccessibleValueChangeEvent(widget, value))
