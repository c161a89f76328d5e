"""The home page's "Today": the week on the path, its reading, and one large Start for today's practice.

On a path, it names the week, gives the reading, and starts today's short
practice. Not on one, it offers the bundled path with "Begin the path" and,
for a person who has practised before, one large Start for their usual
session (the last one, as it was set up). It shows what
`kindly.library.path_week` says and asks nothing of the store itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kindly.core.path_script import PracticePath
from kindly.library.path_week import ThisWeek


class ThisWeekPanel(QFrame):
    """Today: this week on the path, or an invitation to begin it and the usual practice."""

    start_requested = Signal(str)  # a quick-start name: today's practice, or "last" for the usual one
    begin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Today")
        self.title = QLabel("Today")
        title_font = self.title.font()
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        self.title.setFont(title_font)
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
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(self.start_button.sizeHint().height() * 3 // 2)  # the one large Start
        self.begin_button = QPushButton("Be&gin the path")
        self.begin_button.setAccessibleName("Begin the path")
        row = QHBoxLayout()
        row.addWidget(self.today, 1)
        row.addWidget(self.begin_button)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.heading)
        layout.addWidget(self.reading)
        layout.addLayout(row)
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

    def _start_today(self) -> None:
        if self._today is not None:
            self.start_requested.emit(self._today)
