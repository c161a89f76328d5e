"""A breath pattern Kindly cannot follow is said where a screen reader looks: on the field, and on Start."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.ui.home.session_setup_panel import CUSTOM, SessionSetupPanel

# Hostile text: digits and dashes mixed with anything, so that most of it is nearly a pattern.
PATTERN_PARTS = st.sampled_from("0123456789-.,e x\u00a0\u0660\U0001d7ce")
NEARLY_A_PATTERN = st.text(PATTERN_PARTS, max_size=16) | st.text(max_size=16)
FIXTURES_KEPT = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def panel(qtbot: QtBot) -> SessionSetupPanel:
    shown = SessionSetupPanel()
    qtbot.addWidget(shown)
    shown.breath.setCurrentIndex(shown.breath.findData(CUSTOM))
    return shown


def _rejected(text: str) -> bool:
    try:
        parse_breath_pattern(text.strip())
    except KindlyInputError:
        return True
    return False


def _read_aloud(widget: object) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)  # type: ignore[arg-type]
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


@FIXTURES_KEPT
@given(NEARLY_A_PATTERN)
def test_the_field_says_what_is_wrong_in_its_description(panel: SessionSetupPanel, text: str) -> None:
    assume(_rejected(text))
    panel.custom_breath.setText(text)
    problem = panel.breath_error.text()
    assert problem and _read_aloud(panel.custom_breath) == ("Custom breath pattern", f"Not valid: {problem}")


@FIXTURES_KEPT
@given(NEARLY_A_PATTERN)
def test_the_problem_line_reads_as_the_problem(panel: SessionSetupPanel, text: str) -> None:
    assume(_rejected(text))
    panel.custom_breath.setText(text)
    assert _read_aloud(panel.breath_error)[0] == panel.breath_error.text() != ""


@FIXTURES_KEPT
@given(NEARLY_A_PATTERN)
def test_start_waits_and_says_why(panel: SessionSetupPanel, text: str) -> None:
    assume(_rejected(text))
    panel.custom_breath.setText(text)
    assert not panel.start_button.isEnabled()
    description = f"Start waits for a breath pattern it can follow: {panel.breath_error.text()}"
    assert _read_aloud(panel.start_button) == ("Start the session", description)
    assert panel.start_button.toolTip() == "Start waits for a breath pattern it can follow"


@FIXTURES_KEPT
@given(NEARLY_A_PATTERN, st.tuples(st.integers(1, 9), st.integers(0, 9), st.integers(1, 9)))
def test_a_pattern_put_right_clears_every_word_of_the_problem(
    panel: SessionSetupPanel, text: str, seconds: tuple[int, int, int]
) -> None:
    assume(_rejected(text))
    panel.custom_breath.setText(text)
    panel.custom_breath.setText("-".join(map(str, seconds)))
    assert panel.start_button.isEnabled() and panel.breath_error.isHidden()
    assert (panel.custom_breath.accessibleDescription(), panel.start_button.accessibleDescription()) == ("", "")
    assert panel.start_button.toolTip() == ""
