"""Fields that change on the wheel only once chosen.

A page scrolled with the wheel must scroll, not turn a Length box it passes
under the pointer from 6 to 8 minutes. Each guarded field takes focus by Tab
or a click only (never by the wheel), and a wheel turned over it while it
has no focus is handed on to the scroll area around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _WheelGuard(QObject):
    """Ignores the wheel over its field while the field has no focus, so the wheel reaches its parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # ignored and filtered: Qt hands the wheel on to the parent, the scroll area
            return True
        return False


def wheel_only_when_focused(*fields: QWidget) -> None:
    """Spin boxes, combo boxes and sliders: the wheel changes them only once they have the focus."""
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_WheelGuard(field))
