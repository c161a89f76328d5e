"""The one live session: starts the player on a plan, reports its progress, ends it.

The main window, the tray and `--start` all drive sessions through this
object (`start_session`, `pause`, `resume`, `stop`) and follow it through its
signals. Progress is always computed from the player's position on the plan
(`plan.end_s - player.position_s()`), never by counting timer ticks; the only
timer fires at the next whole second of time left, and only while a session
runs, so an idle Kindly never wakes up.

The session ends for the user when the end bell strikes; the player keeps the
bell ringing out on its own, so leaving the end screen never cuts it off.
"""

from __future__ import annotations

import logging
import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kindly.core.clock import Clock
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_words import plural
from kindly.core.session_config import LayerVolumes, SessionConfig
from kindly.core.session_record import abandoned_start
from kindly.core.sound_catalog import BELLS
from kindly.ui.gui_thread import run_in_background, run_on_main

if TYPE_CHECKING:
    # The plan and the player's names are imported when a session starts, not at start-up.
    from kindly.audio.player_interface import PlayerEvent, PlayerListener, SessionPlayer
    from kindly.core.checkin import CheckIn
    from kindly.core.session_plan import Cue, SessionPlan
    from kindly.library.quick_starts import SessionRequest  # a name only: quick_start loads after the first paint

log = logging.getLogger(__name__)

PlayerFactory = Callable[["PlayerListener"], "SessionPlayer"]
PlanBuilder = Callable[[SessionConfig], "SessionPlan"]


class SessionLog(Protocol):
    """Where sessions are recorded (`kindly.store.session_history.SessionHistory`): begun, followed, finished
    (or, a start abandoned at once, forgotten).

    Every call returns at once: the log writes on its own thread, and keeps
    its own checkpoint cadence.
    """

    def begin(self, planned_s: float, practice: str | None, checkin_before: CheckIn | None = None) -> None: ...

    def progress(self, practised_s: float) -> None: ...

    def finish(self, practised_s: float, completed: bool) -> None: ...

    def abandon(self) -> None:
        """The session was a start abandoned at once (`abandoned_start`): it leaves no row."""
        ...

    def practised_before(self, practice: str) -> bool:
        """Whether this person has done the practice before (its first-time lines are then left out)."""
        ...


def silent_timer_plan(config: SessionConfig) -> SessionPlan:
    """A plan with bells and breath cues only (the silent timer)."""
    from kindly.core.session_plan import build_session_plan

    return build_session_plan(config)


@dataclass(frozen=True)
class ActiveSession:
    """The session being practised: what was asked for and its plan."""

    request: SessionRequest
    plan: SessionPlan
    title: str


@dataclass(frozen=True)
class SessionOutcome:
    """How a session went, for the end screen and the tray."""

    session: ActiveSession
    practised_s: float
    completed: bool
    abandoned: bool = False  # stopped within its first seconds, a mis-click: not recorded, no check-in after

    @property
    def practised_minutes(self) -> int:
        """Whole minutes practised, rounded to the nearest (a full session shows its length)."""
        return int(math.floor(self.practised_s / 60.0 + 0.5))


class _PlayerEvents:
    """One player's listener: each typed event is taken into the GUI thread (`run_on_main`)
    and handed to the controller, if it is still there, with who sent it."""

    def __init__(self, controller: SessionController, preview: bool = False) -> None:
        self._controller = weakref.ref(controller)
        self.preview = preview

    def player_event(self, event: PlayerEvent) -> None:
        run_on_main(lambda: self._deliver(event))

    def _deliver(self, event: PlayerEvent) -> None:
        controller = self._controller()
        if controller is not None:
            controller._on_player_event(self, event)


class SessionController(QObject):
    """Runs one session at a time and tells everyone how it goes."""

    session_started = Signal(object)  # ActiveSession
    session_finished = Signal(object)  # SessionOutcome: the end bell struck, or the user stopped
    time_left_changed = Signal(float)  # seconds until the end bell (warm-up included)
    paused_changed = Signal(bool)
    notice_changed = Signal(str)  # one line for the user; "" clears it
    preview_notice = Signal(str)  # what the test sound has to say (e.g. no audio device)
    session_preparing = Signal()  # a session's plan is being prepared: `session_started` or `start_failed` follows
    start_failed = Signal(str)  # a session prepared in the background could not start, in one line

    def __init__(
        self,
        player_factory: PlayerFactory,
        clock: Clock,
        plan_builder: PlanBuilder = silent_timer_plan,
        session_log: SessionLog | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player_factory = player_factory
        self._clock = clock
        self._plan_builder = plan_builder
        self._session_log = session_log
        self._session: ActiveSession | None = None
        self._player: SessionPlayer | None = None
        self._ringing_out: list[SessionPlayer] = []
        self._paused = False
        self._notice = ""
        self._preparing = 0
        self._events: _PlayerEvents | None = None  # the running session's player's listener
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self.refresh)

    # --- what others read ---------------------------------------------------
    @property
    def session(self) -> ActiveSession | None:
        return self._session

    @property
    def is_active(self) -> bool:
        return self._session is not None

    @property
    def notice(self) -> str:
        """The session's current notice ("" for none), for a screen that starts following late."""
        return self._notice

    @property
    def is_paused(self) -> bool:
        return self._paused

    def position_s(self) -> float:
        """Seconds into the plan (0 with no session)."""
        return self._player.position_s() if self._player is not None and self._session else 0.0

    def time_left_s(self) -> float:
        """Seconds until the end bell, from the plan and the player's position."""
        if self._session is None:
            return 0.0
        return max(0.0, self._session.plan.end_s - self.position_s())

    def set_volume(self, layer: str, volume: int) -> None:
        if self._player is not None:
            self._player.set_volume(layer, volume)

    # --- what others ask ------------------------------------------------------
    def start_session(self, request: SessionRequest, title: str | None = None) -> ActiveSession:
        """Build the plan and start playing it, ending any session already running.

        Raises:
            KindlyInputError: a choice cannot make a session (named in the message).
        """
        config = self._config_for(request)
        return self._play(request, self._plan_builder(config), title)

    def start_session_when_prepared(self, request: SessionRequest, title: str | None = None) -> None:
        """Build the plan on a worker thread (a system voice may need seconds to speak the
        phrases), then start it; `start_failed` tells a choice that cannot make a session,
        or a failure of the machine while preparing it.

        Raises:
            KindlyInputError: a setting cannot make a session (found before any waiting).
        """
        config = self._config_for(request)
        self._preparing += 1
        token = self._preparing
        builder = self._plan_builder
        self.session_preparing.emit()
        run_in_background(
            lambda: builder(config),
            # Told in one line either way (a voice that could not be prepared included), never a
            # thread dying with a traceback while the window still says "Preparing".
            lambda owner, result: owner._on_prepared(token, request, title, result),
            owner=self,
            name="kindly-prepare-plan",
            told=(KindlyInputError, KindlyFailure),
        )

    def _config_for(self, request: SessionRequest) -> SessionConfig:
        """The validated config, marked as a first session when the history has none of this practice."""
        config = request.choices.to_config()
        if config.practice is None or self._session_log is None:
            return config
        return replace(config, first_session=not self._session_log.practised_before(config.practice))

    def _on_prepared(self, token: int, request: SessionRequest, title: str | None, result: object) -> None:
        if token != self._preparing:
            return  # a later start replaced this one
        if isinstance(result, (KindlyInputError, KindlyFailure)):
            self.start_failed.emit(str(result))
            return
        self._play(request, result, title)  # type: ignore[arg-type]

    def _play(self, request: SessionRequest, plan: SessionPlan, title: str | None) -> ActiveSession:
        self._preparing += 1  # anything still being prepared is replaced by this session
        if self._session is not None:
            self.stop()
        events = _PlayerEvents(self)
        self._events = events
        session = ActiveSession(request=request, plan=plan, title=title or _default_title(request))
        self._session = session
        self._paused = False
        self._on_notice("")
        self._player = self._player_factory(events)
        if self._session_log is not None:
            self._session_log.begin(plan.config.minutes * 60.0, plan.config.practice, request.checkin_before)
        self._player.play(plan)
        self.session_started.emit(session)
        self.paused_changed.emit(False)
        self.refresh()
        return session

    def pause(self) -> None:
        if self._player is None or self._paused or self._session is None:
            return
        self._player.pause()
        self._set_paused(True)

    def resume(self) -> None:
        if self._player is None or not self._paused or self._session is None:
            return
        self._player.resume()
        self._on_notice("")
        self._set_paused(False)
        self.refresh()

    def toggle_pause(self) -> None:
        if self._paused:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """End the session early; the seconds practised so far are kept."""
        if self._player is None or self._session is None:
            return
        practised = self._player.practised_s()
        if self.time_left_s() <= 0.0:
            # The end bell has struck (the next tick had not noticed yet): the session is complete,
            # and the player lets the bell ring out rather than cut it off.
            self._end(practised, completed=True)
            return
        player = self._player
        self._end(practised, completed=False)
        player.stop()

    def refresh(self) -> None:
        """Look at the player's position: report time left, checkpoint, notice the end bell."""
        if self._session is None or self._player is None:
            return
        left = self.time_left_s()
        if left <= 0.0:
            self._end(self._player.practised_s(), completed=True)
            return
        self.time_left_changed.emit(left)
        if self._session_log is not None:
            self._session_log.progress(self._player.practised_s())
        if not self._paused:
            fraction = left - math.floor(left)
            delay_s = fraction if fraction > 0.001 else 1.0
            # Precise: the display must not drift past whole seconds. Qt (the namespace, ~100
            # enums built on first touch) is imported here so the window's first paint never waits for it.
            from PySide6.QtCore import Qt

            self._tick.setTimerType(Qt.TimerType.PreciseTimer)
            self._tick.start(max(1, int(math.ceil(delay_s * 1000))))

    def preview_bell(self, bell: str, volume: int) -> None:
        """Ring one bell once, through a player of its own, at the bells' volume.

        The preview never touches a running session; it rings out on its own.
        """
        from kindly.core.session_plan import Cue, SessionPlan

        voice = BELLS[bell]
        config = SessionConfig(
            minutes=voice.ring_out_s / 60.0,
            warmup_s=0.0,
            breath_cues=False,
            bell=bell,
            volumes=replace(LayerVolumes(), bells=volume),
        )
        plan = SessionPlan(config=config, cues=(Cue(0.0, "bell", "start"),), duration_s=voice.ring_out_s)
        player = self._player_factory(_PlayerEvents(self, preview=True))
        self._ringing_out.append(player)
        player.play(plan)

    # --- player events (always on the GUI thread) -----------------------------------------
    def _on_player_event(self, source: _PlayerEvents, event: PlayerEvent) -> None:
        """A player's event. Only the running session's player steers the session; a bell left
        ringing out (a finished session's, or a test sound) is only let go when it has rung out."""
        from kindly.audio.player_interface import AudioNotice, CueReached, SessionFinished, SessionSuspended

        current = source is self._events
        if isinstance(event, SessionFinished):
            if current and self._session is not None:
                self._end(event.practised_s, event.completed)
            self._release_finished()
        elif isinstance(event, AudioNotice):
            if source.preview:
                self.preview_notice.emit(event.message)
            elif current:
                self._on_notice(event.message)
        elif not current:
            return
        elif isinstance(event, CueReached):
            self._on_cue(event.cue)
        elif isinstance(event, SessionSuspended):
            self._on_suspended(event.asleep_s)

    def _on_cue(self, cue: Cue) -> None:
        if cue.kind == "bell" and cue.name == "end" and self._player is not None and self._session is not None:
            self._end(self._player.practised_s(), completed=True)

    def _release_finished(self) -> None:
        """A bell that was left ringing has rung out: let its player go."""
        from kindly.audio.player_interface import PlayerState

        self._ringing_out = [p for p in self._ringing_out if p.state not in (PlayerState.FINISHED, PlayerState.STOPPED)]

    def _on_suspended(self, asleep_s: float) -> None:
        if self._session is None:
            return
        minutes = max(1, round(asleep_s / 60.0))
        self._on_notice(
            f"Your computer slept for about {plural(minutes, 'minute')}; "
            "the session is paused and that time is not counted. Resume when you are ready."
        )
        self._set_paused(True)

    def _on_notice(self, message: str) -> None:
        self._notice = message
        self.notice_changed.emit(message)

    # --- internals --------------------------------------------------------------
    def _set_paused(self, paused: bool) -> None:
        self._paused = paused
        if paused:
            self._tick.stop()
        self.paused_changed.emit(paused)

    def _end(self, practised_s: float, completed: bool) -> None:
        session, player = self._session, self._player
        if session is None or player is None:
            return
        self._tick.stop()
        # A bell left ringing out still speaks through its listener: none of it concerns the next session.
        self._events = None
        self._session = None
        self._player = None
        self._paused = False
        planned = session.plan.end_s - session.plan.start_s
        practised = min(max(0.0, practised_s), planned)
        abandoned = abandoned_start(player.position_s(), completed)
        if completed:
            # The end bell keeps ringing in the player; hold on to it until it is done.
            self._ringing_out.append(player)
        if self._session_log is not None:
            if abandoned:
                self._session_log.abandon()
            else:
                self._session_log.finish(practised, completed)
        self.time_left_changed.emit(0.0)
        outcome = SessionOutcome(session=session, practised_s=practised, completed=completed, abandoned=abandoned)
        self.session_finished.emit(outcome)


def _default_title(request: SessionRequest) -> str:
    if request.choices.practice is None:
        return "Silent timer"
    return request.choices.practice.replace("-", " ").capitalize()
