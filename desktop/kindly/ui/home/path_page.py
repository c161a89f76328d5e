"""The path page: the weeks of the path with their practices and readings, where the person is on it,
and what they may do (begin, move on, start again, leave).

It reads like a page of a book, not like settings: each week a calm card,
this week marked, the weeks walked ticked. It shows what
`kindly.library.path_week` says and asks the window to act through its
signals; the moves themselves are the library's, the same ones `kindly path`
makes. Leaving asks once, and says the history stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kindly.core.path_script import PathWeek, PracticePath
from kindly.library.path_week import ThisWeek
from kindly.ui.theme import (
    CAPTION,
    CORNER_RADIUS_PX,
    HEADING,
    TITLE,
    focus_ring_colour,
    paint_card,
    paint_focus_ring,
    scaled_font,
    space,
)

LEAVE_QUESTION = "Leave the path?"
LEAVE_KEPT = "Your history stays."
WALKED, THIS_WEEK, AHEAD = "walked", "this week", "ahead"
READING_WIDTH_PX = space(100)  # the page's column, centred on a wide window
MARK_PX = 4  # this week's mark down the card's left edge, as the chosen practice has


class WeekCard(QWidget):
    """One week: its title, its practices and its reading; walked, this week, or ahead."""

    focused = Signal()  # the keyboard is on this week: the page scrolls it into view
    step = Signal(int)  # an arrow key asks for the week before (-1) or after (+1)
    edge = Signal(bool)  # Home (False) or End (True) asks for the first or the last week

    def __init__(self, week: PathWeek, total: int, where: str | None, practice: str, daily: str) -> None:
        super().__init__()
        self.number = week.number
        self.where = where
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        marked = {WALKED: " · walked ✓", THIS_WEEK: " · this week"}.get(where or "", "")
        self.tag = QLabel(f"Week {week.number}{marked}")
        self.tag.setFont(scaled_font(self.tag.font(), CAPTION, QFont.Weight.DemiBold if where == THIS_WEEK else None))
        if where != THIS_WEEK:
            self.tag.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title = QLabel(week.title)
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(self.title.font(), TITLE, QFont.Weight.DemiBold))
        practices = f"Practice: {practice}   ·   Each day: {daily}"
        self.practices = QLabel(practices)
        self.practices.setWordWrap(True)
        self.reading = QLabel(week.reading)
        self.reading.setWordWrap(True)
        self.reading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(space(2) + MARK_PX, space(1.5), space(2), space(1.5))
        layout.setSpacing(space(0.5))
        for label in (self.tag, self.title, self.practices, self.reading):
            layout.addWidget(label)
        said = f", {where}" if where else ""
        self.setAccessibleName(f"Week {week.number} of {total}{said}: {week.title}")
        self.setAccessibleDescription(f"{practices}. {week.reading}")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        card = QRectF(self.rect())
        current = self.where == THIS_WEEK
        paint_card(painter, card, palette, highlight if current else None, 2.0 if current else 1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if current:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            pad = space(1.5)
            painter.drawRoundedRect(QRectF(card.left() + 2, card.top() + pad, MARK_PX, card.height() - 2 * pad), 2, 2)
        if self.hasFocus():  # a ring inside the edge: the keyboard's place, 3:1 on the card in every look
            ring = focus_ring_colour(palette, palette.color(QPalette.ColorRole.Base))
            paint_focus_ring(painter, card.adjusted(3, 3, -3, -3), ring, CORNER_RADIUS_PX - 3)
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.edge.emit(key == Qt.Key.Key_End)
        else:
            super().keyPressEvent(event)


class PathPage(QWidget):
    """The whole path, where the person is on it, and the few things they may do about it."""

    back_requested = Signal()
    begin_requested = Signal()
    move_on_requested = Signal()
    start_again_requested = Signal()
    leave_requested = Signal()  # asked once, and the person said yes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your path")
        self.back_button = QPushButton("‹ &Back")
        self.back_button.setAccessibleName("Back to Today")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading.font(), HEADING))
        self.description = QLabel("")
        self.description.setWordWrap(True)
        self.place = QLabel("")
        self.place.setWordWrap(True)
        self.place.setAccessibleDescription("Where you are")
        self.place.setFont(scaled_font(self.place.font(), 1.0, QFont.Weight.DemiBold))
        self.begin_button = QPushButton("Be&gin the path")
        self.begin_button.setDefault(True)
        self.move_on_button = QPushButton("&Move on to the next week")
        self.start_again_button = QPushButton("Start &again at week 1")
        self.leave_button = QPushButton("&Leave the path…")
        self.leave_button.setAccessibleName("Leave the path")
        self.begin_button.clicked.connect(self.begin_requested)
        self.move_on_button.clicked.connect(self.move_on_requested)
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.leave_button.clicked.connect(self.ask_to_leave)
        self.care = QLabel("")
        self.care.setWordWrap(True)
        self.care.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.care.setFont(scaled_font(self.care.font(), CAPTION))
        self.weeks: list[WeekCard] = []
        self.leave_question: QMessageBox | None = None

        actions = QHBoxLayout()
        actions.setSpacing(space(1))
        for button in (self.begin_button, self.move_on_button, self.start_again_button, self.leave_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self._weeks_column = QVBoxLayout()
        self._weeks_column.setSpacing(space(1))
        text = QWidget()
        text.setMaximumWidth(READING_WIDTH_PX)  # lines short enough to read, as a page of a book
        content = QWidget()
        centred = QHBoxLayout(content)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(text)
        column = QVBoxLayout(text)
        column.setContentsMargins(space(3), space(1), space(3), space(3))
        column.setSpacing(space(1))
        column.addWidget(self.heading)
        column.addWidget(self.description)
        column.addSpacing(space(0.5))
        column.addWidget(self.place)
        column.addLayout(actions)
        column.addSpacing(space(1))
        column.addLayout(self._weeks_column)
        column.addWidget(self.care)
        column.addStretch(1)
        # One scroll area for the whole page (the weeks are not a list scrolling inside it).
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        top = QHBoxLayout()
        top.setContentsMargins(space(2), space(1.5), space(2), 0)
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)

    def show_path(
        self, path: PracticePath, week: ThisWeek | None, day: int, walked: bool, title_of: Callable[[str], str]
    ) -> None:
        """`path`, and where the person is on it: `week` (None: not begun), its `day` (1 to 7) and
        whether the whole path is `walked`; `title_of` names a practice by its id."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        total = len(path.weeks)
        now = week.week.number if week is not None else None
        self.heading.setText(path.title)
        self.description.setText(path.description)
        if now is None:
            place = "Begin whenever you like; missed days never count against you."
        elif walked:
            place = "You have walked the whole path. It stays here to come back to, whenever you like."
        else:
            place = (
                f"You are in week {now} of {total}, day {day} of 7. A week gives way to the next "
                "after its seven days, or sooner when you move on."
            )
        self.place.setText(place)
        self.care.setText(path.care or "")
        self.care.setVisible(bool(path.care))
        self.begin_button.setVisible(now is None)
        self.move_on_button.setVisible(now is not None and now < total)
        if now is not None and now < total:
            self.move_on_button.setText(f"&Move on to week {now + 1}")
            self.move_on_button.setAccessibleName(f"Move on to week {now + 1}: {path.weeks[now].title}")
        # Starting again from the very start of the path would change nothing: not offered there.
        self.start_again_button.setVisible(now is not None and (now, day) != (1, 1))
        self.leave_button.setVisible(now is not None)
        self._fill_weeks(path, now, walked, title_of)
        if had_focus:  # after a move made here, the keyboard lands on where the person now is
            self.focus_here()

    def focus_here(self) -> None:
        """The keyboard starts on this week (or, not begun, on Begin)."""
        first = self.current_card() or (self.begin_button if self.begin_button.isVisibleTo(self) else None)
        target = first or (self.weeks[0] if self.weeks else self.back_button)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_card(self) -> WeekCard | None:
        return next((card for card in self.weeks if card.where == THIS_WEEK), None)

    def ask_to_leave(self) -> QMessageBox:
        """Ask once whether to leave; "Stay" is the default and Esc, so a slip never leaves."""
        question = QMessageBox(self)
        question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        question.setIcon(QMessageBox.Icon.Question)
        question.setWindowTitle(LEAVE_QUESTION)
        question.setText(LEAVE_QUESTION)
        question.setInformativeText(LEAVE_KEPT)
        question.setAccessibleName(f"{LEAVE_QUESTION} {LEAVE_KEPT}")
        leave = question.addButton("&Leave the path", QMessageBox.ButtonRole.AcceptRole)
        stay = question.addButton("&Stay on it", QMessageBox.ButtonRole.RejectRole)
        question.setDefaultButton(stay)
        question.setEscapeButton(stay)
        leave.clicked.connect(self.leave_requested)
        question.finished.connect(lambda _result: self._forget(question))
        self.leave_question = question
        question.open()
        return question

    def _forget(self, question: QMessageBox) -> None:
        if self.leave_question is question:
            self.leave_question = None

    def _fill_weeks(self, path: PracticePath, now: int | None, walked: bool, title_of: Callable[[str], str]) -> None:
        for card in self.weeks:
            self._weeks_column.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.weeks = []
        previous: QWidget = self.leave_button
        for index, week in enumerate(path.weeks):
            where = None if now is None else _where(week.number, now, walked)
            card = WeekCard(week, len(path.weeks), where, title_of(week.practice), title_of(week.daily))
            card.focused.connect(lambda shown=card: QTimer.singleShot(0, lambda: self._bring_into_view(shown)))
            card.step.connect(lambda by, at=index: self._focus_week(at + by))
            card.edge.connect(lambda last: self._focus_week(len(self.weeks) - 1 if last else 0))
            self._weeks_column.addWidget(card)
            QWidget.setTabOrder(previous, card)
            previous = card
            self.weeks.append(card)

    def _bring_into_view(self, card: WeekCard) -> None:
        """Scroll `card` into view once the page is laid out (a card since replaced is let be)."""
        if card in self.weeks:
            self.scroll_area.ensureWidgetVisible(card, 0, space(2))

    def _focus_week(self, index: int) -> None:
        if 0 <= index < len(self.weeks):
            self.weeks[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
        else:
            super().keyPressEvent(event)


def _where(number: int, now: int, walked: bool) -> str:
    """Where week `number` is for a person in week `now`: walked, this week, or ahead."""
    if number < now or walked:
        return WALKED
    return THIS_WEEK if number == now else AHEAD
