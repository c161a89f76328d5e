"""The session as one PortAudio stream: what the device's callback hands the listener, block by block.

A fake sounddevice (`fake_portaudio`) lets the test be PortAudio's thread:
the clock moves a block at a time, the player's step runs when it asked to,
and the stream's callback is pulled for each block with the DAC time a real
device reports. What the listener hears is then compared with the
session's render (`SessionMixer`), to the sample, at the place on the
timeline the listener hears it.
"""

from __future__ import annotations

import itertools
import math
import subprocess
import sys

import numpy as np
import pytest

from audio.fake_portaudio import FakeSounddevice, Heard
from audio.plans import make_plan
from audio.recording_backend import RecordingListener
from fakes import FakeClock
from kindly.audio import player_factory
from kindly.audio.live_output import VoiceOutput
from kindly.audio.player_interface import PlayerState
from kindly.audio.portaudio_output import BLOCK_FRAMES, CROSSFADE_S, LEAD_MARGIN_S, RESYNC_S, STALL_S, PortAudioOutput
from kindly.audio.session_mixer import SessionMixer, to_sample
from kindly.audio.session_player import LivePlayer
from kindly.audio.silent_backend import SilentOutput
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.session_config import LayerVolumes
from kindly.core.session_plan import SessionPlan

BLOCK_S = BLOCK_FRAMES / SAMPLE_RATE
_STEP = int(RESYNC_S * SAMPLE_RATE)


class Session:
    """A player on a PortAudio output over a fake device, stepped as its thread and the device would."""

    def __init__(self, clock: FakeClock, bank: SoundBank, plan: SessionPlan, devices: int = 1) -> None:
        self.clock = clock
        self.sd = FakeSounddevice(clock, devices=devices)
        self.output = PortAudioOutput(self.sd, bank, clock, host_api="")
        self.listener = RecordingListener(clock)
        self.player = LivePlayer(self.listener, self.output, clock, run_thread=False)
        self.plan = plan
        self.heard: list[Heard] = []
        self.player.play(plan)
        self.origin = clock.monotonic() + self.output.lead_s
        self._wake: float | None = clock.monotonic()

    def run(self, seconds: float, *, device_stalled: bool = False, player_blocked: bool = False) -> None:
        """Move on `seconds`: the player steps when due (unless blocked), the device pulls each block (unless stalled)."""
        until = self.clock.monotonic() + seconds
        while self.clock.monotonic() < until - 1e-9:
            now = self.clock.monotonic()
            if not player_blocked and self._wake is not None and now >= self._wake:
                wake = self.player.run_due()
                self._wake = None if wake is None or math.isinf(wake) else wake
            stream = self.sd.stream
            if not device_stalled and stream.active:
                self.heard.append(stream.pull())
            self.clock.advance(BLOCK_S)

    def wake_now(self) -> None:
        self._wake = self.clock.monotonic()

    def position(self, heard: Heard) -> int:
        return to_sample(heard.at - self.origin)


def rendered(mixer: SessionMixer, position: int, count: int) -> np.ndarray:
    """The render over `[position, position + count)`, silent outside the session."""
    out = np.zeros(count, dtype=np.float32)
    a, b = max(0, position), min(mixer.total_samples, position + count)
    if a < b:
        out[a - position : b - position] = mixer.block(a, b - a)
    return out


def assert_heard_as_rendered(session: Session, blocks: list[Heard], mixer: SessionMixer) -> None:
    for block in blocks:
        position = session.position(block)
        np.testing.assert_allclose(block.samples, rendered(mixer, position, len(block.samples)), atol=1e-6)


def test_every_block_the_device_plays_is_the_render_at_the_place_it_is_heard(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan(minutes=0.5, ambient="rain", interval_bell_min=0.25)
    session = Session(clock, bank, plan)
    session.run(plan.duration_s + 1.0)
    assert session.player.state is PlayerState.FINISHED
    assert_heard_as_rendered(session, session.heard, SessionMixer(plan, bank))
    loud = [b for b in session.heard if np.abs(b.samples).max() > 0.01]
    assert loud and session.position(loud[0]) <= to_sample(plan.start_s) < session.position(loud[0]) + BLOCK_FRAMES


def test_consecutive_blocks_join_without_a_gap_or_an_overlap(clock: FakeClock, bank: SoundBank) -> None:
    session = Session(clock, bank, make_plan(minutes=0.2))
    session.run(5.0)
    positions = [session.position(b) for b in session.heard]
    assert {b - a for a, b in itertools.pairwise(positions)} == {BLOCK_FRAMES}


def test_dac_times_that_jitter_by_milliseconds_move_no_block(clock: FakeClock, bank: SoundBank) -> None:
    session = Session(clock, bank, make_plan(minutes=0.2))
    session.run(1.0)
    session.sd.dac_errors = [0.004, -0.004, 0.003, -0.003, 0.0] * 40
    first = len(session.heard)
    session.run(4.0)
    blocks = session.heard[first - 1 :]
    starts = [session.position(blocks[0]) + i * BLOCK_FRAMES for i in range(len(blocks))]
    assert [session.position(b) for b in blocks] == starts  # the stream's own clock: unchanged


def test_a_device_clock_running_apart_is_followed(clock: FakeClock, bank: SoundBank) -> None:
    session = Session(clock, bank, make_plan(minutes=0.2))
    session.run(1.0)
    errors = [0.0005 * i for i in range(40)]  # the device falls 0.5 ms further behind each block
    session.sd.dac_errors = errors + [errors[-1]] * 1000
    session.run(len(errors) * BLOCK_S + 2.0)
    mixer = SessionMixer(session.plan, bank)
    for block in session.heard[-5:]:
        # Where the device's clock says the block is heard (within one correction step).
        position = to_sample(block.at + errors[-1] - session.origin)
        expected = [rendered(mixer, position + shift, BLOCK_FRAMES) for shift in range(-_STEP, _STEP + 1)]
        assert any(np.allclose(block.samples, e, atol=1e-6) for e in expected)


def test_the_lead_is_the_streams_own_latency_and_no_more(clock: FakeClock, bank: SoundBank) -> None:
    session = Session(clock, bank, make_plan())
    assert session.output.lead_s == pytest.approx(session.sd.latency_s + LEAD_MARGIN_S)


def test_a_device_that_stalls_for_200_ms_plays_on_from_where_the_listener_is_with_no_burst_of_late_cues(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan(minutes=0.2)
    bell = to_sample(plan.start_s)
    session = Session(clock, bank, plan)
    session.run(plan.start_s - 0.1)
    session.run(0.2, device_stalled=True)  # the start bell falls in the stall
    before = len(session.heard)
    session.run(3.0)
    after = session.heard[before:]
    # The first block after the stall is the render where the listener now is, 200 ms on, not
    # the stretch the device missed: the bell is heard from its middle, never from its attack, late.
    assert session.position(after[0]) > bell
    assert_heard_as_rendered(session, after, SessionMixer(plan, bank))


def test_a_player_blocked_past_what_is_mixed_ahead_leaves_silence_then_plays_on_in_place(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan(minutes=0.2)
    session = Session(clock, bank, plan)
    session.run(plan.start_s - 0.3)
    before = len(session.heard)
    session.run(1.2, player_blocked=True)  # longer than the ring is filled ahead: the bell is missed
    session.run(3.0)
    later = session.heard[before:]
    starved = [b for b in later if not np.any(b.samples)]
    assert starved, "the feeder never ran out"
    # Every sample heard is silence or the render at its own place: nothing played late.
    mixer = SessionMixer(plan, bank)
    for block in later:
        expected = rendered(mixer, session.position(block), len(block.samples))
        assert np.all(np.isclose(block.samples, expected, atol=1e-6) | (block.samples == 0.0))
    assert_heard_as_rendered(session, later[-int(1.0 / BLOCK_S) :], mixer)


def test_pause_fades_out_then_silence_and_resume_plays_on_from_the_held_sample(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan(minutes=0.3, ambient="rain")
    mixer = SessionMixer(plan, bank)
    session = Session(clock, bank, plan)
    session.run(plan.start_s + 1.0)
    session.player.pause()
    held = to_sample(session.player.position_s())
    fading = len(session.heard)
    session.run(2.0)
    pause = session.heard[fading:]
    assert all(not np.any(b.samples) for b in pause[int(0.2 / BLOCK_S) :]), "sound after the fade"
    assert np.abs(pause[0].samples).max() > 0.0
    session.player.resume()
    session.origin = clock.monotonic() + session.output.lead_s - held / SAMPLE_RATE
    session.wake_now()
    resumed = len(session.heard)
    session.run(2.0)
    after = [b for b in session.heard[resumed:] if session.position(b) >= held + int(0.01 * SAMPLE_RATE)]
    assert after and session.position(after[0]) < held + int(0.01 * SAMPLE_RATE) + BLOCK_FRAMES
    assert_heard_as_rendered(session, after, mixer)


def test_a_new_volume_is_heard_within_a_second(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan(minutes=0.3, ambient="rain")
    session = Session(clock, bank, plan)
    session.run(plan.start_s + 1.0)
    session.player.set_volume("ambient", 20)
    session.wake_now()
    changed = len(session.heard)
    session.run(1.5)
    quiet = SessionMixer(make_plan(minutes=0.3, ambient="rain", volumes=LayerVolumes(ambient=20)), bank)
    settled = [b for b in session.heard[changed:] if b.at >= clock.monotonic() - 1.5 + 0.1 + CROSSFADE_S]
    assert_heard_as_rendered(session, settled, quiet)


def test_a_device_that_goes_away_is_reopened_within_a_second_keeping_the_sessions_place(
    clock: FakeClock, bank: SoundBank
) -> None:
    plan = make_plan(minutes=0.3)
    session = Session(clock, bank, plan, devices=2)
    session.run(3.0)
    session.sd.stream.active = False  # unplugged: PortAudio stops calling back
    gone_at = clock.monotonic()
    session.run(3.0)
    assert len(session.sd.streams) == 2 and session.sd.streams[0].closed
    assert session.sd.reinitialised == 1
    after = [b for b in session.heard if b.at > gone_at]
    assert after[0].at - gone_at <= 1.0
    # From its first blocks (the sound fades in over 5 ms) the new stream plays the render in place.
    assert_heard_as_rendered(session, after[2:], SessionMixer(plan, bank))
    assert session.listener.notices == []


def test_a_callback_that_stops_coming_counts_as_a_device_gone(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan(minutes=0.3)
    session = Session(clock, bank, plan, devices=2)
    session.run(3.0)
    session.run(STALL_S + 0.4, device_stalled=True)
    assert len(session.sd.streams) == 2


def test_with_no_device_left_the_session_goes_on_silently_and_says_so_once(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan(minutes=0.3)
    session = Session(clock, bank, plan, devices=1)
    session.run(3.0)
    session.sd.stream.active = False
    session.run(plan.duration_s)
    assert isinstance(session.player.output, SilentOutput)
    assert len(session.listener.notices) == 1 and "silently" in session.listener.notices[0]
    assert session.listener.finished[0][2] is True
    assert len(session.listener.cues) == len(plan.cues)


def test_no_device_at_the_start_gives_the_silent_output_and_one_line(clock: FakeClock, bank: SoundBank) -> None:
    sd = FakeSounddevice(clock, devices=0)
    choice = player_factory._portaudio_choice(sd, bank, clock)
    assert isinstance(choice.output, SilentOutput)
    assert choice.notice is not None and "\n" not in choice.notice and "silently" in choice.notice


# --- the simpleaudio fallback ------------------------------------------------------------


class _Playing:
    def stop(self) -> None:
        pass

    def is_playing(self) -> bool:
        return False


class _RecordingSimpleaudio:
    """simpleaudio on a mixing device, keeping each buffer."""

    def __init__(self) -> None:
        self.buffers: list[bytes] = []

    def play_buffer(self, pcm: bytes, *_args: object) -> object:
        self.buffers.append(pcm)
        return _Playing()


def test_without_portaudio_a_session_plays_through_simpleaudio(
    clock: FakeClock, bank: SoundBank, monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    simpleaudio = _RecordingSimpleaudio()
    monkeypatch.setattr(player_factory, "load_simpleaudio", lambda: simpleaudio)
    output, notice = player_factory.choose_output(bank, clock)
    assert isinstance(output, VoiceOutput) and notice is None
    listener = RecordingListener(clock)
    player = LivePlayer(listener, output, clock, run_thread=False)
    plan = make_plan(minutes=0.2)
    player.play(plan)
    from audio.recording_backend import run_until

    probe_buffers = len(simpleaudio.buffers)
    run_until(player, clock, clock.monotonic() + plan.duration_s + 1)
    assert listener.finished[0][2] is True
    assert len(simpleaudio.buffers) - probe_buffers >= len(plan.cues)


def _imported_after_choosing(prelude: str) -> str:
    code = (
        "import sys\n"
        f"{prelude}\n"
        "from kindly.audio.player_factory import choose_output\n"
        "from kindly.audio.sound_bank import SoundBank\n"
        "from kindly.core.clock import SystemClock\n"
        "output, _ = choose_output(SoundBank(), SystemClock())\n"
        "print(type(output).__name__, 'simpleaudio' in sys.modules, 'sounddevice' in sys.modules and sys.modules['sounddevice'] is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_simpleaudio_is_not_imported_when_portaudio_loads() -> None:
    assert _imported_after_choosing("").split()[1:] == ["False", "True"]


def test_simpleaudio_is_imported_when_portaudio_cannot_be_loaded() -> None:
    assert _imported_after_choosing("sys.modules['sounddevice'] = None").split()[1:] == ["True", "False"]
