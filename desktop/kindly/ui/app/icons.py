"""Kindly's own icon, for the window, the tray and the task switcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from kindly.locations import assets_dir

# The sizes `kindly.tools.render_icon` draws (desktops ask for these).
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
WINDOW_ICON_MAX = 256
# The macOS menu bar's template icon: Qt fits it in 18 points (22 less padding), at 1x and 2x.
TRAY_TEMPLATE_SIZES = (18, 36)
# A ticked check box's mark (white, drawn on the highlight), the size of its box, at 1x and 2x.
CHECK_MARK_PX = 14
# A spin box's arrows (in the theme's ARROW_GREY), at 1x.
ARROW_SIZE_PX = (8, 5)


def icons_dir() -> Path:
    return assets_dir() / "icons"


def icon_path(size: int, folder: Path | None = None) -> Path:
    """Where the PNG of one size lives (in `folder`, or the bundled icons)."""
    return (folder or icons_dir()) / f"kindly-{size}.png"


def tray_template_path(size: int, folder: Path | None = None) -> Path:
    """Where the menu bar's template icon of one size lives (black and alpha only)."""
    return (folder or icons_dir()) / f"kindly-tray-template-{size}.png"


def check_mark_path(scale: int = 1, folder: Path | None = None) -> Path:
    """The check mark at `scale` (1 or 2: Qt picks `@2x` by itself on a screen that needs it)."""
    suffix = "" if scale == 1 else f"@{scale}x"
    return (folder or icons_dir()) / f"check-mark{suffix}.png"


def arrow_path(direction: str, scale: int = 1, folder: Path | None = None) -> Path:
    """A spin box's arrow ("up" or "down") at `scale` (1 or 2: Qt picks `@2x` by itself)."""
    suffix = "" if scale == 1 else f"@{scale}x"
    return (folder or icons_dir()) / f"arrow-{direction}{suffix}.png"


def app_icon() -> QIcon:
    """Every rendered size up to 256 px, so each place that shows the icon picks a crisp one.

    QIcon only reads a file when a size is first asked for, so this costs
    nothing at start-up.
    """
    icon = QIcon()
    # Not 512: on X11 the window icon hands every size to the window manager,
    # and Qt converts each (the 512 px one alone, the largest by far, with two
    # image-conversion threads). 512 px is for the desktop entry's icon theme.
    for size in (s for s in SIZES if s <= WINDOW_ICON_MAX):
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon
