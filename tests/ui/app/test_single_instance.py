"""A second launch hands its request to the running Kindly; a crashed one never blocks the next."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kindly.core.errors import KindlyInputError
from kindly.ui.app.single_instance import LaunchRequest, server_name
from services import LineReader, running

DRIVER = Path(__file__).resolve().parents[1] / "single_instance_driver.py"
TIMEOUT_S = 10


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _launch_and_wait(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DRIVER), *args], env=_env(), capture_output=True, text=True, timeout=TIMEOUT_S
    )


@pytest.fixture
def first() -> Iterator[tuple[subprocess.Popen[str], LineReader]]:
    """A first instance that has claimed the lock and is listening."""
    with running([sys.executable, str(DRIVER)], _env()) as (process, lines):
        assert lines.next().startswith("running")
        yield process, lines


def test_second_launch_forwards_its_start_request_and_exits_zero(
    first: tuple[subprocess.Popen[str], LineReader],
) -> None:
    _, first_lines = first
    second = _launch_and_wait("--start", "timer-5")
    assert (second.returncode, second.stdout) == (0, "forwarded\n")
    assert first_lines.next() == "request start=timer-5 tray=False"


def test_a_plain_second_launch_asks_the_running_instance_to_show_itself(
    first: tuple[subprocess.Popen[str], LineReader],
) -> None:
    _, first_lines = first
    second = _launch_and_wait()
    assert second.returncode == 0
    assert first_lines.next() == "request start=None tray=False"


def test_a_request_the_running_instance_refuses_is_reported_by_the_second_launch(
    first: tuple[subprocess.Popen[str], LineReader],
) -> None:
    second = _launch_and_wait("--start", "unknown-practice")
    assert second.returncode == 2
    assert second.stderr == "kindly: error: no practice or preset named 'unknown-practice'\n"


def test_a_killed_instance_does_not_block_the_next_launch(first: tuple[subprocess.Popen[str], LineReader]) -> None:
    process, _ = first
    process.kill()  # SIGKILL; TerminateProcess on Windows
    process.wait(timeout=TIMEOUT_S)
    assert (Path(os.environ["KINDLY_DATA_DIR"]) / "kindly.lock").exists()  # the crash left its lock behind

    with running([sys.executable, str(DRIVER), "--start", "timer-5"], _env()) as (next_launch, lines):
        assert lines.next() == f"running pid={next_launch.pid}"


def test_instances_with_different_data_dirs_do_not_meet(tmp_path: Path) -> None:
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")


def test_a_launch_request_survives_the_trip_over_the_socket() -> None:
    request = LaunchRequest(start="timer-10", tray=True)
    assert LaunchRequest.decode(request.encode().rstrip(b"\n")) == request


@pytest.mark.parametrize("line", [b"not json", b"[1, 2]", b'{"start": 5}', b'{"tray": "yes"}', b"\xff"])
def test_a_malformed_launch_request_is_refused_in_words(line: bytes) -> None:
    with pytest.raises(KindlyInputError, match="unreadable launch request"):
        LaunchRequest.decode(line)


@pytest.mark.posix_only("a local socket there is a named pipe, whose name is no path")
def test_the_socket_lives_in_the_users_private_runtime_dir_when_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(tmp_path / "data")).parent == runtime


def test_without_a_runtime_dir_the_socket_gets_a_plain_name_in_qts_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert "/" not in server_name(tmp_path / "data")
