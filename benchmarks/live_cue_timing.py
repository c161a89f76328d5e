"""Live cue timing and the player's CPU, heard from a real sound server over a 2-minute session.

The same harness as `tests/audio/test_live_capture.py`: a private PulseAudio
with a null sink, Kindly's real player in a child process (system clock, its
own thread, PortAudio, or simpleaudio with --mode voices, through ALSA's
pulse plugin, no window), `parec` on the sink's monitor, matched-filter onsets against the start bell. Prints the
median and worst onset error, the drift (second half against first), the
weakest attack, and the player process's CPU over a minute of the session
(budget: 1% of one core).

    .venv/bin/python benchmarks/live_cue_timing.py [--minutes 2] [--mode auto|stream|voices]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from audio.live_capture import LiveSession, cue_onsets, run_live_session  # noqa: E402
from kindly.audio.sound_bank import SoundBank  # noqa: E402
from pulse_server import start_pulse_server, stop_process  # noqa: E402

CPU_BUDGET_PERCENT = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--mode", default="auto", choices=["auto", "stream", "voices"])
    parser.add_argument("--ambient", default="rain", help="an ambient bed, or 'none'")
    parser.add_argument("--verbose", action="store_true", help="print every cue's error and attack")
    options = parser.parse_args()
    session = LiveSession(
        minutes=options.minutes,
        warmup_s=5.0,
        breath="calm",
        interval_bell_min=0.5,
        bell="bowl",
        ambient=None if options.ambient == "none" else options.ambient,
        volumes={"bells": 80, "breath": 60, "narration": 90, "ambient": 35},
    )
    length_s = session.minutes * 60.0
    cpu_window = (session.warmup_s + length_s / 4, session.warmup_s + length_s / 4 + min(60.0, length_s / 2))
    with tempfile.TemporaryDirectory(prefix="kindly-live-timing-") as tmp:
        server, process = start_pulse_server(Path(tmp) / "pulse")
        try:
            run = run_live_session(server, session, Path(tmp) / "run", mode=options.mode, cpu_window=cpu_window)
        finally:
            stop_process(process)
    onsets = cue_onsets(run.capture, session.plan(), SoundBank())
    errors_ms = [o.error_s * 1000 for o in onsets[1:]]  # the start bell is time zero
    if options.verbose:
        for o in onsets:
            print(
                f"{o.cue.t:8.2f} s {o.cue.kind:<6} {o.cue.name:<8} {o.error_s * 1000:+7.2f} ms "
                f"attack {o.attack:5.2f}{'' if o.dominant else ' (under a louder cue)'}"
            )
    half = len(errors_ms) // 2
    drift_ms = statistics.fmean(errors_ms[half:]) - statistics.fmean(errors_ms[:half])
    attacks = [o.attack for o in onsets if o.dominant]
    cpu_s, wall_s = (float(x) for x in run.lines_starting("cpu")[0].split()[1:3])
    cpu_percent = 100.0 * cpu_s / wall_s
    print(f"output:            {run.lines_starting('output')[0].split()[1]} {run.lines_starting('notice') or ''}")
    print(f"cues:              {len(onsets)} over {session.plan().duration_s:.0f} s")
    print(
        f"onset error:       median {statistics.median(abs(e) for e in errors_ms):.2f} ms, "
        f"worst {max(errors_ms, key=abs):+.2f} ms (budget ±20 ms)"
    )
    print(f"drift:             {drift_ms:+.2f} ms (mean error, second half minus first)")
    print(f"weakest attack:    {min(attacks):.2f} of the first 12 ms heard (1.00 = whole)")
    print(f"player CPU:        {cpu_percent:.2f}% of one core over {wall_s:.0f} s (budget {CPU_BUDGET_PERCENT:g}%)")
    ok = max(abs(e) for e in errors_ms) <= 20.0 and min(attacks) >= 0.7 and cpu_percent <= CPU_BUDGET_PERCENT
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
