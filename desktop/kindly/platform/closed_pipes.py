"""A reader that stopped early (`kindly render - | head -c 10`), as each system tells it.

On Linux and macOS a write to a pipe nobody reads any more fails with EPIPE
(BrokenPipeError). Windows' C runtime often reports the same thing as EINVAL
instead (CPython issue #79935), which Kindly would otherwise take for a
failed write and report as one.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import IO


def reader_has_gone(error: OSError, stream: IO[bytes] | IO[str], platform: str = sys.platform) -> bool:
    """Whether `error`, raised writing `stream`, means the pipe's reader has closed it: nothing was lost."""
    if isinstance(error, BrokenPipeError):
        return True
    if platform != "win32" or error.errno != errno.EINVAL:
        return False
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no descriptor (closed, or not a file at all)
        return False
