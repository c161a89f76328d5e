"""A check-in: two questions answered in a few seconds, by slider or number keys, skipped with one key.

Each question starts unanswered: no number, no handle, nothing suggested. A
click on the slider answers where it lands; an arrow key first answers the
middle and moves from there; a number key answers the question in focus and
moves on to the next, so 7 then 4 answers both (1 then 0 at once is ten).
Enter finishes with the answers given; Escape skips. A check-in is kept
only when both questions have an answer: one left unanswered keeps nothing.
The answers belong to the person alone: the panel never says what a good
answer would be.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from kindly.core.checkin import (
    EASE_ENDS,
    EASE_QUESTION,
    KINDNESS_ENDS,
    KINDNESS_QUESTION,
    SCALE_MAX,
    SCALE_MIN,
    CheckIn,
)
from kindly.ui.theme import CORNER_RADIUS_PX, HEADING, TITLE, scaled_font, space

MIDDLE = (SCALE_MIN + SCALE_MAX) // 2
PANEL_WIDTH = 500
TEN_WITHIN_S = 1.0  # 1 then 0 within this is ten
UNANSWERED = "–"  # what the number beside an unanswered question shows: not a value
KEYS_HINT = "A number key answers and moves on, Enter finishes, Esc skips. Yours alone; there is no right answer."
KEYS_HINT_BEFORE = (
    "A number key answers and moves on, Enter begins, Esc goes back. Yours alone; there is no right answer."
)
FOCUS_RING_PX = 2
_STEPS = frozenset(  # the slider's actions that step from where it stands (the arrow and page keys)
    a.value
    for a in (
        QSlider.SliderAction.SliderSingleStepAdd,
        QSlider.SliderAction.SliderSingleStepSub,
        QSlider.SliderAction.SliderPageStepAdd,
        QSlider.SliderAction.SliderPageStepSub,
    )
)


class AnswerSlider(QSlider):
    """A 0-10 slider that can be unanswered: then it draws no handle and no filled groove, so it
    suggests no number. The person's own touch (a click, an arrow key) answers it."""

    chosen = Signal()  # the person answered or moved the answer (never a programmatic reset)

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setRange(SCALE_MIN, SCALE_MAX)
        self.setPageStep(1)
        self.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.setTickInterval(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._answered = False
        self.actionTriggered.connect(self._on_action)

    @property
    def answered(self) -> bool:
        return self._answered

    def clear_answer(self) -> None:
        self._answered = False
        self.setValue(MIDDLE)  # where the first arrow key answers from
        self.update()

    def answer(self, value: int) -> None:
        """Answer `value` (a number key, or a click)."""
        self._answered = True
        self.setValue(value)
        self.update()
        self.chosen.emit()

    def _on_action(self, action: int) -> None:
        if not self._answered:
            if action in _STEPS:
                # The first arrow answers the middle: the handle appears there and moves from it.
                self.setSliderPosition(MIDDLE)
            self._answered = True
            self.update()
        self.chosen.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel passing over (the page scrolling) answers nothing; with the keys here it moves the answer."""
        if self.hasFocus() and self._answered:
            super().wheelEvent(event)
        else:
            event.ignore()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click answers where it lands (then a drag moves it), rather than stepping toward it."""
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            at = event.position().toPoint()
            if not (self._answered and handle.contains(at)):
                span = max(1, groove.width() - handle.width())
                x = at.x() - groove.x() - handle.width() // 2
                self.answer(QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span))
                self.initStyleOption(option)
                handle = self.style().subControlRect(
                    QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
                )
                if not handle.contains(at):
                    self.setFocus(Qt.FocusReason.MouseFocusReason)
                    event.accept()
                    return  # answered where it landed; not a page step on top
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._answered:
            super().paintEvent(event)
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.sliderPosition = option.sliderValue = self.minimum()  # no filled part
        option.subControls = QStyle.SubControl.SC_SliderGroove | QStyle.SubControl.SC_SliderTickmarks
        QStylePainter(self).drawComplexControl(QStyle.ComplexControl.CC_Slider, option)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._ring_changed()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._ring_changed()

    def _ring_changed(self) -> None:
        question = self.parentWidget()
        if question is not None:
            question.update()  # its question draws the focus ring


class _Question(QWidget):
    """One question: its words, a 0-10 slider between two ends, and the number chosen; a ring in the
    highlight colour around it while it has the keys."""

    def __init__(self, question: str, ends: tuple[str, str], mnemonic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = AnswerSlider()
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription(f"{SCALE_MIN} is {ends[0]}, {SCALE_MAX} is {ends[1]}; not answered yet")
        self._ends = ends
        label = QLabel(question.replace(mnemonic, f"&{mnemonic}", 1))
        label.setBuddy(self.slider)
        self.value = QLabel(UNANSWERED)
        self.value.setAccessibleDescription(f"{question}: answer")
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("10") + 8)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value.setFont(scaled_font(self.value.font(), HEADING))
        low, high = QLabel(ends[0]), QLabel(ends[1])
        for end in (low, high):
            end.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(space(1), space(0.5), space(1), space(0.5))  # room for the focus ring
        grid.addWidget(label, 0, 0, 1, 3)
        grid.addWidget(self.slider, 1, 0, 1, 2)
        grid.addWidget(self.value, 1, 2)
        grid.addWidget(low, 2, 0)
        grid.addWidget(high, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.slider.valueChanged.connect(self._show_value)
        self.slider.chosen.connect(self._show_value)

    @property
    def answered(self) -> bool:
        return self.slider.answered

    @property
    def answer(self) -> int | None:
        return self.slider.value() if self.slider.answered else None

    def _show_value(self, _value: int = 0) -> None:
        shown = str(self.slider.value()) if self.slider.answered else UNANSWERED
        self.value.setText(shown)
        what = f"answered {shown}" if self.slider.answered else "not answered yet"
        self.slider.setAccessibleDescription(f"{SCALE_MIN} is {self._ends[0]}, {SCALE_MAX} is {self._ends[1]}; {what}")

    def reset(self) -> None:
        self.slider.clear_answer()
        self._show_value()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.slider.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING_PX))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FOCUS_RING_PX / 2
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(rect, CORNER_RADIUS_PX, CORNER_RADIUS_PX)
        painter.end()


class CheckInPanel(QWidget):
    """Asks the two questions; `answered` carries the CheckIn (None when not both were answered),
    `skipped` says the person let it be."""

    answered = Signal(object)  # CheckIn | None
    skipped = Signal()
    backed_out = Signal()  # Esc before a session: not now, neither the check-in nor the session

    def __init__(
        self, go_on_text: str | None = "&Continue", parent: QWidget | None = None, *, escape_backs_out: bool = False
    ) -> None:
        """`go_on_text` None leaves out its Skip and go-on buttons (the end screen has its own row).

        `escape_backs_out`: Esc leaves without starting (the check-in before a session: Skip
        begins without answering, so Esc is the one way back that starts nothing)."""
        super().__init__(parent)
        self._escape_backs_out = escape_backs_out
        self.setAccessibleName("Check-in")
        # A fixed width: the wrapped heading and hint then ask for the same height wherever it is shown.
        self.setFixedWidth(PANEL_WIDTH)
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.heading.font(), TITLE))
        self.kindness = _Question(KINDNESS_QUESTION, KINDNESS_ENDS, "How")
        self.ease = _Question(EASE_QUESTION, EASE_ENDS, "ease")
        self.hint = QLabel(KEYS_HINT_BEFORE if escape_backs_out else KEYS_HINT)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.skip_button: QPushButton | None = None
        self.go_on_button: QPushButton | None = None
        row = QHBoxLayout()
        if go_on_text is not None:
            self.skip_button = QPushButton("&Skip")
            self.skip_button.setAccessibleName("Skip the check-in")
            self.skip_button.clicked.connect(self.skipped)
            self.go_on_button = QPushButton(go_on_text)
            self.go_on_button.setAccessibleName(go_on_text.replace("&", "") + " with the answers given")
            self.go_on_button.setDefault(True)
            self.go_on_button.clicked.connect(self.finish)
            row.addStretch(1)
            row.addWidget(self.skip_button)
            row.addWidget(self.go_on_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(space(1.5))
        layout.addWidget(self.heading)
        layout.addWidget(self.kindness)
        layout.addWidget(self.ease)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        self._ten: tuple[_Question, float, int] | None = None  # a 1 just typed: its question, when, the touch count
        self._touches = 0  # the person's touches of either answer, by any means
        for question in self.questions:
            question.slider.chosen.connect(self._touched)
        self.setTabOrder(self.kindness.slider, self.ease.slider)

    @property
    def questions(self) -> tuple[_Question, _Question]:
        return (self.kindness, self.ease)

    def ask(self, heading: str) -> None:
        """Show the questions afresh: both unanswered, whatever was answered before."""
        self.heading.setText(heading)
        for question in self.questions:
            question.reset()
        self._ten = None
        self.kindness.slider.setFocus()

    def answer(self) -> CheckIn | None:
        """The check-in given: both answers, or None (one left unanswered keeps nothing)."""
        kindness, ease = self.kindness.answer, self.ease.answer
        return CheckIn(kindness, ease) if kindness is not None and ease is not None else None

    def finish(self) -> None:
        """Go on with the answers given (Enter, or the go-on button)."""
        self.answered.emit(self.answer())

    def _touched(self) -> None:
        self._touches += 1

    def _in_focus(self) -> _Question | None:
        focus = self.focusWidget()
        return next((q for q in self.questions if q.slider is focus), None)

    def type_digit(self, digit: int) -> None:
        """A number key: answers the question in focus and moves on to the next; a 0 straight after
        a 1 (nothing touched between) makes that 1 a ten, where the focus now is or not."""
        now = time.monotonic()
        ten = self._ten
        if digit == 0 and ten is not None and now - ten[1] <= TEN_WITHIN_S and ten[2] == self._touches:
            self._ten = None
            ten[0].slider.answer(SCALE_MAX)
            return
        question = self._in_focus() or next((q for q in self.questions if not q.answered), self.kindness)
        question.slider.answer(digit)
        self._ten = (question, now, self._touches) if digit == 1 else None
        later = self.questions[self.questions.index(question) + 1 :]
        (later[0] if later else question).slider.setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            (self.backed_out if self._escape_backs_out else self.skipped).emit()
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.type_digit(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.skip_button is not None and self.focusWidget() is self.skip_button:
                self.skipped.emit()
            else:
                self.finish()
        else:
            super().keyPressEvent(event)
