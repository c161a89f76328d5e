"""The home page's "Today": the week on the path, its reading, and one large Start for today's practice.

On a path, it names the week, gives the reading, and starts today's short
practice. Not on one, it offers the bundled path with "Begin the path" and,
for a person who has practised before, one large Start for their usual
session (the last one, as it was set up). It shows what
`kindly.library.path_week` says and asks nothing of the store itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kindly.core.path_script import PracticePath
from kindly.library.path_week import ThisWeek
from kindly.ui.theme import HEADING, TITLE, paint_card, scaled_font, space


class ThisWeekPanel(QWidget):
    """Today: this week on the path, or an invitation to begin it and the usual practice."""

    start_requested = Signal(str)  # a quick-start name: today's practice, or "last" for the usual one
    begin_requested = Signal()
    path_requested = Signal()  # "See the path": the whole path, where the person is, and its moves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A calm card: its words in the text colours of the base it is painted on.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAccessibleName("Today")
        self.title = QLabel("Today")
        self.title.setFont(scaled_font(self.title.font(), HEADING))
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading.font(), TITLE, QFont.Weight.DemiBold))
        self.reading = QLabel("")
        self.reading.setWordWrap(True)
        self.reading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.today = QLabel("")
        self.today.setWordWrap(True)
        # The streak, said kindly; never a zero, never a scolding: with none (or hidden), no line at all.
        self.streak = QLabel("")
        self.streak.setAccessibleName("Streak")
        self.streak.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.streak.setVisible(False)
        self.start_button = QPushButton("Start to&day's practice")
        self.start_button.setAccessibleName("Start today's practice")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(self.start_button.sizeHint().height() * 3 // 2)  # the one large Start
        self.begin_button = QPushButton("Be&gin the path")
        self.begin_button.setAccessibleName("Begin the path")
        self.path_link = QPushButton("&See the path")
        self.path_link.setFlat(True)
        self.path_link.setAccessibleName("See the path: its weeks, and where you are on it")
        self.path_link.clicked.connect(self.path_requested)
        row = QHBoxLayout()
        row.addWidget(self.today, 1)
        row.addWidget(self.path_link)
        row.addWidget(self.begin_button)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(space(2), space(1.5), space(2), space(1.5))
        layout.setSpacing(space(0.75))
        layout.addWidget(self.title)
        layout.addWidget(self.heading)
        layout.addWidget(self.reading)
        layout.addLayout(row)
        layout.addWidget(self.streak)
        self._today: str | None = None
        self.start_button.clicked.connect(self._start_today)
        self.begin_button.clicked.connect(self.begin_requested)

    def show_week(
        self, week: ThisWeek | None, offered: PracticePath | None, usual: tuple[str, str] | None = None
    ) -> None:
        """The week the person is in; with none, the path they may begin and (`usual`: its quick-start
        name and title) the session they usually practise."""
        self.setVisible(week is not None or offered is not None or usual is not None)
        on_path = week is not None
        self.start_button.setVisible(on_path or usual is not None)
        self.begin_button.setVisible(not on_path and offered is not None)
        self.path_link.setVisible(on_path or offered is not None)
        start: tuple[str, str, str] | None = None  # the Start's words, accessible name and tip
        if week is not None:
            total = len(week.path.weeks)
            heading = f"Week {week.week.number} of {total} on your path: {week.week.title}"
            reading = week.week.reading
            today = f"Today: {week.daily_title}.   This week's practice: {week.practice_title}."
            self._today = week.week.daily
            start = ("Start to&day's practice", "Start today's practice", f"Start {week.daily_title}")
        else:
            heading = offered.title if offered is not None else ""
            reading = offered.description if offered is not None else ""
            today = "Begin whenever you like; missed days never count against you." if offered is not None else ""
            self._today = usual[0] if usual is not None else None
            if usual is not None:
                title = usual[1]
                start = (f"Start to&day: {title.replace('&', '&&')}", f"Start today: {title}", "Your last session")
        for label, text in ((self.heading, heading), (self.reading, reading), (self.today, today)):
            label.setText(text)
            label.setVisible(bool(text))
        if start is not None:
            words, name, tip = start
            self.start_button.setText(words)
            self.start_button.setAccessibleName(name)
            self.start_button.setToolTip(tip)

    def show_streak(self, days: int | None) -> None:
        """The days practised in a row (None: hidden by the person, or not known)."""
        words = streak_words(days)
        self.streak.setText(words)
        self.streak.setVisible(bool(words))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, QRectF(self.rect()), self.palette())
        painter.end()

    def _start_today(self) -> None:
        if self._today is not None:
            self.start_requested.emit(self._today)


def streak_words(days: int | None) -> str:
    """Today's streak as a kind word ("" for none: a missed day is never held against anyone)."""
    if days is None or days <= 0:
        return ""
    if days == 1:
        return "One day of practice so far: a good beginning."
    return f"{days} days of practice in a row. However today goes, it counts."
