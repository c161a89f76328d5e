"""Everything Kindly keeps (history, backups, settings, lock, caches) is readable by the user alone, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.posix_only("file modes and the umask")]


def _kindly(umask: int, *args: str, **env: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kindly", *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )
    assert done.returncode == 0, done.stderr


def _modes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root.parent)): oct(stat.S_IMODE(p.stat().st_mode)) for p in [root, *root.rglob("*")]}


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_window_and_the_commands_create_every_folder_0700_and_every_file_0600(
    umask: int, isolated_dirs: Path
) -> None:
    data, config = Path(os.environ["KINDLY_DATA_DIR"]), Path(os.environ["KINDLY_CONFIG_DIR"])
    window = subprocess.Popen(
        [sys.executable, "-m", "kindly"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.umask(umask),
    )
    try:  # the window: settings, and the lock it holds while it runs
        lock = data / "kindly.lock"
        # The settings folder is made after the lock is taken: once it exists the lock is as it stays.
        while not (lock.exists() and config.is_dir()):
            try:
                window.wait(timeout=0.05)  # the poll interval, and an early exit is noticed at once
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"the window exited with status {window.returncode}")
        lock_mode = oct(stat.S_IMODE(lock.stat().st_mode))
    finally:
        window.terminate()
        window.wait(timeout=30)
    _kindly(umask, "history", "add", "--start", "2026-11-24T07:30", "--minutes", "10")  # history and a backup
    _kindly(umask, "stats")
    _kindly(umask, "settings", "set", "session/minutes", "12")  # the file the window writes too
    modes = {**_modes(data), **_modes(config)}
    assert lock_mode == "0o600"
    assert {"config/settings.json", "data/kindly.db", "data/backups"} <= set(modes), modes
    expected = {name: "0o700" if (isolated_dirs / name).is_dir() else "0o600" for name in modes}
    assert modes == expected


def test_an_odd_umask_never_leaves_the_history_unwritable_to_its_owner(isolated_dirs: Path) -> None:
    _kindly(0o277, "stats")  # 0277 would make a new file 0400: read-only to its owner for good
    _kindly(0o022, "history", "add", "--start", "2026-11-24T07:30", "--minutes", "10")
    data = Path(os.environ["KINDLY_DATA_DIR"])
    assert oct(stat.S_IMODE((data / "kindly.db").stat().st_mode)) == "0o600"
