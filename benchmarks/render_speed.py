"""`kindly render` speed and peak memory at 10, 30 and 90 minutes, against writing as much silence with `wave`.

Each render runs the real command line in a fresh process (Python start-up
included, as a user would see it), narrated with a bundled practice when
`kindly practices` lists one, a silent timer with bells otherwise. The
baseline writes the same number of frames to the same disk with the
standard library, in one-second blocks. Memory flatness is the 90-minute
peak RSS over the 10-minute one: a mixer that holds the whole track grows 9x.
"""

from __future__ import annotations

import json
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from bench_processes import BENCH_DIR, PYTHON, Finished, kindly_env, run_to_end
from bench_report import Budget, Measurement, NotMeasured, median

LENGTHS_MIN = (10, 30, 90)
PREFERRED_PRACTICE = "mindful-breathing"
BASELINE = "wave module writing as much silence"
SPEED_BUDGET = Budget(300, kind="value", at_most=False, unit="x")
RSS_BUDGET = Budget(200, kind="value", unit="MB")


def choose_practice(env: dict[str, str], longest_minimum: float) -> str | None:
    """A recorded practice that can be stretched to `longest_minimum` minutes or less, or None (a silent timer)."""
    listing = run_to_end([PYTHON, "-m", "kindly", "practices", "--json"], env, timeout_s=60)
    if listing.returncode != 0:
        return None
    try:
        practices = json.loads(listing.stdout)["practices"]
    except (ValueError, KeyError, TypeError):
        return None
    fitting = [p for p in practices if float(p.get("min_minutes", 0)) <= longest_minimum]
    recorded = [p for p in fitting if p.get("narration") == "recorded"] or fitting
    ids = [p["id"] for p in recorded]
    if PREFERRED_PRACTICE in ids:
        return PREFERRED_PRACTICE
    return ids[0] if ids else None


@dataclass(frozen=True)
class Run:
    audio_s: float
    wall_s: float
    peak_rss_mb: float

    @property
    def speed(self) -> float:
        return self.audio_s / self.wall_s


def _render(minutes: int, practice: str | None, work: Path, env: dict[str, str]) -> tuple[Run, int, int]:
    out = work / f"render-{minutes}.wav"
    command = [PYTHON, "-m", "kindly", "render", str(out), "--minutes", str(minutes)]
    if practice:
        command += ["--practice", practice]
    finished = run_to_end(command, env, timeout_s=600, cwd=work)
    if finished.returncode != 0:
        raise RuntimeError(f"kindly render exited with status {finished.returncode}: {finished.stderr.strip()[-300:]}")
    with wave.open(str(out), "rb") as written:
        frames, channels, rate = written.getnframes(), written.getnchannels(), written.getframerate()
    out.unlink()
    return Run(frames / rate, finished.wall_s, finished.peak_rss_mb), frames, channels


def _silence(frames: int, channels: int, work: Path, env: dict[str, str]) -> Run:
    out = work / "silence.wav"
    finished: Finished = run_to_end(
        [PYTHON, str(BENCH_DIR / "silence_wav.py"), str(out), str(frames), str(channels)], env, timeout_s=600
    )
    if finished.returncode != 0:
        raise RuntimeError(f"the silence baseline failed: {finished.stderr.strip()[-300:]}")
    out.unlink()
    return Run(frames / 44_100, finished.wall_s, finished.peak_rss_mb)


def _median_run(runs: list[Run]) -> Run:
    return Run(runs[0].audio_s, median(r.wall_s for r in runs), median(r.peak_rss_mb for r in runs))


def measure(repeats: int) -> list[Measurement | NotMeasured]:
    with tempfile.TemporaryDirectory(prefix="kindly-bench-render-") as tmp:
        work = Path(tmp)
        env = kindly_env(work / "home")
        practice = choose_practice(env, min(LENGTHS_MIN))
        what = f"narrated: {practice}" if practice else "silent timer with bells (no practice listed)"
        renders: dict[int, Run] = {}
        silences: dict[int, Run] = {}
        try:
            for minutes in LENGTHS_MIN:
                kindly_runs, silence_runs = [], []
                for _ in range(repeats):
                    run, frames, channels = _render(minutes, practice, work, env)
                    kindly_runs.append(run)
                    silence_runs.append(_silence(frames, channels, work, env))
                renders[minutes] = _median_run(kindly_runs)
                silences[minutes] = _median_run(silence_runs)
        except RuntimeError as exc:
            return [NotMeasured(f"render-{m}min-speed", str(exc)) for m in LENGTHS_MIN]
    results: list[Measurement | NotMeasured] = []
    for minutes in LENGTHS_MIN:
        render, silence = renders[minutes], silences[minutes]
        results.append(
            Measurement(
                f"render-{minutes}min-speed",
                render.speed,
                "x",
                silence.speed,
                BASELINE,
                SPEED_BUDGET if minutes == 30 else None,
                note=f"{what}; {render.wall_s:.2f} s for {render.audio_s / 60:.1f} min, process start-up included",
            )
        )
    for minutes in LENGTHS_MIN:
        results.append(
            Measurement(
                f"render-{minutes}min-peak-rss",
                renders[minutes].peak_rss_mb,
                "MB",
                silences[minutes].peak_rss_mb,
                BASELINE,
                RSS_BUDGET,
            )
        )
    flatness = renders[90].peak_rss_mb / renders[10].peak_rss_mb
    baseline_flatness = silences[90].peak_rss_mb / silences[10].peak_rss_mb
    results.append(
        Measurement(
            "render-rss-90min-over-10min", flatness, "x", baseline_flatness, BASELINE, None, note="1.00x is flat"
        )
    )
    return results
