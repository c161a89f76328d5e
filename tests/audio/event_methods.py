"""A test listener's base: each typed player event handed to a method named for it."""

from __future__ import annotations

from kindly.audio.player_interface import AudioNotice, CueReached, PlayerEvent, SessionFinished, SessionSuspended
from kindly.core.session_plan import Cue


class EventMethods:
    """Subclasses write down or print what they hear in the four methods."""

    def player_event(self, event: PlayerEvent) -> None:
        if isinstance(event, CueReached):
            self.cue_reached(event.cue)
        elif isinstance(event, SessionFinished):
            self.session_finished(event.practised_s, event.completed)
        elif isinstance(event, SessionSuspended):
            self.session_suspended(event.asleep_s)
        elif isinstance(event, AudioNotice):
            self.audio_notice(event.message)

    def cue_reached(self, cue: Cue) -> None: ...

    def session_finished(self, practised_s: float, completed: bool) -> None: ...

    def session_suspended(self, asleep_s: float) -> None: ...

    def audio_notice(self, message: str) -> None: ...
