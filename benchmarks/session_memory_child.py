"""Child process of the session-memory benchmark: a whole narrated session on an accelerated clock.

Kindly's main window is built and painted first (offscreen, its practices
loaded), so the process holds what the app holds; then the real live player
(`LivePlayer` over `PortAudioOutput`, the sound bank, the mixer decoding each
narration phrase as it comes, the ring) plays the session on a clock that
jumps from one due moment to the next. Only the device's stream is stood in
for: its callback is called block by block as the clock passes, as
PortAudio's thread would; PortAudio itself is loaded for real first, so its
libraries and ALSA's and PulseAudio's are in memory as in the app. The parent
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


class DeviceStandIn:
    """sounddevice's stream, minus the device: the stream's callback is called block by block as
    the accelerated clock passes, as PortAudio's thread would (the real PortAudio is loaded first)."""

    def __init__(self, clock: AcceleratedClock) -> None:
        self._clock = clock
        self.stream: StreamStandIn | None = None
        self.blocks = 0

    def OutputStream(self, **options: Any) -> StreamStandIn:  # sounddevice's name
        self.stream = StreamStandIn(self._clock, options["callback"], options["blocksize"])
        return self.stream

    def query_devices(self, device: int) -> dict[str, Any]:
        return {"name": "stand-in", "hostapi": 0}

    def query_hostapis(self, index: int | None = None) -> Any:
        api = {"name": "stand-in", "default_output_device": 0}
        return api if index is not None else [api]

    def get_portaudio_version(self) -> tuple[int, str]:
        return 0, "stand-in"

    def _terminate(self) -> None:
        return None

    def _initialize(self) -> None:
        return None

    def play_until(self, until: float) -> None:
        """Every block the device would have pulled up to monotonic `until`."""
        stream = self.stream
        if stream is None:
            return
        while stream.next_at <= until:
            if stream.active:
                stream.pull()
                self.blocks += 1
            stream.next_at += stream.blocksize / 44_100


class StreamStandIn:
    latency = 0.05
    device = 0

    def __init__(self, clock: AcceleratedClock, callback: Any, blocksize: int) -> None:
        import numpy as np

        self._clock = clock
        self._callback = callback
        self.blocksize = blocksize
        self.active = False
        self.next_at = clock.now
        self._out = np.zeros((blocksize, 1), dtype=np.float32)

    @property
    def time(self) -> float:
        return self._clock.now

    def start(self) -> None:
        self.active = True
        self.next_at = self._clock.now

    def abort(self, ignore_errors: bool = False) -> None:
        self.active = False

    def close(self, ignore_errors: bool = False) -> None:
        self.active = False

    def pull(self) -> None:
        from types import SimpleNamespace

        now = self.next_at
        times = SimpleNamespace(currentTime=now, outputBufferDacTime=now + self.latency)
        self._callback(self._out, self.blocksize, times, None)


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
    """Load PortAudio for real, as the app does (its ALSA add-on devices left out first), so its
    libraries and ALSA's and PulseAudio's are in memory as in the app; only the stream is stood in for."""
    from kindly.audio.portaudio_output import load_sounddevice

    try:
        sd = load_sounddevice()
    except (ImportError, OSError) as exc:
        return f"PortAudio not loaded ({exc})"
    return f"{sd.get_portaudio_version()[1].split(',')[0]} loaded"


def main() -> int:
    minutes = sys.argv[1]
    practice = sys.argv[2] if len(sys.argv) > 2 else None
    parts, how = build_window()

    from kindly.audio.portaudio_output import PortAudioOutput
    from kindly.audio.session_player import LivePlayer
    from kindly.audio.sound_bank import SoundBank
    from kindly.commands import render_command

    parser = argparse.ArgumentParser()
    render_command.add_arguments(parser)
    args = ["unused.wav", "--minutes", minutes] + (["--practice", practice] if practice else [])
    plan = render_command.session_from_options(parser.parse_args(args))

    audio_stack = load_audio_stack()
    clock = AcceleratedClock()
    device = DeviceStandIn(clock)
    listener = Listener()
    output = PortAudioOutput(device, SoundBank(), clock, host_api="")
    player = LivePlayer(listener, output, clock, boot_clock=clock.boottime, run_thread=False)
    player.play(plan)
    while (wake := player.run_due()) is not None:
        if math.isinf(wake):
            break
        device.play_until(wake)
        clock.now = max(wake, clock.now + 1e-4)
    practised = listener.finished[0] if listener.finished else 0.0
    print(f"how {how}; {audio_stack}")
    print(
        f"session cues={listener.cues} blocks={device.blocks} "
        f"practised_s={practised:.0f} completed={bool(listener.finished and listener.finished[1])} "
        f"notices={len(listener.notices)}"
    )
    del parts
    return 0


if __name__ == "__main__":
    sys.exit(main())
