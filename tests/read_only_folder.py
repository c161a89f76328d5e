"""Making a folder refuse new files for a test, and giving it back, whoever runs the tests.

POSIX only (a mode, or `chattr`): a Windows folder's read-only attribute refuses nothing, so the
tests that use it are marked posix_only.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def make_immutable(folder: Path) -> None:
    """Make `folder` refuse new files: by mode, or for root (who ignores modes) with `chattr +i`."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
    elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: no way to make a folder read-only")


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o700)
