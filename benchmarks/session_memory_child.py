"""Child process of the session-memory benchmark: a whole narrated session on an accelerated clock.

Kindly's main window is built and painted first (offscreen, its practices
loaded), so the process holds what the app holds; then the real live player
(`LivePlayer` over `VoiceOutput`, the sound bank, the narration clips, the
PCM conversion of every voice) plays the session on a clock that jumps from
one due moment to the next. Only the sound server is stood in for: its
`play_buffer` keeps a copy of each buffer until that sound would have ended,
as simpleaudio's C side does; the real device is probed once first, so the
ALSA and PulseAudio client libraries are loaded as in the app. The parent
reads the peak RSS from the kernel.

Usage: session_memory_child.py MINUTES [PRACTICE]
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any


class AcceleratedClock:
    """A monotonic clock that only moves when told to (and never counts a suspend)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return 1_764_000_000.0 + self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)

    def boottime(self) -> float:
        return self.now


class HeldBuffer:
    """What simpleaudio's play_buffer returns; holds a copy of the PCM until the sound would end."""

    def __init__(self, data: bytes, ends_at: float, clock: AcceleratedClock) -> None:
        self.data: bytearray | None = bytearray(data)
        self.ends_at = ends_at
        self._clock = clock

    def is_playing(self) -> bool:
        return self._clock.now < self.ends_at

    def stop(self) -> None:
        self.ends_at = min(self.ends_at, self._clock.now)
        self.data = None

    def wait_done(self) -> None:
        return None


class SoundServerStandIn:
    """simpleaudio's `play_buffer`, minus the device."""

    def __init__(self, clock: AcceleratedClock) -> None:
        self._clock = clock
        self._playing: list[HeldBuffer] = []
        self.voices = 0
        self.most_at_once = 0

    def play_buffer(self, data: bytes, channels: int, bytes_per_sample: int, rate: int) -> HeldBuffer:
        seconds = len(data) / (channels * bytes_per_sample * rate)
        held = HeldBuffer(data, self._clock.now + seconds, self._clock)
        self._playing.append(held)
        self.voices += 1
        self.most_at_once = max(self.most_at_once, len(self._playing))
        return held

    def release_finished(self) -> None:
        for held in self._playing:
            if not held.is_playing():
                held.data = None
        self._playing = [h for h in self._playing if h.data is not None]


class Listener:
    def __init__(self) -> None:
        self.cues = 0
        self.finished: tuple[float, bool] | None = None
        self.notices: list[str] = []

    def player_event(self, event: Any) -> None:
        from kindly.audio.player_interface import AudioNotice, CueReached, SessionFinished

        if isinstance(event, CueReached):
            self.cue_reached(event.cue)
        elif isinstance(event, SessionFinished):
            self.session_finished(event.practised_s, event.completed)
        elif isinstance(event, AudioNotice):
            self.audio_notice(event.message)

    def cue_reached(self, cue: Any) -> None:
        self.cues += 1

    def session_finished(self, practised_s: float, completed: bool) -> None:
        self.finished = (practised_s, completed)

    def session_suspended(self, asleep_s: float) -> None:
        return None

    def audio_notice(self, message: str) -> None:
        self.notices.append(message)


def build_window() -> tuple[object, str]:
    """The app's QApplication and painted main window, kept alive; or None and why not."""
    try:
        from kindly.ui.app.app_main import build_parts, create_application

        app = create_application(sys.argv[:1])
        parts = build_parts(app)
        parts.window.show()
        app.processEvents()
        parts.window.reload_library()
        app.processEvents()
        return parts, "with the main window built and painted (offscreen)"
    except Exception as exc:  # the UI is not the subject here: report and measure the player alone
        return None, f"player alone (the main window could not be built: {type(exc).__name__}: {exc})"


def load_audio_stack() -> str:
    """Open the real device once (as the fallback's device check does), so ALSA and libpulse are in memory too."""
    from kindly.audio.simpleaudio_backend import device_opens, load_simpleaudio

    try:
        problem = device_opens(load_simpleaudio())
    except ImportError:
        return "simpleaudio missing"
    return "device opened first" if problem is None else f"no device ({problem})"


def main() -> int:
    minutes = sys.argv[1]
    practice = sys.argv[2] if len(sys.argv) > 2 else None
    parts, how = build_window()

    from kindly.audio.live_output import VoiceOutput
    from kindly.audio.session_player import LivePlayer
    from kindly.audio.simpleaudio_backend import SimpleaudioBackend
    from kindly.audio.sound_bank import SoundBank
    from kindly.commands import render_command

    parser = argparse.ArgumentParser()
    render_command.add_arguments(parser)
    args = ["unused.wav", "--minutes", minutes] + (["--practice", practice] if practice else [])
    plan = render_command.session_from_options(parser.parse_args(args))

    audio_stack = load_audio_stack()
    clock = AcceleratedClock()
    server = SoundServerStandIn(clock)
    listener = Listener()
    output = VoiceOutput(SimpleaudioBackend(server), SoundBank())
    player = LivePlayer(listener, output, clock, boot_clock=clock.boottime, run_thread=False)
    player.play(plan)
    while (wake := player.run_due()) is not None:
        if math.isinf(wake):
            break
        clock.now = max(wake, clock.now + 1e-4)
        server.release_finished()
    practised = listener.finished[0] if listener.finished else 0.0
    print(f"how {how}; {audio_stack}")
    print(
        f"session cues={listener.cues} voices={server.voices} most_at_once={server.most_at_once} "
        f"practised_s={practised:.0f} completed={bool(listener.finished and listener.finished[1])} "
        f"notices={len(listener.notices)}"
    )
    del parts
    return 0


if __name__ == "__main__":
    sys.exit(main())
