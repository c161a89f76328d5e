"""Your practice: streaks (unless hidden), totals, a year's calendar, minutes per week, check-ins, recent sessions.

The view is drawn from the session records and the streak summary that the
pure core computes; it never reads the store itself, so it shows exactly
what `kindly stats` says. The charts are painted with QPainter in palette
colours, light or dark. The page scrolls when the window is small. Check-ins
can be deleted here, one session's or all of them (the sessions stay).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kindly.core.checkin import CheckIn
from kindly.core.checkin_change import change_in_words, weekly_checkins
from kindly.core.practice_words import plural
from kindly.core.session_record import SessionRecord
from kindly.core.streaks import last_mondays, practised_by_date, session_date, week_start
from kindly.ui.gui_thread import on_main
from kindly.ui.palette import mix_colours, soft_accent
from kindly.ui.stats.checkin_chart import CheckInChart, recent_weeks
from kindly.ui.stats.history_summary import History, HistorySource
from kindly.ui.theme import (
    HEADING,
    TITLE,
    contrast_ratio,
    empty_day_colour,
    paint_card,
    paint_keyboard_ring,
    scaled_font,
    space,
    standing_out,
    year_shades,
)

__all__ = ["CalendarHeatmap", "StatsView", "day_tip", "empty_day_colour", "minutes_per_week"]

# Deletes the check-ins of one session (its id) or, None, of all; then calls back with how many had one.
ForgetCheckIns = Callable[[int | None, Callable[[int], None]], None]

HEATMAP_WEEKS = 53
FIRST_STATE_HEADING = "Your practice will gather here"
FIRST_STATE_WORDS = (
    "After your first session this page shows the days you practised, your minutes, a calendar of the year "
    "and, if you answer them, your check-ins. Begin whenever you like: even one minute counts."
)
CHART_WEEKS = 12


def minutes_per_week(by_date: dict[date, float], today: date, weeks: int = CHART_WEEKS) -> list[tuple[date, float]]:
    """(Monday, minutes) for the last `weeks` weeks, oldest first, this week last."""
    totals = dict.fromkeys(last_mondays(today, weeks), 0.0)
    for day, seconds in by_date.items():
        monday = week_start(day)
        if monday in totals and day <= today:
            totals[monday] += seconds / 60.0
    return sorted(totals.items())


def day_tip(day: date, minutes: float) -> str:
    """A calendar day's tooltip: its date and its minutes ("no practice" when none)."""
    whole = round(minutes)
    if minutes <= 0:
        practised = "no practice"
    elif whole < 1:
        practised = "less than a minute"
    else:
        practised = f"{whole} minute{'s' if whole != 1 else ''}"
    return f"{day:%a} {day.day} {day:%b %Y}: {practised}"


class CalendarHeatmap(QWidget):
    """The last year, a column per week and a row per weekday, deeper for more minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Practice calendar of the last year")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._minutes: dict[date, float] = {}
        self._today = date.today()
        self._shades: tuple[int, list[QColor]] | None = None  # the palette's key, and its colours

    def set_days(self, minutes_by_date: dict[date, float], today: date) -> None:
        self._minutes = minutes_by_date
        self._today = today
        days = sum(1 for m in minutes_by_date.values() if m >= 1.0)
        self.setAccessibleDescription(f"{plural(days, 'day')} with practice in the last year")
        self.update()

    def first_day(self) -> date:
        return week_start(self._today) - timedelta(weeks=HEATMAP_WEEKS - 1)

    def level(self, day: date) -> int:
        """0 (none) to 4 (40 minutes or more), the shade a day is drawn in."""
        minutes = self._minutes.get(day, 0.0)
        if minutes < 1.0:
            return 0
        return 1 if minutes < 10 else 2 if minutes < 20 else 3 if minutes < 40 else 4

    def sizeHint(self) -> QSize:
        return QSize(HEATMAP_WEEKS * 15 + self._label_width(), 7 * 15 + 4 + self._label_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(HEATMAP_WEEKS * 6 + self._label_width(), 7 * 15 + 4 + self._label_height())

    def _label_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("Wed") + 6

    def _label_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _grid(self) -> tuple[float, float, float, float]:
        """Where the days are drawn: the first column's left edge, the first row's top, a cell's size
        and the gap inside it."""
        label_w, label_h = self._label_width(), self._label_height()
        cell = min((self.width() - 2 - label_w) / HEATMAP_WEEKS, (self.height() - 2 - label_h) / 7.0)
        gap = max(1.0, cell * 0.18)
        left = label_w + (self.width() - label_w - HEATMAP_WEEKS * cell) / 2.0  # centred when there is room
        return left, float(label_h), cell, gap

    def day_at(self, point: QPointF) -> date | None:
        """The day drawn under `point` (None between the cells' columns' edges, or past today)."""
        left, top, cell, _gap = self._grid()
        column, row = math.floor((point.x() - left) / cell), math.floor((point.y() - top - 1) / cell)
        if not (0 <= column < HEATMAP_WEEKS and 0 <= row < 7):
            return None
        day = self.first_day() + timedelta(days=column * 7 + row)
        return day if day <= self._today else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            if day is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), day_tip(day, self._minutes.get(day, 0.0)), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        key = palette.cacheKey()
        if self._shades is None or self._shades[0] != key:
            self._shades = (key, year_shades(palette))  # mixed once per palette, not once a paint
        shades = self._shades[1]
        left, top, cell, gap = self._grid()
        label_h = self._label_height()
        first = self.first_day()
        # Weekday names on the left (Mon, Wed, Fri) and each month's name above its first week.
        painter.setPen(text)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            painter.drawText(
                QRectF(0, top + row * cell, left - 4, cell),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
        last_month = None
        last_label_x = -1e9
        for column in range(HEATMAP_WEEKS):
            monday = first + timedelta(weeks=column)
            x = left + column * cell
            if monday.month != last_month and x - last_label_x >= painter.fontMetrics().horizontalAdvance("Sep "):
                painter.drawText(QRectF(x, 0, cell * 5, label_h), int(Qt.AlignmentFlag.AlignLeft), f"{monday:%b}")
                last_label_x = x
            last_month = monday.month
        painter.setPen(Qt.PenStyle.NoPen)
        for offset in range((self._today - first).days + 1):
            day = first + timedelta(days=offset)
            column, row = divmod(offset, 7)
            painter.setBrush(shades[self.level(day)])
            rect = QRectF(left + column * cell, top + 1 + row * cell, cell - gap, cell - gap)
            painter.drawRoundedRect(rect, cell * 0.2, cell * 0.2)
        painter.end()
        paint_keyboard_ring(self)


class WeeklyMinutesChart(QWidget):
    """Minutes per week, the last twelve weeks, as soft bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Minutes per week")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._weeks: list[tuple[date, float]] = []

    def set_weeks(self, weeks: list[tuple[date, float]]) -> None:
        self._weeks = weeks
        if weeks:
            self.setAccessibleDescription(
                ", ".join(f"week of {monday:%d %b}: {round(m)} minutes" for monday, m in weeks)
            )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._weeks:
            paint_keyboard_ring(self)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        # Every bar stands out 3:1 from the window (4.5:1 for high contrast); this week's, more.
        earlier = standing_out(mix_colours(soft_accent(palette), window, 0.3), window)
        accent = standing_out(soft_accent(palette), window, contrast_ratio(earlier, window) + 1.0)
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = painter.fontMetrics()
        label_h = metrics.height() + 4
        top_pad = metrics.height() + 2
        chart_h = max(10.0, self.height() - label_h - top_pad)
        slot = self.width() / len(self._weeks)
        tallest = max(m for _d, m in self._weeks) or 1.0
        painter.setPen(text)
        baseline = top_pad + chart_h
        for i, (monday, minutes) in enumerate(self._weeks):
            x = i * slot + slot * 0.2
            h = chart_h * minutes / tallest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent if i == len(self._weeks) - 1 else earlier)
            if h > 0:
                painter.drawRoundedRect(QRectF(x, baseline - h, slot * 0.6, h), 3, 3)
            painter.setPen(text)
            if minutes > 0:
                painter.drawText(
                    QRectF(i * slot, baseline - h - top_pad, slot, top_pad),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    str(round(minutes)),
                )
            if i % 2 == (len(self._weeks) - 1) % 2:
                painter.drawText(
                    QRectF(i * slot - slot / 2, baseline + 2, slot * 2, label_h),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    f"{monday:%d %b}",
                )
        painter.setPen(mix_colours(text, window, 0.5))
        painter.drawLine(QPointF(0, baseline), QPointF(self.width(), baseline))
        painter.end()
        paint_keyboard_ring(self)


class StatsView(QWidget):
    """The "Your practice" page."""

    def __init__(
        self,
        source: HistorySource | None = None,
        title_of: Callable[[str], str] | None = None,
        forget: ForgetCheckIns | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`title_of` names a practice by its id (a removed practice keeps its id); `forget` deletes
        check-ins (without it, none can be deleted here)."""
        super().__init__(parent)
        self._source = source
        self._title_of = title_of or (lambda practice: practice.replace("-", " "))
        self._forget = forget
        self._loaded = False

        self.kind_label = QLabel("")
        self.kind_label.setWordWrap(True)
        self.kind_label.setAccessibleDescription("A kind word")
        self.current_streak = _Figure("Current streak")
        self.longest_streak = _Figure("Longest streak")
        self.total_minutes = _Figure("Minutes practised", "Minute practised")
        self.total_sessions = _Figure("Sessions", "Session")
        figures = QHBoxLayout()
        for figure in (self.current_streak, self.longest_streak, self.total_minutes, self.total_sessions):
            figures.addWidget(figure)

        self.heatmap = CalendarHeatmap()
        self.weekly = WeeklyMinutesChart()
        self.recent = RecentSessions()
        recent_label = _section_title("R&ecent sessions")
        recent_label.setBuddy(self.recent)
        # A newcomer's first look: an invitation, never a row of zeros over an empty year.
        self.empty_label = QLabel(FIRST_STATE_HEADING)
        self.empty_label.setFont(scaled_font(self.empty_label.font(), HEADING))
        self.empty_label.setWordWrap(True)
        self.empty_words = QLabel(FIRST_STATE_WORDS)
        self.empty_words.setWordWrap(True)
        self.empty_words.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.checkins = QWidget()
        self.checkins.setAccessibleName("Check-ins")
        self.checkin_words = QLabel("")
        self.checkin_words.setWordWrap(True)
        self.checkin_words.setAccessibleDescription("Your check-ins in words")
        legend = QLabel("Dashed line: before a session. Solid line: after. Weekly means, 0 to 10.")
        legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.kindness_chart = CheckInChart("kindness", "Kindness toward yourself")
        self.ease_chart = CheckInChart("ease", "Ease")
        charts = QGridLayout()
        for column, chart in enumerate((self.kindness_chart, self.ease_chart)):
            charts.addWidget(QLabel(chart.accessibleName()), 0, column)
            charts.addWidget(chart, 1, column)
        self.forget_one = QPushButton("Delete this session's check-&in")
        self.forget_one.setAccessibleDescription("Deletes the check-in of the session chosen below")
        self.forget_one.setEnabled(False)
        self.forget_one.setMinimumWidth(self.forget_one.sizeHint().width() + 16)  # its words never cut
        self.forget_all = QPushButton("Delete all check-ins…")
        self.forget_all.setAccessibleDescription("Deletes every check-in; the sessions stay")
        forget_row = QHBoxLayout()
        forget_row.addStretch(1)
        forget_row.addWidget(self.forget_one)
        forget_row.addWidget(self.forget_all)
        checkins_layout = QVBoxLayout(self.checkins)
        checkins_layout.setContentsMargins(0, space(1), 0, 0)
        heading = _section_title("Check-ins")
        checkins_layout.addWidget(heading)
        checkins_layout.addWidget(self.checkin_words)
        checkins_layout.addWidget(legend)
        checkins_layout.addLayout(charts)
        checkins_layout.addLayout(forget_row)
        self.checkins.setVisible(False)
        for button in (self.forget_one, self.forget_all):
            button.setVisible(forget is not None)
        self.forget_one.clicked.connect(self._forget_chosen)
        self.forget_all.clicked.connect(self._confirm_forget_all)
        self.recent.currentItemChanged.connect(lambda item, _old: self._chosen_changed(item))
        self.recent.currentItemChanged.connect(lambda item, _old: self._keep_in_sight(item))
        self.recent.delete_pressed.connect(self._forget_chosen)

        grid = QGridLayout()
        grid.addWidget(_section_title("The last year"), 0, 0)
        grid.addWidget(self.heatmap, 1, 0)
        grid.addWidget(_section_title("Minutes per week"), 2, 0)
        grid.addWidget(self.weekly, 3, 0)
        content = QWidget()
        self.content = content  # the page itself, inside the scroll area
        layout = QVBoxLayout(content)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.empty_words)
        layout.addStretch(1)  # takes the room only while the practice below is hidden
        # Everything drawn from sessions, shown once there is one.
        self.practice = QWidget()
        practice = QVBoxLayout(self.practice)
        practice.setContentsMargins(0, 0, 0, 0)
        practice.addLayout(figures)
        practice.addLayout(grid)
        practice.addWidget(self.checkins)
        practice.addWidget(recent_label)
        practice.addWidget(self.recent)
        layout.addWidget(self.practice, 1000)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop: the page's controls take the keyboard
        scroll.setWidget(content)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        """Read the history again (after a session, or when the page is first shown)."""
        if self._source is not None:
            self.show_history(self._source())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def show_history(self, history: History) -> None:
        self._loaded = True
        summary = history.summary
        today = summary.as_of
        hidden = summary.hidden
        if summary.current_streak:
            self.current_streak.set_value(_days(summary.current_streak), "Current streak")
        else:  # a returning person is never shown a zero: what comes next, as `kindly stats` says it
            self.current_streak.set_value("Next session", "begins a new streak")
        self.longest_streak.set_value(_days(summary.longest_streak))
        self.current_streak.setVisible(not hidden)
        self.longest_streak.setVisible(not hidden)
        self.total_minutes.set_count(round(summary.total_minutes))
        self.total_sessions.set_count(summary.total_sessions)
        self.kind_label.setText(summary.kind_word or "")
        self.kind_label.setVisible(bool(summary.kind_word))
        first = not history.records
        self.empty_label.setVisible(first)
        self.empty_words.setVisible(first)
        self.practice.setVisible(not first)
        minutes = {d: s / 60.0 for d, s in practised_by_date(history.records, history.day_start_min).items()}
        self.heatmap.set_days(minutes, today)
        self.weekly.set_weeks(minutes_per_week({d: m * 60.0 for d, m in minutes.items()}, today))
        self._show_checkins(history)
        newest = sorted(history.records, key=lambda r: r.start_utc, reverse=True)[:RECENT_SESSIONS]
        self.recent.show_sessions(newest, history.day_start_min, self._title_of)
        self._chosen_changed(self.recent.currentItem())

    def _show_checkins(self, history: History) -> None:
        records = history.records
        weeks = weekly_checkins(records, history.day_start_min)
        self.checkins.setVisible(bool(weeks))
        if not weeks:
            return
        today = history.summary.as_of
        shown = recent_weeks(weeks, today)
        self.kindness_chart.set_weeks(shown)
        self.ease_chart.set_weeks(shown)
        self.checkin_words.setText(change_in_words(records, today, history.day_start_min).text)

    # --- deleting check-ins --------------------------------------------------------------
    def _chosen_changed(self, item: QTreeWidgetItem | None) -> None:
        self.forget_one.setEnabled(item is not None and item.data(0, Qt.ItemDataRole.UserRole) is not None)

    def _keep_in_sight(self, item: QTreeWidgetItem | None) -> None:
        """The page follows the keyboard down the list: the list shows every row, the page scrolls."""
        if item is not None:
            row = self.recent.visualItemRect(item)
            centre = self.recent.viewport().mapTo(self.content, row.center())
            self.scroll_area.ensureVisible(centre.x(), centre.y(), 0, row.height())

    def _forget_chosen(self) -> None:
        item = self.recent.currentItem()
        session_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if self._forget is not None and session_id is not None:
            self._forget(int(session_id), on_main(self._forgotten))

    def _confirm_forget_all(self) -> QMessageBox:
        """Ask once (not blocking); Yes deletes every check-in."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete all check-ins",
            "Delete every check-in you have given? Your sessions, minutes and streaks stay as they are.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.forget_all_checkins)
        box.open()
        return box

    def forget_all_checkins(self) -> None:
        if self._forget is not None:
            self._forget(None, on_main(self._forgotten))

    def _forgotten(self, count: int) -> None:
        self.refresh()


RECENT_SESSIONS = 30
RECENT_COLUMNS = ("Day", "Time", "Practice", "Length", "Check-in")
_LENGTH_COLUMN = RECENT_COLUMNS.index("Length")
_PRACTICE_COLUMN = RECENT_COLUMNS.index("Practice")


class RecentSessions(QTreeWidget):
    """The recent sessions, one row each in named columns (a screen reader reads each cell with its
    column's name), every row shown: the page scrolls, never the list inside it. Delete on a session
    with a check-in deletes its check-in (the session stays)."""

    delete_pressed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Recent sessions")
        self.setHeaderLabels(list(RECENT_COLUMNS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setItemsExpandable(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.header()
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_PRACTICE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.headerItem().setTextAlignment(_LENGTH_COLUMN, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def show_sessions(self, records: list[SessionRecord], day_start_min: int, title_of: Callable[[str], str]) -> None:
        """One row per session, in the order given; a row's data is its session's id if it has a check-in."""
        self.clear()
        for record in records:
            item = QTreeWidgetItem(list(recent_cells(record, day_start_min, title_of)))
            item.setTextAlignment(_LENGTH_COLUMN, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spoken = _checkin_spoken(record)
            if spoken:
                item.setData(RECENT_COLUMNS.index("Check-in"), Qt.ItemDataRole.AccessibleTextRole, spoken)
            has_checkin = record.checkin_before is not None or record.checkin_after is not None
            item.setData(0, Qt.ItemDataRole.UserRole, record.id if has_checkin else None)
            self.addTopLevelItem(item)
        for column in range(self.columnCount()):  # each as wide as its widest cell, and a gap on the grid
            if column != _PRACTICE_COLUMN:
                self.resizeColumnToContents(column)
                self.header().resizeSection(column, self.header().sectionSize(column) + space(2))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Tall enough for every row under the header: nothing left to scroll inside."""
        rows = self.topLevelItemCount()
        row = self.sizeHintForRow(0) if rows else 0
        height = self.header().sizeHint().height() + rows * row + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisibleTo(self):
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)


def _section_title(words: str) -> QLabel:
    """A section's title on the page ("The last year"): a step above the words under it, with air
    above it, so the page reads as sections rather than one column of widgets."""
    title = QLabel(words)
    title.setFont(scaled_font(title.font(), TITLE, QFont.Weight.DemiBold))
    title.setContentsMargins(0, space(1), 0, 0)
    return title


class _Figure(QFrame):
    """One big number with its name under it, on a card like the home page's."""

    def __init__(self, name: str, one: str | None = None) -> None:
        """`one` is the name under a count of one ("Session" under 1, "Sessions" under 2)."""
        super().__init__()
        self._names = (one or name, name)
        self.value = QLabel("–")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value.setFont(scaled_font(self.value.font(), HEADING))
        caption = QLabel(name)
        self.caption = caption
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.value.setAccessibleDescription(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(space(2), space(1.5), space(2), space(1.5))
        layout.addWidget(self.value)
        layout.addWidget(caption)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, QRectF(self.rect()), self.palette())
        painter.end()

    def set_value(self, text: str, caption: str | None = None) -> None:
        """A figure in words (`caption`: the name under it, if it changes with the words)."""
        self.value.setText(text)
        if caption is not None:
            self.caption.setText(caption)

    def set_count(self, count: int) -> None:
        """A count, its name under it in the right number."""
        self.value.setText(str(count))
        self.caption.setText(self._names[0] if count == 1 else self._names[1])


def _days(n: int) -> str:
    return plural(n, "day")


def recent_cells(
    record: SessionRecord, day_start_min: int, title_of: Callable[[str], str]
) -> tuple[str, str, str, str, str]:
    """A session's row, one text per column of `RECENT_COLUMNS`."""
    local = record.local_start()
    minutes = round(record.practised_s / 60.0)
    # As the end screen says it: a session of under half a minute is not "0 min".
    length = f"{minutes} min" if minutes >= 1 else "<1 min"
    what = title_of(record.practice) if record.practice else "Silent timer"
    how = "" if record.completed else " (stopped early)"
    day = session_date(record, day_start_min)
    return f"{day:%a %d %b %Y}", f"{local:%H:%M}", f"{what}{how}", length, _checkin_words(record)


def _checkin_words(record: SessionRecord) -> str:
    """A session's check-in as the list shows it: "kindness 4 → 6, ease 5 → 7" (one side alone when so)."""
    before, after = record.checkin_before, record.checkin_after
    if before is None and after is None:
        return ""

    def side(name: str, a: CheckIn | None, b: CheckIn | None) -> str:
        values = [str(getattr(x, name)) if x is not None else "–" for x in (a, b)]
        return f"{name} {values[0]} → {values[1]}"

    return f"{side('kindness', before, after)}, {side('ease', before, after)}"


def _checkin_spoken(record: SessionRecord) -> str:
    """The check-in as a screen reader says it: "kindness 4 before, 6 after; ease 5 before, none after"."""
    before, after = record.checkin_before, record.checkin_after
    if before is None and after is None:
        return ""

    def side(name: str) -> str:
        values = [str(getattr(x, name)) if x is not None else "none" for x in (before, after)]
        return f"{name} {values[0]} before, {values[1]} after"

    return f"{side('kindness')}; {side('ease')}"
