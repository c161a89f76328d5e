"""The lock between Kindly's processes: one holder at a time, and a holder that dies lets go."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kindly.platform.file_lock import exclusive_lock
from kindly.platform.private_files import PRIVATE_FILE

DESKTOP = str(Path(__file__).resolve().parents[2] / "desktop")
# Each child takes the lock, says so on stdout, and then does what its last argument asks.
CHILD = """
import os, sys
from pathlib import Path
from kindly.platform.file_lock import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("held", flush=True)
    if sys.argv[2] == "die":
        os._exit(3)  # no release: the system must let go of the lock
    sys.stdin.readline()  # held until the test says go
print("released", flush=True)
"""


def _child(lock: Path, then: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=DESKTOP)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(lock), then],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_second_process_waits_until_the_holder_lets_go(tmp_path: Path) -> None:
    lock = tmp_path / "kindly.lock"
    with exclusive_lock(lock):
        child = _child(lock, "hold")
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=1.0)  # still waiting for the lock this test holds
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    child.communicate("go\n", timeout=30)
    assert child.returncode == 0


def test_a_holder_that_dies_leaves_no_stale_lock(tmp_path: Path) -> None:
    lock = tmp_path / "kindly.lock"
    child = _child(lock, "die")
    out, _ = child.communicate(timeout=30)
    assert out.strip() == "held" and child.returncode == 3
    taken = threading.Event()

    def take() -> None:
        with exclusive_lock(lock):
            taken.set()

    threading.Thread(target=take, daemon=True).start()
    assert taken.wait(timeout=10), "the dead process's lock was never let go"


def test_the_lock_can_be_taken_again_once_let_go(tmp_path: Path) -> None:
    lock = tmp_path / "kindly.lock"
    for _ in range(3):
        with exclusive_lock(lock):
            assert lock.exists()


@pytest.mark.posix_only("file modes are POSIX; Windows privacy is the folder's access list")
def test_the_lock_file_is_private(tmp_path: Path) -> None:
    lock = tmp_path / "kindly.lock"
    with exclusive_lock(lock):
        pass
    assert lock.stat().st_mode & 0o777 == PRIVATE_FILE
