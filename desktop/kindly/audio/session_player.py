"""The live session player: the plan's cues sounded on time, on an injectable clock.

Time is kept as deadlines on the monotonic clock: the plan's second `t` is
heard at `origin + t`, where `origin` is the instant the session started
plus every pause (and the sleep inside it). Nothing is summed tick by tick,
so a four-hour session ends as exactly as it starts. A cue is handed to the
output `lead_s` before its deadline (the output pads each sound with that
much silence so its attack survives the sound server), and reported to the
listener (`cue_reached`) when it is heard, so a breath pacer on screen moves
with the sound.

One step, `run_due`, does everything that is due (notice a sleep, start the
due cues, let the output do its housekeeping, finish) and says when it is
next needed. The player's thread runs it and sleeps until then, never more
than `SUSPEND_CHECK_S`, so an idle stretch of a session costs one wake-up a
second. Tests call `run_due` themselves on a fake clock, with no thread.

Listener events are sent after the player's lock is released, from the
thread that caused them (the timing thread, or the caller of pause/stop).
"""

from __future__ import annotations

import bisect
import collections
import logging
import math
import threading
from collections.abc import Callable
from typing import Any

from kindly.audio.live_output import DUE_SLACK_SAMPLES, LiveOutput
from kindly.audio.player_interface import (
    AudioNotice,
    CueReached,
    PlayerEvent,
    PlayerListener,
    PlayerState,
    SessionFinished,
    SessionSuspended,
)
from kindly.audio.session_mixer import to_sample
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.sound_bank import SAMPLE_RATE
from kindly.audio.voice_backend import AudioDeviceError
from kindly.core.clock import Clock, SystemClock
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.session_config import LAYERS
from kindly.core.session_plan import SessionPlan
from kindly.core.suspend_watch import BootClock, ClockReading, SuspendWatch

log = logging.getLogger(__name__)

SUSPEND_CHECK_S = 1.0
STOP_FADE_S = 0.4
PAUSE_FADE_S = 0.08
# A cue started this late still plays from its first sample; later than this
# (the process was frozen), it is picked up where the timeline has reached.
LATE_LIMIT_S = 0.25
# Deadlines within half a millisecond count as due: the thread never spins.
DUE_SLACK_S = DUE_SLACK_SAMPLES / SAMPLE_RATE

SILENT_NOTICE = "the session runs silently, with its visual cues"


class LivePlayer:
    """A `SessionPlayer` over a `LiveOutput` (PortAudio stream, voices or silent)."""

    def __init__(
        self,
        listener: PlayerListener,
        output: LiveOutput,
        clock: Clock | None = None,
        *,
        boot_clock: BootClock | None = None,
        notice: str | None = None,
        run_thread: bool = True,
    ) -> None:
        self._listener = listener
        self._output = output
        self._clock = clock or SystemClock()
        self._boot_clock = boot_clock
        self._notice = notice
        self._run_thread = run_thread
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._events: list[Callable[[], None]] = []
        self._state = PlayerState.IDLE
        self._plan: SessionPlan | None = None
        self._starts: list[int] = []
        self._volumes: dict[str, int] = {}
        self._origin = 0.0
        self._held_s = 0.0
        self._next = 0
        self._fired = 0
        self._unreported: collections.deque[int] = collections.deque()
        self._end_bell_started = False
        self._device_failed = False
        self._watch = SuspendWatch(self._read_clocks)

    # --- SessionPlayer -------------------------------------------------------------
    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def output(self) -> LiveOutput:
        """What the session sounds through (for diagnostics: it changes if the device fails)."""
        return self._output

    def play(self, plan: SessionPlan) -> None:
        with self._lock:
            if self._state is not PlayerState.IDLE:
                raise RuntimeError("a LivePlayer plays one session; make a new one for the next")
            self._plan = plan
            self._starts = [to_sample(c.t) for c in plan.cues]
            self._volumes = {layer: plan.config.volumes.get(layer) for layer in LAYERS} | self._volumes
            if self._notice:
                self._emit(AudioNotice(self._notice))
            try:
                self._output.load(plan, self._volumes)
            except (KindlyFailure, KindlyInputError, AudioDeviceError) as exc:
                self._output = SilentOutput()
                self._emit(AudioNotice(f"Kindly could not load its sounds ({exc}): {SILENT_NOTICE}."))
            self._origin = self._clock.monotonic() + self._output.lead_s
            self._state = PlayerState.PLAYING
            self._watch.restart()
            self._guarded(lambda out: out.begin(0))
        self._dispatch()
        if self._run_thread:
            self._thread = threading.Thread(target=self._run, name="kindly-player", daemon=True)
            self._thread.start()

    def pause(self) -> None:
        with self._lock:
            if self._state is PlayerState.PLAYING:
                self._hold(self._heard_now(), PAUSE_FADE_S)
        self._dispatch()
        self._wake.set()

    def resume(self) -> None:
        with self._lock:
            if self._state is not PlayerState.PAUSED:
                return
            self._continue()
        self._dispatch()
        self._wake.set()

    def stop(self) -> None:
        with self._lock:
            if self._state not in (PlayerState.PLAYING, PlayerState.PAUSED) or self._plan is None:
                return
            if self._end_bell_started:
                # The end bell is never cut off: it rings out, then the session finishes.
                if self._state is PlayerState.PAUSED:
                    self._continue()
            else:
                if self._state is PlayerState.PLAYING:
                    self._held_s = self._heard_now()
                    self._guarded(lambda out: out.hold(to_sample(self._held_s), STOP_FADE_S))
                self._state = PlayerState.STOPPED
                self._guarded(lambda out: out.close())
                self._emit(SessionFinished(self._practised(self._held_s), False))
        self._dispatch()
        self._wake.set()

    def set_volume(self, layer: str, volume: int) -> None:
        if layer not in LAYERS:
            raise KindlyInputError(f"unknown sound layer {layer!r} (one of: {', '.join(LAYERS)})")
        volume = min(max(int(volume), 0), 100)
        with self._lock:
            self._volumes[layer] = volume
            if self._plan is None or self._state in (PlayerState.FINISHED, PlayerState.STOPPED):
                return
            position = self._lead_position(self._clock.monotonic()) if self._state is PlayerState.PLAYING else None
            self._guarded(lambda out: out.set_volume(layer, volume, position))
        self._dispatch()
        self._wake.set()

    def position_s(self) -> float:
        with self._lock:
            if self._plan is None:
                return 0.0
            if self._state is PlayerState.PLAYING:
                return min(max(0.0, self._heard_now()), self._plan.duration_s)
            if self._state is PlayerState.FINISHED:
                return self._plan.duration_s
            return self._held_s

    def practised_s(self) -> float:
        return self._practised(self.position_s())

    # --- the timing step ------------------------------------------------------------
    def run_due(self) -> float | None:
        """Do what is due now; the monotonic time of the next call (inf: when woken; None: done)."""
        with self._lock:
            wake = self._step()
        self._dispatch()
        return wake

    def _step(self) -> float | None:
        plan = self._plan
        if plan is None or self._state in (PlayerState.FINISHED, PlayerState.STOPPED):
            return None
        if self._state is PlayerState.PAUSED:
            return math.inf
        now = self._clock.monotonic()
        asleep = self._watch.check()
        if asleep > 0.0:
            # Monotonic time stood still while asleep: the timeline is where it was.
            self._hold(self._heard_now(), 0.0)
            self._emit(SessionSuspended(asleep))
            return math.inf
        lead = self._output.lead_s
        cues = plan.cues
        while self._next < len(cues):
            cue = cues[self._next]
            due_at = self._origin + cue.t - lead
            late = now - due_at
            if late < -DUE_SLACK_S:
                break
            skip = 0 if late <= LATE_LIMIT_S else to_sample(late)
            self._guarded(lambda out: out.cue(cue, skip, due_at))
            if cue.kind == "bell" and cue.name == "end":
                self._end_bell_started = True
            self._unreported.append(self._next)
            self._next += 1
        self._report_heard(now)
        wanted = self._guarded(lambda out: out.service(self._lead_position(now), now))
        if now - self._origin >= plan.duration_s:
            self._report_heard(math.inf)
            self._state = PlayerState.FINISHED
            self._guarded(lambda out: out.close())
            self._emit(SessionFinished(self._practised(plan.duration_s), True))
            return None
        lead = self._output.lead_s  # the output may have fallen back to silence above
        wake = min(now + SUSPEND_CHECK_S, self._origin + plan.duration_s)
        if self._next < len(cues):
            wake = min(wake, self._origin + cues[self._next].t - lead)
        if self._unreported:
            wake = min(wake, self._origin + cues[self._unreported[0]].t)
        if wanted is not None:
            wake = min(wake, self._origin + wanted / SAMPLE_RATE - lead)
        return wake

    def _report_heard(self, now: float) -> None:
        """Tell the listener of each cue started and now heard (each cue once, even across a pause)."""
        assert self._plan is not None
        cues = self._plan.cues
        while self._unreported and self._origin + cues[self._unreported[0]].t <= now + DUE_SLACK_S:
            index = self._unreported.popleft()
            if index >= self._fired:
                self._emit(CueReached(cues[index]))
                self._fired = index + 1

    def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                wake = self.run_due()
            except Exception:  # the timing thread must never die silently mid-session
                log.exception("live player step failed")
                wake = self._clock.monotonic() + SUSPEND_CHECK_S
            if wake is None:
                return
            timeout = None if math.isinf(wake) else max(0.0, wake - self._clock.monotonic())
            self._wake.wait(timeout)

    # --- internals --------------------------------------------------------------------
    def _heard_now(self) -> float:
        """The plan's second being heard now."""
        return self._clock.monotonic() - self._origin

    def _lead_position(self, now: float) -> int:
        """The timeline sample heard `lead_s` from `now`: where what the output starts now lands."""
        return to_sample(now + self._output.lead_s - self._origin)

    def _hold(self, held_s: float, fade_s: float) -> None:
        """Pause at the plan's second `held_s`; cues handed out ahead of it are due again."""
        self._held_s = max(0.0, held_s)
        position = to_sample(self._held_s)
        self._guarded(lambda out: out.hold(position, fade_s))
        self._next = bisect.bisect_left(self._starts, position)
        # Started but not heard yet: they are started (and reported) again after the pause.
        self._unreported.clear()
        self._state = PlayerState.PAUSED

    def _continue(self) -> None:
        """Resume from `_held_s`: it is heard `lead_s` from now, and every sound picks up there."""
        self._origin = self._clock.monotonic() + self._output.lead_s - self._held_s
        self._state = PlayerState.PLAYING
        self._watch.restart()
        self._guarded(lambda out: out.begin(to_sample(self._held_s)))

    def _practised(self, position_s: float) -> float:
        plan = self._plan
        if plan is None:
            return 0.0
        return min(max(0.0, position_s - plan.start_s), plan.end_s - plan.start_s)

    def _guarded(self, action: Callable[[LiveOutput], Any]) -> Any:
        """Run an output call; if the device fails, go on silently and say so once."""
        try:
            return action(self._output)
        except AudioDeviceError as exc:
            self._output = SilentOutput()
            if not self._device_failed:
                self._device_failed = True
                self._emit(AudioNotice(f"The sound device stopped working ({exc}): {SILENT_NOTICE}."))
            return None

    def _read_clocks(self) -> ClockReading:
        boot = self._boot_clock() if self._boot_clock is not None else None
        return ClockReading(self._clock.monotonic(), self._clock.wall(), boot)

    def _emit(self, event: PlayerEvent) -> None:
        listener = self._listener
        self._events.append(lambda: listener.player_event(event))

    def _dispatch(self) -> None:
        with self._lock:
            events, self._events = self._events, []
        for event in events:
            try:
                event()
            except Exception:  # a listener's bug must not stop the session's sound
                log.exception("player listener failed")
