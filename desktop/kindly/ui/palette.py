"""Kindly's soft shades, drawn from the system palette (light or dark), for every page that paints.

The pacer, the end screen and the "Your practice" charts all take their
colours from here, so one change of accent changes them together.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def soft_accent(palette: QPalette) -> QColor:
    """The pacer's colour: the palette highlight, softened toward the window colour."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    window = palette.color(QPalette.ColorRole.Window)
    return mix_colours(highlight, window, 0.35)


# Kindly's own two colours, for its mark (the drawn tray icon, when no icon file is found): the
# one place besides the system palette that a colour is named.
MARK_SKY = "#7FA6C9"
MARK_CREAM = "#FFF6EE"


def breath_heart(accent: QColor) -> QColor:
    """The pacer's heart: its accent lightened, in light and dark alike (a dark palette's Light is dark)."""
    return mix_colours(accent, QColor(255, 255, 255), 0.3)


def mix_colours(a: QColor, b: QColor, amount_of_b: float) -> QColor:
    """`a` moved toward `b` by `amount_of_b` (0 to 1), opaque: Kindly's soft shades of the palette."""
    k = min(1.0, max(0.0, amount_of_b))
    return QColor.fromRgbF(
        a.redF() * (1 - k) + b.redF() * k,
        a.greenF() * (1 - k) + b.greenF() * k,
        a.blueF() * (1 - k) + b.blueF() * k,
        1.0,
    )
