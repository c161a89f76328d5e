"""Picks the live player's output for this machine, and degrades rather than fails.

* simpleaudio imports and the default device mixes streams (PulseAudio,
  PipeWire, ALSA dmix): each sound is its own voice (`VoiceOutput`).
* The device plays one stream at a time (bare ALSA hardware): Kindly mixes
  the session itself (`SelfMixingOutput`). The user hears no difference
  worth a notice.
* simpleaudio is missing, or there is no device: the session runs silently
  with its visual cues (`SilentOutput`), and the user is told once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from kindly.audio.live_output import LiveOutput, VoiceOutput
from kindly.audio.player_interface import PlayerListener
from kindly.audio.self_mixing_backend import SelfMixingOutput
from kindly.audio.session_player import SILENT_NOTICE, LivePlayer
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.simpleaudio_backend import DeviceProbe, SimpleaudioBackend, load_simpleaudio, probe_device
from kindly.audio.sound_bank import SoundBank
from kindly.core.clock import Clock, SystemClock
from kindly.core.suspend_watch import BootClock
from kindly.platform.suspend_clock import system_boot_clock

OutputMode = Literal["auto", "voices", "self-mixing", "silent"]


def create_session_player(
    listener: PlayerListener,
    clock: Clock | None = None,
    *,
    bank: SoundBank | None = None,
    mode: OutputMode = "auto",
    run_thread: bool = True,
) -> LivePlayer:
    """A player for one session on this machine's best output.

    `mode` forces an output and `run_thread=False` leaves the stepping to the
    caller (`run_due`): both for tests and measurements.
    """
    clock = clock or SystemClock()
    output, notice = choose_output(bank or SoundBank(), clock, mode)
    return LivePlayer(listener, output, clock, boot_clock=boot_clock_for(clock), notice=notice, run_thread=run_thread)


class SessionAudio:
    """The app's audio for every session and test sound: one SoundBank, one device probe.

    The bank keeps the decoded bells and cues between sessions, and the
    device is probed at the first sound only; a probe that found no device
    is tried again at the next session (headphones plugged in meanwhile).
    """

    def __init__(self, clock: Clock | None = None, mode: OutputMode = "auto") -> None:
        self._clock = clock or SystemClock()
        self._mode = mode
        self._bank: SoundBank | None = None
        self._probe: DeviceProbe | None = None
        self.probes = 0  # how often the device was probed (the tests count them)

    def player(self, listener: PlayerListener) -> LivePlayer:
        """A player for one session, through the app's bank and the device as probed."""
        if self._bank is None:
            self._bank = SoundBank()
        output, notice = choose_output(self._bank, self._clock, self._mode, self._device_probe)
        return LivePlayer(
            listener, output, self._clock, boot_clock=boot_clock_for(self._clock), notice=notice, run_thread=True
        )

    def _device_probe(self, module: object) -> DeviceProbe:
        if self._probe is None or self._probe.state == "none":
            self._probe = probe_device(module)
            self.probes += 1
        return self._probe


def choose_output(
    bank: SoundBank,
    clock: Clock,
    mode: OutputMode = "auto",
    probe: Callable[[Any], DeviceProbe] = probe_device,
) -> tuple[LiveOutput, str | None]:
    """The output to play through, and the one line to tell the user (None: nothing to say)."""
    if mode == "silent":
        return SilentOutput(), None
    try:
        simpleaudio = load_simpleaudio()
    except ImportError:
        return SilentOutput(), f"Sound is unavailable (simpleaudio is not installed): {SILENT_NOTICE}."
    backend = SimpleaudioBackend(simpleaudio)
    # Probing also warms ALSA up (its configuration and plugins load on the
    # first open), so the session's first sound starts as promptly as the rest.
    device = probe(simpleaudio)
    if mode == "voices":
        return VoiceOutput(backend, bank), None
    if mode == "self-mixing":
        return SelfMixingOutput(backend, bank, clock), None
    if device.state == "none":
        return SilentOutput(), f"No audio device could be opened: {SILENT_NOTICE}."
    if device.state == "exclusive":
        return SelfMixingOutput(backend, bank, clock), None
    return VoiceOutput(backend, bank), None


def boot_clock_for(clock: Clock) -> BootClock | None:
    """The clock that counts through a suspend, matching `clock`.

    The system clock pairs with the system's own (CLOCK_BOOTTIME on Linux); a
    test's clock may offer `boottime()`; otherwise suspend is noticed by the
    wall clock (see `kindly.core.suspend_watch`).
    """
    boottime = getattr(clock, "boottime", None)
    if callable(boottime):
        return boottime
    if isinstance(clock, SystemClock):
        return system_boot_clock()
    return None
