"""The transcript in docs/accessibility.md is what a screen reader is told during a one-minute session.

It is recorded here, from the real session screen on a fake clock (every
accessibility event caught at `accessible_events.notify`), and the test fails
when the document says otherwise. To write the document's transcript anew:

    KINDLY_WRITE_TRANSCRIPT=1 PYTHONPATH=desktop python -m pytest tests/ui/session/test_accessibility_transcript.py
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.ui import accessible_events
from kindly.ui.clock_text import format_clock
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_screen import SessionScreen
from ui.recording_player import PlayerBox

DOC = Path(__file__).resolve().parents[3] / "docs" / "accessibility.md"
BEGIN = "<!-- transcript: written by tests/ui/session/test_accessibility_transcript.py -->"
END = "<!-- end of transcript -->"
STEP_S = 0.25
LONGEST_S = 120.0  # a one-minute session (and its pause) is over well before this
# What the person does, at seconds since Start (the warm-up included): T, Space, and Space again.
KEYS = (
    (25.0, Qt.Key.Key_T, "presses T"),
    (40.0, Qt.Key.Key_Space, "presses Space"),
    (46.0, Qt.Key.Key_Space, "presses Space"),
)


@dataclass(frozen=True)
class Scenario:
    heading: str
    choices: SessionChoices
    title: str
    level: str


SCENARIOS = (
    Scenario(
        "The silent timer, 1 minute, announcements at their default (minutes)",
        SessionChoices(minutes=1, warmup_s=5, breath_cues=False),
        "Silent timer",
        opt.ANNOUNCE_MINUTES,
    ),
    Scenario(
        "A narrated practice (A one-minute pause), 1 minute, announcements at their default (minutes)",
        SessionChoices(practice="one-minute-pause", minutes=1, warmup_s=5),
        "A one-minute pause",
        opt.ANNOUNCE_MINUTES,
    ),
    Scenario(
        "The same practice with every breath phase announced",
        SessionChoices(practice="one-minute-pause", minutes=1, warmup_s=5),
        "A one-minute pause",
        opt.ANNOUNCE_PHASES,
    ),
)


def record(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, scenario: Scenario) -> list[str]:
    """The session run from its start to its end bell, as table rows: when, what happened, what was sent."""
    clock = FakeClock()
    controller = SessionController(PlayerBox(clock), clock, plan_builder=PracticeCatalogue().plan)
    screen = SessionScreen(controller, captions=True)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitActive(screen):  # the session's keys answer in the active window, as on a desktop
        screen.activateWindow()
    screen.announcer.set_level(scenario.level)
    rows: list[str] = []
    doing = [""]  # what the person just did, for the next row
    since_start = [0.0]

    def heard(event: QAccessibleEvent) -> None:
        at = format_clock(since_start[0])
        if isinstance(event, QAccessibleAnnouncementEvent):
            rows.append(f"| {at} | {doing[0]} | announcement: “{event.message()}” |")
            doing[0] = ""
        elif event.type() == QAccessible.Event.NameChanged and event.object() is screen.caption_label:
            text = screen.caption_label.text()
            rows.append(f"| {at} | | caption: “{text}” |" if text else f"| {at} | | caption cleared |")

    monkeypatch.setattr(accessible_events, "notify", heard)
    screen.show_session(controller.start_session(SessionRequest("doc", scenario.choices), scenario.title))
    keys = list(KEYS)
    while controller.is_active and since_start[0] < LONGEST_S:
        clock.advance(STEP_S)
        since_start[0] += STEP_S
        controller.refresh()
        screen.refresh()
        if keys and since_start[0] >= keys[0][0]:
            _at, key, what = keys.pop(0)
            doing[0] = what
            qtbot.keyClick(screen, key)
    return rows


def transcript(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> str:
    parts = [BEGIN, ""]
    for scenario in SCENARIOS:
        parts += [f"### {scenario.heading}", "", "| Since Start | The person | What is sent |", "|---|---|---|"]
        parts += record(qtbot, monkeypatch, scenario)
        parts.append("")
    parts.append(END)
    return "\n".join(parts)


def test_the_documented_transcript_is_what_a_screen_reader_is_told(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = transcript(qtbot, monkeypatch)
    text = DOC.read_text(encoding="utf-8")
    before, _sep, rest = text.partition(BEGIN)
    _old, _sep, after = rest.partition(END)
    if os.environ.get("KINDLY_WRITE_TRANSCRIPT"):
        DOC.write_text(before + recorded + after, encoding="utf-8")
        return
    assert BEGIN + _old + END == recorded, "docs/accessibility.md: KINDLY_WRITE_TRANSCRIPT=1 writes it anew"
