"""Fixtures for the shell's tests: a recording player on the fake clock, a controller, a window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from kindly.ui.app.main_window import MainWindow
from kindly.library.library_entry import LibraryEntry
from kindly.ui.session.session_controller import SessionController
from kindly.ui.settings.qsettings_store import open_settings
from kindly.settings.settings_model import Settings

from fakes import FakeClock
from ui.recording_player import PlayerBox

if TYPE_CHECKING:
    from kindly.library.quick_starts import SessionRequest
    from kindly.ui.session.session_screen import SessionScreen

LIBRARY = [
    LibraryEntry("gentle-hand", "A gentle hand", 10, "Soothing touch and kind words.", breath="calm"),
    LibraryEntry(
        "body-scan",
        "Kind body scan",
        20,
        "Meeting each part of the body kindly.",
        breath_cues=False,
        min_minutes=8,
        max_minutes=45,
    ),
    LibraryEntry("broken", "broken.txt", None, "", user_script=True, error="broken.txt:3: unknown directive [wait]"),
]


@pytest.fixture
def players(clock: FakeClock) -> PlayerBox:
    return PlayerBox(clock)


@pytest.fixture
def controller(qtbot: object, players: PlayerBox, clock: FakeClock) -> Iterator[SessionController]:
    ctl = SessionController(players, clock)
    yield ctl
    ctl.deleteLater()


@pytest.fixture
def settings() -> Settings:
    return open_settings()


@pytest.fixture
def window(qtbot: object, settings: Settings, controller: SessionController) -> Iterator[MainWindow]:
    win = MainWindow(settings, controller, library=lambda: list(LIBRARY), streak=lambda: 3)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    yield win


def show_session_screen(
    qtbot: QtBot, controller: SessionController, request: SessionRequest, captions: bool = True
) -> SessionScreen:
    """A shown, exposed session screen following the session it starts, as the main window shows one."""
    from kindly.ui.session.session_screen import SessionScreen

    widget = SessionScreen(controller, captions=captions)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.show_session(controller.start_session(request))
    return widget
