"""What a screen reader is told during a session, so a person can follow it by ear.

Short polite announcements (`accessible_events.announce`): the start with the
practice and its minutes, each whole minute left (never more often), a pause
and going on, a notice (no audio device, the computer slept), the end with
its minutes; and, for whoever asks for it, each breath phase. How much is
said is the person's choice (`options.ANNOUNCE`); the time left on request
(the T key) is always told, as it was asked for.

A minute that falls while a narration phrase is being spoken waits until the
phrase ends (the next second's tick), so the screen reader's voice does not
talk over the practice's; a breath phase during a phrase is left unsaid, as it
would be stale by then.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kindly.core.practice_words import plural
from kindly.settings.options import ANNOUNCE_MINUTES, ANNOUNCE_NOTHING, ANNOUNCE_PHASES
from kindly.ui import accessible_events

if TYPE_CHECKING:
    from kindly.ui.session.session_controller import ActiveSession, SessionController, SessionOutcome


def minutes_words(minutes: float) -> str:
    """A session's length as said aloud: "10 minutes", "1 minute", "30 seconds" for less than one."""
    if minutes < 1.0:
        return plural(max(1, round(minutes * 60.0)), "second")
    return plural(round(minutes), "minute")


def time_left_words(seconds: float) -> str:
    """Time as said aloud, to the second the screen shows: "9 minutes 30 seconds", "1 minute", "4 seconds"."""
    whole = max(0, math.ceil(seconds - 1e-3))
    minutes, rest = divmod(whole, 60)
    parts = ([plural(minutes, "minute")] if minutes else []) + ([plural(rest, "second")] if rest or not minutes else [])
    return " ".join(parts)


class SessionAnnouncer(QObject):
    """Follows the controller (and the pacer's phase) and tells a screen reader, through `speaker`."""

    announced = Signal(str)  # each announcement as it is sent, for whoever keeps a transcript

    def __init__(
        self,
        controller: SessionController,
        speaker: QWidget,
        narrating: Callable[[float], bool],
        parent: QObject | None = None,
    ) -> None:
        """`speaker` is the widget the announcements come from (the session screen); `narrating(t)`
        says whether a narration phrase is being spoken at position `t` of the plan."""
        super().__init__(parent)
        self._controller = controller
        self._speaker = speaker
        self._narrating = narrating
        self.level = ANNOUNCE_MINUTES
        self._session: ActiveSession | None = None
        self._paused = False
        self._last_minute = 0  # the last minute told (or the session's length): only fewer are told
        self._waiting_minute = 0  # a minute that fell during a phrase, told when it ends (0: none)
        controller.session_started.connect(self.follow)
        controller.time_left_changed.connect(self._on_time_left)
        controller.paused_changed.connect(self._on_paused)
        controller.notice_changed.connect(self._on_notice)
        controller.session_finished.connect(self._on_finished)

    def set_level(self, level: str) -> None:
        """How much is told (`options.ANNOUNCE`): nothing, minutes, or phases too."""
        self.level = level

    # --- what is told --------------------------------------------------------------
    def follow(self, session: ActiveSession) -> None:
        """A session has started: tell its practice and length (and a notice its player already gave)."""
        if session is self._session:
            return  # the controller's signal and the screen's `show_session` both bring it
        self._session = session
        self._paused = False
        self._last_minute = math.ceil(session.plan.config.minutes)
        self._waiting_minute = 0
        words = f"{session.title}, {minutes_words(session.plan.config.minutes)}"
        notice = self._controller.notice
        self._tell(f"{words}. {notice}" if notice else words)

    def tell_time_left(self) -> None:
        """The time left, asked for (the T key): told whatever the level, as the screen shows it."""
        session = self._session
        if session is None or not self._controller.is_active:
            return
        position = self._controller.position_s()
        if position < session.plan.start_s:
            words = f"Starting in {time_left_words(session.plan.start_s - position)}"
        else:
            words = f"{time_left_words(self._controller.time_left_s())} left"
        self._say(words + (", paused" if self._controller.is_paused else ""))

    def tell_phase(self, words: str) -> None:
        """The pacer's breath phase changed: told only when every phase is asked for, never over a phrase."""
        if self.level != ANNOUNCE_PHASES or not words or self._session is None or self._paused:
            return
        if self._narrating(self._controller.position_s()):
            return
        self._say(words)

    # --- the controller's news -------------------------------------------------------
    def _on_time_left(self, left: float) -> None:
        if self._session is None:
            return
        shown = math.ceil(left - 1e-3)  # the whole seconds the screen shows
        if shown > 0 and shown % 60 == 0 and shown // 60 < self._last_minute:
            self._last_minute = shown // 60
            self._waiting_minute = self._last_minute
        if self._waiting_minute and not self._narrating(self._controller.position_s()):
            minute, self._waiting_minute = self._waiting_minute, 0
            self._tell(f"{plural(minute, 'minute')} left")

    def _on_paused(self, paused: bool) -> None:
        if self._session is None or paused == self._paused:
            return  # a session starts unpaused: that is no news
        self._paused = paused
        self._tell("Paused" if paused else "Going on")

    def _on_notice(self, message: str) -> None:
        if message and self._session is not None and self._session is self._controller.session:
            self._tell(message)

    def _on_finished(self, outcome: SessionOutcome) -> None:
        if self._session is None:
            return
        self._session = None
        minutes = outcome.practised_minutes
        if outcome.completed:
            self._tell(f"The session is complete, {minutes_words(max(1, minutes))}")
        elif minutes >= 1:
            self._tell(f"Session stopped after {plural(minutes, 'minute')}")
        else:
            self._tell("Session stopped")

    def _tell(self, words: str) -> None:
        """Say `words` unless the person asked for nothing to be said."""
        if self.level != ANNOUNCE_NOTHING:
            self._say(words)

    def _say(self, words: str) -> None:
        self.announced.emit(words)
        accessible_events.announce(self._speaker, words)
