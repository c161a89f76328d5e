"""The screen shown while a session runs: the breath pacer, the phase, time left, captions.

Its "Sound" pop-up changes the running session's volumes at once (the main
window remembers them for the next session). A practice with no recorded
voice says so on the notice line; one with no voice at all is its captions,
shown whatever the captions switch says.

Everything on it is read from the plan at the player's position on each of
the pacer's frames, so what it shows always matches what is heard; with the
window hidden nothing here runs at all.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QMouseEvent, QPalette, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kindly.library.narration_status import CAPTIONS_ONLY, SYSTEM_VOICE
from kindly.ui.clock_text import format_clock
from kindly.ui.session.breath_pacer import BreathPacer, is_paced, phase_words
from kindly.ui.session.session_controller import ActiveSession, SessionController
from kindly.ui.session.session_volumes import VolumePopup

if TYPE_CHECKING:
    from kindly.core.session_plan import Cue, SessionPlan

__all__ = ["CaptionTrack", "SessionScreen", "format_clock", "voice_note"]

VOICE_NOTES: dict[str, str] = {
    SYSTEM_VOICE: "This practice is read by your system's voice.",
    CAPTIONS_ONLY: "No voice is available here: this practice is shown as captions.",
}


UNPACED_WORDS = "Breathe as you are"


CAPTION_SCALE = 1.45  # captions, in the body font's size: read from a chair, not a desk


def voice_note(plan: SessionPlan) -> str:
    """One quiet line when the practice is not heard in a recorded voice ("" when it is)."""
    return VOICE_NOTES.get(plan.narration_voice or "", "")


class CaptionTrack:
    """The narration phrase being spoken at any moment of a plan."""

    def __init__(self, plan: SessionPlan | None) -> None:
        cues = [c for c in plan.cues if c.kind == "narration"] if plan is not None else []
        self._cues: list[Cue] = cues
        self._times = [c.t for c in cues]

    def text_at(self, t: float) -> str:
        i = bisect.bisect_right(self._times, t) - 1
        if i < 0:
            return ""
        cue = self._cues[i]
        return cue.text or "" if t < cue.t + (cue.duration or 0.0) else ""


class SessionScreen(QWidget):
    """The pacer and its words, with pause, stop and the captions switch."""

    captions_toggled = Signal(bool)
    focus_requested = Signal()  # F or a double-click: the session asks for the whole screen, or gives it back
    focus_left = Signal()  # Esc while the session has the whole screen: give it back (the session goes on)
    volume_changed = Signal(str, int)  # layer, 0-100: applied to the session, to be remembered

    def __init__(
        self, controller: SessionController, captions: bool, time_left: bool = True, parent: QWidget | None = None
    ) -> None:
        """`time_left` False leaves the clock off the screen: only the breath and the words."""
        super().__init__(parent)
        self._controller = controller
        self._session: ActiveSession | None = None
        self._captions = CaptionTrack(None)
        self._voice_note = ""
        self._captions_forced = False

        self.title_label = QLabel("")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setAccessibleName("Practice")
        self.title_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.notice_label = QLabel("")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_label.setAccessibleName("Notice")
        self.notice_label.hide()

        # The practice's gentle safety line: on screen at every start, spoken only the first time.
        self.safety_label = QLabel("")
        self.safety_label.setWordWrap(True)
        self.safety_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.safety_label.setAccessibleName("Before you begin")
        self.safety_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.safety_label.hide()

        self.pacer = BreathPacer(self)

        self.phase_label = QLabel("")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setAccessibleName("Breath phase")
        _scale_font(self.phase_label, 1.6, light=True)

        self.time_label = QLabel("")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setAccessibleName("Time left")
        _scale_font(self.time_label, 1.15)

        self.caption_label = QLabel("")
        self.caption_label.setWordWrap(True)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setAccessibleName("Caption")
        self.caption_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        _scale_font(self.caption_label, CAPTION_SCALE, italic=True)  # readable at arm's length
        self.caption_label.setMinimumHeight(self.caption_label.fontMetrics().lineSpacing() * 3)

        self.pause_button = QPushButton("&Pause")
        self.pause_button.setAccessibleName("Pause or resume the session")
        self.pause_button.setToolTip("Pause or resume (Space)")
        self.stop_button = QPushButton("&Stop")
        self.stop_button.setAccessibleName("Stop the session")
        self.stop_button.setToolTip("Stop the session (Esc)")
        self.captions_button = QPushButton("&Captions")
        self.captions_button.setCheckable(True)
        self.captions_button.setChecked(captions)
        self.captions_button.setAccessibleName("Show captions")
        self.captions_button.setToolTip("Show the narration as words on screen")
        self.sound_button = QPushButton("S&ound")
        self.sound_button.setAccessibleName("Session volumes")
        self.sound_button.setToolTip("Narration, bells, breath cues and ambient volumes, changed at once")
        self.volume_popup = VolumePopup(self)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.pause_button, self.stop_button, self.captions_button, self.sound_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.safety_label)
        layout.addWidget(self.pacer, 1)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.time_label)
        layout.addWidget(self.caption_label)
        layout.addLayout(buttons)

        self.pause_button.clicked.connect(controller.toggle_pause)
        self.stop_button.clicked.connect(controller.stop)
        self.captions_button.toggled.connect(self._on_captions_toggled)
        self.sound_button.clicked.connect(self.open_volumes)
        self.volume_popup.volume_changed.connect(self._on_volume_changed)
        self.pause_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self, controller.toggle_pause)
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._on_escape)
        self.focus_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F), self, self.focus_requested.emit)
        for shortcut in (self.pause_shortcut, self.stop_shortcut, self.focus_shortcut):
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Space presses a focused Captions or Sound button, as it does any button; elsewhere it pauses.
        for button in (self.captions_button, self.sound_button):
            button.installEventFilter(self)

        self.pacer.frame.connect(self._show_position)
        controller.paused_changed.connect(self._on_paused)
        controller.notice_changed.connect(self.show_notice)
        self.setTabOrder(self.pause_button, self.stop_button)
        self.setTabOrder(self.stop_button, self.captions_button)
        self.setTabOrder(self.captions_button, self.sound_button)
        self.set_time_left_shown(time_left)

    def set_time_left_shown(self, shown: bool) -> None:
        self.time_label.setVisible(shown)

    @property
    def captions_on(self) -> bool:
        return self.captions_button.isChecked()

    def show_notice(self, message: str) -> None:
        """Show the session's notice; with none, the line says how the practice is voiced (if it must)."""
        shown = message or self._voice_note
        self.notice_label.setText(shown)
        self.notice_label.setVisible(bool(shown))

    def open_volumes(self) -> None:
        """Show the session's volume sliders just above the buttons."""
        self.volume_popup.open_above(self.sound_button)

    def refresh(self) -> None:
        """Redraw at the player's position now (the pacer's frames do this while visible)."""
        self.pacer.advance()

    def show_session(self, session: ActiveSession) -> None:
        """Follow a session that has just started (with any notice its player already gave)."""
        self._session = session
        self._voice_note = voice_note(session.plan)
        # With no voice, the phrases on screen are the practice: never hide them.
        self._captions_forced = session.plan.narration_voice == CAPTIONS_ONLY
        self.show_notice(self._controller.notice)
        self._captions = CaptionTrack(session.plan)
        self.title_label.setText(session.title)
        self.safety_label.setText(session.plan.safety_note)
        self.safety_label.setVisible(bool(session.plan.safety_note))
        self.volume_popup.set_volumes(session.plan.config.volumes)
        self.pacer.set_source(session.plan, self._controller.position_s)
        self.pause_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and watched in (self.captions_button, self.sound_button)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()  # the key goes to the button, not to the pause shortcut
            return True
        return super().eventFilter(watched, event)

    def _on_escape(self) -> None:
        """Esc gives back the whole screen first; otherwise it stops the session, as Stop does."""
        if self.window().isFullScreen():
            self.focus_left.emit()
        else:
            self._controller.stop()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.focus_requested.emit()
        event.accept()

    def _on_paused(self, paused: bool) -> None:
        self.pause_button.setText("&Resume" if paused else "&Pause")
        self.pacer.set_still(paused)
        self.refresh()

    def _on_volume_changed(self, layer: str, volume: int) -> None:
        self._controller.set_volume(layer, volume)
        self.volume_changed.emit(layer, volume)

    def _on_captions_toggled(self, on: bool) -> None:
        self.captions_toggled.emit(on)
        self.refresh()

    def _show_position(self, t: float) -> None:
        session = self._session
        if session is None:
            return
        plan = session.plan
        if t < plan.start_s:
            self.phase_label.setText("Settle in")
            self.time_label.setText(f"Starting in {format_clock(plan.start_s - t)}")
        else:
            self.phase_label.setText(phase_words(plan.breath_at(t)) if is_paced(plan) else UNPACED_WORDS)
            left = format_clock(plan.end_s - t)
            self.time_label.setText(f"{left} left" + (" · paused" if self._controller.is_paused else ""))
        shown = self.captions_on or self._captions_forced
        self.caption_label.setText(self._captions.text_at(t) if shown else "")


def _scale_font(label: QLabel, factor: float, light: bool = False, italic: bool = False) -> None:
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    if light:
        font.setWeight(QFont.Weight.Light)
    font.setItalic(italic)
    label.setFont(font)
