"""The tray icon's image, and whether there is a tray to put it in.

On macOS the menu bar shows a template image, black and alpha only, which the
system tints to suit a light or dark menu bar (as its own icons are); other
trays show Kindly's colour icon.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from kindly import APP_ID
from kindly.platform.desktop_conventions import tray_icon_is_template
from kindly.ui.app.icons import TRAY_TEMPLATE_SIZES, app_icon, tray_template_path
from kindly.ui.palette import MARK_CREAM, MARK_SKY


def tray_available() -> bool:
    """Whether a system tray host is running on this desktop right now."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def kindly_icon() -> QIcon:
    """The app icon: the bundled one, else the desktop theme's, else a plain mark drawn here.

    A tray icon with no image is invisible, and Kindly with it: a broken
    install still gets an icon.
    """
    bundled = app_icon()
    if not bundled.isNull():
        return bundled
    themed = QIcon.fromTheme(APP_ID)
    return themed if not themed.isNull() else drawn_icon()


def tray_image(colour: QIcon, template: bool | None = None) -> QIcon:
    """What the tray shows: the template icon where the system tints one (None: ask the platform), else `colour`.

    A broken install without the template files shows `colour` there too.
    """
    if template is None:
        template = tray_icon_is_template()
    if not template:
        return colour
    icon = QIcon()
    for size in TRAY_TEMPLATE_SIZES:
        path = tray_template_path(size)
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        return colour
    icon.setIsMask(True)  # Qt marks the menu bar's image as a template (NSImage.template)
    return icon


def drawn_icon() -> QIcon:
    """A plain two-ring mark in Kindly's colours, drawn at the sizes trays ask for."""
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(MARK_SKY))
        painter.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0))
        painter.setBrush(QColor(MARK_CREAM))
        painter.drawEllipse(QPointF(size / 2, size / 2), size * 0.22, size * 0.22)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
