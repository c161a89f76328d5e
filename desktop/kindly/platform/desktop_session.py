"""What the desktop session gives a window: a display to open on, a private folder for local sockets."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def window_needs_display_variable(platform: str = sys.platform) -> bool:
    """Whether a window needs DISPLAY or WAYLAND_DISPLAY set (X11 and Wayland: Linux); Windows and macOS always have a screen."""
    return platform.startswith("linux")


def private_socket_dir(platform: str = sys.platform) -> Path | None:
    """The user's private runtime folder (XDG_RUNTIME_DIR) for a local socket, or None to use a plain name.

    On Windows a local socket is a named pipe, whose name is never a path.
    """
    if platform == "win32":
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime)
    return None
