"""Child process of the render benchmark: write N frames of silence with the standard library's `wave`.

The baseline for `kindly render`: the least any program can do to produce a
WAV file of the same length on this machine (same disk, same Python start-up).
Blocks of one second are written, so its memory stays flat too.
"""

from __future__ import annotations

import sys
import wave

RATE = 44_100
BLOCK_FRAMES = RATE


def write_silence(path: str, frames: int, channels: int) -> None:
    block = bytes(2 * channels * BLOCK_FRAMES)
    with wave.open(path, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(RATE)
        remaining = frames
        while remaining > 0:
            count = min(remaining, BLOCK_FRAMES)
            out.writeframesraw(block[: 2 * channels * count])
            remaining -= count


if __name__ == "__main__":
    write_silence(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
