"""The Qt binding keeps its references to None, and Kindly refuses to start on one that does not."""

from __future__ import annotations

import gc
import sys

import pytest
from pytestqt.qtbot import QtBot

from kindly.core.errors import KindlyFailure
from kindly.ui.app import qt_binding_check
from kindly.ui.app.qt_binding_check import CALLS, BindingReport, binding_versions, require_sound_binding

CANARY_CALLS = 100_000
BATCH = 1_000  # calls between looks, so a faulty binding fails the test long before it frees None


def test_a_hundred_thousand_qt_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    """The canary for PySide6 6.12.0 on Python 3.11: each such call there drops a reference to None.

    It looks after every thousand calls and stops at the first loss, so a
    faulty binding fails here instead of aborting the test run. On Python
    3.12+ None is immortal, its count never moves, and this passes whatever
    the binding does.
    """
    from PySide6.QtCore import QRectF, QTimer
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer()
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    colour, rect = QColor("#88aadd"), QRectF(4, 4, 40, 40)

    def calls() -> None:
        for _ in range(BATCH // 5):
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 6.0, 6.0)
            widget.update()
            widget.setToolTip("")
            timer.stop()

    calls()  # the first call of each method fills the binding's caches once (a few references gained)
    made = lost = 0
    gc.disable()
    try:
        # No assert inside: pytest's rewritten asserts keep references to None in the frame.
        start = sys.getrefcount(None)
        while made < CANARY_CALLS and lost <= 0:
            calls()
            made += BATCH
            lost = start - sys.getrefcount(None)
    finally:
        gc.enable()
        painter.end()
    assert lost == 0, f"{binding_versions()}: {lost} references to None lost in {made} Qt calls"
    assert made >= CANARY_CALLS


def test_the_start_up_check_finds_this_binding_sound() -> None:
    report = qt_binding_check.measure_none_references()
    assert report.calls == CALLS
    assert report.sound, report


def test_a_binding_that_loses_a_reference_a_call_is_not_sound() -> None:
    assert not BindingReport(calls=CALLS, lost=CALLS).sound
    assert BindingReport(calls=CALLS, lost=0).sound


def test_kindly_refuses_a_faulty_binding_in_one_line_naming_versions_and_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(qt_binding_check, "measure_none_references", lambda: BindingReport(CALLS, CALLS))
    with pytest.raises(KindlyFailure) as refused:
        require_sound_binding()
    message = str(refused.value)
    assert "\n" not in message
    assert binding_versions() in message
    assert "requirements/lock.txt" in message


def test_the_app_checks_the_binding_before_it_builds_any_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from kindly.ui.app import app_main

    def faulty() -> None:
        raise KindlyFailure("faulty binding")

    monkeypatch.setattr(app_main, "require_sound_binding", faulty)
    built: list[object] = []
    monkeypatch.setattr(app_main, "build_parts", lambda app: built.append(app))
    windows_before = len(QApplication.topLevelWidgets()) if QApplication.instance() else 0
    with pytest.raises(KindlyFailure):
        app_main.run_app(tray=False, start=None)
    assert built == []
    assert (len(QApplication.topLevelWidgets()) if QApplication.instance() else 0) == windows_before
