"""Fixtures for the shell's tests: a recording player on the fake clock, a controller, a window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from fakes import FakeClock
from kindly.core.practice_script import parse_practice
from kindly.core.practice_words import PracticeStory
from kindly.library.narration_status import RECORDED, Narration
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.library.practice_library import PracticeEntry, PracticeLibrary
from kindly.library.script_files import ScriptProblem
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.store.session_history import SessionHistory
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.session.session_controller import SessionController
from ui.recording_player import PlayerBox

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

    from kindly.library.quick_starts import SessionRequest
    from kindly.ui.session.session_screen import SessionScreen


def practice_entry(
    practice_id: str,
    title: str,
    minutes: int,
    description: str,
    headers: str = "",
    narration: Narration = RECORDED,
    source: str = "bundled",
) -> PracticeEntry:
    """A practice as the library holds it, parsed from a real script."""
    headers = headers if "minimum:" in headers else f"minimum: 1\n{headers}"
    headers = headers if "breath:" in headers else f"breath: calm\n{headers}"
    text = f"id: {practice_id}\ntitle: {title}\nminutes: {minutes}\n{headers}description: {description}\n---\n"
    text += "Welcome, kindly.\n[rest]\nThank you for practising.\n"
    name = f"{practice_id}.txt"
    return PracticeEntry(parse_practice(text, name), source, Path(name), narration)  # type: ignore[arg-type]


LIBRARY = PracticeLibrary(
    entries=(
        practice_entry("gentle-hand", "A gentle hand", 10, "Soothing touch and kind words."),
        practice_entry(
            "body-scan",
            "Kind body scan",
            20,
            "Meeting each part of the body kindly.",
            "minimum: 8\nmaximum: 45\nbreath: calm\nbreath cues: off\n",
        ),
    ),
    problems=(ScriptProblem("broken.txt", 3, "unknown directive [wait]"),),
)


def catalogue_of(library: PracticeLibrary = LIBRARY, *more: PracticeEntry) -> PracticeCatalogue:
    """A catalogue that reads `library` (and `more` practices) whenever the window reloads it."""
    return PracticeCatalogue(lambda: replace(library, entries=(*library.entries, *more)))


@pytest.fixture(autouse=True)
def no_dock_reopen(monkeypatch: pytest.MonkeyPatch) -> None:
    """On macOS too, the tests ask for a Dock-click handler themselves: one left by a test's closed
    window would bring that window back whenever a later test activates the application."""
    monkeypatch.setattr("kindly.ui.app.app_presence.reopens_window_on_activate", lambda: False)


@pytest.fixture
def players(clock: FakeClock) -> PlayerBox:
    return PlayerBox(clock)


@pytest.fixture
def controller(qtbot: object, players: PlayerBox, clock: FakeClock) -> Iterator[SessionController]:
    ctl = SessionController(players, clock)
    yield ctl
    ctl.deleteLater()


@pytest.fixture
def history(qtbot: QtBot, clock: FakeClock) -> Iterator[SessionHistory]:
    """A real history file in the test's own data folder, written on its own thread."""
    kept = SessionHistory(clock)
    yield kept
    kept.close()


# A person who has practised for a long time, three days in a row now, five minutes of it today.
RETURNING = PracticeStory(
    practice_days=315, current_streak=3, longest_streak=12, days_away=0, seconds_today=300.0, total_sessions=340
)


@pytest.fixture
def settings() -> Settings:
    return open_settings()


@pytest.fixture
def window(qtbot: object, settings: Settings, controller: SessionController) -> Iterator[MainWindow]:
    win = MainWindow(WindowParts(settings, controller, catalogue_of(), story=lambda: RETURNING))
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


def pair_contrast(
    palette: QPalette, group: QPalette.ColorGroup, text: QPalette.ColorRole, background: QPalette.ColorRole
) -> float:
    """The contrast of one text role on one background role of `palette`, in one colour group."""
    from kindly.ui.theme import contrast_ratio

    return contrast_ratio(palette.color(group, text), palette.color(group, background))
