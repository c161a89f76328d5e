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
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QKeySequence, QMouseEvent, QPalette, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kindly.library.narration_status import CAPTIONS_ONLY, SYSTEM_VOICE
from kindly.ui import accessible_events
from kindly.ui.clock_text import format_clock
from kindly.ui.session.breath_pacer import (
    BreathPacer,
    is_paced,
    is_plain,
    phase_words,
    words_fade_change_in,
    words_opacity,
)
from kindly.ui.session.session_announcer import SessionAnnouncer
from kindly.ui.session.session_controller import ActiveSession, SessionController
from kindly.ui.session.session_questions import ASK_BEFORE_STOPPING_AFTER_S, SessionQuestion, ask_to_stop
from kindly.ui.session.session_volumes import VolumePopup, layers_heard
from kindly.ui.theme import DISPLAY, HEADING, TITLE, fading_text, scaled_font, space

if TYPE_CHECKING:
    from kindly.core.session_plan import Cue, SessionPlan

__all__ = ["CaptionTrack", "SessionScreen", "format_clock", "voice_note"]

VOICE_NOTES: dict[str, str] = {
    SYSTEM_VOICE: "This practice is read aloud by a computer voice.",
    CAPTIONS_ONLY: "No voice is available here: this practice is shown as captions.",
}


UNPACED_WORDS = "Breathe as you are"
# The Pause button's name follows what it does now (and holds its visible word, for speech input).
PAUSE_NAMES = {False: "Pause the session", True: "Resume the session"}


CAPTION_SCALE = HEADING  # captions: read from a chair, not a desk
WORDS_FADE_STEPS = 8  # shades between no words and full words: a few repaints of the label per phase
CONTROLS_IDLE_MS = 2500  # in focus, the buttons (and the pointer) go this long after the pointer stops


def voice_note(plan: SessionPlan) -> str:
    """One quiet line when the practice is not heard in a recorded voice ("" when it is)."""
    return VOICE_NOTES.get(plan.narration_voice or "", "")


class CaptionTrack:
    """The narration phrase being spoken at any moment of a plan."""

    def __init__(self, plan: SessionPlan | None) -> None:
        cues = [c for c in plan.cues if c.kind == "narration"] if plan is not None else []
        self._cues: list[Cue] = cues
        self._times = [c.t for c in cues]

    def change_in(self, t: float) -> float:
        """Seconds from `t` until the caption shown next changes (a phrase begins or ends; inf after the last)."""
        i = bisect.bisect_right(self._times, t) - 1
        ends = [self._cues[i].t + (self._cues[i].duration or 0.0)] if i >= 0 else []
        starts = [self._times[i + 1]] if i + 1 < len(self._times) else []
        later = [when - t for when in ends + starts if when > t]
        return min(later) if later else math.inf

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
        self.title_label.setAccessibleDescription("Practice")
        self.title_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.notice_label = QLabel("")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_label.setAccessibleDescription("Notice")
        self.notice_label.hide()

        # The practice's gentle safety line: on screen at every start, spoken only the first time.
        self.safety_label = QLabel("")
        self.safety_label.setWordWrap(True)
        self.safety_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.safety_label.setAccessibleDescription("Before you begin")
        self.safety_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.safety_label.hide()

        self.pacer = BreathPacer(self)

        self.phase_label = QLabel("")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label.setAccessibleDescription("Breath phase")
        self.phase_label.setFont(scaled_font(self.phase_label.font(), DISPLAY, QFont.Weight.Light))

        self.time_label = QLabel("")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setAccessibleDescription("Time left")
        self.time_label.setFont(scaled_font(self.time_label.font(), TITLE))

        self.caption_label = QLabel("")
        self.caption_label.setWordWrap(True)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setAccessibleDescription("Caption")
        self.caption_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # Readable at arm's length.
        self.caption_label.setFont(scaled_font(self.caption_label.font(), CAPTION_SCALE, italic=True))
        self.caption_label.setMinimumHeight(self.caption_label.fontMetrics().lineSpacing() * 3)

        self.pause_button = QPushButton("&Pause")
        self.pause_button.setAccessibleName(PAUSE_NAMES[False])
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
        self.sound_button.setToolTip("The volumes of what this session plays, changed at once")
        self.volume_popup = VolumePopup(self)

        # In focus the buttons leave the screen until the pointer moves; their room stays, so the
        # breath never jumps when they come and go.
        self.controls = QWidget()
        keep_room = self.controls.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)
        self.controls.setSizePolicy(keep_room)
        buttons = QHBoxLayout(self.controls)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for button in (self.pause_button, self.stop_button, self.captions_button, self.sound_button):
            # Reached with Tab, never by a click: a button clicked with the mouse leaves the keys
            # (Space, Esc, F) where they were, with the session.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(space(4), space(2.5), space(4), space(3))
        layout.setSpacing(space(1))
        layout.addWidget(self.title_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.safety_label)
        layout.addWidget(self.pacer, 1)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.time_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.controls)
        self._words_shade = -1  # the phase words' last shade, of WORDS_FADE_STEPS
        self._controls_fade = False
        self.controls_timer = QTimer(self)
        self.controls_timer.setSingleShot(True)
        self.controls_timer.setInterval(CONTROLS_IDLE_MS)
        self.controls_timer.timeout.connect(self._controls_idle)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # holds the keys while the buttons are away
        # ... and hands them to the named pacer (ringed while it has them): never to an unnamed pane.
        self.pacer.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(self.pacer)

        self.stop_question: SessionQuestion | None = None  # "Stop this session?" while it is asked
        self.pause_button.clicked.connect(controller.toggle_pause)
        self.stop_button.clicked.connect(self.request_stop)
        self.captions_button.toggled.connect(self._on_captions_toggled)
        self.sound_button.clicked.connect(self.open_volumes)
        self.volume_popup.volume_changed.connect(self._on_volume_changed)
        self.pause_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self, controller.toggle_pause)
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._on_escape)
        self.focus_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F), self, self.focus_requested.emit)
        # A screen reader follows the session by ear: told as it goes, and the time left on request (T).
        self.announcer = SessionAnnouncer(controller, self, self._narrating, parent=self)
        self.pacer.phase_changed.connect(self.announcer.tell_phase)
        self.time_shortcut = QShortcut(QKeySequence(Qt.Key.Key_T), self, self.announcer.tell_time_left)
        for shortcut in (self.pause_shortcut, self.stop_shortcut, self.focus_shortcut, self.time_shortcut):
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Space presses a button the person has tabbed to (Stop asks to stop, Captions switches them);
        # anywhere else it pauses. The focused Pause button pauses through the shortcut, as anywhere.
        for button in (self.stop_button, self.captions_button, self.sound_button):
            button.installEventFilter(self)

        self.pacer.frame.connect(self._show_position)
        self.pacer.words_change_in = self._words_change_in
        controller.paused_changed.connect(self._on_paused)
        controller.notice_changed.connect(self.show_notice)
        controller.session_finished.connect(self._close_stop_question)
        self.setTabOrder(self.pause_button, self.stop_button)
        self.setTabOrder(self.stop_button, self.captions_button)
        self.setTabOrder(self.captions_button, self.sound_button)
        self.set_time_left_shown(time_left)

    def set_controls_fade(self, fade: bool) -> None:
        """In focus (`fade`), the buttons and the pointer go when the pointer rests and come back when
        it moves (or a key other than the session's own is pressed); out of focus they stay."""
        self._controls_fade = fade
        for widget in (self, self.pacer):
            widget.setMouseTracking(fade)
        if fade:
            self.controls_timer.start()
        else:
            self.controls_timer.stop()
            self._show_controls()

    def _controls_idle(self) -> None:
        if not self._controls_fade:
            return
        had_focus = self.controls.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.controls.hide()
        self.setCursor(Qt.CursorShape.BlankCursor)
        if had_focus:
            self.setFocus()  # on the pacer (a named place): Space, Esc and F still reach the session

    def _show_controls(self) -> None:
        returning = self.controls.isHidden()
        self.controls.show()
        self.unsetCursor()
        if returning and self.hasFocus():  # the pacer has it
            self.pause_button.setFocus()

    def _controls_wanted(self) -> None:
        self._show_controls()
        if self._controls_fade:
            self.controls_timer.start()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._controls_wanted()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._controls_wanted()  # Tab and the arrows bring the buttons back for the keyboard
        super().keyPressEvent(event)

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
        """Show the session's volume sliders just above the buttons, never over the time left."""
        self.volume_popup.open_above(self.sound_button, keep_clear=self.time_label)

    def refresh(self) -> None:
        """Redraw at the player's position now (the pacer's frames do this while visible)."""
        self.pacer.advance()

    def show_session(self, session: ActiveSession) -> None:
        """Follow a session that has just started (with any notice its player already gave)."""
        self._session = session
        self._captions = CaptionTrack(session.plan)
        self.announcer.follow(session)
        self._voice_note = voice_note(session.plan)
        # With no voice, the phrases on screen are the practice: never hide them.
        self._captions_forced = session.plan.narration_voice == CAPTIONS_ONLY
        self.show_notice(self._controller.notice)
        self.title_label.setText(session.title)
        self.safety_label.setText(session.plan.safety_note)
        self.safety_label.setVisible(bool(session.plan.safety_note))
        self.volume_popup.set_volumes(session.plan.config.volumes)
        self.volume_popup.offer(layers_heard(session.plan))
        self.pacer.set_source(session.plan, self._controller.position_s)
        # A plain timer (the silent timer, no breath followed): the time and a still ring, no words to
        # breathe by and no captions to switch (it has none).
        plain = is_plain(session.plan)
        self.phase_label.setVisible(not plain)
        self.captions_button.setVisible(not plain)
        self.pause_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and watched in (self.stop_button, self.captions_button, self.sound_button)
            and isinstance(watched, QWidget)
            and watched.hasFocus()
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()  # the key goes to the button, not to the pause shortcut
            return True
        return super().eventFilter(watched, event)

    def _on_escape(self) -> None:
        """Esc in focus only gives back the whole screen; otherwise it asks to stop, as Stop does."""
        if self.window().isFullScreen():
            self.focus_left.emit()
        else:
            self.request_stop()

    def request_stop(self) -> None:
        """Stop (the button, Esc): at once in the first minute, otherwise once the person says so."""
        controller = self._controller
        if not controller.is_active:
            return
        if controller.position_s() < ASK_BEFORE_STOPPING_AFTER_S:
            controller.stop()
            return
        if self.stop_question is None:
            question = ask_to_stop(self, controller.stop)
            question.finished.connect(self._forget_stop_question)
            self.stop_question = question
        self.stop_question.raise_()
        self.stop_question.activateWindow()

    def _forget_stop_question(self) -> None:
        self.stop_question = None

    def _close_stop_question(self) -> None:
        """The session ended on its own while Stop was being asked (nothing is left to stop), or the
        screen went away (the window closed to the tray: the session goes on, unasked)."""
        if self.stop_question is not None:
            self.stop_question.reject()

    def hideEvent(self, event: QHideEvent) -> None:
        self._close_stop_question()
        super().hideEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.focus_requested.emit()
        event.accept()

    def _words_change_in(self, t: float) -> float:
        """Seconds from `t` until anything written here changes: the clock's next second, the breath
        words' next shade, the next caption. The pacer draws its next frame no later."""
        session = self._session
        if session is None:
            return math.inf
        plan = session.plan
        soonest = math.inf
        if self.time_label.isVisibleTo(self):
            left = (plan.start_s if t < plan.start_s else plan.end_s) - t
            if left > 0:
                to_next_second = left - math.floor(left)
                soonest = to_next_second if to_next_second > 1e-3 else 1.0
        if t >= plan.start_s and is_paced(plan):
            soonest = min(soonest, words_fade_change_in(self.pacer.span, t, WORDS_FADE_STEPS))
        if self.captions_on or self._captions_forced:
            soonest = min(soonest, self._captions.change_in(t))
        return soonest

    def _shade_words(self, opacity: float) -> None:
        """The breath's words drawn between their faintest readable shade (0: 4.5:1 on the window) and
        the text colour (1), in a few steps: they fade rather than jump, and the label repaints only when
        its shade changes."""
        shade = round(opacity * WORDS_FADE_STEPS)
        if shade == self._words_shade:
            return
        self._words_shade = shade
        palette = self.palette()
        words = self.phase_label.palette()
        words.setColor(QPalette.ColorRole.WindowText, fading_text(palette, shade / WORDS_FADE_STEPS))
        self.phase_label.setPalette(words)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._words_shade = -1  # light to dark: the words' shades are mixed again from the new colours
        super().changeEvent(event)

    def _on_paused(self, paused: bool) -> None:
        self.pause_button.setText("&Resume" if paused else "&Pause")
        self.pause_button.setAccessibleName(PAUSE_NAMES[paused])  # a screen reader hears the button's new name
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
            self._shade_words(1.0)
            self.time_label.setText(f"Starting in {format_clock(plan.start_s - t)}")
        else:
            span = self.pacer.span if is_paced(plan) else None  # the pacer's breath at this very `t`
            self.phase_label.setText(phase_words(span) if is_paced(plan) else UNPACED_WORDS)
            self._shade_words(words_opacity(span, t))
            left = format_clock(plan.end_s - t)
            self.time_label.setText(f"{left} left" + (" · paused" if self._controller.is_paused else ""))
        shown = self.captions_on or self._captions_forced
        caption = self._captions.text_at(t) if shown else ""
        if caption != self.caption_label.text():
            self.caption_label.setText(caption)
            accessible_events.name_changed(self.caption_label)  # a live region: the new words are read

    def _narrating(self, t: float) -> bool:
        """Whether a narration phrase is being spoken at `t` (an announcement then waits)."""
        return bool(self._captions.text_at(t))
