"""Live playback heard from the sound server: every cue on time, no drift, every attack whole.

A private PulseAudio server with a null sink stands in for speakers; the
session plays through Kindly's real player (system clock, its own thread,
one PortAudio stream through ALSA's pulse plugin) in a child process while `parec`
records the sink. Time zero of the recording is the start bell's onset
(found by matched filter after the silent warm-up), so every error is a cue
against the start bell, as a listener hears it; see `live_capture`.

The session: a 1.5 s warm-up, then 21 s of 4-4 breathing (six breath cues)
with a small bowl struck at the start, twice as an interval bell and at the
end, each ringing 7.5 s under the breath cues that follow it: four bells and
six breath cues, sounding together.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audio.live_capture import LiveSession, cue_onsets, run_live_session
from kindly.audio.sound_bank import SoundBank
from pulse_server import PulseServer

SESSION = LiveSession(minutes=0.35, warmup_s=1.5, breath="4-4", interval_bell_min=0.15, bell="small-bowl")
TOLERANCE_S = 0.020
DRIFT_S = 0.008


@pytest.fixture(scope="module")
def heard(pulse_server: PulseServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    run = run_live_session(pulse_server, SESSION, tmp_path_factory.mktemp("live"))
    return {"run": run, "onsets": cue_onsets(run.capture, SESSION.plan(), SoundBank())}


@pytest.mark.slow
def test_the_session_really_played_through_the_sound_server(heard: dict[str, object]) -> None:
    run = heard["run"]
    assert run.lines_starting("output") == ["output PortAudioOutput"]  # type: ignore[attr-defined]
    assert run.lines_starting("notice") == []  # type: ignore[attr-defined]
    assert run.lines_starting("finished")[0].endswith(" True")  # type: ignore[attr-defined]
    assert len(run.lines_starting("cue")) == len(SESSION.plan().cues)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_every_cue_is_heard_within_20_ms_of_its_time(heard: dict[str, object]) -> None:
    onsets = heard["onsets"]
    report = [(o.cue.t, o.cue.kind, o.cue.name, round(o.error_s * 1000, 2)) for o in onsets]  # type: ignore[attr-defined]
    assert len(onsets) == 10  # type: ignore[arg-type]
    assert all(abs(o.error_s) <= TOLERANCE_S for o in onsets), report  # type: ignore[attr-defined]


@pytest.mark.slow
def test_cue_timing_does_not_drift_from_the_first_half_to_the_second(heard: dict[str, object]) -> None:
    errors = [o.error_s for o in heard["onsets"]][1:]  # type: ignore[attr-defined]  # the start bell is zero
    half = len(errors) // 2
    drift = float(np.mean(errors[half:]) - np.mean(errors[:half]))
    assert abs(drift) <= DRIFT_S, [round(e * 1000, 2) for e in errors]


@pytest.mark.slow
def test_no_cue_loses_its_attack(heard: dict[str, object]) -> None:
    judged = [o for o in heard["onsets"] if o.dominant]  # type: ignore[attr-defined]
    assert len(judged) >= 9
    report = [(o.cue.t, o.cue.name, round(o.attack, 2)) for o in judged]
    assert all(0.7 <= o.attack <= 1.3 for o in judged), report


def test_capture_harness_can_tell_a_lost_attack(tmp_path: Path) -> None:
    """The attack measure is not vacuous: the same sound missing its first 12 ms scores near 0."""
    from audio.live_capture import attack_kept, cue_template

    plan = SESSION.plan()
    bank = SoundBank()
    cue = next(c for c in plan.cues if c.kind == "breath" and c.name == "exhale")
    template = cue_template(cue, plan, bank)
    recording = np.zeros(44100, dtype=np.float32)
    recording[1000 : 1000 + len(template)] = template
    assert attack_kept(recording, template, 1000) == pytest.approx(1.0)
    recording[1000 : 1000 + 530] = 0.0
    assert abs(attack_kept(recording, template, 1000)) < 0.1
