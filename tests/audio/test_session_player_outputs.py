"""The player without PortAudio: simpleaudio's fallback, and no sound at all.

Driven like the player's own thread drives it, on a fake clock; the devices
are fake simpleaudio modules that fail the way the real one does with no
device.
"""

from __future__ import annotations

import numpy as np
import pytest

from audio.plans import make_plan
from audio.recording_backend import RecordingListener, run_until
from fakes import FakeClock
from kindly.audio import player_factory
from kindly.audio.player_interface import PlayerState
from kindly.audio.session_mixer import to_sample
from kindly.audio.session_player import LivePlayer
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.sound_bank import SoundBank

# --- no sound at all -------------------------------------------------------------------


def _no_simpleaudio() -> object:
    raise ImportError("No module named 'simpleaudio'")


def test_without_portaudio_or_simpleaudio_cues_and_the_end_arrive_on_time_and_the_user_is_told_once(
    clock: FakeClock, bank: SoundBank, monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    monkeypatch.setattr(player_factory, "load_simpleaudio", _no_simpleaudio)
    listener = RecordingListener(clock)
    player = player_factory.SessionAudio(clock, bank=bank, run_thread=False).player(listener)
    plan = make_plan()
    origin = clock.monotonic()
    player.play(plan)
    run_until(player, clock, origin + plan.duration_s + 1)
    assert [(at - origin, cue) for at, cue in listener.cues] == [(pytest.approx(c.t), c) for c in plan.cues]
    assert listener.finished == [(pytest.approx(origin + plan.duration_s), 60.0, True)]
    assert len(listener.notices) == 1
    assert "simpleaudio is not installed" in listener.notices[0]
    assert "silently" in listener.notices[0]


class _Stream:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def is_playing(self) -> bool:
        return not self.stopped


class _NoDevice:
    """simpleaudio on a machine with no sound card: every stream fails to open."""

    @staticmethod
    def play_buffer(*_args: object) -> object:
        raise RuntimeError("Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory")


def test_without_portaudio_no_device_gets_the_silent_output_and_one_line_for_the_user(
    clock: FakeClock, bank: SoundBank, monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    monkeypatch.setattr(player_factory, "load_simpleaudio", _NoDevice)
    output, notice = player_factory.choose_output(bank, clock)
    assert isinstance(output, SilentOutput)
    assert notice is not None and "\n" not in notice and "silently" in notice


def test_sounds_that_cannot_be_loaded_leave_a_silent_session_that_still_finishes(
    clock: FakeClock, tmp_path: object
) -> None:
    from audio.recording_backend import RecordingBackend
    from kindly.audio.live_output import VoiceOutput

    empty = SoundBank(tmp_path)  # type: ignore[arg-type]
    listener = RecordingListener(clock)
    player = LivePlayer(listener, VoiceOutput(RecordingBackend(clock), empty), clock, run_thread=False)
    plan = make_plan(minutes=0.5)
    player.play(plan)
    run_until(player, clock, clock.monotonic() + plan.duration_s + 1)
    assert len(listener.notices) == 1 and "missing sound file" in listener.notices[0]
    assert len(listener.cues) == len(plan.cues)
    assert player.state is PlayerState.FINISHED


def test_self_test_audio_check_passes_without_a_device_and_says_sessions_run_silently(
    monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    from kindly.commands import self_test_command

    monkeypatch.setattr(player_factory, "load_simpleaudio", _NoDevice)
    result = self_test_command.check_audio()
    assert result.ok
    assert "sessions run silently" in result.detail


def test_self_test_audio_check_fails_with_neither_portaudio_nor_simpleaudio(
    monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    from kindly.commands import self_test_command

    monkeypatch.setattr(player_factory, "load_simpleaudio", _no_simpleaudio)
    result = self_test_command.check_audio()
    assert not result.ok
    assert "PortAudio cannot be loaded" in result.detail
    assert "simpleaudio is missing" in result.detail


class _Buffers:
    """simpleaudio that keeps each buffer it is given."""

    def __init__(self) -> None:
        self.buffers: list[bytes] = []

    def play_buffer(self, pcm: bytes, *_args: object) -> object:
        self.buffers.append(bytes(pcm))
        return _Stream()


def test_a_voice_started_late_loses_that_much_padding_and_keeps_its_attack(clock: FakeClock) -> None:
    from kindly.audio.simpleaudio_backend import MIN_PAD_S, PAD_S, SimpleaudioBackend

    module = _Buffers()
    backend = SimpleaudioBackend(module, clock=clock)
    sound = np.full(1000, 0.5, dtype=np.float32)
    backend.play(sound, 1.0, due_at=clock.monotonic())
    backend.play(sound, 1.0, due_at=clock.monotonic() - 0.010)
    backend.play(sound, 1.0, due_at=clock.monotonic() - 1.0)
    pads = [len(b) // 2 - len(sound) for b in module.buffers]
    assert pads == [to_sample(PAD_S), to_sample(PAD_S) - 441, to_sample(MIN_PAD_S)]
    for pcm in module.buffers:
        assert np.all(np.frombuffer(pcm, dtype="<i2")[-len(sound) :] == int(0.5 * 32767))
