"""Walking the keyboard's focus chain, as Tab does, for the tests that no Tab stop is empty or unnamed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget


def tab_stops(top: QWidget) -> list[QWidget]:
    """The widgets under `top` that Tab stops at, in the focus chain's order (a widget that hands its
    focus to another, like a spin box's line edit, and a disabled one are passed over, as Tab passes them)."""
    stops = []
    widget = top.nextInFocusChain()
    while widget is not top:
        taken = widget.focusProxy() is None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if taken and top.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def spoken_name(widget: QWidget) -> str:
    """What a screen reader names the widget: its own name, a button's text, a buddy label's words."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_stops(top: QWidget) -> list[str]:
    """The Tab stops under `top` a screen reader could not name."""
    return [type(w).__name__ for w in tab_stops(top) if not spoken_name(w).strip()]
