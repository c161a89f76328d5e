"""The stats page: streaks unless hidden, totals, the year's calendar, minutes per week, recent sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel
from pytestqt.qtbot import QtBot

from kindly.core.session_record import SessionRecord
from kindly.core.streaks import StreakSettings, summarize
from kindly.ui.stats.history_summary import History
from kindly.ui.stats.stats_view import StatsView, minutes_per_week, week_start

TODAY = date(2026, 11, 25)  # a Wednesday


def _session(day: date, minutes: float, practice: str | None = None, completed: bool = True) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
    return SessionRecord(start, 0, minutes * 60.0, minutes * 60.0, practice, completed)


RECORDS = [
    _session(TODAY - timedelta(days=2), 10),
    _session(TODAY - timedelta(days=1), 25, "mindful-breathing"),
    _session(TODAY, 5, completed=False),
    _session(TODAY - timedelta(days=40), 45),
]


def _history(hidden: bool = False) -> History:
    return History(RECORDS, summarize(RECORDS, TODAY, StreakSettings(hidden=hidden)))


@pytest.fixture
def view(qtbot: QtBot) -> StatsView:
    widget = StatsView()
    qtbot.addWidget(widget)
    widget.show_history(_history())
    return widget


def test_streaks_and_totals_are_shown(view: StatsView) -> None:
    shown = [
        f.value.text() for f in (view.current_streak, view.longest_streak, view.total_minutes, view.total_sessions)
    ]
    assert shown == ["3 days", "3 days", "85", "4"]


def test_hidden_streaks_are_not_shown_but_totals_are(qtbot: QtBot) -> None:
    view = StatsView()
    qtbot.addWidget(view)
    view.show_history(_history(hidden=True))
    assert view.current_streak.isHidden() and view.longest_streak.isHidden()
    assert not view.total_minutes.isHidden()


def test_the_calendar_shades_each_day_by_its_minutes(view: StatsView) -> None:
    levels = [view.heatmap.level(TODAY - timedelta(days=n)) for n in (0, 1, 2, 3, 40)]
    assert levels == [1, 3, 2, 0, 4]


def test_the_calendar_covers_the_last_year_from_a_monday(view: StatsView) -> None:
    first = view.heatmap.first_day()
    assert first.weekday() == 0 and 364 <= (TODAY - first).days < 371


def test_minutes_per_week_sums_each_monday_to_sunday() -> None:
    by_date = {
        d: s for d, s in {TODAY: 300.0, TODAY - timedelta(days=2): 600.0, TODAY - timedelta(days=7): 60.0}.items()
    }
    weeks = minutes_per_week(by_date, TODAY, weeks=3)
    assert weeks == [
        (week_start(TODAY) - timedelta(weeks=2), 0.0),
        (week_start(TODAY) - timedelta(weeks=1), 1.0),
        (week_start(TODAY), 15.0),
    ]


def _rows(view: StatsView) -> list[list[str]]:
    recent = view.recent
    return [
        [recent.topLevelItem(row).text(column) for column in range(recent.columnCount())]
        for row in range(recent.topLevelItemCount())
    ]


def test_recent_sessions_are_listed_newest_first(view: StatsView) -> None:
    rows = _rows(view)
    assert len(rows) == 4
    assert rows[0][:3] == ["Wed 25 Nov 2026", "08:00", "Silent timer (stopped early)"]
    assert rows[1][2] == "mindful breathing" and rows[2][2] == "Silent timer"


def test_recent_sessions_sit_in_named_columns_with_no_padding(view: StatsView) -> None:
    recent = view.recent
    names = [recent.headerItem().text(column) for column in range(recent.columnCount())]
    assert names == ["Day", "Time", "Practice", "Length", "Check-in"]
    assert all(cell == cell.strip() and "  " not in cell for row in _rows(view) for cell in row)


def test_recent_sessions_columns_line_up_row_under_row(view: StatsView) -> None:
    view.resize(900, 700)
    view.show()
    recent = view.recent
    for column in range(recent.columnCount()):
        lefts = {
            recent.visualRect(recent.indexFromItem(recent.topLevelItem(row), column)).left()
            for row in range(recent.topLevelItemCount())
        }
        assert len(lefts) == 1, column
    lengths = [recent.topLevelItem(row).textAlignment(3) for row in range(recent.topLevelItemCount())]
    assert all(alignment & Qt.AlignmentFlag.AlignRight for alignment in lengths)  # the minutes line up on the right


def test_the_page_is_the_one_place_that_scrolls(qtbot: QtBot) -> None:
    many = [_session(TODAY - timedelta(days=n), 10) for n in range(40)]
    view = _view_with(qtbot, many)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    inner = [area for area in view.findChildren(QAbstractScrollArea) if area is not view.scroll_area]
    for area in inner:  # lists and charts show all they hold; only the page has somewhere to scroll
        assert area.verticalScrollBar().maximum() == 0, area.accessibleName()
    assert view.recent.topLevelItemCount() == 30
    assert view.scroll_area.verticalScrollBar().maximum() > 0


def test_the_page_follows_the_keyboard_down_the_recent_sessions(qtbot: QtBot) -> None:
    view = _view_with(qtbot, [_session(TODAY - timedelta(days=n), 10) for n in range(40)])
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.recent.setFocus()
    view.recent.setCurrentItem(view.recent.topLevelItem(0))
    qtbot.keyClick(view.recent, Qt.Key.Key_End)
    last = view.recent.visualItemRect(view.recent.topLevelItem(29))
    shown = view.scroll_area.viewport().rect()
    assert shown.contains(view.recent.viewport().mapTo(view.scroll_area.viewport(), last.center()))


def test_a_screen_reader_hears_a_check_in_in_words(qtbot: QtBot) -> None:
    view = _view_with(qtbot, CHECKED_IN)
    spoken = view.recent.topLevelItem(0).data(4, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "kindness 6 before, 8 after; ease 4 before, 6 after"


def test_the_charts_paint_without_blank_output(qtbot: QtBot, view: StatsView) -> None:
    view.resize(760, 560)
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 8


def test_recent_sessions_name_practices_by_their_titles(qtbot: QtBot) -> None:
    view = StatsView(title_of={"mindful-breathing": "Mindful breathing"}.get)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show_history(_history())
    assert view.recent.topLevelItem(1).text(2) == "Mindful breathing"


def test_a_session_under_a_minute_is_listed_as_under_a_minute_not_as_none(qtbot: QtBot) -> None:
    from kindly.ui.stats.stats_view import recent_cells

    start = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
    short = SessionRecord(start, 0, 300.0, 19.4, None, False)
    assert recent_cells(short, 0, str)[2:4] == ("Silent timer (stopped early)", "<1 min")


# --- check-ins ---------------------------------------------------------------------


def _checked_in(weeks_ago: int, before: tuple[int, int], after: tuple[int, int]) -> SessionRecord:
    from kindly.core.checkin import CheckIn

    day = week_start(TODAY) - timedelta(weeks=weeks_ago)
    plain = _session(day, 10, "kind-breath")
    return SessionRecord(
        plain.start_utc, 0, 600.0, 600.0, "kind-breath", True, id=100 + weeks_ago,
        checkin_before=CheckIn(*before), checkin_after=CheckIn(*after),
    )  # fmt: skip


CHECKED_IN = [_checked_in(w, (3 + (11 - w) // 3, 4), (5 + (11 - w) // 3, 6)) for w in range(12)]


def _view_with(qtbot: QtBot, records: list[SessionRecord], forgotten: list[int | None] | None = None) -> StatsView:
    def forget(session_id: int | None, done: object) -> None:
        assert forgotten is not None
        forgotten.append(session_id)

    view = StatsView(forget=forget if forgotten is not None else None)
    qtbot.addWidget(view)
    view.show_history(History(records, summarize(records, TODAY, StreakSettings())))
    return view


def test_without_check_ins_the_section_is_not_shown(view: StatsView) -> None:
    assert view.checkins.isHidden()


def test_twelve_weeks_of_check_ins_are_told_in_words_and_described_week_by_week(qtbot: QtBot) -> None:
    view = _view_with(qtbot, CHECKED_IN)
    assert not view.checkins.isHidden()
    assert view.checkin_words.text().startswith(
        "Over these four weeks, every time you checked in, you were kinder to yourself and more at ease after practice"
    )
    described = view.kindness_chart.accessibleDescription()
    assert described.startswith("Kindness toward yourself, out of 10; week of ")
    assert described.count("week of") == 12 and described.endswith("before 6.0, after 8.0")


def test_a_recent_session_shows_its_check_in_beside_it(qtbot: QtBot) -> None:
    view = _view_with(qtbot, CHECKED_IN)
    assert view.recent.topLevelItem(0).text(4) == "kindness 6 → 8, ease 4 → 6"


def test_delete_on_a_session_with_a_check_in_deletes_that_check_in(qtbot: QtBot) -> None:
    forgotten: list[int | None] = []
    view = _view_with(qtbot, CHECKED_IN, forgotten)
    view.recent.setCurrentItem(view.recent.topLevelItem(0))
    assert view.forget_one.isEnabled()
    qtbot.keyClick(view.recent, Qt.Key.Key_Delete)
    assert forgotten == [100]


def test_a_session_without_a_check_in_has_none_to_delete(qtbot: QtBot) -> None:
    view = _view_with(qtbot, [*CHECKED_IN, _session(TODAY, 5)], [])
    view.recent.setCurrentItem(view.recent.topLevelItem(0))
    assert not view.forget_one.isEnabled()


def test_deleting_all_check_ins_asks_first(qtbot: QtBot) -> None:
    forgotten: list[int | None] = []
    view = _view_with(qtbot, CHECKED_IN, forgotten)
    view.forget_all.click()
    assert forgotten == []  # only once the person says yes
    view.forget_all_checkins()
    assert forgotten == [None]


@pytest.mark.parametrize("window, text", [("#efefef", "#000000"), ("#26282b", "#e6e6e6")], ids=["light", "dark"])
def test_an_empty_day_in_the_calendar_can_be_seen_against_the_window(window: str, text: str) -> None:
    from PySide6.QtGui import QColor, QPalette

    from kindly.ui.stats.stats_view import empty_day_colour
    from kindly.ui.theme import contrast_ratio

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    assert contrast_ratio(empty_day_colour(palette), QColor(window)) >= 1.15


def test_the_calendar_leaves_room_for_its_month_and_weekday_names(view: StatsView) -> None:
    metrics = view.heatmap.fontMetrics()
    assert view.heatmap.sizeHint().width() >= 53 * 15 + metrics.horizontalAdvance("Wed")
    assert view.heatmap.sizeHint().height() >= 7 * 15 + metrics.height()


def test_the_first_state_shows_an_invitation_and_no_zeros(qtbot: QtBot) -> None:
    view = _view_with(qtbot, [])
    view.show()
    shown = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view) and label.text()]
    assert shown[0] == "Your practice will gather here"
    assert not any(text.startswith("0") for text in shown)
    assert not view.heatmap.isVisibleTo(view) and not view.weekly.isVisibleTo(view)
    assert not view.recent.isVisibleTo(view)


def test_one_session_is_counted_as_one_session(qtbot: QtBot) -> None:
    view = _view_with(qtbot, [_session(TODAY, 5)])
    assert (view.total_sessions.value.text(), view.total_sessions.caption.text()) == ("1", "Session")
    assert view.current_streak.value.text() == "1 day"


def test_a_single_check_in_pair_says_how_many_more_the_words_wait_for(qtbot: QtBot) -> None:
    view = _view_with(qtbot, CHECKED_IN[:1])  # this week's
    words = view.checkin_words.text()
    assert "every time" not in words and "So far 1 session has both; 2 more will do." in words


def test_a_returning_person_is_told_what_comes_next_rather_than_a_streak_of_zero(qtbot: QtBot) -> None:
    view = _view_with(qtbot, [_session(TODAY - timedelta(days=9), 10), _session(TODAY - timedelta(days=8), 10)])
    shown = (view.current_streak.value.text(), view.current_streak.caption.text())
    assert shown == ("Next session", "begins a new streak")
    view.show_history(_history())
    assert (view.current_streak.value.text(), view.current_streak.caption.text()) == ("3 days", "Current streak")


def test_each_section_of_the_page_has_a_title_a_step_above_its_words(view: StatsView) -> None:
    titles = {"The last year", "Minutes per week", "Check-ins", "Recent sessions"}
    body = view.font()
    for label in view.findChildren(QLabel):
        if label.text().replace("&", "") in titles:
            assert label.font().pointSizeF() > body.pointSizeF() and label.font().bold(), label.text()
            titles.discard(label.text().replace("&", ""))
    assert titles == set()
