"""A crash loses at most the last 20 s of practice, even in a session's first seconds (kill -9, real time)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services import WindowManager, running

pytestmark = [pytest.mark.slow, pytest.mark.soak]


def _kindly(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindly", *args], env=env, capture_output=True, text=True, timeout=30, check=True
    )


def test_a_session_killed_in_its_first_seconds_shows_in_the_history_after_the_next_start(
    window_manager: WindowManager, tmp_path: Path
) -> None:
    env = window_manager.display.env()
    with running([sys.executable, "-m", "kindly", "--start", "timer-5"], env) as (process, _lines):
        started = time.monotonic()
        recorded = 0
        while recorded == 0:
            assert time.monotonic() - started < 30, "the session never reached the history"
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            recorded = json.loads(_kindly(env, "stats", "--json").stdout)["total_sessions"]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        killed_after_s = time.monotonic() - started
    assert killed_after_s < 20
    out = tmp_path / "history.json"
    _kindly(env, "history", "export", "--format", "json", str(out))
    [session] = json.loads(out.read_text())["sessions"]
    assert session["completed"] is False
    assert 1.0 <= session["practised_seconds"] <= killed_after_s
