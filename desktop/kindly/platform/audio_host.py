"""Which of PortAudio's host APIs a session's stream should use on this system.

Linux and macOS need no choice: ALSA's default device reaches PulseAudio or
PipeWire through their plugin (so the sound server mixes Kindly with other
programs and follows the user's default sink), and macOS has CoreAudio only.
On Windows PortAudio's default is MME (WinMM, with its long fixed buffers);
WASAPI in shared mode mixes with other programs at a low, known latency.
"""

from __future__ import annotations

import sys

WASAPI = "Windows WASAPI"


def preferred_host_api(platform: str = sys.platform) -> str | None:
    """The name of the PortAudio host API to open the session's stream on (None: PortAudio's default)."""
    if platform == "win32":
        return WASAPI
    return None
