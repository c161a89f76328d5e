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
import time
from collections.abc import Iterator
from pathlib import Path

from bench_processes import START_TIMEOUT_S, stop

SINK = "kindly_bench"


class PulseServer:
    def __init__(self, socket: Path, home: Path) -> None:
        self.socket = socket
        self.home = home

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env.update(PULSE_SERVER=f"unix:{self.socket}", PULSE_SINK=SINK)
        return env

    def streams_of(self, pid: int) -> int:
        """How many playback streams process `pid` has open on the server right now."""
        listing = subprocess.run(["pactl", "list", "sink-inputs"], env=self.env(dict(os.environ)),
                                 capture_output=True, text=True, timeout=START_TIMEOUT_S).stdout
        return listing.count(f'application.process.id = "{pid}"')


def missing_pulse_tools() -> list[str]:
    return [tool for tool in ("pulseaudio", "pactl") if shutil.which(tool) is None]


@contextlib.contextmanager
def pulse_null_sink(work: Path) -> Iterator[PulseServer]:
    work.mkdir(parents=True, exist_ok=True)
    socket = work / "native"
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(HOME=str(work), XDG_RUNTIME_DIR=str(work), XDG_CONFIG_HOME=str(work))
    with (work / "pulseaudio.log").open("wb") as log:
        server = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes", "--use-pid-file=no",
             f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
             f"--load=module-null-sink sink_name={SINK}"],
            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        pulse = PulseServer(socket, work)
        while subprocess.run(["pactl", "info"], env=pulse.env(env), capture_output=True).returncode != 0:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pulseaudio did not start: {(work / 'pulseaudio.log').read_text()[-300:]}")
            time.sleep(0.05)
        yield pulse
    finally:
        stop(server)
