"""An announcement made before the screen reader can hear (a first launch with --start) is said once it can."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtGui import QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kindly.ui import accessible_events


class Bridge:
    """Qt's accessibility, off until the test turns it on; every event the shell sent."""

    def __init__(self) -> None:
        self.active = False
        self.said: list[str] = []

    def notify(self, event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent) and self.active:
            self.said.append(event.message())  # Qt drops what it is told while off


@pytest.fixture
def bridge(monkeypatch: pytest.MonkeyPatch) -> Iterator[Bridge]:
    bridge = Bridge()
    monkeypatch.setattr(accessible_events, "notify", bridge.notify)
    monkeypatch.setattr(accessible_events, "is_active", lambda: bridge.active)
    monkeypatch.setattr(accessible_events, "_loaded_at", time.monotonic())  # the process has just started
    monkeypatch.setattr(accessible_events, "_held", [])
    yield bridge


@pytest.fixture
def speaker(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_an_announcement_made_before_qt_listens_is_said_once_it_does(
    qtbot: QtBot, bridge: Bridge, speaker: QWidget
) -> None:
    accessible_events.announce(speaker, "Silent timer, 5 minutes")
    assert bridge.said == []
    bridge.active = True
    qtbot.waitUntil(lambda: bridge.said == ["Silent timer, 5 minutes"])


def test_an_announcement_qt_passed_on_is_not_said_twice(qtbot: QtBot, bridge: Bridge, speaker: QWidget) -> None:
    bridge.active = True
    accessible_events.announce(speaker, "Paused")
    qtbot.wait(accessible_events.POLL_MS + accessible_events.SETTLE_MS + 100)
    assert bridge.said == ["Paused"]


def test_nothing_is_held_once_the_start_up_is_long_past(
    bridge: Bridge, speaker: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accessible_events, "_loaded_at", time.monotonic() - accessible_events.HOLD_WINDOW_S)
    accessible_events.announce(speaker, "9 minutes left")  # nobody listens, and nobody is coming
    assert accessible_events._held == []


def test_held_words_whose_screen_is_gone_are_dropped(qtbot: QtBot, bridge: Bridge) -> None:
    gone = QWidget()
    accessible_events.announce(gone, "Silent timer, 5 minutes")
    gone.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone))
    bridge.active = True
    qtbot.wait(accessible_events.POLL_MS + accessible_events.SETTLE_MS + 100)
    assert bridge.said == [] and accessible_events.held().messages() == []
