"""Picks the live player's output for this machine, and degrades rather than fails.

* PortAudio loads (sounddevice) and an output device opens: the session is
  Kindly's own mix in one stream (`PortAudioOutput`). This is every system
  with Kindly's dependencies installed.
* PortAudio cannot be loaded (a Linux install from source without
  `libportaudio2`): simpleaudio, imported only then, each sound its own
  voice (`VoiceOutput`), mixed by the sound server (PulseAudio, PipeWire,
  ALSA dmix: what such a system plays through).
* No library, or no device: the session runs silently with its visual cues
  (`SilentOutput`), and the user is told once.

`mode` forces one of them (tests, measurements): "stream", "voices",
"silent"; "auto" chooses as above.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from kindly.audio.live_output import LiveOutput, VoiceOutput
from kindly.audio.player_interface import PlayerListener
from kindly.audio.portaudio_output import PortAudioOutput, load_sounddevice
from kindly.audio.session_player import SILENT_NOTICE, LivePlayer
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.simpleaudio_backend import SimpleaudioBackend, device_opens, load_simpleaudio
from kindly.audio.sound_bank import SoundBank
from kindly.audio.voice_backend import AudioDeviceError
from kindly.core.clock import Clock, SystemClock
from kindly.core.suspend_watch import BootClock
from kindly.platform.suspend_clock import system_boot_clock

log = logging.getLogger(__name__)

OutputMode = Literal["auto", "stream", "voices", "silent"]
NO_DEVICE_NOTICE = f"No audio device could be opened: {SILENT_NOTICE}."


class SessionAudio:
    """The app's audio for every session and test sound: one SoundBank, and the one place a session's
    live player is made.

    The bank keeps the decoded bells and cues between sessions. Each session
    opens its own output on the device that is the default then. `mode` forces
    an output and `run_thread=False` leaves the stepping to the caller
    (`run_due`): both for tests and measurements.
    """

    def __init__(
        self,
        clock: Clock | None = None,
        mode: OutputMode = "auto",
        *,
        bank: SoundBank | None = None,
        run_thread: bool = True,
    ) -> None:
        self._clock = clock or SystemClock()
        self._mode = mode
        self._bank = bank
        self._run_thread = run_thread

    def player(self, listener: PlayerListener) -> LivePlayer:
        """A player for one session, through the app's bank."""
        if self._bank is None:
            self._bank = SoundBank()
        output, notice = choose_output(self._bank, self._clock, self._mode)
        return LivePlayer(
            listener,
            output,
            self._clock,
            boot_clock=boot_clock_for(self._clock),
            notice=notice,
            run_thread=self._run_thread,
        )


@dataclass(frozen=True)
class OutputChoice:
    """The output a session plays through, the line to tell the user (None: nothing), and why it was chosen."""

    output: LiveOutput
    notice: str | None
    reason: str
    usable: bool = True  # False: no audio library at all (an install that is missing a dependency)


def choose_output(bank: SoundBank, clock: Clock, mode: OutputMode = "auto") -> tuple[LiveOutput, str | None]:
    """The output to play through, and the one line to tell the user (None: nothing to say)."""
    choice = pick_output(bank, clock, mode)
    return choice.output, choice.notice


def pick_output(bank: SoundBank, clock: Clock, mode: OutputMode = "auto") -> OutputChoice:
    """`choose_output` with its reason, for `kindly self-test`."""
    if mode == "silent":
        return OutputChoice(SilentOutput(), None, "sessions run silently (asked for)")
    fallback_reason = ""
    if mode in ("auto", "stream"):
        try:
            sounddevice = load_sounddevice()
        except (OSError, ImportError) as exc:
            # OSError: sounddevice is there but the PortAudio library is not (no libportaudio2).
            fallback_reason = f"PortAudio cannot be loaded ({_first_line(exc)})"
            log.info("%s: sessions play through simpleaudio", fallback_reason)
            if mode == "stream":
                return OutputChoice(
                    SilentOutput(), f"Sound is unavailable ({fallback_reason}): {SILENT_NOTICE}.", fallback_reason
                )
        else:
            return _portaudio_choice(sounddevice, bank, clock)
    return _simpleaudio_choice(bank, fallback_reason)


def _portaudio_choice(sounddevice: Any, bank: SoundBank, clock: Clock) -> OutputChoice:
    version = str(sounddevice.get_portaudio_version()[1]).split(",")[0]
    try:
        output = PortAudioOutput(sounddevice, bank, clock)
    except AudioDeviceError as exc:
        return OutputChoice(
            SilentOutput(),
            NO_DEVICE_NOTICE,
            f"no audio device could be opened through {version} ({exc}): sessions run silently, with visual cues",
        )
    return OutputChoice(output, None, f"{version}: one stream on {output.device_name}, Kindly mixes the session")


def _simpleaudio_choice(bank: SoundBank, fallback_reason: str) -> OutputChoice:
    """The fallback (or simpleaudio asked for): a voice per sound, if the default device opens."""
    why = f"{fallback_reason}, so simpleaudio plays: " if fallback_reason else "simpleaudio: "
    try:
        simpleaudio = load_simpleaudio()
    except ImportError as exc:
        return OutputChoice(
            SilentOutput(),
            f"Sound is unavailable (simpleaudio is not installed): {SILENT_NOTICE}.",
            f"{why}simpleaudio is missing ({exc}): sessions would run silently",
            usable=False,
        )
    # Opening the device also warms ALSA up (its configuration and plugins load on the
    # first open), so the session's first sound starts as promptly as the rest.
    problem = device_opens(simpleaudio)
    if problem is not None:
        return OutputChoice(
            SilentOutput(),
            NO_DEVICE_NOTICE,
            f"{why}no audio device could be opened ({problem}): sessions run silently, with visual cues",
        )
    return OutputChoice(VoiceOutput(SimpleaudioBackend(simpleaudio), bank), None, f"{why}a voice per sound")


def audio_report(mode: OutputMode = "auto") -> OutputChoice:
    """What a session would sound through on this machine now, and why (its device let go again)."""
    choice = pick_output(SoundBank(), SystemClock(), mode)
    choice.output.close()
    return choice


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]


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
