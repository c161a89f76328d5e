"""Qt's own messages reach Kindly's log where there is no standard error (the windowed kindly.exe)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler, qWarning

from kindly.platform import windowed_messages
from kindly.ui.app.qt_messages import log_qt_messages_without_stderr, qt_message_to_log


@pytest.fixture
def qt_handler_restored() -> Iterator[None]:
    """Whatever handler a test installs, pytest-qt's own is back afterwards."""
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(previous)
    yield
    qInstallMessageHandler(previous)


def test_a_qt_warning_is_logged_as_a_warning_of_kindly_qt(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="kindly.qt"):
        qt_message_to_log(QtMsgType.QtWarningMsg, None, "QWidget::repaint: Recursive repaint detected")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("kindly.qt", logging.WARNING, "QWidget::repaint: Recursive repaint detected")
    ]


def test_a_fatal_qt_message_is_also_shown_in_a_message_box(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(windowed_messages, "show_error_box", shown.append)
    message = "This application failed to start because no Qt platform plugin could be initialized."
    qt_message_to_log(QtMsgType.QtFatalMsg, None, message)
    assert shown == [f"kindly: failed: {message}"]
    assert caplog.records[-1].levelno == logging.CRITICAL


def test_with_a_standard_error_qt_keeps_its_own_handler(qt_handler_restored: None) -> None:
    assert not log_qt_messages_without_stderr()


def test_without_a_standard_error_qt_warnings_go_to_the_log(
    qt_handler_restored: None, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    assert log_qt_messages_without_stderr()
    with caplog.at_level(logging.WARNING, logger="kindly.qt"):
        qWarning("a warning from Qt")
    assert [r.getMessage() for r in caplog.records if r.name == "kindly.qt"] == ["a warning from Qt"]
