"""Block mixing: blocks join seamlessly, narration ducks the bed, memory stays flat."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from kindly.audio.session_mixer import DUCK_DB, SessionMixer, volume_gain
from kindly.audio.sound_bank import SoundBank
from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.session_config import LayerVolumes, SessionConfig
from kindly.core.session_plan import Cue, build_session_plan

RATE = 44100


def whole(mixer: SessionMixer, size: int) -> np.ndarray:
    return np.concatenate([b for _s, b in mixer.blocks(size)])


def test_block_size_does_not_change_the_mix() -> None:
    plan = build_session_plan(
        SessionConfig(minutes=0.5, warmup_s=1, breath=parse_breath_pattern("box"), ambient="stream")
    )
    bank = SoundBank()
    a = whole(SessionMixer(plan, bank), 4096)
    b = whole(SessionMixer(plan, bank), 44100 * 7 + 13)
    assert len(a) == len(b) == round(plan.duration_s * RATE)
    assert np.array_equal(a, b)


def test_volume_gain_is_silent_at_zero_and_full_at_a_hundred() -> None:
    assert volume_gain(0) == 0.0
    assert volume_gain(100) == 1.0
    assert volume_gain(50) == pytest.approx(0.25)


def test_a_volume_change_applies_from_the_next_block() -> None:
    plan = build_session_plan(SessionConfig(minutes=0.25, warmup_s=0, breath_cues=False))
    mixer = SessionMixer(plan, SoundBank())
    first = mixer.block(0, RATE)
    mixer.set_volume("bells", 0)
    assert np.abs(first).max() > 0.01
    assert np.abs(mixer.block(RATE, RATE)).max() == 0.0


def test_narration_ducks_the_ambient_bed(tmp_path: Path) -> None:
    clip = tmp_path / "phrase.wav"
    soundfile.write(str(clip), np.zeros(RATE * 3, dtype=np.float32), RATE)
    config = SessionConfig(
        minutes=1, warmup_s=0, breath_cues=False, ambient="brown-noise", volumes=LayerVolumes(bells=0)
    )
    phrase = Cue(20.0, "narration", text="Resting here.", practice="p", duration=3.0, clip=str(clip))
    plan = build_session_plan(config, narration=[phrase])
    mixer = SessionMixer(plan, SoundBank())
    plain = build_session_plan(config)
    reference = SessionMixer(plain, SoundBank())
    ducked = mixer.block(21 * RATE, RATE)
    undisturbed = reference.block(21 * RATE, RATE)
    ratio = np.sqrt(np.mean(ducked**2) / np.mean(undisturbed**2))
    assert 20 * np.log10(ratio) == pytest.approx(DUCK_DB, abs=0.1)
    assert np.array_equal(mixer.block(30 * RATE, RATE), reference.block(30 * RATE, RATE))


def test_a_user_recording_at_another_rate_is_converted(tmp_path: Path) -> None:
    clip = tmp_path / "mine.wav"
    t = np.arange(48000) / 48000
    stereo = np.stack([np.sin(2 * np.pi * 440 * t)] * 2, axis=1).astype(np.float32) * 0.5
    soundfile.write(str(clip), stereo, 48000)
    samples = SoundBank().clip(clip)
    assert len(samples) == pytest.approx(RATE, abs=2)
    assert samples.dtype == np.float32


def test_a_corrupt_user_recording_is_named_in_one_line(tmp_path: Path) -> None:
    clip = tmp_path / "broken.wav"
    clip.write_bytes(b"RIFF\x00\x00not really audio")
    with pytest.raises(KindlyInputError, match=r"corrupt recording .*broken\.wav"):
        SoundBank().clip(clip)


def test_the_ambient_bed_alone_needs_no_cue_decoded(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet.wav"
    config = SessionConfig(minutes=1, warmup_s=0, breath_cues=False, ambient="rain")
    phrase = Cue(20.0, "narration", text="Later.", practice="p", duration=2.0, clip=str(missing))
    mixer = SessionMixer(build_session_plan(config, narration=[phrase]), SoundBank())
    assert np.abs(mixer.ambient_block(10 * RATE, RATE)).max() > 0.0


def test_a_phrase_is_decoded_only_when_the_mix_reaches_it(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet.wav"
    config = SessionConfig(minutes=1, warmup_s=0, breath_cues=False)
    phrase = Cue(20.0, "narration", text="Later.", practice="p", duration=2.0, clip=str(missing))
    mixer = SessionMixer(build_session_plan(config, narration=[phrase]), SoundBank())
    mixer.block(0, 19 * RATE)
    with pytest.raises(KindlyInputError, match="missing recording"):
        mixer.block(19 * RATE, 2 * RATE)


class CountingBank(SoundBank):
    """A real bank that counts the narration clips it decodes."""

    def __init__(self) -> None:
        super().__init__()
        self.decoded: list[str] = []

    def clip(self, path: str | Path) -> np.ndarray:
        self.decoded.append(Path(path).name)
        return super().clip(path)


def _tone(path: Path, seconds: float) -> str:
    t = np.arange(int(seconds * RATE)) / RATE
    soundfile.write(str(path), (0.3 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), RATE)
    return str(path)


def test_a_phrase_is_let_go_once_the_mix_has_passed_it(tmp_path: Path) -> None:
    config = SessionConfig(minutes=1, warmup_s=0, breath_cues=False)
    phrases = [
        Cue(t, "narration", text="Hello.", practice="p", duration=1.0, clip=_tone(tmp_path / f"{t:.0f}.wav", 1.0))
        for t in (10.0, 30.0)
    ]
    bank = CountingBank()
    mixer = SessionMixer(build_session_plan(config, narration=phrases), bank)
    for start in range(0, 40 * RATE, RATE // 2):
        mixer.block(start, RATE // 2)
    assert bank.decoded == ["10.wav", "30.wav"]  # each once, in a single pass
    mixer.block(10 * RATE, RATE)  # mixing its stretch again (a volume change re-mixes what is queued)
    assert bank.decoded == ["10.wav", "30.wav", "10.wav"]


def test_a_phrase_longer_than_its_plan_says_still_sounds_to_its_end(tmp_path: Path) -> None:
    config = SessionConfig(minutes=1, warmup_s=0, breath_cues=False)
    phrase = Cue(10.0, "narration", text="Hello.", practice="p", duration=0.5, clip=_tone(tmp_path / "long.wav", 3.0))
    mixer = SessionMixer(build_session_plan(config, narration=[phrase]), SoundBank())
    for start in range(0, 12 * RATE, RATE // 4):
        block = mixer.block(start, RATE // 4)
    assert np.abs(block).max() > 0.1  # 11.75-12 s: the clip's last quarter second


def test_a_soft_end_rings_the_quiet_chime_instead_of_the_bell() -> None:
    from kindly.audio.session_mixer import cue_samples
    from kindly.core.sound_catalog import COUNT_BELL, COUNT_BELL_RING_OUT_S

    bank = SoundBank()
    plan = build_session_plan(SessionConfig(minutes=1, soft_end=True, breath_cues=False))
    end = next(c for c in plan.cues if c.kind == "bell" and c.name == "end")
    start = next(c for c in plan.cues if c.kind == "bell" and c.name == "start")
    assert np.array_equal(cue_samples(end, plan, bank), bank.named(COUNT_BELL))
    assert np.array_equal(cue_samples(start, plan, bank), bank.named("bowl"))
    assert plan.duration_s == pytest.approx(plan.end_s + COUNT_BELL_RING_OUT_S)


def test_a_mono_clip_at_22_kHz_loads_at_44_1_kHz_band_limited(tmp_path: Path) -> None:
    from kindly.audio.sound_bank import decode_file

    t = np.arange(22050) / 22050
    tone = (0.5 * np.sin(2 * np.pi * 440 * t) * np.hanning(t.size)).astype(np.float32)
    soundfile.write(str(tmp_path / "voice.wav"), tone, 22050, subtype="FLOAT")
    loaded = decode_file(tmp_path / "voice.wav", bundled=False)
    t2 = np.arange(loaded.size) / RATE
    expected = 0.5 * np.sin(2 * np.pi * 440 * t2) * np.interp(t2, t, np.hanning(t.size))
    assert loaded.dtype == np.float32 and loaded.size == RATE
    assert np.max(np.abs(loaded - expected)) < 1e-4


def test_a_24_kHz_narration_clip_loads_at_44_1_kHz_without_images_above_its_band(tmp_path: Path) -> None:
    """Kokoro speaks at 24 kHz: a sibilant at 6 kHz must not come back mirrored at 18 kHz."""
    from kindly.audio.sound_bank import decode_file

    t = np.arange(24000) / 24000
    tone = (0.5 * np.sin(2 * np.pi * 6000 * t)).astype(np.float32)
    soundfile.write(str(tmp_path / "voice.wav"), tone, 24000, subtype="FLOAT")
    loaded = decode_file(tmp_path / "voice.wav", bundled=True)
    spectrum = np.abs(np.fft.rfft(loaded * np.hanning(loaded.size)))
    frequencies = np.fft.rfftfreq(loaded.size, 1 / RATE)
    assert loaded.size == RATE
    above_band = spectrum[frequencies > 12500].max()
    assert 20 * np.log10(above_band / spectrum.max()) < -80
