"""A person's own scripts, spoken ahead in a slow voice while Kindly sits idle.

Kokoro speaks about as fast as real time on one core: a script of two minutes'
speech, spoken at Start, is two minutes of waiting. So once the practices are
read, and a while after, the phrases no recording voices are spoken into the
voice's cache on a thread of their own, one at a time, and the first session
of that script starts at once. Never during a session, nor while one is being
prepared: the speaking stops at the next phrase when one comes (its own voice
and sound come first) and goes on after it.
A fast voice (Piper, espeak-ng) is left to speak at Start, as it takes a moment.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kindly.core.errors import KindlyFailure
from kindly.ui.gui_thread import run_in_background

if TYPE_CHECKING:
    from kindly.audio.system_voice import SystemVoice
    from kindly.core.practice_script import Practice
    from kindly.library.practice_catalogue import PracticeCatalogue

log = logging.getLogger(__name__)

# Long enough after the practices are read that a launch, and a person's first clicks, are
# never shared with the voice; short enough that a script just added is ready within a minute.
AFTER_READ_MS = 20_000

VoiceFinder = Callable[[], "SystemVoice | None"]


def _find_voice() -> SystemVoice | None:
    from kindly.audio.system_voice import SystemVoice

    return SystemVoice.find()


class VoicesAhead(QObject):
    """Speaks the practices that need a voice into its cache, between sessions."""

    spoken = Signal(int)  # a round ended: this many practices are ready to start at once

    def __init__(
        self,
        catalogue: PracticeCatalogue,
        find_voice: VoiceFinder = _find_voice,
        after_read_ms: int = AFTER_READ_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._find_voice = find_voice
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(after_read_ms)
        self._timer.timeout.connect(self._begin)
        self._running = False
        self._again = False  # read again (or a session ended) while a round ran: one more round after
        self._in_session = threading.Event()  # read by the worker before each phrase

    @property
    def running(self) -> bool:
        return self._running

    @property
    def held(self) -> bool:
        """Whether a session, being prepared or under way, holds the speaking."""
        return self._in_session.is_set()

    def library_read(self) -> None:
        """The practices were read (at launch, or again): speak what they need, after a while."""
        self._timer.start()

    def session_coming(self) -> None:
        """A session is being prepared, or has started: hold the speaking at its next phrase."""
        self._in_session.set()
        self._timer.stop()

    def session_over(self) -> None:
        """The session ended (or could not start): go on, after a while."""
        self._in_session.clear()
        self._timer.start()  # a round stopped by the session goes on, after a while

    def _begin(self) -> None:
        if self._in_session.is_set():
            return  # session_over starts the timer again
        if self._running:
            self._again = True
            return
        practices = self._waiting_practices()
        if not practices:
            return
        self._running = True
        find_voice, in_session = self._find_voice, self._in_session
        run_in_background(
            lambda: _speak_ahead(practices, find_voice, in_session),
            lambda owner, result: owner._ended(result),
            owner=self,
            name="kindly-voices-ahead",
            told=(KindlyFailure,),
        )

    def _waiting_practices(self) -> list[Practice]:
        """The practices heard in the system voice, read on this thread (the catalogue is the window's)."""
        from kindly.library.narration_status import SYSTEM_VOICE

        if not self._catalogue.loaded or all(line.voice_ready for line in self._catalogue.lines()):
            return []  # nothing read yet, or every practice recorded: no script parsed to find none
        return [e.practice for e in self._catalogue.library.entries if e.narration == SYSTEM_VOICE]

    def _ended(self, result: int | Exception) -> None:
        self._running = False
        if isinstance(result, Exception):
            # Said where it matters, in one line, when a session of that script starts.
            log.warning("could not speak ahead: %s", result)
            return
        self.spoken.emit(result)
        if self._again:
            self._again = False
            self._timer.start()


def _speak_ahead(practices: list[Practice], find_voice: VoiceFinder, in_session: threading.Event) -> int:
    """On the worker: each practice's unvoiced phrases, in a slow voice only; how many are ready."""
    from kindly.library.practice_library import speak_ahead

    voice = find_voice()
    if voice is None or not voice.slow:
        return 0
    ready = 0
    for practice in practices:
        if not speak_ahead(practice, voice, carry_on=lambda: not in_session.is_set()):
            break
        ready += 1
    return ready
