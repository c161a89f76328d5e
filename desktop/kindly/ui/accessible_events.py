"""The one door through which the shell tells assistive technology that something changed.

Qt sends most accessibility events itself (focus, a button's new name); a
session also says things no widget's own change carries: a polite
announcement, the breath's phase, a new caption. They all go out here, so
a test can watch every one of them (PySide6 has no `installUpdateHandler`)
by replacing `notify`.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAccessibleValueChangeEvent
from PySide6.QtWidgets import QWidget


def notify(event: QAccessibleEvent) -> None:
    """Hand `event` to the screen reader, if one listens (Qt does nothing when none does)."""
    QAccessible.updateAccessibility(event)


def announce(speaker: QWidget, message: str) -> None:
    """Say `message` politely, after whatever the screen reader is saying now, never cutting it off."""
    event = QAccessibleAnnouncementEvent(speaker, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    notify(event)


def name_changed(widget: QWidget) -> None:
    """Tell that what `widget` reads as has changed (a label's new text: a live region's words)."""
    notify(QAccessibleEvent(widget, QAccessible.Event.NameChanged))


def value_changed(widget: QWidget, value: float) -> None:
    """Tell that `widget`'s value is now `value` (AT-SPI: `object:property-change:accessible-value`;
    Qt drops it unless the widget's interface has a value: `accessible_interfaces`)."""
    notify(QAccessibleValueChangeEvent(widget, value))
