"""Hear a live session as a listener would: play it through a PulseAudio null sink, record, find each cue.

`run_live_session` records the sink's monitor with `parec` while
`live_session_driver.py` plays the session through Kindly's real player in
a child process. `cue_onsets` then finds where each cue's sound starts in
the recording, with a matched filter: the cue's own first 300 ms (at its
layer's volume) slid over a window around where it should be; the peak is
its onset, to the sample, even under a bell still ringing.

Time zero of the recording is unknown (parec starts before the player, with
its own latency), so it is set by the start bell: it is found first (the
warm-up before it is silent), and every other cue's error is its onset
minus (start bell onset + its time after the start bell). An error common
to every cue (the sound server's latency) therefore cancels; what remains is
exactly what a listener hears: each cue against the start bell.

"Attack intact" is measured as the part of each sound's first 12 ms found in
the recording at its onset (1.0: all there; a stream that lost its first
12 ms would score about 0).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from kindly.audio.session_mixer import SessionMixer, cue_samples, layer_of, to_sample, volume_gain
from kindly.audio.sound_bank import SAMPLE_RATE, SoundBank
from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import LayerVolumes, SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan

DRIVER = Path(__file__).with_name("live_session_driver.py")
TEMPLATE_S = 0.3
SEARCH_S = 0.15
ATTACK_S = 0.012
COINCIDENT_S = 0.05


@dataclass(frozen=True)
class LiveSession:
    """The session options a capture plays (the `render` options that shape a timeline)."""

    minutes: float
    warmup_s: float
    breath: str = "4-4"
    interval_bell_min: float = 0.0
    bell_every_breaths: int = 0
    bell: str = "small-bowl"
    ambient: str | None = None
    volumes: dict[str, int] = field(
        default_factory=lambda: {"bells": 60, "breath": 100, "narration": 90, "ambient": 35}
    )

    def config(self) -> SessionConfig:
        return SessionConfig(
            minutes=self.minutes,
            warmup_s=self.warmup_s,
            breath=parse_breath_pattern(self.breath),
            interval_bell_min=self.interval_bell_min,
            bell_every_breaths=self.bell_every_breaths,
            bell=self.bell,
            ambient=self.ambient,
            volumes=LayerVolumes(**self.volumes),
        )

    def plan(self) -> SessionPlan:
        return build_session_plan(self.config())

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> LiveSession:
        return cls(**json.loads(text))


@dataclass
class LiveRun:
    """What the driver printed and what the sink played."""

    lines: list[str]
    capture: np.ndarray

    def lines_starting(self, word: str) -> list[str]:
        return [line for line in self.lines if line.split(" ", 1)[0] == word]


@dataclass(frozen=True)
class CueOnset:
    """Where one cue was heard, against where the timeline put it."""

    cue: Cue
    error_s: float
    attack: float
    dominant: bool  # no louder cue starts with it, so its attack can be judged


def run_live_session(
    server: object,
    session: LiveSession,
    work: Path,
    mode: str = "auto",
    cpu_window: tuple[float, float] | None = None,
    *,
    sink: str | None = None,
    after_cue: tuple[int, Callable[[], None]] | None = None,
) -> LiveRun:
    """Play `session` through the real player into `server`'s null sink and record it.

    `sink` names the sink recorded (default: the server's own); `after_cue` is
    (n, action): `action` runs as soon as the driver reports its n-th cue
    (a device unplugged or switched mid-session).
    """
    work.mkdir(parents=True, exist_ok=True)
    raw = work / "capture.raw"
    recorder = server.recorder(raw, sink) if sink else server.recorder(raw)  # type: ignore[attr-defined]
    try:
        _wait_for_bytes(raw, recorder)
        command = [sys.executable, str(DRIVER), "--session", session.to_json(), "--mode", mode]
        if cpu_window:
            command += ["--cpu-window", str(cpu_window[0]), str(cpu_window[1])]
        timeout = session.plan().duration_s + 90.0
        lines, returncode, stderr = _drive(command, server.env(), timeout, after_cue)  # type: ignore[attr-defined]
        if returncode != 0:
            raise AssertionError(f"the driver failed ({returncode}): {lines}\n{stderr}")
        if recorder.poll() is None:  # (its sink may have been unloaded on purpose)
            _let_run(recorder, 0.3)  # the last of the ring-out reaches the recording
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
    capture = np.fromfile(raw, dtype="<i2").astype(np.float32) / 32768.0
    return LiveRun(lines, capture)


def _drive(
    command: list[str], env: dict[str, str], timeout: float, after_cue: tuple[int, Callable[[], None]] | None
) -> tuple[list[str], int, str]:
    """Run the driver, reading its lines as they come; its lines, exit status and stderr."""
    if after_cue is None:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        return result.stdout.splitlines(), result.returncode, result.stderr
    cue_count, action = after_cue
    lines: list[str] = []
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as driver:
        assert driver.stdout is not None and driver.stderr is not None
        for line in driver.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("cue ") and sum(1 for x in lines if x.startswith("cue ")) == cue_count:
                action()
        returncode = driver.wait(timeout=timeout)
        return lines, returncode, driver.stderr.read()


def _wait_for_bytes(path: Path, recorder: subprocess.Popen[bytes], timeout_s: float = 15.0) -> None:
    """parec is recording once its file grows (the null sink's monitor yields silence at once)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if recorder.poll() is not None:
            raise AssertionError(f"parec exited with status {recorder.returncode}")
        if path.exists() and path.stat().st_size > SAMPLE_RATE // 5:
            return
        _let_run(recorder, 0.05)
    raise AssertionError(f"parec recorded nothing within {timeout_s} s")


def _let_run(recorder: subprocess.Popen[bytes], seconds: float) -> None:
    """Give parec this long, noticing at once if it exits."""
    try:
        recorder.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return
    raise AssertionError(f"parec exited with status {recorder.returncode}")


def cue_template(cue: Cue, plan: SessionPlan, bank: SoundBank) -> np.ndarray:
    """A cue's sound as it should reach the sink: its first `TEMPLATE_S`, at its layer's volume."""
    gain = volume_gain(plan.config.volumes.get(layer_of(cue)))
    return cue_samples(cue, plan, bank)[: int(TEMPLATE_S * SAMPLE_RATE)] * gain


def matched_onset(capture: np.ndarray, template: np.ndarray, lo: int, hi: int) -> int:
    """The sample in `[lo, hi)` where `template` best matches the recording."""
    lo = max(0, lo)
    segment = capture[lo : hi + len(template)]
    n = 1 << int(np.ceil(np.log2(len(segment) + len(template))))
    spectrum = np.fft.rfft(segment, n) * np.conj(np.fft.rfft(template, n))
    correlation = np.fft.irfft(spectrum, n)[: max(1, len(segment) - len(template) + 1)]
    return lo + int(np.argmax(correlation))


def attack_kept(capture: np.ndarray, template: np.ndarray, onset: int) -> float:
    """How much of the sound's first `ATTACK_S` is in the recording at `onset` (1.0 = all)."""
    n = int(ATTACK_S * SAMPLE_RATE)
    head = template[:n].astype(np.float64)
    heard = capture[onset : onset + n].astype(np.float64)
    if len(heard) < n:
        return 0.0
    return float(np.dot(heard, head) / np.dot(head, head))


def timeline_zero(capture: np.ndarray, plan: SessionPlan, bank: SoundBank, from_s: float, length_s: float) -> int:
    """Where the timeline's zero falls in a recording that starts mid-session (a sink switched to).

    The render of `[from_s, from_s + length_s)` (several cues, in their own spacing) is
    matched over the whole recording: a stretch of the session is unique where one
    cue's sound (a bell struck three times) is not.
    """
    mixer = SessionMixer(plan, bank)
    template = mixer.block(to_sample(from_s), to_sample(length_s))
    return matched_onset(capture, template, 0, len(capture) - len(template)) - to_sample(from_s)


def cue_onsets(
    capture: np.ndarray, plan: SessionPlan, bank: SoundBank, zero: int | None = None, from_s: float = 0.0
) -> list[CueOnset]:
    """Every cue's onset error against the start bell (see the module docstring).

    Given the timeline's `zero` in the recording (`timeline_zero`), the cues from
    `from_s` on are measured against it instead.
    """
    search = int(SEARCH_S * SAMPLE_RATE)
    if zero is None:
        start_bell = next(c for c in plan.cues if c.kind == "bell" and c.name == "start")
        first_sound = int(np.argmax(np.abs(capture) > 0.01))
        if not np.abs(capture[first_sound]) > 0.01:
            raise AssertionError("the recording is silent: nothing reached the sink")
        bell_template = cue_template(start_bell, plan, bank)
        bell_onset = matched_onset(capture, bell_template, first_sound - search, first_sound + search)
        zero = bell_onset - to_sample(start_bell.t)
    onsets: list[CueOnset] = []
    for cue in [c for c in plan.cues if c.t >= from_s]:
        template = cue_template(cue, plan, bank)
        expected = zero + to_sample(cue.t)
        onset = matched_onset(capture, template, expected - search, expected + search)
        early = float(np.sum(template[: int(ATTACK_S * SAMPLE_RATE)] ** 2))
        louder_with_it = [
            c
            for c in plan.cues
            if c is not cue
            and abs(c.t - cue.t) < COINCIDENT_S
            and float(np.sum(cue_template(c, plan, bank)[: int(ATTACK_S * SAMPLE_RATE)] ** 2)) > early
        ]
        onsets.append(
            CueOnset(
                cue,
                (onset - expected) / SAMPLE_RATE,
                attack_kept(capture, template, onset),
                dominant=not louder_with_it,
            )
        )
    return onsets
