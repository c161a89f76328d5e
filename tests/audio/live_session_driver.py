"""Plays one session live through Kindly's real player and prints what happens, one line each.

Run by the live capture test and `benchmarks/live_cue_timing.py` in the
environment of a private PulseAudio server; it uses the system clock, the
player's own timing thread and the real output (PortAudio, or simpleaudio when forced), exactly as the
app does, with no window.

Lines: `output <class>`, `notice <text>`, `cue <monotonic> <t> <kind> <name>`,
`cpu <seconds of CPU> <seconds of wall time>` (over `--cpu-window`), and
`finished <monotonic> <practised> <completed>`.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from typing import get_args

import psutil

from kindly.audio.player_factory import OutputMode, SessionAudio
from kindly.core.session_plan import Cue

sys.path.insert(0, __file__.rsplit("/", 2)[0])
from audio.event_methods import EventMethods
from audio.live_capture import LiveSession


class PrintingListener(EventMethods):
    def __init__(self) -> None:
        self.done = threading.Event()

    def cue_reached(self, cue: Cue) -> None:
        print(f"cue {time.monotonic():.6f} {cue.t:.6f} {cue.kind} {cue.name}", flush=True)

    def session_finished(self, practised_s: float, completed: bool) -> None:
        print(f"finished {time.monotonic():.6f} {practised_s:.3f} {completed}", flush=True)
        self.done.set()

    def session_suspended(self, asleep_s: float) -> None:
        print(f"suspended {asleep_s:.3f}", flush=True)

    def audio_notice(self, message: str) -> None:
        print(f"notice {message}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--session", required=True, help="a LiveSession as JSON")
    parser.add_argument("--mode", default="auto", choices=get_args(OutputMode))
    parser.add_argument("--cpu-window", nargs=2, type=float, metavar=("FROM_S", "TO_S"))
    options = parser.parse_args()
    session = LiveSession.from_json(options.session)
    plan = session.plan()
    listener = PrintingListener()
    player = SessionAudio(mode=options.mode).player(listener)
    print(f"output {type(player.output).__name__}", flush=True)
    player.play(plan)
    if options.cpu_window:
        begin, end = options.cpu_window
        _wait_for_position(player, begin)
        process = psutil.Process()
        cpu0, wall0 = sum(process.cpu_times()[:2]), time.monotonic()
        _wait_for_position(player, end)
        cpu1, wall1 = sum(process.cpu_times()[:2]), time.monotonic()
        print(f"cpu {cpu1 - cpu0:.4f} {wall1 - wall0:.3f}", flush=True)
    if not listener.done.wait(timeout=plan.duration_s + 60.0):
        print("timeout", flush=True)
        return 1
    return 0


def _wait_for_position(player: object, position_s: float) -> None:
    while (left := position_s - player.position_s()) > 0:  # type: ignore[attr-defined]
        time.sleep(left)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # simpleaudio's native playback threads can outlive the interpreter's teardown and crash it
    # (its known segfault at exit); what was measured has been printed, so leave without one.
    os._exit(code)
