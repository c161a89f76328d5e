"""Helper processes that tests start (Xvfb, trayer, PulseAudio): stopping them cleanly."""

from __future__ import annotations

import subprocess


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Terminate, give it five seconds, then kill: never leave a helper behind."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
