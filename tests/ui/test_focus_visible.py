"""Focus can be seen on everything that takes the keyboard, in light, dark and high contrast (WCAG 2.4.7,
1.4.11): each widget looks different focused, and its ring stands out 3:1 from what lies behind it; the
shapes that carry meaning (bars, the guide ring) stand out 3:1 and the breath's words never fade below 4.5:1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kindly.core.path_script import PathWeek
from kindly.ui.home.path_page import WeekCard
from kindly.ui.home.practice_library_view import PracticeLibraryView
from kindly.ui.session.breath_pacer import BreathPacer
from kindly.ui.stats.checkin_chart import CheckInChart
from kindly.ui.stats.stats_view import CalendarHeatmap, StatsView, WeeklyMinutesChart, minutes_per_week
from kindly.ui.theme import (
    AA_CONTRAST,
    AAA_CONTRAST,
    GROUPS,
    NON_TEXT_CONTRAST,
    TEXT_PAIRS,
    ReadableTheme,
    apply_readable,
    button_style,
    contrast_ratio,
    fading_text,
    focus_ring_colour,
    non_text_contrast,
    own_palette,
    standing_out,
)
from ui.conftest import pair_contrast
from ui.focus_chain import tab_stops, unnamed_stops

Role = QPalette.ColorRole
HIGH_CONTRAST = {  # window, text, highlight, highlighted text
    "hc-dark": ("#000000", "#ffffff", "#1aebff", "#000000"),
    "hc-light": ("#ffffff", "#000000", "#0000aa", "#ffffff"),
}
LOOKS = ("light", "dark", *HIGH_CONTRAST)
TODAY = date(2026, 11, 25)


def _palette(look: str) -> QPalette:
    if look in ("light", "dark"):
        return apply_readable(own_palette(look))
    window, text, highlight, chosen = HIGH_CONTRAST[look]
    palette = QPalette()
    for roles, colour in (
        ((Role.Window, Role.Base, Role.Button, Role.ToolTipBase), window),
        ((Role.WindowText, Role.Text, Role.ButtonText, Role.ToolTipText, Role.PlaceholderText, Role.Mid), text),
        ((Role.Highlight,), highlight),
        ((Role.HighlightedText,), chosen),
    ):
        for role in roles:
            palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=LOOKS)
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    was_palette, was_sheet = qapp.palette(), qapp.styleSheet()
    palette = _palette(request.param)
    qapp.setPalette(palette)
    qapp.setStyleSheet(button_style(palette))
    yield palette
    qapp.setStyleSheet(was_sheet)
    qapp.setPalette(was_palette)


def _button(default: bool = False, checked: bool = False) -> QPushButton:
    button = QPushButton("Start" if default else "Captions" if checked else "Test sound")
    button.setDefault(default)
    button.setCheckable(checked)
    button.setChecked(checked)
    return button


def _library() -> tuple[QWidget, QWidget]:
    view = PracticeLibraryView()
    view.set_entries([])
    view.list.setCurrentRow(0)
    return view, view.list


def _heatmap() -> CalendarHeatmap:
    heatmap = CalendarHeatmap()
    heatmap.set_days({TODAY - timedelta(days=n): 12.0 for n in range(0, 60, 3)}, TODAY)
    return heatmap


def _weekly() -> WeeklyMinutesChart:
    chart = WeeklyMinutesChart()
    chart.set_weeks(minutes_per_week({TODAY - timedelta(days=n): 600.0 for n in range(0, 60, 3)}, TODAY))
    return chart


def _week_card() -> WeekCard:
    week = PathWeek(2, "Meeting the inner critic", "A short reading.", "gentle-hand", "Three breaths", "", 1, 1, 1)
    return WeekCard(week, 8, "this week", "A gentle hand", "Three breaths")


# What takes the keyboard, what lies behind its ring (a role), and what it is drawn around (a fill), if anything.
FOCUSABLE: dict[str, tuple[Callable[[], QWidget | tuple[QWidget, QWidget]], QPalette.ColorRole, QPalette.ColorRole | None]] = {
    "button": (_button, Role.Window, Role.Button),
    "default button": (lambda: _button(default=True), Role.Window, Role.Highlight),
    "checked button": (lambda: _button(checked=True), Role.Window, Role.Highlight),  # ringed apart from its outline
    "library card": (_library, Role.Base, None),
    "calendar": (_heatmap, Role.Window, None),
    "minutes per week": (_weekly, Role.Window, None),
    "check-in chart": (lambda: CheckInChart("ease", "Ease"), Role.Window, None),
    "path week card": (_week_card, Role.Base, None),
}  # fmt: skip


def _grab(widget: QWidget, focus: QWidget, host: QWidget, focused: bool) -> QImage:
    (focus if focused else host).setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert focus.hasFocus() == focused
    return widget.grab().toImage()


@pytest.mark.parametrize("name", FOCUSABLE)
def test_focus_changes_what_is_drawn_with_a_ring_that_stands_out_3_to_1(
    name: str, look: QPalette, qtbot: QtBot
) -> None:
    make, behind, fill = FOCUSABLE[name]
    host = QWidget()
    host.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    qtbot.addWidget(host)
    made = make()
    widget, focus = made if isinstance(made, tuple) else (made, made)
    widget.setParent(host)
    widget.resize(max(widget.sizeHint().width(), 300), max(widget.sizeHint().height(), 120))
    host.resize(widget.size())
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    unfocused, focused = _grab(widget, focus, host, False), _grab(widget, focus, host, True)
    assert unfocused != focused
    ring = focus_ring_colour(look, look.color(behind), look.color(fill) if fill is not None else None)
    assert contrast_ratio(ring, look.color(behind)) >= NON_TEXT_CONTRAST
    if fill is not None:
        assert contrast_ratio(ring, look.color(fill)) >= NON_TEXT_CONTRAST
    changed = {
        focused.pixelColor(x, y).name()
        for x in range(focused.width())
        for y in range(focused.height())
        if focused.pixel(x, y) != unfocused.pixel(x, y)
    }
    assert ring.name() in changed  # the ring itself is what focus adds


@pytest.mark.parametrize("name", LOOKS)
def test_the_ring_is_never_the_highlighted_text_colour_on_its_own_background(name: str) -> None:
    palette = _palette(name)
    window = palette.color(Role.Window)
    ring = focus_ring_colour(palette, window, palette.color(Role.Highlight))
    assert contrast_ratio(ring, window) >= NON_TEXT_CONTRAST


@pytest.mark.parametrize("name", LOOKS)
def test_the_breath_words_at_their_faintest_still_read_at_4_5_to_1(name: str) -> None:
    palette = _palette(name)
    faintest = fading_text(palette, 0.0)
    assert contrast_ratio(faintest, palette.color(Role.Window)) >= AA_CONTRAST
    assert fading_text(palette, 1.0).name() == palette.color(Role.WindowText).name()


@pytest.mark.parametrize("name", LOOKS)
def test_the_pacer_s_guide_ring_stands_out_3_to_1(name: str, qtbot: QtBot) -> None:
    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.setPalette(_palette(name))
    shades = pacer._mix_shades()
    for pen in (shades.guide, shades.plain_ring):
        assert contrast_ratio(pen.color(), shades.window) >= NON_TEXT_CONTRAST


@pytest.mark.parametrize("name", LOOKS)
def test_a_faint_shape_is_moved_just_until_it_stands_out(name: str) -> None:
    window = _palette(name).color(Role.Window)
    moved = standing_out(window, window)
    assert contrast_ratio(moved, window) >= NON_TEXT_CONTRAST


def test_the_stats_scroll_area_is_no_tab_stop(qtbot: QtBot) -> None:
    view = StatsView()
    qtbot.addWidget(view)
    assert view.scroll_area.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_every_tab_stop_on_your_practice_is_a_named_control(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from kindly.core.checkin import CheckIn
    from kindly.core.session_record import SessionRecord
    from kindly.core.streaks import summarize
    from kindly.ui.stats.history_summary import History

    start = datetime(TODAY.year, TODAY.month, TODAY.day, 7, 30, tzinfo=UTC)
    record = SessionRecord(start, 600, 600.0, 600.0, None, True, id=1, checkin_after=CheckIn(6, 7))
    view = StatsView(forget=lambda _session, _done: None)
    qtbot.addWidget(view)
    view.show_history(History([record], summarize([record], TODAY)))
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    assert len(tab_stops(view)) >= 5 and unnamed_stops(view) == []


@pytest.fixture
def keeper(qapp: QApplication) -> Iterator[ReadableTheme]:
    """Kindly's theme keeper on the test application, given back as it was."""
    was_palette, was_sheet = qapp.palette(), qapp.styleSheet()
    theme = ReadableTheme(qapp)
    yield theme
    theme._contrast_changed(Qt.ContrastPreference.NoPreference)
    theme.deleteLater()
    qapp.setStyleSheet(was_sheet)
    qapp.setPalette(was_palette)


def test_high_contrast_asked_for_raises_text_to_7_to_1_and_shapes_to_4_5_to_1(
    keeper: ReadableTheme, qapp: QApplication
) -> None:
    keeper._contrast_changed(Qt.ContrastPreference.HighContrast)
    palette = qapp.palette()
    assert min(pair_contrast(palette, g, t, b) for g in GROUPS for t, b in TEXT_PAIRS) >= AAA_CONTRAST
    assert non_text_contrast() == AA_CONTRAST
    window = palette.color(Role.Window)
    assert contrast_ratio(focus_ring_colour(palette, window), window) >= AA_CONTRAST
    assert contrast_ratio(fading_text(palette, 0.0), window) >= AAA_CONTRAST


def test_no_preference_keeps_the_3_to_1_of_wcag(keeper: ReadableTheme) -> None:
    keeper._contrast_changed(Qt.ContrastPreference.NoPreference)
    assert non_text_contrast() == NON_TEXT_CONTRAST


def test_the_desktop_s_contrast_preference_is_read_and_followed(keeper: ReadableTheme) -> None:
    keeper.follow_contrast()  # reads it now (no preference on a test desktop) and listens for changes
    assert keeper.high_contrast is False


def test_every_weekly_bar_stands_out_3_to_1_from_the_window(look: QPalette, qtbot: QtBot) -> None:
    chart = _weekly()
    qtbot.addWidget(chart)
    chart.resize(600, 160)
    image = chart.grab().toImage()
    slot = chart.width() / 12
    above_baseline = chart.height() - (chart.fontMetrics().height() + 4) - 3
    practised = [i for i, (_monday, minutes) in enumerate(chart._weeks) if minutes > 0]
    bars = [image.pixelColor(round(slot * (i + 0.5)), above_baseline) for i in practised]
    assert len(bars) >= 3 and min(contrast_ratio(bar, look.color(Role.Window)) for bar in bars) >= NON_TEXT_CONTRAST
