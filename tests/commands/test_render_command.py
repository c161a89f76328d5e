"""`kindly render`: a WAV and a timeline that agree, and one clean line for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from audio_analysis import matched_lag_ms, onset_near, onset_strength, read_wav
from kindly.audio.sound_bank import SoundBank
from kindly.cli import main
from kindly.core.sound_catalog import BREATH_CUES, COUNT_BELL
from read_only_folder import make_immutable, make_writable


def render(tmp_path: Path, *args: str) -> tuple[np.ndarray, dict]:
    out, timeline = tmp_path / "s.wav", tmp_path / "s.json"
    assert main(["render", str(out), "--timeline", str(timeline), *args]) == 0
    samples, rate, width, channels = read_wav(out)
    assert (rate, width, channels) == (44100, 2, 1)
    return samples, json.loads(timeline.read_text())


def test_render_writes_16_bit_44k_wav_as_long_as_the_timeline(tmp_path: Path) -> None:
    samples, timeline = render(tmp_path, "--minutes", "0.5", "--warmup", "2", "--bell", "small-bowl")
    assert timeline["duration_s"] == pytest.approx(2 + 30 + 8)
    assert len(samples) == round(timeline["duration_s"] * 44100)


def test_warmup_is_silent_in_the_wav(tmp_path: Path) -> None:
    samples, _ = render(tmp_path, "--minutes", "0.25", "--warmup", "3")
    assert np.abs(samples[: int(2.99 * 44100)]).max() == 0.0


def test_every_timeline_event_is_audible_at_its_time(tmp_path: Path) -> None:
    samples, timeline = render(
        tmp_path,
        "--minutes",
        "1",
        "--warmup",
        "2",
        "--breath",
        "box",
        "--interval-bell",
        "0.5",
        "--bell-every-breaths",
        "2",
        "--bell",
        "wood-block",
    )
    flux, hop_s = onset_strength(samples)
    events = timeline["events"]
    assert {e.get("role") for e in events if e["kind"] == "bell"} == {"start", "interval", "count", "end"}
    missed = [e for e in events if onset_near(flux, hop_s, e["t"], tolerance_s=0.02) is None]
    assert missed == []


def test_each_breath_cue_sounds_exactly_at_its_time(tmp_path: Path) -> None:
    samples, timeline = render(
        tmp_path, "--minutes", "0.5", "--warmup", "1", "--breath", "4-7-8", "--volume-bells", "0"
    )
    bank = SoundBank()
    for event in timeline["events"]:
        if event["kind"] == "breath":
            cue = bank.named(BREATH_CUES[event["phase"]])
            assert abs(matched_lag_ms(samples, cue, event["t"])) < 0.1, event


def test_each_bell_sounds_exactly_at_its_time(tmp_path: Path) -> None:
    samples, timeline = render(
        tmp_path,
        "--minutes",
        "0.5",
        "--warmup",
        "1",
        "--no-breath-cues",
        "--bell",
        "wood-block",
        "--interval-bell",
        "0.2",
    )
    cue = SoundBank().named("wood-block")
    bells = [e for e in timeline["events"] if e["kind"] == "bell"]
    assert [e["role"] for e in bells] == ["start", "interval", "interval", "end"]
    for event in bells:
        assert abs(matched_lag_ms(samples, cue, event["t"])) < 0.1, event


def test_the_counting_bell_has_its_own_voice(tmp_path: Path) -> None:
    samples, timeline = render(
        tmp_path,
        "--minutes",
        "0.5",
        "--warmup",
        "0",
        "--no-breath-cues",
        "--bell-every-breaths",
        "2",
        "--bell",
        "wood-block",
    )
    counts = [e["t"] for e in timeline["events"] if e.get("role") == "count"]
    assert counts == [20.0]
    assert abs(matched_lag_ms(samples, SoundBank().named(COUNT_BELL), 20.0)) < 0.1


def test_breath_cues_can_be_turned_off(tmp_path: Path) -> None:
    _, timeline = render(tmp_path, "--minutes", "0.5", "--no-breath-cues")
    assert [e["kind"] for e in timeline["events"]] == ["bell", "bell"]


def test_zero_volume_silences_a_layer(tmp_path: Path) -> None:
    samples, _ = render(tmp_path, "--minutes", "0.25", "--warmup", "0", "--volume-bells", "0", "--no-breath-cues")
    assert np.abs(samples).max() == 0.0


def test_layer_volume_scales_its_sounds(tmp_path: Path) -> None:
    loud, _ = render(tmp_path, "--minutes", "0.25", "--no-breath-cues", "--volume-bells", "100")
    soft, _ = render(tmp_path, "--minutes", "0.25", "--no-breath-cues", "--volume-bells", "50")
    assert np.abs(soft).max() == pytest.approx(np.abs(loud).max() * 0.25, rel=0.01)


def test_ambient_bed_fades_in_from_the_start_bell(tmp_path: Path) -> None:
    samples, _ = render(
        tmp_path,
        "--minutes",
        "0.5",
        "--warmup",
        "4",
        "--ambient",
        "brown-noise",
        "--volume-bells",
        "0",
        "--no-breath-cues",
    )
    rms = lambda a, b: float(np.sqrt(np.mean(samples[int(a * 44100) : int(b * 44100)] ** 2)))  # noqa: E731
    assert rms(0, 3.9) == 0.0
    assert 0.0 < rms(4.0, 5.0) < rms(12.0, 20.0)


def test_ambient_bed_fades_out_by_the_end_of_the_file(tmp_path: Path) -> None:
    samples, _ = render(tmp_path, "--minutes", "0.25", "--ambient", "rain", "--volume-bells", "0", "--no-breath-cues")
    assert np.abs(samples[-200:]).max() < 0.002


BAD_INPUTS = [
    (["--breath", "4-40"], "exhale of 40 s is out of range"),
    (["--breath", "4"], "2, 3 or 4 phases"),
    (["--breath", "4-4-4-4-4"], "2, 3 or 4 phases"),
    (["--minutes", "0"], "--minutes '0' is out of range (more than 0, at most 240)"),
    (["--minutes", "-3"], "--minutes '-3' is out of range"),
    (["--minutes", "241"], "--minutes '241' is out of range"),
    (["--minutes", "ten"], "--minutes 'ten' is not a number"),
    (["--warmup", "-1"], "--warmup '-1' is out of range (0 to 600)"),
    (["--volume-bells", "101"], "--volume-bells '101' is out of range (0 to 100)"),
    (["--volume-narration", "-1"], "--volume-narration '-1' is out of range"),
    (["--volume-ambient", "loud"], "--volume-ambient 'loud' is not a whole number"),
    (["--bell", "gong"], "unknown bell 'gong'"),
    (["--practice", "no-such-practice"], "unknown practice 'no-such-practice'"),
    (["--ambient", "waves"], "unknown ambient bed 'waves'"),
    (["--interval-bell", "-1"], "--interval-bell '-1' is out of range"),
    (["--interval-bell", "1e-300"], "interval bell of 1e-300 minutes is out of range"),
    (["--bell-every-breaths", "-2"], "--bell-every-breaths '-2' is out of range (0 to 999)"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_INPUTS, ids=[" ".join(a) for a, _ in BAD_INPUTS])
def test_bad_input_exits_2_with_one_line_and_no_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    out = tmp_path / "out.wav"
    assert main(["render", str(out), "--timeline", str(tmp_path / "t.json"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: ")
    assert err.count("\n") == 1
    assert fragment in err
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nope" / "out.wav")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_timeline_named_as_the_wav_itself_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The timeline was written over the finished WAV: the render was lost without a word."""
    out = tmp_path / "s.wav"
    assert main(["render", str(out), "--minutes", "0.1", "--timeline", str(tmp_path / "." / "s.wav")]) == 2
    assert "is the WAV file itself" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.posix_only("a folder made read-only by its mode")
def test_an_output_folder_the_user_cannot_write_is_bad_input_as_for_history_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_immutable(folder)
    try:
        assert main(["render", str(folder / "s.wav"), "--minutes", "0.1"]) == 2
    finally:
        make_writable(folder)
    assert capsys.readouterr().err == f"kindly: error: cannot write {folder / 's.wav'}: permission denied\n"
    assert list(folder.iterdir()) == []


def test_python_m_kindly_is_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kindly", "render", str(tmp_path / "x.wav"), "--minutes", "500"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr == "kindly: error: --minutes '500' is out of range (more than 0, at most 240)\n"


@pytest.mark.posix_only("file modes and the umask")
def test_the_rendered_file_gets_the_users_usual_file_mode(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "s.wav"
        assert main(["render", str(out), "--minutes", "0.1"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
