"""How each desktop expects an app like Kindly to behave, where the three systems differ.

- macOS: the app stays in the Dock with its window closed, and clicking the Dock icon
  brings the window back; a menu-bar icon is a template image (black and alpha) that
  the system tints to suit a light or dark menu bar.
- Windows and Linux: a window closed to the tray comes back from the tray alone (an
  activation there comes from a window the person can already see), and a tray icon
  is drawn in colour.
"""

from __future__ import annotations

import sys


def reopens_window_on_activate(platform: str = sys.platform) -> bool:
    """Whether activating the app (a Dock click) should bring back a window closed to the tray."""
    return platform == "darwin"


def tray_icon_is_template(platform: str = sys.platform) -> bool:
    """Whether the tray icon is a template image that the system colours, rather than a colour icon."""
    return platform == "darwin"
