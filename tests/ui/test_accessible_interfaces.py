"""Kindly's own accessible interfaces: a widget that carries a value is read with it; others as Qt makes them."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kindly.ui import accessible_interfaces


class Gauge(QWidget):
    """A plain widget with a value, as the breath pacer is."""

    def __init__(self) -> None:
        super().__init__()
        accessible_interfaces.install()
        self.setAccessibleName("Gauge")
        self.level = 30.0

    def accessible_value(self) -> float:
        return self.level

    def accessible_value_range(self) -> tuple[float, float]:
        return (0.0, 100.0)

    def accessible_value_words(self) -> str:
        return f"{self.level:.0f} parts"


def test_a_widget_that_carries_a_value_is_read_with_it(qtbot: QtBot) -> None:
    gauge = Gauge()
    qtbot.addWidget(gauge)
    read = QAccessible.queryAccessibleInterface(gauge)
    gauge.level = 40.0
    value = read.valueInterface()
    assert (value.minimumValue(), value.currentValue(), value.maximumValue()) == (0.0, 40.0, 100.0)
    assert (read.text(QAccessible.Text.Name), read.text(QAccessible.Text.Value)) == ("Gauge", "40 parts")


def test_its_value_cannot_be_set_by_a_screen_reader(qtbot: QtBot) -> None:
    gauge = Gauge()
    qtbot.addWidget(gauge)
    QAccessible.queryAccessibleInterface(gauge).valueInterface().setCurrentValue(90.0)
    assert gauge.level == 30.0


def test_other_widgets_keep_the_interface_qt_gives_them(qtbot: QtBot) -> None:
    accessible_interfaces.install()
    field = QLineEdit("4-2-6")
    qtbot.addWidget(field)
    read = QAccessible.queryAccessibleInterface(field)
    assert read.valueInterface() is None and read.textInterface().text(0, 5) == "4-2-6"


def test_a_widget_gone_takes_its_interface_with_it(qtbot: QtBot) -> None:
    gauges = [Gauge() for _ in range(3)]
    for gauge in gauges:
        QAccessible.queryAccessibleInterface(gauge)
        shiboken6.delete(gauge)  # Qt deletes each interface with its widget; Python lets go of it
    del gauge, gauges
    gc.collect()
    survivor = Gauge()
    qtbot.addWidget(survivor)
    assert QAccessible.queryAccessibleInterface(survivor).valueInterface().currentValue() == 30.0
    assert all(shiboken6.isValid(kept) for kept in accessible_interfaces._kept)
