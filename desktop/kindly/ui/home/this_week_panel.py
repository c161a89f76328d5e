"""The home page's "Today": one large invitation, what it starts said plainly, and one quieter line.

On a path, the one large button starts today's short practice, and a quiet
line beneath offers the week's longer one. Not on one, a person who has
practised before gets their usual session (the last one, as it was set up)
and a quiet line offering the bundled path; a newcomer is invited to begin
the path. Once today is a practice day the card says so ("Practised today:
12 minutes") and the large button offers another rather than the same words
again. The words under it read the whole history (`kindly.core.practice_words`).
The card shows what `kindly.library.path_week` and the history say and asks
nothing of the store itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kindly.core.path_script import PracticePath
from kindly.core.practice_words import PracticeStory, encouragement, practised_today_line
from kindly.library.path_week import ThisWeek
from kindly.ui.theme import HEADING, TITLE, paint_card, scaled_font, space


class ThisWeekPanel(QWidget):
    """Today: one large start (today's practice on the path, or the usual one), or an invitation to begin
    the path; a quieter line for the other."""

    start_requested = Signal(str)  # a quick-start name: today's practice, the week's, or "last" for the usual one
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
        self.today = QLabel("")  # what today holds, or "Practised today: 12 minutes"
        self.today.setWordWrap(True)
        self.today.setAccessibleDescription("Today so far")
        # Words from the whole history; never a zero, never a scolding: with nothing to say, no line at all.
        self.encouragement = QLabel("")
        self.encouragement.setAccessibleDescription("Encouragement")
        self.encouragement.setWordWrap(True)
        self.encouragement.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.encouragement.setVisible(False)
        self.start_button = QPushButton("&Start")
        self.start_button.setDefault(True)
        large = self.start_button.sizeHint().height() * 3 // 2
        self.start_button.setMinimumHeight(large)  # the one large invitation
        self.begin_button = QPushButton("Be&gin the path")  # a newcomer's one invitation
        self.begin_button.setAccessibleName("Begin the path")
        self.begin_button.setMinimumHeight(large)
        # The quieter line: flat, in the text's colour, never a second blue button.
        self.other_button = QPushButton("")
        self.other_button.setFlat(True)
        self.other_button.setVisible(False)
        self.path_link = QPushButton("Se&e the path")
        self.path_link.setFlat(True)
        self.path_link.setAccessibleName("See the path: its weeks, and where you are on it")
        self.path_link.clicked.connect(self.path_requested)
        row = QHBoxLayout()
        row.addWidget(self.begin_button)
        row.addWidget(self.start_button)
        row.addStretch(1)
        quiet = QHBoxLayout()
        quiet.addWidget(self.other_button)
        quiet.addStretch(1)
        quiet.addWidget(self.path_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(space(2), space(1.5), space(2), space(1.5))
        layout.setSpacing(space(0.75))
        layout.addWidget(self.title)
        layout.addWidget(self.heading)
        layout.addWidget(self.reading)
        layout.addWidget(self.today)
        layout.addLayout(row)
        layout.addLayout(quiet)
        layout.addWidget(self.encouragement)
        self._week: ThisWeek | None = None
        self._offered: PracticePath | None = None
        self._usual: tuple[str, str] | None = None
        self._story: PracticeStory | None = None
        self._today: str | None = None  # what the large button starts (a quick-start name)
        self._other: str | None = None  # what the quiet line starts; None: it begins the path
        self.start_button.clicked.connect(self._start_today)
        self.begin_button.clicked.connect(self.begin_requested)
        self.other_button.clicked.connect(self._start_other)

    def show_week(
        self, week: ThisWeek | None, offered: PracticePath | None, usual: tuple[str, str] | None = None
    ) -> None:
        """The week the person is in; with none, the path they may begin and (`usual`: its quick-start
        name and title) the session they usually practise."""
        self._week, self._offered, self._usual = week, offered, usual
        self._show()

    def show_story(self, story: PracticeStory | None) -> None:
        """The history so far (None: not known): today's minutes and the words under the card."""
        self._story = story
        self._show()

    @property
    def offer(self) -> tuple[str, str] | None:
        """(quick-start name, plain words) of the large button, as the tray's first item offers it too."""
        if self._today is None or self.start_button.isHidden():
            return None
        return self._today, self.start_button.accessibleName()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, QRectF(self.rect()), self.palette())
        painter.end()

    def _show(self) -> None:
        week, offered, usual = self._week, self._offered, self._usual
        self.setVisible(week is not None or offered is not None or usual is not None)
        done = practised_today_line(self._story)
        heading = reading = today = other = ""
        starts: tuple[str, str] | None = None  # (quick-start name, title) of the large button
        self._other = None
        if week is not None:
            heading = f"Week {week.week.number} of {len(week.path.weeks)} on your path: {week.week.title}"
            reading = week.week.reading
            starts = (week.week.daily, week.daily_title)
            if week.week.practice != week.week.daily:
                other, self._other = f"Or this week's practice: {week.practice_title}", week.week.practice
        elif usual is not None:
            starts = usual
            if offered is not None:
                other = f"Or begin the path: {offered.title}"
                self.other_button.setToolTip(offered.description)
        elif offered is not None:
            heading, reading = offered.title, offered.description
            # Practised today with no usual practice to offer (another machine's session, a silent timer).
            today = f"{done}." if done else "Begin whenever you like; missed days never count against you."
        self._today = starts[0] if starts is not None else None
        if starts is not None:
            title = starts[1]
            words = f"Another? {title}" if done else f"Start: {title}"
            self.start_button.setText(("&Another? " if done else "&Start: ") + title.replace("&", "&&"))
            self.start_button.setAccessibleName(words)
            self.start_button.setToolTip(f"Another session of {title}" if done else f"Starts {title}")
            today = f"{done}." if done else today
        self.start_button.setVisible(starts is not None)
        self.begin_button.setVisible(starts is None and offered is not None)
        self.other_button.setText(other.replace("&", "&&"))
        self.other_button.setAccessibleName(other)
        self.other_button.setVisible(bool(other))
        self.path_link.setVisible(week is not None or offered is not None)
        for label, text in ((self.heading, heading), (self.reading, reading), (self.today, today)):
            label.setText(text)
            label.setVisible(bool(text))
        words = encouragement(self._story)
        self.encouragement.setText(words)
        self.encouragement.setVisible(bool(words))

    def _start_today(self) -> None:
        if self._today is not None:
            self.start_requested.emit(self._today)

    def _start_other(self) -> None:
        if self._other is not None:
            self.start_requested.emit(self._other)
        else:
            self.begin_requested.emit()
