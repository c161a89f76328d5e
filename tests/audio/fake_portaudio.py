"""A stand-in for the sounddevice module: streams whose callback the test drives, block by block.

`FakeStream.pull` calls the stream's callback as PortAudio's thread would,
with the DAC time a device `latency_s` behind would report, and returns the
block; the stream clock is the test's fake clock (offset, as PortAudio's is
its own). A stream can stall (`pull` is simply not called) or vanish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fakes import FakeClock

STREAM_CLOCK_OFFSET = 5000.0


class PortAudioError(Exception):
    pass


@dataclass
class TimeInfo:
    currentTime: float  # PortAudio's names
    outputBufferDacTime: float


@dataclass
class Heard:
    """One block as it reaches the listener: its samples, heard from monotonic `at`."""

    at: float
    samples: np.ndarray


class FakeStream:
    def __init__(self, sd: FakeSounddevice, callback: Any, blocksize: int, **_options: Any) -> None:
        self._sd = sd
        self.callback = callback
        self.blocksize = blocksize
        self.latency = sd.latency_s
        self.device = 0
        self.active = False
        self.closed = False

    @property
    def time(self) -> float:
        return self._sd.clock.monotonic() + STREAM_CLOCK_OFFSET

    def start(self) -> None:
        self.active = True

    def abort(self, ignore_errors: bool = False) -> None:
        self.active = False

    def close(self, ignore_errors: bool = False) -> None:
        self.active = False
        self.closed = True

    def pull(self) -> Heard:
        out = np.full((self.blocksize, 1), np.nan, dtype=np.float32)
        now = self.time
        dac = now + self.latency + self._sd.dac_error_s()
        self.callback(out, self.blocksize, TimeInfo(now, dac), None)
        assert not np.isnan(out).any(), "the callback left part of its block unwritten"
        return Heard(now + self.latency - STREAM_CLOCK_OFFSET, out[:, 0].copy())


@dataclass
class FakeSounddevice:
    clock: FakeClock
    latency_s: float = 0.046
    devices: int = 1  # how many times a stream can still be opened (then: no device)
    streams: list[FakeStream] = field(default_factory=list)
    reinitialised: int = 0
    dac_errors: list[float] = field(default_factory=list)  # how wrong each DAC time is, in turn (then exact)

    def dac_error_s(self) -> float:
        return self.dac_errors.pop(0) if self.dac_errors else 0.0

    PortAudioError = PortAudioError

    def OutputStream(self, **options: Any) -> FakeStream:  # sounddevice's name
        if self.devices <= 0:
            raise PortAudioError("Error querying device -1")
        self.devices -= 1
        stream = FakeStream(self, **options)
        self.streams.append(stream)
        return stream

    @property
    def stream(self) -> FakeStream:
        return self.streams[-1]

    def query_devices(self, device: int) -> dict[str, Any]:
        return {"name": "fake", "hostapi": 0}

    def query_hostapis(self, index: int | None = None) -> Any:
        api = {"name": "ALSA", "default_output_device": 0}
        return api if index is not None else [api]

    def get_portaudio_version(self) -> tuple[int, str]:
        return 1, "PortAudio V19 (fake)"

    def _terminate(self) -> None:
        self.reinitialised += 1

    def _initialize(self) -> None:
        pass
