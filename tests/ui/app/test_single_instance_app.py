"""The real `kindly`, twice: the second launch hands over to the first; a killed first never blocks the next."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from services import LineReader, running

TIMEOUT_S = 10.0


def _kindly(*args: str) -> list[str]:
    return [sys.executable, "-m", "kindly", *args]


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _lock() -> Path:
    return Path(os.environ["KINDLY_DATA_DIR"]) / "kindly.lock"


def _lock_holder() -> int | None:
    """The process id QLockFile wrote on the lock file's first line."""
    try:
        return int(_lock().read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def _wait_for_lock(process: subprocess.Popen[str]) -> None:
    """`process` has claimed the lock (a later launch then waits for it to listen)."""
    deadline = time.monotonic() + TIMEOUT_S
    while _lock_holder() != process.pid:
        assert time.monotonic() < deadline, "kindly never took its lock"
        try:
            process.wait(timeout=0.05)  # the pause between looks, and a crash is noticed at once
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"kindly exited with status {process.returncode}")


def _launch_and_wait(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_kindly(*args), env=_env(), capture_output=True, text=True, timeout=TIMEOUT_S)


@pytest.fixture
def first() -> Iterator[tuple[subprocess.Popen[str], LineReader]]:
    with running(_kindly(), _env()) as (process, lines):
        _wait_for_lock(process)
        yield process, lines


def test_kindly_start_in_a_second_launch_is_handed_to_the_running_kindly_and_exits_zero(
    first: tuple[subprocess.Popen[str], LineReader],
) -> None:
    second = _launch_and_wait("--start", "timer-5")
    assert (second.returncode, second.stderr) == (0, "")
    assert first[0].poll() is None


def test_a_second_launch_asking_for_an_unknown_practice_is_told_so_by_the_running_kindly(
    first: tuple[subprocess.Popen[str], LineReader],
) -> None:
    second = _launch_and_wait("--start", "nonesuch")
    assert second.returncode == 2
    assert second.stderr.startswith("kindly: error: unknown practice or quick start 'nonesuch'")


def test_a_killed_kindly_does_not_block_the_next_launch(first: tuple[subprocess.Popen[str], LineReader]) -> None:
    process, _ = first
    process.kill()  # SIGKILL; TerminateProcess on Windows
    process.wait(timeout=TIMEOUT_S)
    assert _lock().exists()
    with running(_kindly(), _env()) as (next_launch, _lines):
        _wait_for_lock(next_launch)  # it took over the dead instance's lock
        # It is the running Kindly now: a third launch is handed to it.
        third = _launch_and_wait()
        assert third.returncode == 0
        assert next_launch.poll() is None
