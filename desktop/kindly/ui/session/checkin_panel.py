"""A check-in: two questions answered in a few seconds, by slider or number keys, skipped with one key.

Keys, wherever the focus is in the panel: a digit answers the question in
focus (1 then 0 makes 10), the arrow keys move it, Enter moves to the next
question and, on the last, goes on; Escape skips.
The answers belong to the person alone: the panel never says what a good
answer would be.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from kindly.core.checkin import (
    EASE_ENDS,
    EASE_QUESTION,
    KINDNESS_ENDS,
    KINDNESS_QUESTION,
    SCALE_MAX,
    SCALE_MIN,
    CheckIn,
)
from kindly.ui.theme import HEADING, TITLE, scaled_font, space

MIDDLE = (SCALE_MIN + SCALE_MAX) // 2
PANEL_WIDTH = 500
TEN_WITHIN_S = 1.0  # 1 then 0 within this is ten
KEYS_HINT = "Number keys answer, Enter goes on, Esc skips. Yours alone; there is no right answer."


class _Question(QWidget):
    """One question: its words, a 0-10 slider between two ends, and the number chosen."""

    def __init__(self, question: str, ends: tuple[str, str], mnemonic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(SCALE_MIN, SCALE_MAX)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription(f"{SCALE_MIN} is {ends[0]}, {SCALE_MAX} is {ends[1]}")
        label = QLabel(question.replace(mnemonic, f"&{mnemonic}", 1))
        label.setBuddy(self.slider)
        self.value = QLabel(str(MIDDLE))
        self.value.setAccessibleName(f"{question}: answer")
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("10") + 8)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value.setFont(scaled_font(self.value.font(), HEADING))
        low, high = QLabel(ends[0]), QLabel(ends[1])
        for end in (low, high):
            end.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label, 0, 0, 1, 3)
        grid.addWidget(self.slider, 1, 0, 1, 2)
        grid.addWidget(self.value, 1, 2)
        grid.addWidget(low, 2, 0)
        grid.addWidget(high, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.slider.valueChanged.connect(lambda v: self.value.setText(str(v)))
        self._one_at: float | None = None  # when 1 was typed here, if it is still the answer

    def type_digit(self, digit: int) -> None:
        """A number key: 1 then 0 at once is ten; any other digit, or a 0 typed later, is itself."""
        import time

        now = time.monotonic()
        ten = (
            digit == 0
            and self._one_at is not None
            and now - self._one_at <= TEN_WITHIN_S
            and self.slider.value() == 1  # not moved since, by the arrows or the mouse
        )
        self._one_at = now if digit == 1 else None
        self.slider.setValue(SCALE_MAX if ten else digit)

    def reset(self, value: int) -> None:
        self._one_at = None
        self.slider.setValue(value)


class CheckInPanel(QWidget):
    """Asks the two questions; `answered` carries the CheckIn, `skipped` says the person let it be."""

    answered = Signal(object)  # CheckIn
    skipped = Signal()

    def __init__(self, go_on_text: str = "&Continue", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Check-in")
        # A fixed width: the wrapped heading and hint then ask for the same height wherever it is shown.
        self.setFixedWidth(PANEL_WIDTH)
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Check-in")
        self.heading.setFont(scaled_font(self.heading.font(), TITLE))
        self.kindness = _Question(KINDNESS_QUESTION, KINDNESS_ENDS, "How")
        self.ease = _Question(EASE_QUESTION, EASE_ENDS, "ease")
        self.hint = QLabel(KEYS_HINT)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.skip_button = QPushButton("&Skip")
        self.skip_button.setAccessibleName("Skip the check-in")
        self.go_on_button = QPushButton(go_on_text)
        self.go_on_button.setAccessibleName(go_on_text.replace("&", "") + " with these answers")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.go_on_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(space(2))
        layout.addWidget(self.heading)
        layout.addWidget(self.kindness)
        layout.addWidget(self.ease)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self._moved = False
        for question in (self.kindness, self.ease):
            # A value changed, or a slider touched where it stood (a drag back, an arrow at its end).
            question.slider.valueChanged.connect(self._on_moved)
            question.slider.actionTriggered.connect(self._on_moved)
        self.skip_button.clicked.connect(self.skipped)
        self.go_on_button.clicked.connect(self._answer)
        self.setTabOrder(self.kindness.slider, self.ease.slider)

    @property
    def questions(self) -> tuple[_Question, _Question]:
        return (self.kindness, self.ease)

    def ask(self, heading: str, start: CheckIn | None = None) -> None:
        """Show the questions afresh, starting from `start` (the answers given before) or the middle."""
        self.heading.setText(heading)
        self.kindness.reset(start.kindness if start else MIDDLE)
        self.ease.reset(start.ease if start else MIDDLE)
        self._moved = False
        self.kindness.slider.setFocus()

    @property
    def moved(self) -> bool:
        """Whether either answer was moved since the questions were asked (an answer given, even
        without its button)."""
        return self._moved

    def _on_moved(self, _value_or_action: int = 0) -> None:
        self._moved = True

    def answer(self) -> CheckIn:
        return CheckIn(self.kindness.slider.value(), self.ease.slider.value())

    def _answer(self) -> None:
        self.answered.emit(self.answer())

    def _in_focus(self) -> _Question | None:
        focus = self.focusWidget()
        return next((q for q in self.questions if q.slider is focus), None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        question = self._in_focus()
        if key == Qt.Key.Key_Escape:
            self.skipped.emit()
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            (question or self.kindness).type_digit(key - Qt.Key.Key_0)
            self._on_moved()  # typed, even the number already shown
            (question or self.kindness).slider.setFocus()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if question is self.kindness:
                self.ease.slider.setFocus()
            elif self.focusWidget() is self.skip_button:
                self.skipped.emit()
            else:
                self._answer()
        else:
            super().keyPressEvent(event)
