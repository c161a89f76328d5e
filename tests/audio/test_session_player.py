"""The live player on a fake clock: what a listener would hear, and when, to the sample.

The player is driven exactly as its thread drives it (`run_due`, then wait
until the instant it asks for), but the wait is a jump of the fake clock.
Sounds are the real bundled ones, really decoded; the backend records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from audio.plans import make_plan
from audio.recording_backend import PlayedVoice, RecordingBackend, RecordingListener, run_until
from fakes import FakeClock
from kindly.audio.live_output import AMBIENT_CHUNK_S, PICKUP_RAMP_S, VoiceOutput
from kindly.audio.player_interface import PlayerState
from kindly.audio.session_mixer import SessionMixer, cue_samples, to_sample, volume_gain
from kindly.audio.session_player import STOP_FADE_S, SUSPEND_CHECK_S, LivePlayer
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import LayerVolumes, SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan

LEAD_S = 0.04
RAMP = int(PICKUP_RAMP_S * SAMPLE_RATE)


@dataclass
class Rig:
    """A player on a fake clock with a recording backend, started on `plan`."""

    clock: FakeClock
    backend: RecordingBackend
    listener: RecordingListener
    player: LivePlayer
    plan: SessionPlan
    origin: float

    def at(self, t: float) -> None:
        """Run the session until the plan's second `t` is being heard."""
        run_until(self.player, self.clock, self.origin + t)

    def heard(self, t: float) -> float:
        return self.origin + t

    def voices_of(self, samples: np.ndarray) -> list[PlayedVoice]:
        return [v for v in self.backend.played if len(v.samples) == len(samples) and np.array_equal(v.samples, samples)]


def start(clock: FakeClock, bank: SoundBank, plan: SessionPlan, backend: RecordingBackend | None = None) -> Rig:
    backend = backend or RecordingBackend(clock, lead_s=LEAD_S)
    listener = RecordingListener(clock)
    player = LivePlayer(listener, VoiceOutput(backend, bank), clock, run_thread=False)
    origin = clock.monotonic() + backend.lead_s
    player.play(plan)
    return Rig(clock, backend, listener, player, plan, origin)


def test_every_cue_is_started_its_lead_early_so_it_is_heard_at_its_time(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan(interval_bell_min=0.5))
    rig.at(rig.plan.duration_s + 1)
    played = [v for v in rig.backend.played]
    assert len(played) == len(rig.plan.cues)
    for voice, cue in zip(played, rig.plan.cues):
        assert voice.heard_at == pytest.approx(rig.heard(cue.t), abs=1e-9)
        assert voice.due_at == pytest.approx(rig.heard(cue.t) - LEAD_S, abs=1e-9)
        assert np.array_equal(voice.samples, cue_samples(cue, rig.plan, bank))


def test_an_hour_long_session_ends_as_exactly_as_it_starts(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan(minutes=60.0, breath=parse_breath_pattern("coherent")))
    rig.at(rig.plan.duration_s + 1)
    errors = [v.heard_at - rig.heard(c.t) for v, c in zip(rig.backend.played, rig.plan.cues)]
    assert len(errors) == len(rig.plan.cues)
    assert max(abs(e) for e in errors) < 1e-6


def test_each_cue_is_reported_when_it_is_heard_not_when_it_is_started(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(rig.plan.duration_s + 1)
    assert [(at, cue) for at, cue in rig.listener.cues] == [(pytest.approx(rig.heard(c.t)), c) for c in rig.plan.cues]


def test_each_cue_is_reported_once_and_the_session_finishes_after_the_ring_out(
    clock: FakeClock, bank: SoundBank
) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(rig.plan.duration_s + 1)
    assert [c for _, c in rig.listener.cues] == list(rig.plan.cues)
    assert rig.listener.finished == [(pytest.approx(rig.heard(rig.plan.duration_s)), 60.0, True)]
    assert rig.player.state is PlayerState.FINISHED


def test_resume_picks_a_ringing_bell_up_at_the_sample_where_it_was_paused(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    bowl = bank.named("bowl")
    rig.at(5.0)
    rig.player.pause()
    (first,) = rig.voices_of(bowl)
    assert first.stopped_at == pytest.approx(rig.heard(5.0))
    clock.advance(30.0)
    resumed_at = clock.monotonic()
    rig.player.resume()
    rig.player.run_due()
    picked_up = [v for v in rig.backend.played if v.started_at == resumed_at and len(v.samples) > SAMPLE_RATE]
    assert len(picked_up) == 1
    offset = to_sample(5.0 - 2.0)
    assert np.array_equal(picked_up[0].samples[RAMP:], bowl[offset + RAMP :])
    assert picked_up[0].heard_at == pytest.approx(resumed_at + LEAD_S)


def test_after_a_pause_every_later_cue_is_heard_shifted_by_the_pause_exactly(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(5.0)
    rig.player.pause()
    clock.advance(30.0)
    rig.player.resume()
    shift = 30.0 + LEAD_S
    run_until(rig.player, clock, rig.heard(rig.plan.duration_s) + shift + 1)
    exhale = next(c for c in rig.plan.cues if c.t == 6.0)
    voices = [v for v in rig.backend.played if np.array_equal(v.samples, cue_samples(exhale, rig.plan, bank))]
    assert voices[0].heard_at == pytest.approx(rig.heard(6.0) + shift)
    assert rig.player.practised_s() == 60.0
    assert rig.listener.finished[0][1:] == (60.0, True)


def test_a_cue_started_ahead_of_its_time_just_before_a_pause_sounds_once_after_it(
    clock: FakeClock, bank: SoundBank
) -> None:
    rig = start(clock, bank, make_plan())
    exhale = next(c for c in rig.plan.cues if c.t == 6.0)
    rig.at(6.0 - LEAD_S / 2)  # handed to the backend, not yet heard
    rig.player.pause()
    clock.advance(10.0)
    rig.player.resume()
    run_until(rig.player, clock, clock.monotonic() + 1.0)
    sound = cue_samples(exhale, rig.plan, bank)
    heard = [v for v in rig.backend.played if np.array_equal(v.samples, sound) and v.heard_until > v.heard_at]
    assert len(heard) == 1
    assert [c for _, c in rig.listener.cues].count(exhale) == 1


def test_a_new_bell_volume_reissues_the_ringing_bell_from_where_it_is_at_the_new_gain(
    clock: FakeClock, bank: SoundBank
) -> None:
    rig = start(clock, bank, make_plan())
    bowl = bank.named("bowl")
    rig.at(4.0)
    changed_at = clock.monotonic()
    rig.player.set_volume("bells", 40)
    (old,) = rig.voices_of(bowl)
    assert old.stopped_at == changed_at
    new = rig.backend.played[-1]
    assert new.gain == volume_gain(40)
    assert new.heard_at - changed_at <= 1.0
    offset = to_sample(new.heard_at - rig.origin - 2.0)
    assert np.array_equal(new.samples[RAMP:], bowl[offset + RAMP :])


def test_a_volume_set_while_paused_is_what_resume_plays_at(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(3.0)
    rig.player.pause()
    rig.player.set_volume("bells", 10)
    rig.player.resume()
    assert rig.backend.played[-1].gain == volume_gain(10)


def test_ambient_chunks_rebuild_the_rendered_bed_seamlessly(clock: FakeClock, bank: SoundBank) -> None:
    plan = make_plan(minutes=0.5, ambient="rain")
    rig = start(clock, bank, plan)
    rig.at(plan.duration_s + 1)
    mixer = SessionMixer(plan, bank)
    total = mixer.total_samples
    bed = [v for v in rig.backend.played if v.gain == volume_gain(plan.config.volumes.ambient)]
    assert len(bed) == int(np.ceil((plan.duration_s - plan.start_s) / AMBIENT_CHUNK_S))
    heard = np.zeros(total + SAMPLE_RATE, dtype=np.float64)
    for voice in bed:
        at = to_sample(voice.heard_at - rig.origin)
        heard[at : at + len(voice.samples)] += voice.samples
    expected = mixer.ambient_block(0, total)
    np.testing.assert_allclose(heard[:total], expected, atol=1e-5)


def test_an_ambient_volume_change_is_heard_within_a_second(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan(ambient="brown-noise"))
    rig.at(11.3)
    changed_at = clock.monotonic()
    rig.player.set_volume("ambient", 90)
    rig.at(13.0)
    louder = [v for v in rig.backend.sounding(changed_at + 1.0) if v.gain == volume_gain(90)]
    assert louder
    assert all(v.gain != volume_gain(35) for v in rig.backend.sounding(changed_at + 1.0))


def test_a_sleep_pauses_the_session_is_reported_and_is_not_practice(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(10.0)
    clock.suspend(600.0)
    clock.advance(0.5)  # awake again; the player notices at its next step
    rig.player.run_due()
    assert rig.listener.suspended == [pytest.approx(600.0)]
    assert rig.player.state is PlayerState.PAUSED
    assert rig.player.practised_s() == pytest.approx(8.5)
    assert not rig.backend.sounding(clock.monotonic() + LEAD_S)
    assert rig.player.run_due() == float("inf")


def test_an_idle_stretch_costs_one_wake_up_a_second_and_no_more(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan(breath_cues=False))  # bells at 2 s and 62 s, nothing between
    rig.at(5.0)
    wakes: list[float] = []
    while clock.monotonic() < rig.heard(25.0):
        wake = rig.player.run_due()
        assert wake is not None
        wakes.append(wake - clock.monotonic())
        clock.advance(wake - clock.monotonic())
    assert len(wakes) == 20
    assert all(w == pytest.approx(SUSPEND_CHECK_S) for w in wakes)


class BootingClock(FakeClock):
    """A fake clock with a suspend-counting clock beside it, like Linux's CLOCK_BOOTTIME."""

    def __init__(self) -> None:
        super().__init__()
        self._boot = 50.0

    def boottime(self) -> float:
        return self._monotonic + self._boot

    def suspend(self, seconds: float) -> None:
        super().suspend(seconds)
        self._boot += seconds


def test_setting_the_wall_clock_forward_is_not_taken_for_a_sleep(bank: SoundBank) -> None:
    from kindly.audio.player_factory import boot_clock_for

    clock = BootingClock()
    listener = RecordingListener(clock)
    player = LivePlayer(
        listener, VoiceOutput(RecordingBackend(clock), bank), clock, boot_clock=boot_clock_for(clock), run_thread=False
    )
    player.play(make_plan())
    run_until(player, clock, clock.monotonic() + 5.0)
    clock.set_wall(clock.wall() + 3600.0)
    run_until(player, clock, clock.monotonic() + 5.0)
    assert listener.suspended == []
    assert player.state is PlayerState.PLAYING
    clock.suspend(120.0)
    run_until(player, clock, clock.monotonic() + 5.0)
    assert listener.suspended == [pytest.approx(120.0)]


def test_setting_the_wall_clock_back_is_never_a_sleep(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(5.0)
    clock.set_wall(clock.wall() - 7200.0)
    rig.at(20.0)
    assert rig.listener.suspended == []
    assert rig.player.state is PlayerState.PLAYING


def test_stop_fades_every_sounding_voice_out_within_half_a_second(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(2.5)
    sounding = rig.backend.sounding(clock.monotonic())
    assert len(sounding) == 2  # the start bell and the first inhale
    stopped_at = clock.monotonic()
    played_before = len(rig.backend.played)
    rig.player.stop()
    assert all(v.stopped_at == stopped_at for v in sounding)
    tails = rig.backend.played[played_before:]
    assert len(tails) == 2
    for tail in tails:
        assert tail.heard_until - stopped_at <= 0.5
        assert len(tail.samples) <= STOP_FADE_S * SAMPLE_RATE
        assert abs(tail.samples[-1]) < 1e-3
    assert rig.listener.finished == [(stopped_at, pytest.approx(0.5), False)]
    assert rig.player.state is PlayerState.STOPPED
    assert rig.player.run_due() is None


def test_the_end_bell_rings_out_after_the_session_screen_is_closed(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    end = rig.plan.end_s
    rig.at(end + 1.0)
    rig.player.stop()
    end_bell = rig.backend.played[-1]
    assert end_bell.heard_at == pytest.approx(rig.heard(end))
    assert end_bell.stopped_at is None
    assert rig.listener.finished == []
    rig.at(rig.plan.duration_s + 1.0)
    assert end_bell.stopped_at is None
    assert rig.listener.finished == [(pytest.approx(rig.heard(rig.plan.duration_s)), 60.0, True)]


def test_stop_before_the_end_bell_reports_the_seconds_practised(clock: FakeClock, bank: SoundBank) -> None:
    rig = start(clock, bank, make_plan())
    rig.at(32.0)
    rig.player.stop()
    rig.at(40.0)
    assert rig.listener.finished == [(pytest.approx(rig.heard(32.0)), pytest.approx(30.0), False)]
    assert not [c for _, c in rig.listener.cues if c.t > 32.0]


def test_a_device_failing_mid_session_leaves_the_session_running_with_one_notice(
    clock: FakeClock, bank: SoundBank
) -> None:
    rig = start(clock, bank, make_plan(), RecordingBackend(clock, lead_s=LEAD_S, fail_from_call=4))
    rig.at(rig.plan.duration_s + 1)
    assert len(rig.listener.notices) == 1
    assert "stopped working" in rig.listener.notices[0]
    assert [c for _, c in rig.listener.cues] == list(rig.plan.cues)
    assert rig.listener.finished[0][2] is True


def test_layer_volumes_of_the_plan_are_the_gains_played_at(clock: FakeClock, bank: SoundBank) -> None:
    volumes = LayerVolumes(bells=100, breath=20, narration=90, ambient=0)
    rig = start(clock, bank, make_plan(volumes=volumes, ambient="stream"))
    rig.at(7.0)
    gains = {round(v.gain, 6) for v in rig.backend.played}
    assert gains == {round(volume_gain(100), 6), round(volume_gain(20), 6)}


def test_an_unknown_layer_is_refused_by_name(clock: FakeClock, bank: SoundBank) -> None:
    from kindly.core.errors import KindlyInputError

    rig = start(clock, bank, make_plan())
    with pytest.raises(KindlyInputError, match="'drums'"):
        rig.player.set_volume("drums", 50)


def test_narration_is_played_as_a_voice_of_its_own(clock: FakeClock, bank: SoundBank, tmp_path: object) -> None:
    import soundfile

    clip = tmp_path / "phrase.wav"  # type: ignore[operator]
    phrase = (0.2 * np.sin(np.arange(SAMPLE_RATE) * 2 * np.pi * 220 / SAMPLE_RATE)).astype(np.float32)
    soundfile.write(str(clip), phrase, SAMPLE_RATE, subtype="FLOAT")
    config = SessionConfig(minutes=0.5, warmup_s=1.0, breath=parse_breath_pattern("4-4"))
    narration = [Cue(5.0, "narration", text="Breathe.", practice="p", duration=1.0, clip=str(clip))]
    plan = build_session_plan(config, narration=narration)
    rig = start(clock, bank, plan)
    rig.at(6.0)
    (voice,) = [v for v in rig.backend.played if np.array_equal(v.samples, phrase)]
    assert voice.heard_at == pytest.approx(rig.heard(5.0))
    assert voice.gain == volume_gain(config.volumes.narration)


class CountingBank(SoundBank):
    """The real bank, noting which narration clips it decodes and when."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.decoded: list[tuple[float, str]] = []

    def clip(self, path: object) -> np.ndarray:
        self.decoded.append((self.clock.monotonic(), str(path)))
        return super().clip(path)  # type: ignore[arg-type]


def phrases_plan(tmp_path: object, count: int) -> SessionPlan:
    import soundfile

    narration = []
    for n in range(count):
        clip = tmp_path / f"phrase{n}.wav"  # type: ignore[operator]
        soundfile.write(str(clip), np.full(SAMPLE_RATE, 0.1 * (n + 1), dtype=np.float32), SAMPLE_RATE, subtype="FLOAT")
        narration.append(
            Cue(4.0 + 8.0 * n, "narration", text=f"Phrase {n}.", practice="p", duration=1.0, clip=str(clip))
        )
    config = SessionConfig(minutes=1.0, warmup_s=2.0, breath=parse_breath_pattern("4-4"))
    return build_session_plan(config, narration=narration)


def test_narration_is_decoded_one_phrase_ahead_not_all_at_the_start(clock: FakeClock, tmp_path: object) -> None:
    bank = CountingBank(clock)
    plan = phrases_plan(tmp_path, 4)
    rig = start(clock, bank, plan)
    assert [p.endswith("phrase0.wav") for _t, p in bank.decoded] == [True]
    rig.at(4.5)
    assert [p.rsplit("/", 1)[1] for _t, p in bank.decoded] == ["phrase0.wav", "phrase1.wav"]
    rig.at(plan.duration_s + 1)
    assert [p.rsplit("/", 1)[1] for _t, p in bank.decoded] == [f"phrase{n}.wav" for n in range(4)]


def test_each_phrase_is_heard_at_its_time_with_its_own_clip(clock: FakeClock, tmp_path: object) -> None:
    plan = phrases_plan(tmp_path, 3)
    rig = start(clock, SoundBank(), plan)
    rig.at(plan.duration_s + 1)
    flat = [v for v in rig.backend.played if len(v.samples) == SAMPLE_RATE and np.all(v.samples == v.samples[0])]
    assert [round(v.heard_at - rig.origin, 6) for v in flat] == [4.0, 12.0, 20.0]
    assert [round(float(v.samples[0]), 3) for v in flat] == [0.1, 0.2, 0.3]


def test_a_phrase_whose_clip_is_corrupt_is_refused_when_the_session_loads(clock: FakeClock, tmp_path: object) -> None:
    plan = phrases_plan(tmp_path, 2)
    (tmp_path / "phrase1.wav").write_bytes(b"RIFF....WAVEjunk")  # type: ignore[operator]
    listener = RecordingListener(clock)
    player = LivePlayer(
        listener, VoiceOutput(RecordingBackend(clock, lead_s=LEAD_S), SoundBank()), clock, run_thread=False
    )
    player.play(plan)
    assert any("phrase1.wav" in notice for notice in listener.notices)
