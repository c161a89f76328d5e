"""What a command prints is UTF-8 wherever it goes, a file or a pipe included.

A terminal takes every letter on every system (Windows' console through its
own Unicode API). Redirected to a file or a pipe, Python on Windows writes
the ANSI code page instead (cp1252 in Western Europe), which has no room for
most of the world's letters: a script's title or a folder's name outside it
ended `kindly practices > list.txt` with an internal error. Kindly's exports
are UTF-8 already; on Windows the rest of what it prints now is too.
Elsewhere the locale's encoding (UTF-8 nearly always) is kept.
"""

from __future__ import annotations

import io
import sys


def print_utf8_when_redirected(stream: object, platform: str = sys.platform) -> None:
    """On Windows, make `stream` (standard output, not a terminal) write UTF-8; elsewhere leave it."""
    if platform != "win32" or not isinstance(stream, io.TextIOWrapper):
        return
    try:
        if stream.isatty():
            return
    except ValueError:  # closed: nothing will be printed to it
        return
    stream.reconfigure(encoding="utf-8")
