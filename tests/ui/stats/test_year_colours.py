"""The year's calendar reads in light, dark and high contrast: empty days recede, practice stands out
(at least 3:1 against an empty day, WCAG's ratio), each level apart from the next; each day tells its
date and minutes on hover; a disabled button stays readable in dark."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip
from pytestqt.qtbot import QtBot

from kindly.ui.stats.stats_view import CalendarHeatmap, day_tip
from kindly.ui.theme import apply_readable, button_style, contrast_ratio, empty_day_colour, year_shades

Role = QPalette.ColorRole
LOOKS = {  # window, text, highlight, button
    "light": ("#efefef", "#000000", "#308cc6", "#efefef"),  # Fusion's
    "dark": ("#26282b", "#e6e6e6", "#4f7fbf", "#303236"),  # a dark desktop theme (the screenshots')
    "high-contrast-dark": ("#000000", "#ffffff", "#1aebff", "#000000"),
    "high-contrast-light": ("#ffffff", "#000000", "#0000aa", "#ffffff"),
}


def _palette(look: str) -> QPalette:
    window, text, highlight, button = LOOKS[look]
    palette = QPalette()
    for roles, colour in (
        ((Role.Window, Role.Base), window),
        ((Role.WindowText, Role.Text, Role.ButtonText), text),
        ((Role.Highlight,), highlight),
        ((Role.Button,), button),
    ):
        for role in roles:
            palette.setColor(role, QColor(colour))
    return apply_readable(palette)  # as the app does


@pytest.mark.parametrize("look", LOOKS)
def test_empty_days_contrast_at_least_3_to_1_with_practised_ones(look: str) -> None:
    empty, *practised = year_shades(_palette(look))
    assert min(contrast_ratio(level, empty) for level in practised) >= 3.0


@pytest.mark.parametrize("look", LOOKS)
def test_empty_days_are_nearer_the_window_than_any_practised_day(look: str) -> None:
    palette = _palette(look)
    window = palette.color(Role.Window)
    empty, *practised = year_shades(palette)
    assert contrast_ratio(empty, window) < min(contrast_ratio(level, window) for level in practised)


@pytest.mark.parametrize("look", LOOKS)
def test_each_level_of_practice_stands_out_from_the_one_below(look: str) -> None:
    _empty, *practised = year_shades(_palette(look))
    steps = [contrast_ratio(more, less) for less, more in pairwise(practised)]
    assert len(practised) == 4 and min(steps) >= 1.2


@pytest.mark.parametrize("look", LOOKS)
def test_an_empty_day_can_still_be_seen_against_the_window(look: str) -> None:
    palette = _palette(look)
    assert contrast_ratio(empty_day_colour(palette), palette.color(Role.Window)) >= 1.15


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(0.0, "no practice"), (0.4, "less than a minute"), (1.2, "1 minute"), (25.0, "25 minutes")],
)
def test_a_day_s_tooltip_tells_its_date_and_minutes(minutes: float, words: str) -> None:
    assert day_tip(date(2026, 11, 24), minutes) == f"Tue 24 Nov 2026: {words}"


def test_hovering_a_day_shows_its_tooltip(qtbot: QtBot) -> None:
    today = date(2026, 11, 25)
    heatmap = CalendarHeatmap()
    qtbot.addWidget(heatmap)
    heatmap.resize(heatmap.sizeHint())
    heatmap.set_days({today - timedelta(days=1): 12.0}, today)
    heatmap.show()
    qtbot.waitExposed(heatmap)
    left, top, cell, _gap = heatmap._grid()
    offset = (today - timedelta(days=1) - heatmap.first_day()).days
    at = QPoint(round(left + (offset // 7 + 0.5) * cell), round(top + 1 + (offset % 7 + 0.5) * cell))
    assert heatmap.day_at(QPointF(at)) == today - timedelta(days=1)
    QApplication.sendEvent(heatmap, QHelpEvent(QEvent.Type.ToolTip, at, heatmap.mapToGlobal(at)))
    assert QToolTip.text() == "Tue 24 Nov 2026: 12 minutes"


def test_a_disabled_button_is_readable_in_dark(qapp: QApplication, qtbot: QtBot) -> None:
    palette = _palette("dark")
    for role, colour in ((Role.Mid, "#3a3c40"), (Role.Midlight, "#46484c"), (Role.PlaceholderText, "#9a9ca0")):
        palette.setColor(role, QColor(colour))  # a dark theme's own quiet shades
    was_palette, was_sheet = qapp.palette(), qapp.styleSheet()
    qapp.setPalette(palette)  # as a dark desktop gives it, under Kindly's button style
    qapp.setStyleSheet(button_style(palette))
    try:
        button = QPushButton("Delete this session's check-in")
        qtbot.addWidget(button)
        button.setEnabled(False)
        button.resize(button.sizeHint())
        image = button.grab().toImage()
    finally:
        qapp.setStyleSheet(was_sheet)
        qapp.setPalette(was_palette)
    background = QColor(LOOKS["dark"][3])
    inside = [image.pixelColor(x, y) for x in range(8, image.width() - 8) for y in range(6, image.height() - 6)]
    assert max(contrast_ratio(colour, background) for colour in inside) >= 3.0
