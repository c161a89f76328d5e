"""The screen after a session: a kind word, the minutes practised, the streak (unless hidden), the
check-in after (when one is offered) and the path's question to reflect on.

Leaving it never touches the player, so the end bell always rings out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kindly.core.checkin import CheckIn
from kindly.core.practice_words import PracticeStory, encouragement, plural
from kindly.core.session_record import SESSION_MIN_S
from kindly.ui.session.breath_pacer import BreathPacer
from kindly.ui.session.checkin_panel import CheckInPanel
from kindly.ui.session.session_controller import SessionOutcome
from kindly.ui.theme import HEADING, scaled_font, space

KIND_WORDS_COMPLETED = (
    "Well done. You gave yourself this time.",
    "Thank you for being kind to yourself today.",
    "May this gentleness stay with you.",
    "You showed up for yourself. That matters.",
)
KIND_WORDS_EARLY = (
    "Every moment of practice counts.",
    "A short pause is still a kindness.",
    "You can come back whenever you like.",
)


def kind_word(outcome: SessionOutcome) -> str:
    """A kind word for how the session went; which one turns with the minutes practised."""
    words = KIND_WORDS_COMPLETED if outcome.completed else KIND_WORDS_EARLY
    return words[outcome.practised_minutes % len(words)]


def minutes_line(outcome: SessionOutcome) -> str:
    """Minutes rounded to the nearest (a full session shows its length), but never a minute not reached."""
    if outcome.practised_s < 60.0:
        return "You practised for less than a minute."
    return f"You practised for {plural(outcome.practised_minutes, 'minute')}."


def checked_in_line(before: CheckIn | None, after: CheckIn) -> str:
    """What the person answered, set beside what they said before: their own words back, not a verdict."""
    now = f"kindness {after.kindness}, ease {after.ease}"
    if before is None:
        return f"Thank you for checking in ({now})."
    return f"Thank you for checking in. Before: kindness {before.kindness}, ease {before.ease}. Now: {now}."


class EndScreen(QWidget):
    """Shows the outcome; Done goes home, Again starts the same session once more (either keeps the
    check-in's answers, when both were given); Skip, while the check-in is asked, leaves none."""

    done = Signal()
    again = Signal()
    checked_in = Signal(object)  # CheckIn: the person answered the check-in after the session

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The pacer at rest: the breath the session followed, settled.
        self.resting = BreathPacer(self)
        self.resting.setFixedSize(150, 150)
        self.resting.set_still(True)
        self.resting.setAccessibleName("The breath, at rest")
        self.kind_label = QLabel("")
        self.kind_label.setAccessibleDescription("A kind word")
        self.minutes_label = QLabel("")
        self.minutes_label.setAccessibleDescription("Minutes practised")
        self.streak_label = QLabel("")
        self.streak_label.setAccessibleDescription("Streak")
        self.prompt_label = QLabel("")
        self.prompt_label.setAccessibleDescription("To reflect on")
        self.prompt_label.setVisible(False)
        # Its own buttons are this screen's: Skip beside Again and Done, not a second row.
        self.checkin = CheckInPanel(None)
        self.checkin.setVisible(False)
        self.thanks_label = QLabel("")
        self.thanks_label.setAccessibleDescription("Your check-in")
        self.thanks_label.setVisible(False)
        self._before: CheckIn | None = None
        for label in (self.kind_label, self.minutes_label, self.streak_label, self.prompt_label, self.thanks_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.kind_label.setFont(scaled_font(self.kind_label.font(), HEADING))
        self.thanks_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # a quiet receipt, not news

        self.done_button = QPushButton("&Done")
        self.done_button.setAccessibleName("Done: back to the practices")
        self.done_button.setDefault(True)
        self.again_button = QPushButton("&Again")
        self.again_button.setAccessibleName("Start the same session again")
        self.skip_button = QPushButton("&Skip the check-in")
        self.skip_button.setAccessibleName("Skip the check-in: keep no answers")
        self.skip_button.setFlat(True)
        self.skip_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)

        # On a small screen (a laptop at 2x) the page scrolls rather than crush the check-in's sliders.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(space(4), space(4), space(4), space(4))
        layout.addStretch(2)
        layout.addWidget(self.resting, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(space(1))
        layout.addWidget(self.kind_label)
        layout.addSpacing(space(2))
        layout.addWidget(self.minutes_label)
        layout.addWidget(self.streak_label)
        layout.addSpacing(space(2))
        layout.addWidget(self.checkin, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.thanks_label)
        layout.addSpacing(space(1))
        layout.addWidget(self.prompt_label)
        layout.addSpacing(space(2.5))
        layout.addLayout(buttons)
        layout.addStretch(3)
        self.done_button.clicked.connect(self._on_done)
        self.again_button.clicked.connect(self._on_again)
        self.checkin.answered.connect(self._on_finished)
        self.checkin.skipped.connect(self._close_checkin)
        self.skip_button.clicked.connect(self._close_checkin)

    def show_outcome(
        self, outcome: SessionOutcome, story: PracticeStory | None, prompt: str | None = None, checkin: bool = False
    ) -> None:
        """`story` is the whole history so far, this session in it (None hides the streak's words: the
        user's choice, or no history to read); `prompt` is the
        path's question to reflect on, after one of this week's practices; `checkin` offers the
        check-in after (a session too short to be kept offers none)."""
        self.kind_label.setText(kind_word(outcome))
        self.minutes_label.setText(minutes_line(outcome))
        words = encouragement(story)
        self.streak_label.setText(words)
        self.streak_label.setVisible(bool(words))
        self.prompt_label.setText(f"To reflect on: {prompt}" if prompt else "")
        self.prompt_label.setVisible(bool(prompt))
        self._before = outcome.session.request.checkin_before
        self.thanks_label.setVisible(False)
        asked = checkin and not outcome.abandoned and outcome.practised_s >= SESSION_MIN_S
        self.checkin.setVisible(asked)
        self.skip_button.setVisible(asked)
        self.resting.setVisible(not asked)  # room for the questions on a small window
        if asked:
            self.checkin.ask("Before you go: how is it now?")  # afresh: never from the answers before
        else:
            self.done_button.setFocus()

    def _on_done(self) -> None:
        self._keep_answers()
        self.done.emit()

    def _on_again(self) -> None:
        self._keep_answers()
        self.again.emit()

    def _keep_answers(self) -> None:
        """Leaving with the check-in still open keeps what was answered: only Skip leaves none."""
        if not self.checkin.isHidden():
            answer = self.checkin.answer()
            if answer is not None:
                self.checked_in.emit(answer)
            self._close_checkin()

    def _on_finished(self, answer: CheckIn | None) -> None:
        """Enter in the check-in: kept (and said back) when both were answered, closed either way."""
        if answer is not None:
            self.checked_in.emit(answer)
            self.thanks_label.setText(checked_in_line(self._before, answer))
            self.thanks_label.setVisible(True)
        self._close_checkin()

    def _close_checkin(self) -> None:
        self.checkin.setVisible(False)
        self.skip_button.setVisible(False)
        self.resting.setVisible(True)
        self.done_button.setFocus()
