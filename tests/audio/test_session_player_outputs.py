"""The player's other outputs: simpleaudio's self-mixing on a one-stream device, and no sound at all.

Driven like the player's own thread drives it, on a fake clock; the devices
are recording doubles (one that refuses a second stream, as bare ALSA
hardware does) or fake simpleaudio modules that fail the way the real one
does with no device.
"""

from __future__ import annotations

import numpy as np
import pytest

from audio.plans import make_plan
from audio.recording_backend import RecordingListener, RecordingStreamDevice, run_until
from fakes import FakeClock
from kindly.audio import player_factory
from kindly.audio.player_interface import PlayerState
from kindly.audio.self_mixing_backend import EDGE_FADE_S, SEGMENT_MAX_S, SEGMENT_MIN_S, SelfMixingOutput
from kindly.audio.session_mixer import SessionMixer, to_sample
from kindly.audio.session_player import LivePlayer
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.simpleaudio_backend import probe_device
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import LayerVolumes
from kindly.core.session_plan import SessionPlan

LEAD_S = 0.04
EDGE = int(EDGE_FADE_S * SAMPLE_RATE)
PCM_STEP = 2.0 / 32767.0


def self_mixing(
    clock: FakeClock, bank: SoundBank, plan: SessionPlan
) -> tuple[LivePlayer, RecordingStreamDevice, float]:
    device = RecordingStreamDevice(clock, lead_s=LEAD_S)
    player = LivePlayer(RecordingListener(clock), SelfMixingOutput(device, bank, clock), clock, run_thread=False)
    origin = clock.monotonic() + LEAD_S
    player.play(plan)
    return player, device, origin


def test_self_mixing_streams_the_rendered_mix_each_segment_heard_at_its_place(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan(ambient="rain", interval_bell_min=0.5)
    player, device, origin = self_mixing(clock, bank, plan)
    run_until(player, clock, origin + plan.duration_s + 1)
    mixer = SessionMixer(plan, bank)
    assert len(device.streams) >= 3
    for stream in device.streams:
        position = to_sample(stream.started_at + LEAD_S - origin)
        expected = mixer.block(position, len(stream.samples))
        np.testing.assert_allclose(stream.samples[EDGE:-EDGE], expected[EDGE:-EDGE], atol=PCM_STEP)
    assert device.refused_while_busy == 0


def test_self_mixing_never_hands_over_where_a_cue_starts(clock: FakeClock, bank: SoundBank) -> None:
    # Cues every 4 s from 3 s: a plain 15 s segment would end right on the cue at 15 s.
    plan = make_plan(minutes=3.0, warmup_s=3.0, breath=parse_breath_pattern("box"), bell_every_breaths=2)
    player, device, origin = self_mixing(clock, bank, plan)
    run_until(player, clock, origin + plan.duration_s + 1)
    starts = [to_sample(c.t) for c in plan.cues]
    for before, after in zip(device.streams, device.streams[1:]):
        gap_from = to_sample(before.started_at + LEAD_S - origin) + len(before.samples)
        gap_to = to_sample(after.started_at + LEAD_S - origin)
        assert not [s for s in starts if gap_from <= s <= gap_to]
        assert SEGMENT_MIN_S * SAMPLE_RATE <= len(before.samples) <= SEGMENT_MAX_S * SAMPLE_RATE


def test_self_mixing_pause_fades_out_and_resume_streams_on_from_the_same_sample(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan()
    player, device, origin = self_mixing(clock, bank, plan)
    run_until(player, clock, origin + 4.0)
    player.pause()
    assert device.streams[0].stopped_at == pytest.approx(origin + 4.0)
    fade = device.streams[1]
    assert len(fade.samples) / SAMPLE_RATE <= 0.5
    assert abs(fade.samples[-1]) <= PCM_STEP
    clock.advance(20.0)
    resumed_at = clock.monotonic()
    player.resume()
    player.run_due()
    again = device.streams[-1]
    assert again.started_at == resumed_at
    expected = SessionMixer(plan, bank).block(to_sample(4.0), len(again.samples))
    np.testing.assert_allclose(again.samples[EDGE:-EDGE], expected[EDGE:-EDGE], atol=PCM_STEP)
    assert device.refused_while_busy == 0


def test_self_mixing_applies_a_new_volume_within_a_second(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan()
    player, device, origin = self_mixing(clock, bank, plan)
    run_until(player, clock, origin + 3.0)
    changed_at = clock.monotonic()
    player.set_volume("bells", 0)
    run_until(player, clock, changed_at + 1.0)
    latest = device.streams[-1]
    assert latest.started_at + LEAD_S - changed_at <= 1.0
    position = to_sample(latest.started_at + LEAD_S - origin)
    quiet = make_plan(volumes=LayerVolumes(bells=0))
    expected = SessionMixer(quiet, bank).block(position, len(latest.samples))
    np.testing.assert_allclose(latest.samples[EDGE:-EDGE], expected[EDGE:-EDGE], atol=PCM_STEP)


# --- no sound at all -------------------------------------------------------------------


def _no_simpleaudio() -> object:
    raise ImportError("No module named 'simpleaudio'")


def test_without_portaudio_or_simpleaudio_cues_and_the_end_arrive_on_time_and_the_user_is_told_once(
    clock: FakeClock, bank: SoundBank, monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    monkeypatch.setattr(player_factory, "load_simpleaudio", _no_simpleaudio)
    listener = RecordingListener(clock)
    player = player_factory.create_session_player(listener, clock, bank=bank, run_thread=False)
    plan = make_plan()
    origin = clock.monotonic()
    player.play(plan)
    run_until(player, clock, origin + plan.duration_s + 1)
    assert [(at - origin, cue) for at, cue in listener.cues] == [(pytest.approx(c.t), c) for c in plan.cues]
    assert listener.finished == [(pytest.approx(origin + plan.duration_s), 60.0, True)]
    assert len(listener.notices) == 1
    assert "simpleaudio is not installed" in listener.notices[0]
    assert "silently" in listener.notices[0]


class _NoDevice:
    """simpleaudio on a machine with no sound card: every stream fails to open."""

    @staticmethod
    def play_buffer(*_args: object) -> object:
        raise RuntimeError("Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory")


class _Stream:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class _OneStreamDevice:
    """simpleaudio on bare ALSA hardware: a second stream cannot open while one plays."""

    def __init__(self) -> None:
        self.open: list[_Stream] = []

    def play_buffer(self, *_args: object) -> object:
        if any(not s.stopped for s in self.open):
            raise RuntimeError("Error opening PCM device. -- CODE: -16 -- MSG: Device or resource busy")
        stream = _Stream()
        self.open.append(stream)
        return stream


class _MixingDevice(_OneStreamDevice):
    def play_buffer(self, *_args: object) -> object:
        stream = _Stream()
        self.open.append(stream)
        return stream


def test_probe_tells_a_mixing_device_from_a_one_stream_device_from_none() -> None:
    mixing = _MixingDevice()
    assert probe_device(mixing).state == "mixing"
    assert all(s.stopped for s in mixing.open)
    one = _OneStreamDevice()
    assert probe_device(one).state == "exclusive"
    assert all(s.stopped for s in one.open)
    none = probe_device(_NoDevice())
    assert none.state == "none"
    assert "No such file or directory" in none.detail


def test_without_portaudio_a_one_stream_device_gets_the_self_mixing_output(
    clock: FakeClock, bank: SoundBank, monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    monkeypatch.setattr(player_factory, "load_simpleaudio", _OneStreamDevice)
    output, notice = player_factory.choose_output(bank, clock)
    assert isinstance(output, SelfMixingOutput)
    assert notice is None


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
