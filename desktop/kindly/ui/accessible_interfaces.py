"""Accessible interfaces Kindly gives its own widgets, where Qt's would say less.

Qt makes each widget's accessible interface itself; a widget it sees as a
plain `QWidget` (the breath pacer) gets one with a name, a description and
nothing more, so a `QAccessibleValueChangeEvent` from it is dropped on the way
to AT-SPI. A widget that carries a value (`CarriesValue`) gets one here
instead, through a factory Qt asks before its own (`install`): the same
widget interface, with a value the screen reader can read and follow.

What each platform carries: AT-SPI (Qt 6.11) has the numeric value only
(`org.a11y.atspi.Value`: minimum, maximum, current) and sends each change as
`object:property-change:accessible-value`; the value in words
(`QAccessible.Text.Value`) is there for the bridges that read it, so words
worth hearing go in the description as well.

Not here, for want of a way through: an "invalid entry" state for a field
whose text is wrong. Qt's `State.invalid` means an object that is gone
(AT-SPI's defunct), its AT-SPI bridge sends no invalid-entry state at all,
and a field given an interface of this kind would lose the text interface
Qt's own line edit has (a screen reader could no longer read what was
typed). Such a field says what is wrong in its description instead.

Two PySide6 details keep this from crashing: `interface_cast` must answer
with a `shiboken6.VoidPtr` (a bare int is refused, and the refusal crashes),
and each interface is kept alive here while Qt holds it (Qt deletes it with
its widget; Python must not delete it first).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleValueInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget


@runtime_checkable
class CarriesValue(Protocol):
    """A widget with a value to read, in numbers (within its range) and in words."""

    def accessible_value(self) -> float: ...

    def accessible_value_range(self) -> tuple[float, float]: ...

    def accessible_value_words(self) -> str: ...


class _Value(QAccessibleValueInterface):
    """The value of a `CarriesValue` widget, read-only: a screen reader reads it, never sets it."""

    def __init__(self, source: CarriesValue) -> None:
        super().__init__()
        self._source = source

    def currentValue(self) -> float:
        return self._source.accessible_value()

    def setCurrentValue(self, value: object) -> None:
        return  # read-only: what it shows follows the session, not the screen reader

    def minimumValue(self) -> float:
        return self._source.accessible_value_range()[0]

    def maximumValue(self) -> float:
        return self._source.accessible_value_range()[1]

    def minimumStepSize(self) -> float:
        return 0.0


class _WidgetWithValue(QAccessibleWidget):
    """Qt's interface for a plain widget, with a value interface and the value in words."""

    def __init__(self, widget: QWidget, source: CarriesValue) -> None:
        super().__init__(widget)  # the role Qt gives a plain widget: only the value is added
        self._value = _Value(source)
        self._source = source

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:
            return self._source.accessible_value_words()
        return super().text(kind)

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ValueInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self._value)[0])
        return shiboken6.VoidPtr(super().interface_cast(kind))


_kept: list[QAccessibleInterface] = []  # the interfaces made here, alive while Qt holds them
_installed = [False]


def _factory(_key: str, target: QObject) -> QAccessibleInterface | None:
    if not (isinstance(target, QWidget) and isinstance(target, CarriesValue)):
        return None  # Qt makes its own
    interface = _WidgetWithValue(target, target)
    _kept[:] = [kept for kept in _kept if shiboken6.isValid(kept)]  # those whose widget is gone, Qt deleted
    _kept.append(interface)
    return interface


def install() -> None:
    """Let Qt ask here first for each widget's interface (once; before the first such widget is read)."""
    if not _installed[0]:
        QAccessible.installFactory(_factory)
        _installed[0] = True
