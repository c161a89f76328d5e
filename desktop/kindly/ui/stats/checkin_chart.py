"""The check-ins over the weeks: a soft line for before a session and a fuller one for after, 0 to 10.

One chart per question (kindness, ease). It draws the weekly means the core
computes (`kindly.core.checkin.weekly_checkins`), the same numbers as
`kindly stats --json`, and says them in its accessible description. There
is no target line and no colour for good or bad: only the person's own two
lines, side by side.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kindly.core.checkin import SCALE_MAX
from kindly.core.checkin_change import CheckInWeek, Means
from kindly.core.streaks import last_mondays
from kindly.ui.palette import mix_colours, soft_accent
from kindly.ui.theme import paint_keyboard_ring, standing_out

CHART_WEEKS = 12


def recent_weeks(
    weeks: list[CheckInWeek], today: date, count: int = CHART_WEEKS
) -> list[tuple[date, CheckInWeek | None]]:
    """The last `count` weeks to today, oldest first, each with its check-ins (None: a week without)."""
    by_monday = {w.week: w for w in weeks}
    return [(monday, by_monday.get(monday)) for monday in last_mondays(today, count)]


class CheckInChart(QWidget):
    """One question's weekly means before and after, over the last twelve weeks."""

    def __init__(self, question: str, title: str, parent: QWidget | None = None) -> None:
        """`question` is the CheckIn field drawn (kindness or ease); `title` names it for a screen reader."""
        super().__init__(parent)
        self._question = question
        self._title = title
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._weeks: list[tuple[date, CheckInWeek | None]] = []

    def set_weeks(self, weeks: list[tuple[date, CheckInWeek | None]]) -> None:
        self._weeks = weeks
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words: each week with check-ins, its mean before and after."""
        parts = []
        for monday, week in self._weeks:
            if week is None:
                continue
            before, after = self._value(week.before), self._value(week.after)
            said = ", ".join(
                f"{moment} {value:.1f}" for moment, value in (("before", before), ("after", after)) if value is not None
            )
            parts.append(f"week of {monday:%d %b}: {said}")
        if not parts:
            return f"{self._title}: no check-ins in the last {CHART_WEEKS} weeks"
        return f"{self._title}, out of {SCALE_MAX}; " + "; ".join(parts)

    def _value(self, means: Means | None) -> float | None:
        return None if means is None else float(getattr(means, self._question))

    def sizeHint(self) -> QSize:
        return QSize(360, 150)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._weeks:
            paint_keyboard_ring(self)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = soft_accent(palette)
        if window.lightness() < 128:  # on a dark window the soft accent is dim: lift it, so "after" reads first
            accent = mix_colours(accent, palette.color(QPalette.ColorRole.WindowText), 0.3)
        accent = standing_out(accent, window)  # the "after" line: 3:1 on the window at least
        before_colour = mix_colours(text, window, 0.15)
        metrics = painter.fontMetrics()
        label_h = metrics.height() + 4
        left = metrics.horizontalAdvance("10") + 8
        top = metrics.height() / 2 + 2
        chart_h = max(10.0, self.height() - label_h - top - 2)
        slot = (self.width() - left) / len(self._weeks)

        def point(index: int, value: float) -> QPointF:
            return QPointF(left + slot * (index + 0.5), top + chart_h * (1 - value / SCALE_MAX))

        # A quiet scale: 0, 5 and 10, nothing marked as where one ought to be.
        grid = mix_colours(text, window, 0.75)
        for value in (0, 5, 10):
            y = top + chart_h * (1 - value / SCALE_MAX)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(left, y), QPointF(self.width(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        for moment, colour, dashed in (("before", before_colour, True), ("after", accent, False)):
            pen = QPen(colour, 2.0)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            points = [
                (i, v)
                for i, (_m, week) in enumerate(self._weeks)
                if week is not None and (v := self._value(getattr(week, moment))) is not None
            ]
            path = QPainterPath()
            for n, (i, v) in enumerate(points):
                if n == 0:
                    path.moveTo(point(i, v))
                else:
                    path.lineTo(point(i, v))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(window if dashed else colour)
            for i, v in points:
                painter.drawEllipse(point(i, v), 3.2, 3.2)
        painter.setPen(text)
        last = len(self._weeks) - 1
        for i, (monday, _week) in enumerate(self._weeks):
            if i % 3 == last % 3:
                label = f"{monday:%d %b}"
                wide = metrics.horizontalAdvance(label) + 4
                x = min(max(0.0, left + slot * (i + 0.5) - wide / 2), self.width() - wide)  # never cut at an edge
                painter.drawText(
                    QRectF(x, top + chart_h + 3, wide, label_h),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    label,
                )
        painter.end()
        paint_keyboard_ring(self)
