"""Kindly's own icon, for the window, the tray and the task switcher."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from kindly.tools.render_icon import SIZES, icon_path


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
