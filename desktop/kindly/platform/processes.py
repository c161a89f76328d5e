"""Starting a helper program (a speech engine) without a console window flashing up.

On Windows a console program started from a windowed one (Kindly's
`kindly.exe`) gets a console of its own, shown for as long as it runs, unless
it is created with CREATE_NO_WINDOW. Elsewhere a child program opens no
window, and nothing is needed.
"""

from __future__ import annotations

import sys
from typing import TypedDict

# subprocess.CREATE_NO_WINDOW, which only Windows' subprocess module defines.
CREATE_NO_WINDOW = 0x08000000


class QuietProcess(TypedDict, total=False):
    """The keyword arguments for subprocess.run and Popen that keep a child program's console hidden."""

    creationflags: int


def quiet_process_options(platform: str = sys.platform) -> QuietProcess:
    """`subprocess.run(command, **quiet_process_options())`: no console window on Windows, nothing elsewhere."""
    if platform == "win32":
        return {"creationflags": CREATE_NO_WINDOW}
    return {}
