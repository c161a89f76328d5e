"""How each desktop expects an app like Kindly to behave, where the three systems differ.

- macOS: the app stays in the Dock with its window closed, and clicking the Dock icon
  brings the window back.
- Windows and Linux: a window closed to the tray comes back from the tray alone (an
  activation there comes from a window the person can already see).
"""

from __future__ import annotations

import sys


def reopens_window_on_activate(platform: str = sys.platform) -> bool:
    """Whether activating the app (a Dock click) should bring back a window closed to the tray."""
    return platform == "darwin"
