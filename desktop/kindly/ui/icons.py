"""Kindly's own icon, for the window, the tray and the task switcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from kindly.locations import assets_dir

# The sizes `kindly.tools.render_icon` draws (desktops ask for these).
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return assets_dir() / "icons"


def icon_path(size: int, folder: Path | None = None) -> Path:
    """Where the PNG of one size lives (in `folder`, or the bundled icons)."""
    return (folder or icons_dir()) / f"kindly-{size}.png"


def app_icon() -> QIcon:
    """Every rendered size, so each place that shows the icon picks a crisp one.

    QIcon only reads a file when a size is first asked for, so this costs
    nothing at start-up.
    """
    icon = QIcon()
    for size in SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon
