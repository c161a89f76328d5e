"""Your practice: streaks (unless hidden), totals, a year's calendar, minutes per week, recent sessions.

The view is drawn from the session records and the streak summary that the
pure core computes; it never reads the store itself, so it shows exactly
what `kindly stats` says. Both charts are painted with QPainter in palette
colours, light or dark.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kindly.core.session_record import SessionRecord
from kindly.core.streaks import practised_by_date, session_date
from kindly.ui.palette import mix_colours, soft_accent
from kindly.ui.stats.history_summary import History, HistorySource

HEATMAP_WEEKS = 53
CHART_WEEKS = 12


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def minutes_per_week(by_date: dict[date, float], today: date, weeks: int = CHART_WEEKS) -> list[tuple[date, float]]:
    """(Monday, minutes) for the last `weeks` weeks, oldest first, this week last."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    totals = {first + timedelta(weeks=k): 0.0 for k in range(weeks)}
    for day, seconds in by_date.items():
        monday = week_start(day)
        if monday in totals and day <= today:
            totals[monday] += seconds / 60.0
    return sorted(totals.items())


class CalendarHeatmap(QWidget):
    """The last year, a column per week and a row per weekday, deeper for more minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Practice calendar of the last year")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._minutes: dict[date, float] = {}
        self._today = date.today()

    def set_days(self, minutes_by_date: dict[date, float], today: date) -> None:
        self._minutes = minutes_by_date
        self._today = today
        days = sum(1 for m in minutes_by_date.values() if m >= 1.0)
        self.setAccessibleDescription(f"{days} days with practice in the last year")
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
        return QSize(HEATMAP_WEEKS * 15, 7 * 15 + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(HEATMAP_WEEKS * 6, 7 * 15 + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = soft_accent(palette)
        shades = [mix_colours(base, palette.color(QPalette.ColorRole.Mid), 0.25)] + [
            mix_colours(base, accent, k) for k in (0.35, 0.55, 0.78, 1.0)
        ]
        cell = min((self.width() - 2) / HEATMAP_WEEKS, (self.height() - 2) / 7.0)
        gap = max(1.0, cell * 0.18)
        left = (self.width() - HEATMAP_WEEKS * cell) / 2.0  # centred when there is room to spare
        painter.setPen(Qt.PenStyle.NoPen)
        first = self.first_day()
        for offset in range((self._today - first).days + 1):
            day = first + timedelta(days=offset)
            column, row = divmod(offset, 7)
            painter.setBrush(shades[self.level(day)])
            rect = QRectF(left + column * cell, 1 + row * cell, cell - gap, cell - gap)
            painter.drawRoundedRect(rect, cell * 0.2, cell * 0.2)
        painter.end()


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
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = soft_accent(palette)
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
            painter.setBrush(
                accent
                if i == len(self._weeks) - 1
                else mix_colours(accent, palette.color(QPalette.ColorRole.Window), 0.3)
            )
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
        painter.setPen(mix_colours(text, palette.color(QPalette.ColorRole.Window), 0.5))
        painter.drawLine(QPointF(0, baseline), QPointF(self.width(), baseline))
        painter.end()


class StatsView(QWidget):
    """The "Your practice" page."""

    def __init__(
        self,
        source: HistorySource | None = None,
        title_of: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`title_of` names a practice by its id (a removed practice keeps its id)."""
        super().__init__(parent)
        self._source = source
        self._title_of = title_of or (lambda practice: practice.replace("-", " "))
        self._loaded = False

        self.kind_label = QLabel("")
        self.kind_label.setWordWrap(True)
        self.kind_label.setAccessibleName("A kind word")
        self.current_streak = _Figure("Current streak")
        self.longest_streak = _Figure("Longest streak")
        self.total_minutes = _Figure("Minutes practised")
        self.total_sessions = _Figure("Sessions")
        figures = QHBoxLayout()
        for figure in (self.current_streak, self.longest_streak, self.total_minutes, self.total_sessions):
            figures.addWidget(figure)

        self.heatmap = CalendarHeatmap()
        self.weekly = WeeklyMinutesChart()
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent sessions")
        recent_label = QLabel("R&ecent sessions")
        recent_label.setBuddy(self.recent)
        self.empty_label = QLabel("Your sessions will appear here. There is no hurry.")
        self.empty_label.setAccessibleName("No sessions yet")

        grid = QGridLayout()
        grid.addWidget(QLabel("The last year"), 0, 0)
        grid.addWidget(self.heatmap, 1, 0)
        grid.addWidget(QLabel("Minutes per week"), 2, 0)
        grid.addWidget(self.weekly, 3, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_label)
        layout.addLayout(figures)
        layout.addWidget(self.empty_label)
        layout.addLayout(grid)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)

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
        self.current_streak.set_value(_days(summary.current_streak))
        self.longest_streak.set_value(_days(summary.longest_streak))
        self.current_streak.setVisible(not hidden)
        self.longest_streak.setVisible(not hidden)
        self.total_minutes.set_value(str(round(summary.total_minutes)))
        self.total_sessions.set_value(str(summary.total_sessions))
        self.kind_label.setText(summary.kind_word or "")
        self.kind_label.setVisible(bool(summary.kind_word))
        self.empty_label.setVisible(not history.records)
        minutes = {d: s / 60.0 for d, s in practised_by_date(history.records, history.day_start_min).items()}
        self.heatmap.set_days(minutes, today)
        self.weekly.set_weeks(minutes_per_week({d: m * 60.0 for d, m in minutes.items()}, today))
        self.recent.clear()
        newest = sorted(history.records, key=lambda r: r.start_utc, reverse=True)[:30]
        for record in newest:
            self.recent.addItem(_recent_line(record, history.day_start_min, self._title_of))


class _Figure(QFrame):
    """One big number with its name under it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.8)
        self.value.setFont(font)
        caption = QLabel(name)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.value.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _recent_line(record: SessionRecord, day_start_min: int, title_of: Callable[[str], str]) -> str:
    local = record.local_start()
    minutes = round(record.practised_s / 60.0)
    # As the end screen says it: a session of under half a minute is not "0 min".
    length = f"{minutes} min" if minutes >= 1 else "<1 min"
    what = title_of(record.practice) if record.practice else "Silent timer"
    how = "" if record.completed else " (stopped early)"
    day = session_date(record, day_start_min)
    return f"{day:%a %d %b %Y}  {local:%H:%M}   {length:>6}   {what}{how}"
