"""Readable text on every background, light or dark, whatever the system palette brings.

Kindly takes its colours from the system (light or dark, following it as it
changes) and asks one thing of them: every text and background pair it
draws reaches WCAG AA, a contrast of at least 4.5:1. Where the system's
pair falls short (Fusion's grey placeholder text, white on its light blue
highlight), only the roles that fall short are moved, just far enough; the
rest stays the system's own, so a change of theme is still followed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from kindly.ui.palette import mix_colours

AA_CONTRAST = 4.5
_TARGET = 4.6  # a hair above AA, so rounding never lands a pair just under it

Role = QPalette.ColorRole
# (text, background): every pair Kindly draws text with. The text moves, except on the highlight,
# where the system's text colour stays and the highlight deepens (or lightens) behind it.
TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.ButtonText, Role.Button),
    (Role.PlaceholderText, Role.Window),  # secondary words: hints, captions under figures
    (Role.PlaceholderText, Role.Base),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
)
BACKGROUND_MOVES = {Role.Highlight}
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (sRGB)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of text `a` on background `b`, 1 to 21 (a translucent text, like Qt's
    placeholder colour, counts as it shows: blended over the background)."""
    light, dark = sorted((luminance(_opaque(a, b)), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pair_contrast(palette: QPalette, group: QPalette.ColorGroup, text: Role, background: Role) -> float:
    return contrast_ratio(palette.color(group, text), palette.color(group, background))


def _toward_contrast(moving: QColor, fixed: QColor) -> QColor | None:
    """`moving` shifted toward black or white (whichever is further from `fixed`) just until AA; None if
    even the extreme falls short."""
    extreme = QColor("#000000") if luminance(fixed) > 0.18 else QColor("#ffffff")
    if contrast_ratio(extreme, fixed) < _TARGET:
        return None
    low, high = 0.0, 1.0
    for _ in range(20):
        mid = (low + high) / 2
        if contrast_ratio(mix_colours(moving, extreme, mid), fixed) >= _TARGET:
            high = mid
        else:
            low = mid
    return mix_colours(moving, extreme, high)


def _opaque(text: QColor, background: QColor) -> QColor:
    return mix_colours(background, text, text.alphaF()) if text.alphaF() < 1.0 else text


def readable_changes(palette: QPalette) -> list[tuple[QPalette.ColorGroup, QPalette.ColorRole, QColor]]:
    """(group, role, colour) for just the roles that must move for every pair to reach AA (none when the
    palette is readable as it is)."""
    colours = {(g, r): palette.color(g, r) for g in GROUPS for pair in TEXT_PAIRS for r in pair}
    changes = []
    for group in GROUPS:
        for text_role, background_role in TEXT_PAIRS:
            text, background = colours[group, text_role], colours[group, background_role]
            if contrast_ratio(text, background) >= AA_CONTRAST:
                continue
            if background_role in BACKGROUND_MOVES:
                role, moved = background_role, _toward_contrast(background, _opaque(text, background))
            else:
                role, moved = text_role, _toward_contrast(_opaque(text, background), background)
            if moved is not None:
                colours[group, role] = moved
                changes.append((group, role, moved))
    return changes


def apply_readable(
    palette: QPalette, changes: list[tuple[QPalette.ColorGroup, QPalette.ColorRole, QColor]] | None = None
) -> QPalette:
    """Move, in `palette` itself, the roles `readable_changes` names (or `changes`, if already found); returns it.

    In place, never through QPalette's copy constructor: PySide6 builds the whole Qt namespace
    (~15 ms) the first time that overloaded constructor is called, and this runs before the first paint.
    """
    for group, role, colour in readable_changes(palette) if changes is None else changes:
        palette.setColor(group, role, colour)
    return palette


class ReadableTheme(QObject):
    """Keeps the application's palette readable: now, and each time the system's colour scheme changes.

    It listens to the style hints' `colorSchemeChanged`, never to every event of the application: an
    application-wide event filter would put Python on the path of every event (45 ms of start-up).
    """

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self.apply()
        # The new palette arrives after the signal: look once it has.
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _scheme_changed(self, _scheme: object) -> None:
        QTimer.singleShot(0, self.apply)

    def apply(self) -> None:
        palette = self._app.palette()  # a copy: changed here, then set
        changes = readable_changes(palette)
        if changes:
            self._app.setPalette(apply_readable(palette, changes))  # its own explicit roles, and those moved
