"""A private PulseAudio server with a null sink, for the tests (and benchmarks) that listen.

`pulse_server` starts `pulseaudio` once per test session, headless, in its
own runtime directory, with only a null sink (`kindly_null`) and a native
socket that takes anonymous clients: nothing of the machine's own sound
setup is touched, and no display, D-Bus or sound card is needed. Running as
root works too (pulseaudio only warns). A program played with
`server.env()` reaches it through ALSA's `pulse` plugin (libasound2-plugins)
or libpulse; `server.recorder(path)` captures what the sink plays, raw
16-bit mono at 44.1 kHz, from its monitor source.

The server asks for real-time scheduling and a high priority, as desktop
sound servers do (PulseAudio and PipeWire through rtkit): on a busy 2-core
machine its round trips with a new stream then stay short, as on a user's
desktop, and the timing measured is the player's, not the test server's.
It falls back to normal scheduling where that is not allowed.

Tests that use it are marked `sound` automatically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from processes import stop_process

SINK = "kindly_null"
SAMPLE_RATE = 44100
START_TIMEOUT_S = 15.0
START_ATTEMPTS = 3
SOUND_FIXTURES = frozenset({"pulse_server"})


@dataclass(frozen=True)
class PulseServer:
    """A running private PulseAudio server."""

    runtime_dir: Path
    pid: int

    @property
    def socket(self) -> Path:
        return self.runtime_dir / "native"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for a client of this server (and of no other)."""
        env = dict(os.environ)
        env.update(
            PULSE_SERVER=f"unix:{self.socket}",
            PULSE_RUNTIME_PATH=str(self.runtime_dir),
            XDG_RUNTIME_DIR=str(self.runtime_dir),
        )
        env.update(extra)
        return env

    def pactl(self, *args: str) -> str:
        """Run `pactl` on this server (load or unload a sink, switch the default); its output."""
        done = subprocess.run(
            ["pactl", *args], env=self.env(), capture_output=True, text=True, timeout=START_TIMEOUT_S, check=True
        )
        return done.stdout.strip()

    def add_sink(self, name: str) -> str:
        """Load another null sink; the module's index (for `pactl unload-module`)."""
        return self.pactl("load-module", "module-null-sink", f"sink_name={name}", f"rate={SAMPLE_RATE}", "channels=1")

    def recorder(self, out: Path, sink: str = SINK) -> subprocess.Popen[bytes]:
        """Start recording a null sink's monitor into `out` (raw s16le mono 44.1 kHz)."""
        parec = shutil.which("parec")
        if parec is None:
            raise RuntimeError("parec is not installed (Debian package pulseaudio-utils)")
        with out.open("wb") as sink_file:
            return subprocess.Popen(
                [
                    parec,
                    f"--device={sink}.monitor",
                    "--format=s16le",
                    f"--rate={SAMPLE_RATE}",
                    "--channels=1",
                    "--latency-msec=20",
                ],
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=sink_file,
                stderr=subprocess.DEVNULL,
            )

    def is_ready(self) -> bool:
        pactl = shutil.which("pactl")
        if pactl is None:
            return self.socket.exists()
        result = subprocess.run(
            [pactl, "list", "short", "sinks"], env=self.env(), capture_output=True, text=True, timeout=START_TIMEOUT_S
        )
        return result.returncode == 0 and SINK in result.stdout


def _start_once(runtime_dir: Path, log: Path) -> tuple[PulseServer, subprocess.Popen[bytes]]:
    runtime_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.chmod(0o700)
    env = dict(
        os.environ,
        XDG_RUNTIME_DIR=str(runtime_dir),
        PULSE_RUNTIME_PATH=str(runtime_dir),
        HOME=str(runtime_dir),
        PULSE_STATE_PATH=str(runtime_dir / "state"),
    )
    env.pop("PULSE_SERVER", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    command = [
        "pulseaudio",
        "-n",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--disallow-exit",
        "--use-pid-file=no",
        "--realtime=yes",
        "--high-priority=yes",
        "--disable-shm=yes",
        "--log-target=stderr",
        "--log-level=warning",
        f"--load=module-null-sink sink_name={SINK} rate={SAMPLE_RATE} channels=1",
        f"--load=module-native-protocol-unix auth-anonymous=1 socket={runtime_dir / 'native'}",
    ]
    with log.open("ab") as log_file:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file)
    server = PulseServer(runtime_dir, process.pid)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pulseaudio exited with status {process.returncode}: {log.read_text(errors='replace')}")
        if server.socket.exists() and server.is_ready():
            return server, process
        try:
            process.wait(timeout=0.1)  # doubles as the poll interval and notices an early exit
        except subprocess.TimeoutExpired:
            pass
    stop_process(process)
    raise RuntimeError(f"pulseaudio was not ready within {START_TIMEOUT_S} s: {log.read_text(errors='replace')}")


def start_pulse_server(base: Path) -> tuple[PulseServer, subprocess.Popen[bytes]]:
    """Start a private server under `base`, retrying a slow or failed start a few times."""
    if shutil.which("pulseaudio") is None:
        raise FileNotFoundError("pulseaudio is not installed (Debian package pulseaudio)")
    errors: list[str] = []
    for attempt in range(START_ATTEMPTS):
        try:
            return _start_once(base / f"run{attempt}", base / "pulseaudio.log")
        except RuntimeError as exc:
            errors.append(str(exc))
    raise RuntimeError("could not start pulseaudio:\n" + "\n".join(errors))


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """A private PulseAudio server with a null sink, for the whole test session."""
    try:
        server, process = start_pulse_server(tmp_path_factory.mktemp("pulse"))
    except FileNotFoundError as exc:
        pytest.skip(f"{exc}, listed in packaging/debian-packages.txt")
    try:
        yield server
    finally:
        stop_process(process)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for the sound server is a `sound` test, whether or not it says so."""
    for item in items:
        if SOUND_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.sound)
