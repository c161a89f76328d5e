"""A private PulseAudio with only a null sink, so a live session really plays (through ALSA's pulse plugin).

The machine has no sound card; without a sound server Kindly would run a
session silently and the benchmark would measure less work than a user's
machine does. Children reach this server through `PULSE_SERVER`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from bench_processes import START_TIMEOUT_S, TESTS  # noqa: F401  (TESTS puts the tests' helpers on sys.path)
from processes import stop_process
from pulse_server import SINK, start_pulse_server


class PulseServer:
    """The tests' private server, as the benchmarks' children reach it."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env.update(PULSE_SERVER=f"unix:{self.socket}", PULSE_SINK=SINK)
        return env

    def streams_of(self, pid: int) -> int:
        """How many playback streams process `pid` has open on the server right now."""
        listing = subprocess.run(
            ["pactl", "list", "sink-inputs"],
            env=self.env(dict(os.environ)),
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
        ).stdout
        return listing.count(f'application.process.id = "{pid}"')


def missing_pulse_tools() -> list[str]:
    return [tool for tool in ("pulseaudio", "pactl") if shutil.which(tool) is None]


@contextlib.contextmanager
def pulse_null_sink(work: Path) -> Iterator[PulseServer]:
    """The same server the live capture test uses (tests/pulse_server.py), started under `work`."""
    work.mkdir(parents=True, exist_ok=True)
    server, process = start_pulse_server(work)
    try:
        yield PulseServer(server.socket)
    finally:
        stop_process(process)
