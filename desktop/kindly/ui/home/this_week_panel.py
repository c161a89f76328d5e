"""The home page's "This week": the week on the path, its reading, and today's practice with one Start.

Not on a path, it offers the bundled one in a line, once, with "Begin the
path"; on it, it names the week, gives the reading, and starts today's short
practice. It shows what `kindly.library.path_week` says and asks nothing of
the store itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kindly.core.path_script import PracticePath
from kindly.library.path_week import ThisWeek


class ThisWeekPanel(QFrame):
    """This week on the path, or an invitation to begin it."""

    start_requested = Signal(str)  # a practice id: today's practice
    begin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("This week")
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.reading = QLabel("")
        self.reading.setWordWrap(True)
        self.reading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.today = QLabel("")
        self.today.setWordWrap(True)
        self.start_button = QPushButton("Start to&day's practice")
        self.start_button.setAccessibleName("Start today's practice")
        self.begin_button = QPushButton("Be&gin the path")
        self.begin_button.setAccessibleName("Begin the path")
        row = QHBoxLayout()
        row.addWidget(self.today, 1)
        row.addWidget(self.begin_button)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.reading)
        layout.addLayout(row)
        self._today: str | None = None
        self.start_button.clicked.connect(self._start_today)
        self.begin_button.clicked.connect(self.begin_requested)

    def show_week(self, week: ThisWeek | None, offered: PracticePath | None) -> None:
        """The week the person is in; with none, the path they may begin (or nothing at all)."""
        self.setVisible(week is not None or offered is not None)
        on_path = week is not None
        self.start_button.setVisible(on_path)
        self.begin_button.setVisible(not on_path)
        if week is not None:
            total = len(week.path.weeks)
            self.heading.setText(f"This week · Week {week.week.number} of {total}: {week.week.title}")
            self.reading.setText(week.week.reading)
            self.today.setText(f"Today: {week.daily_title}.   This week's practice: {week.practice_title}.")
            self._today = week.week.daily
            self.start_button.setToolTip(f"Start {week.daily_title}")
        elif offered is not None:
            self.heading.setText(offered.title)
            self.reading.setText(offered.description)
            self.today.setText("Begin whenever you like; missed days never count against you.")
            self._today = None

    def _start_today(self) -> None:
        if self._today is not None:
            self.start_requested.emit(self._today)
