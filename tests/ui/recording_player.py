"""A recording test double of `SessionPlayer`: keeps time on a fake clock and makes no sound.

It follows the player contract closely enough for the shell's tests: its
position is fake-clock time since `play`, minus pauses; `practised_s` counts
from the start bell and stops at the end bell; every call is recorded.
"""

from __future__ import annotations

from fakes import FakeClock
from kindly.audio.player_interface import AudioNotice, PlayerListener, PlayerState, SessionFinished, SessionSuspended
from kindly.core.session_plan import SessionPlan


class RecordingPlayer:
    """A silent player on a fake clock that writes down what it was asked to do."""

    def __init__(self, listener: PlayerListener, clock: FakeClock, notice: str | None = None) -> None:
        self.listener = listener
        self.notice = notice
        self.clock = clock
        self.calls: list[str] = []
        self.plan: SessionPlan | None = None
        self.volumes: dict[str, int] = {}
        self._state = PlayerState.IDLE
        self._started_at = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0

    @property
    def state(self) -> PlayerState:
        return self._state

    def play(self, plan: SessionPlan) -> None:
        self.calls.append("play")
        self.plan = plan
        self._started_at = self.clock.monotonic()
        self._state = PlayerState.PLAYING
        if self.notice:
            # As a real player with no audio device does: it plays silently and says so once.
            self.listener.player_event(AudioNotice(self.notice))

    def pause(self) -> None:
        self.calls.append("pause")
        self._paused_at = self.clock.monotonic()
        self._state = PlayerState.PAUSED

    def resume(self) -> None:
        self.calls.append("resume")
        if self._paused_at is not None:
            self._paused_total += self.clock.monotonic() - self._paused_at
        self._paused_at = None
        self._state = PlayerState.PLAYING

    def stop(self) -> None:
        """As LivePlayer stops: not at all once finished or stopped, and never cutting off an end
        bell that has begun (it rings out, and `ring_out` then finishes the session)."""
        self.calls.append("stop")
        if self._state not in (PlayerState.PLAYING, PlayerState.PAUSED) or self.plan is None:
            return
        if self.position_s() >= self.plan.end_s:
            if self._paused_at is not None:  # a paused end bell goes on ringing
                self._paused_total += self.clock.monotonic() - self._paused_at
                self._paused_at = None
                self._state = PlayerState.PLAYING
            return
        practised = self.practised_s()
        self._state = PlayerState.STOPPED
        self.listener.player_event(SessionFinished(practised, False))

    def set_volume(self, layer: str, volume: int) -> None:
        self.calls.append(f"volume {layer} {volume}")
        self.volumes[layer] = volume

    def position_s(self) -> float:
        now = self._paused_at if self._paused_at is not None else self.clock.monotonic()
        return max(0.0, now - self._started_at - self._paused_total)

    def practised_s(self) -> float:
        if self.plan is None:
            return 0.0
        return min(max(0.0, self.position_s() - self.plan.start_s), self.plan.end_s - self.plan.start_s)

    # What a real player would report on its own, for the tests to trigger.
    def ring_out(self) -> None:
        """The end bell has finished ringing."""
        self._state = PlayerState.FINISHED
        self.listener.player_event(SessionFinished(self.practised_s(), True))

    def suspend(self, asleep_s: float) -> None:
        """The machine slept: the player pauses itself and says so."""
        self.pause()
        self.listener.player_event(SessionSuspended(asleep_s))


class PlayerBox:
    """Holds every player the controller asked for, newest last."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.players: list[RecordingPlayer] = []
        self.notice: str | None = None  # set to make every new player report no audio device

    def __call__(self, listener: PlayerListener) -> RecordingPlayer:
        player = RecordingPlayer(listener, self.clock, self.notice)
        self.players.append(player)
        return player

    @property
    def current(self) -> RecordingPlayer:
        return self.players[-1]
