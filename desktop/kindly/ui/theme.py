"""Kindly's one look: readable colours, a type scale, a spacing grid and soft corners.

Widgets ask this module for sizes and take their colours from the palette
(through `kindly.ui.palette` for the soft shades); none holds a colour or a
font size of its own.

Kindly takes its colours from the system (light or dark, following it as it
changes) and asks one thing of them: every text and background pair it
draws reaches WCAG AA, a contrast of at least 4.5:1. Where the system's
pair falls short (Fusion's grey placeholder text, white on its light blue
highlight), only the roles that fall short are moved, just far enough; the
rest stays the system's own, so a change of theme is still followed.

A person may also choose light or dark in Preferences (`display/theme`).
Kindly asks the desktop for that scheme first; where the desktop cannot
give it (no platform theme that switches, as on a bare X session), Kindly's
own light or dark palette below is used instead, made readable the same way.

What is not text is seen too (WCAG 1.4.11, 2.4.7): the keyboard's ring, bars
and guide rings stand out 3:1 from what lies around them (`focus_ring_colour`,
`standing_out`). When the desktop asks for high contrast (Qt's
`contrastPreference`, read once the window is up) text pairs reach 7:1 and
shapes 4.5:1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

import kindly.settings.options as opt
from kindly.ui.palette import mix_colours

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

# The spacing grid: every margin and gap is a multiple of it (half a step where a line needs air).
GRID_PX = 8
# Soft corners: cards, the Today panel, the figures on Your practice (GNOME's cards are 12 px round,
# Medito's 14). A button is a little less round: it is held by a card, not a card of its own.
CORNER_RADIUS_PX = 12
BUTTON_RADIUS_PX = 8

# The type scale, in steps of the system's body font (13 px on most desktops, so about 13/15/20/28
# px): a person's own font size still sets the whole scale.
CAPTION = 0.9  # small print: hints, the footer
BODY = 1.0
TITLE = 1.2  # a card's or a section's title; the session's captions sit just above it
HEADING = 1.5  # a page's heading ("Today", the chosen practice, the end screen's kind word)
DISPLAY = 2.1  # the breath's words: read from across a room
# A step's own weight, where it has one: a heading stands above the titles under it by weight as well
# as size (GNOME's title-1 and Medito's greeting are bold), so "Today" never reads lighter than the
# bold line beneath it. A weight asked for by name still wins.
STEP_WEIGHTS = {HEADING: QFont.Weight.DemiBold}


# Soft, rounded buttons in the palette's own colours (`palette()` in a style sheet follows the palette
# as it changes); the one default button of a page is the highlight with its own text colour (a pair
# kept at AA), and a button switched on (Captions) is outlined in it, so it never reads as a second
# main action; a disabled one is written in the quiet secondary colour, still readable in dark as in
# light. Only push buttons are styled:
# every other control keeps the system style, and no widget holds a colour. The one colour that is
# not a palette role is the keyboard's ring (`focus_ring_colour`), mixed for the palette in force.
_BUTTON_STYLE = """
QPushButton {{
    border: 1px solid palette(mid); border-radius: {radius}px;
    background: palette(button); color: palette(button-text);
    padding: {pad_v}px {pad_h}px; min-height: {min_h}px;
}}
QPushButton:hover {{ border-color: palette(highlight); }}
QPushButton:focus {{ border: 2px solid {ring}; }}
QPushButton:pressed {{ border: 2px solid palette(highlight); }}
QPushButton:default {{
    background: palette(highlight); color: palette(highlighted-text); border-color: palette(highlight);
}}
QPushButton:checked {{ border: 2px solid palette(highlight); }}
QPushButton:default:focus, QPushButton:checked:focus {{ border: 2px solid {filled_ring}; }}
QPushButton:flat {{ border: 1px solid transparent; background: transparent; color: palette(window-text); }}
QPushButton:flat:hover {{ border-color: palette(highlight); }}
QPushButton:flat:focus {{ border-color: {ring}; }}
QPushButton:disabled {{ border-color: palette(mid); color: palette(placeholder-text); }}
QCheckBox::indicator, QAbstractItemView::indicator {{
    width: {box}px; height: {box}px; border: 1px solid {edge}; border-radius: 3px; background: palette(base);
}}
QCheckBox::indicator:hover, QAbstractItemView::indicator:hover {{ border-color: palette(highlight); }}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{
    background: palette(highlight); border-color: palette(highlight); image: url("{mark}");
}}
QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled {{
    border-color: palette(mid); background: palette(window);
}}
QCheckBox::indicator:checked:disabled, QAbstractItemView::indicator:checked:disabled {{ background: palette(mid); }}
QAbstractItemView::indicator {{ width: {row_box}px; height: {row_box}px; }}
QLineEdit, QAbstractSpinBox {{
    border: 1px solid {edge}; border-radius: 3px; background: palette(base); padding: 2px 1px;
    selection-background-color: palette(highlight); selection-color: palette(highlighted-text);
}}
QLineEdit:focus, QAbstractSpinBox:focus {{ border-color: palette(highlight); }}
QLineEdit:disabled, QAbstractSpinBox:disabled {{ border-color: palette(mid); color: palette(placeholder-text); }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 18px; border-style: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{ background: palette(button); }}
QAbstractSpinBox::up-arrow {{ image: url("{arrow_up}"); }}
QAbstractSpinBox::down-arrow {{ image: url("{arrow_down}"); }}
"""


def button_style(palette: QPalette) -> str:
    """Kindly's button and check box style for `palette`: its focus rings at 3:1 (4.5:1 when high contrast
    is asked for) against the window around a button and, on a default or checked one, against its fill;
    a check box's edge as clear against its box and the window (`control_edge`), its tick drawn white."""
    from kindly.ui.app.icons import CHECK_MARK_PX, arrow_path, check_mark_path

    window = palette.color(QPalette.ColorRole.Window)
    ring = focus_ring_colour(palette, window, palette.color(QPalette.ColorRole.Button))
    filled_ring = focus_ring_colour(palette, window, palette.color(QPalette.ColorRole.Highlight))
    return _BUTTON_STYLE.format(
        radius=BUTTON_RADIUS_PX,
        pad_v=GRID_PX * 3 // 4,
        pad_h=GRID_PX * 2,
        min_h=GRID_PX * 2,
        ring=ring.name(),
        filled_ring=filled_ring.name(),
        box=CHECK_MARK_PX,
        row_box=CHECK_MARK_PX - 2,  # in a list, a line of text high: a gap between one row's box and the next
        edge=control_edge(palette).name(),
        mark=check_mark_path().as_posix(),
        arrow_up=arrow_path("up").as_posix(),
        arrow_down=arrow_path("down").as_posix(),
    )


def control_edge(palette: QPalette) -> QColor:
    """A check box's edge: Fusion draws it a shade darker than the window, lost on a dark one (WCAG 1.4.11
    asks 3:1 of a control's boundary). The box's base colour moved toward the text only as far as it takes
    to stand out by `non_text_contrast` from both the box and the window around it."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    around = (luminance(base), luminance(palette.color(QPalette.ColorRole.Window)))
    wanted = non_text_contrast() + _MARGIN
    steps = [mix_colours(base, text, i / _RING_STEPS) for i in range(1, _RING_STEPS + 1)]
    return next((c for c in steps if min(_ratio(luminance(c), near) for near in around) >= wanted), text)


# A spin box's arrows (drawn by kindly.tools.render_icon): a mid grey that stands 3:1 from a light
# field and a dark one alike, so one drawing serves every palette.
ARROW_GREY = "#8c8c8c"


def card_edge(palette: QPalette) -> QColor:
    """A card's quiet edge: the base colour a little toward the text."""
    return mix_colours(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.12)


def paint_card(
    painter: QPainter, rect: QRectF, palette: QPalette, edge: QColor | None = None, width: float = 1.0
) -> None:
    """A calm card: the base colour with soft corners and a quiet edge (`edge`: a chosen card's)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(edge if edge is not None else card_edge(palette), width))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    inset = width / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), CORNER_RADIUS_PX, CORNER_RADIUS_PX)
    painter.restore()


def space(steps: float) -> int:
    """`steps` of the spacing grid, in pixels."""
    return round(GRID_PX * steps)


def scaled_font(font: QFont, step: float, weight: QFont.Weight | None = None, italic: bool = False) -> QFont:
    """`font` at one step of the type scale, in that step's weight (`STEP_WEIGHTS`) unless `weight` is
    given (a copy; a font sized in pixels is scaled in pixels)."""
    scaled = QFont(font)
    weight = weight if weight is not None else STEP_WEIGHTS.get(step)
    if scaled.pointSizeF() > 0:
        scaled.setPointSizeF(scaled.pointSizeF() * step)
    elif scaled.pixelSize() > 0:
        scaled.setPixelSize(round(scaled.pixelSize() * step))
    if weight is not None:
        scaled.setWeight(weight)
    scaled.setItalic(italic)
    return scaled


AA_CONTRAST = 4.5
AAA_CONTRAST = 7.0  # every text pair, when the desktop asks for high contrast
_MARGIN = 0.1  # a hair above each goal, so rounding never lands a pair just under it
_TARGET = AA_CONTRAST + _MARGIN

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


def _toward_contrast(moving: QColor, fixed: QColor, target: float = _TARGET) -> QColor | None:
    """`moving` shifted toward black or white (whichever is further from `fixed`) just until `target`
    (AA unless told); None if even the extreme falls short."""
    extreme = QColor("#000000") if luminance(fixed) > 0.18 else QColor("#ffffff")
    if contrast_ratio(extreme, fixed) < target:
        return None
    return mix_colours(moving, extreme, _least_mix(moving, extreme, fixed, target))


def _least_mix(start: QColor, end: QColor, fixed: QColor, target: float) -> float:
    """The smallest share of `end` mixed into `start` that stands `target`:1 from `fixed` (found by halving;
    the caller knows `end` itself does)."""
    low, high = 0.0, 1.0
    for _ in range(20):
        mid = (low + high) / 2
        if contrast_ratio(mix_colours(start, end, mid), fixed) >= target:
            high = mid
        else:
            low = mid
    return high


def _opaque(text: QColor, background: QColor) -> QColor:
    return mix_colours(background, text, text.alphaF()) if text.alphaF() < 1.0 else text


def readable_changes(
    palette: QPalette, contrast: float = AA_CONTRAST
) -> list[tuple[QPalette.ColorGroup, QPalette.ColorRole, QColor]]:
    """(group, role, colour) for just the roles that must move for every pair to reach `contrast` (AA
    unless told; none when the palette is readable as it is)."""
    target = contrast + _MARGIN
    colours = {(g, r): palette.color(g, r) for g in GROUPS for pair in TEXT_PAIRS for r in pair}
    changes = []
    for group in GROUPS:
        for text_role, background_role in TEXT_PAIRS:
            text, background = colours[group, text_role], colours[group, background_role]
            if contrast_ratio(text, background) >= contrast:
                continue
            if background_role in BACKGROUND_MOVES:
                role, moved = background_role, _toward_contrast(background, _opaque(text, background), target)
            else:
                role, moved = text_role, _toward_contrast(_opaque(text, background), background, target)
            if moved is not None:
                colours[group, role] = moved
                changes.append((group, role, moved))
    return changes


def apply_readable(
    palette: QPalette, changes: list[tuple[QPalette.ColorGroup, QPalette.ColorRole, QColor]] | None = None
) -> QPalette:
    """Move, in `palette` itself, the roles `readable_changes` names (or `changes`, if already found); returns it.

    In place, never through QPalette's copy constructor: PySide6 builds the whole Qt namespace the
    first time that overloaded constructor is called, and this runs before the first paint.
    """
    for group, role, colour in readable_changes(palette) if changes is None else changes:
        palette.setColor(group, role, colour)
    return palette


# Kindly's own palettes, for a light or dark choice the desktop cannot give: calm, slightly warm greys
# and one blue; every text pair reaches AA as they stand (checked by the tests, moved if not).
OWN_COLOURS: dict[str, dict[QPalette.ColorRole, str]] = {
    opt.THEME_LIGHT: {
        Role.Window: "#f6f5f3", Role.WindowText: "#1f1f1f", Role.Base: "#ffffff", Role.AlternateBase: "#f0efed",
        Role.Text: "#1f1f1f", Role.Button: "#eceae7", Role.ButtonText: "#1f1f1f", Role.Highlight: "#2f6397",
        Role.HighlightedText: "#ffffff", Role.PlaceholderText: "#5f5e5c", Role.Light: "#ffffff",
        Role.Midlight: "#e3e1de", Role.Mid: "#b9b6b2", Role.Dark: "#8c8985", Role.Shadow: "#5c5a57",
        Role.ToolTipBase: "#ffffff", Role.ToolTipText: "#1f1f1f", Role.Link: "#2a5d96",
    },
    opt.THEME_DARK: {
        Role.Window: "#26282b", Role.WindowText: "#e6e6e6", Role.Base: "#1e1f22", Role.AlternateBase: "#2b2d30",
        Role.Text: "#e6e6e6", Role.Button: "#303236", Role.ButtonText: "#e6e6e6", Role.Highlight: "#3f6fae",
        Role.HighlightedText: "#ffffff", Role.PlaceholderText: "#a3a6ab", Role.Light: "#55585d",
        Role.Midlight: "#44474b", Role.Mid: "#5a5d62", Role.Dark: "#151617", Role.Shadow: "#000000",
        Role.ToolTipBase: "#303236", Role.ToolTipText: "#e6e6e6", Role.Link: "#8ab4f0",
    },
}  # fmt: skip
DISABLED_TEXT = (Role.WindowText, Role.Text, Role.ButtonText)


def _scheme(theme: str) -> Qt.ColorScheme:
    """The desktop's name for a light or dark choice (Qt's namespace, built on first touch: only once
    a person has chosen, never before the first paint)."""
    from PySide6.QtCore import Qt

    return Qt.ColorScheme.Dark if theme == opt.THEME_DARK else Qt.ColorScheme.Light


def own_palette(theme: str) -> QPalette:
    """Kindly's own light or dark palette (`opt.THEME_LIGHT` or `opt.THEME_DARK`), disabled text a quiet
    blend of text and window that still reads."""
    palette = QPalette()
    colours = OWN_COLOURS[theme]
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    quiet = mix_colours(QColor(colours[Role.WindowText]), QColor(colours[Role.Window]), 0.45)
    for role in DISABLED_TEXT:
        palette.setColor(QPalette.ColorGroup.Disabled, role, quiet)
    return palette


_KEEPER: list[ReadableTheme] = []  # the last keeper made (`_app_keeper`)


class ReadableTheme(QObject):
    """Keeps the application's palette readable: now, and each time the system's colour scheme changes.

    It listens to the style hints' `colorSchemeChanged`, never to every event of the application: an
    application-wide event filter would put Python on the path of every event, start-up's included.
    """

    def __init__(self, app: QGuiApplication, buttons_now: bool = True) -> None:
        super().__init__(app)
        self._app = app
        self.theme = opt.THEME_SYSTEM  # the person's choice: system, light or dark
        self.high_contrast = False  # the desktop asks for high contrast (read once the window is up)
        self._style = ""
        self.buttons_styled = buttons_now
        _KEEPER[:] = [self]  # the application's keeper from now on (`_app_keeper`)
        self.apply()
        # The new palette arrives after the signal: look once it has.
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def follow_contrast(self) -> None:
        """Honour the desktop's contrast preference, now and as it changes. Called once the window is
        up: reading it builds Qt's whole namespace, which must not hold back the first paint."""
        style_hints = self._app.styleHints()  # held: a chained call loses the hints before they are read
        hints = style_hints.accessibility()
        hints.contrastPreferenceChanged.connect(self._contrast_changed)
        self._contrast_changed(hints.contrastPreference())

    def _contrast_changed(self, preference: object) -> None:
        from PySide6.QtCore import Qt

        high = preference == Qt.ContrastPreference.HighContrast
        if high != self.high_contrast:
            self.high_contrast = high
            _CONTRAST["high"] = high
            if not high and self.theme == opt.THEME_SYSTEM:
                self._app.setPalette(QPalette())  # the desktop's own again, before it is made readable
            self.apply()

    def use_theme(self, theme: str) -> None:
        """Follow the person's choice from now on: the desktop's scheme (system), or light or dark."""
        if theme == self.theme or theme not in (opt.THEME_SYSTEM, *OWN_COLOURS):
            return
        self.theme = theme
        hints = self._app.styleHints()
        if theme == opt.THEME_SYSTEM:
            hints.unsetColorScheme()
            self._app.setPalette(QPalette())  # nothing of Kindly's own left: the system's palette again
        else:
            hints.setColorScheme(_scheme(theme))  # a desktop that can switch sends its palette after
        self.apply()
        self._restyle()

    def _scheme_changed(self, _scheme: object) -> None:
        QTimer.singleShot(0, self._follow_scheme)

    def _follow_scheme(self) -> None:
        self.apply()
        self._restyle()

    def _restyle(self) -> None:
        """Hand the new palette to every widget already shown: under an application style sheet Qt keeps
        each polished widget's old palette (dark words left on a dark window) until the sheet is set again."""
        if isinstance(self._app, QApplication) and self._app.styleSheet():
            self._app.setStyleSheet(self._app.styleSheet())

    def apply(self) -> None:
        own = self.theme in OWN_COLOURS and self._app.styleHints().colorScheme() != _scheme(self.theme)
        # The desktop's palette (a copy: changed here, then set), or Kindly's own where it cannot switch.
        palette = own_palette(self.theme) if own else self._app.palette()
        changes = readable_changes(palette, AAA_CONTRAST if self.high_contrast else AA_CONTRAST)
        if changes or own:
            self._app.setPalette(apply_readable(palette, changes))  # its own explicit roles, and those moved
        style = button_style(self._app.palette())  # the focus rings mixed for the palette now in force
        if self.buttons_styled and style != self._style and isinstance(self._app, QApplication):
            self._style = style
            self._app.setStyleSheet(style)


def apply_look(app: QApplication, buttons_now: bool = True) -> ReadableTheme:
    """Kindly's look on the whole application: readable colours (kept so) and soft buttons.

    `buttons_now=False` leaves the buttons' style sheet for `style_buttons`: under an application
    style sheet each widget added to a layout restyles all it holds, so a page built before the sheet
    is set, then styled once, is built in a fraction of the time (`make bench`: startup-complete-home).
    """
    return ReadableTheme(app, buttons_now)


def _app_keeper() -> ReadableTheme | None:
    """The application's theme keeper: the last one made, while it lives.

    Held here rather than looked for among the application's children: PySide6's first
    `findChild` builds the Python classes of every kind of object it passes, at launch.
    """
    keeper = _KEEPER[0] if _KEEPER else None
    return keeper if keeper is not None and shiboken6.isValid(keeper) else None


def style_buttons() -> None:
    """Give the application's buttons Kindly's soft style from now on (see `apply_look`)."""
    keeper = _app_keeper()
    if keeper is not None and not keeper.buttons_styled:
        keeper.buttons_styled = True
        keeper.apply()


def follow_contrast() -> None:
    """Honour the desktop's contrast preference from now on (once the first window is painted)."""
    keeper = _app_keeper()
    if keeper is not None:
        keeper.follow_contrast()


def use_theme(theme: str) -> None:
    """Show the whole application in `theme` (system, light or dark, as the settings hold it) from now on."""
    keeper = _app_keeper()
    if keeper is not None:
        keeper.use_theme(theme)


# --- the year's calendar ---------------------------------------------------------------------
EMPTY_DAY_TOWARD_TEXT = 0.1  # an empty day: the window colour a tenth of the way to its text
PRACTISED_CONTRAST = 3.2  # the least practised day against an empty one: a hair above 3:1
MOST_PRACTISED_CONTRAST = 7.0  # the most practised: clear, never the glare of the text colour itself
YEAR_LEVELS = 4
_RAMP_SAMPLES = 400


def empty_day_colour(palette: QPalette) -> QColor:
    """An empty day: a quiet cell that can still be seen (about 1.2:1 against the window, light or
    dark), nearer the window than any practised day, so gaps recede and practice stands out."""
    window = palette.color(QPalette.ColorRole.Window)
    return mix_colours(window, palette.color(QPalette.ColorRole.WindowText), EMPTY_DAY_TOWARD_TEXT)


def year_shades(palette: QPalette) -> list[QColor]:
    """The calendar's colours: an empty day, then one per level of practice (`YEAR_LEVELS`).

    Each level is the highlight's hue moved along window → highlight → text until it stands out
    from an empty day by its share of 3.2:1 to 7:1 (evenly, as ratios go), so in light, dark and
    high contrast alike more practice always reads as more, and the least of it at least 3:1.
    """
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    empty = empty_day_colour(palette)

    def along(x: float) -> QColor:  # 0 the window, 1 the highlight, 2 the text
        return mix_colours(window, highlight, x) if x <= 1.0 else mix_colours(highlight, text, x - 1.0)

    ramp = [along(2.0 * i / _RAMP_SAMPLES) for i in range(_RAMP_SAMPLES + 1)]
    ratios = [contrast_ratio(colour, empty) for colour in ramp]
    most = min(MOST_PRACTISED_CONTRAST, max(PRACTISED_CONTRAST, max(ratios) * 0.9))
    step = (most / PRACTISED_CONTRAST) ** (1.0 / (YEAR_LEVELS - 1))
    shades = [empty]
    at = 0
    for level in range(YEAR_LEVELS):
        wanted = PRACTISED_CONTRAST * step**level
        while at < _RAMP_SAMPLES and ratios[at] < wanted:
            at += 1
        shades.append(ramp[at])
        at = min(at + 1, _RAMP_SAMPLES)
    return shades


# --- shapes and the keyboard's ring ------------------------------------------------------------
NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11: a ring, a bar, a guide line against what lies around it
HIGH_NON_TEXT_CONTRAST = AA_CONTRAST  # the same, when the desktop asks for high contrast
FOCUS_RING_PX = 2.0
_CONTRAST = {"high": False}  # the desktop's contrast preference, as `ReadableTheme` last read it
_RING_STEPS = 24


def non_text_contrast() -> float:
    """The contrast a shape needs against what lies around it: 3:1, or 4.5:1 for high contrast."""
    return HIGH_NON_TEXT_CONTRAST if _CONTRAST["high"] else NON_TEXT_CONTRAST


def standing_out(colour: QColor, background: QColor, contrast: float | None = None) -> QColor:
    """`colour` itself where it stands out from `background` by `contrast` (`non_text_contrast` unless
    told); else moved toward black or white, only as far as it takes (the extreme if even that falls short)."""
    wanted = non_text_contrast() if contrast is None else contrast
    if contrast_ratio(colour, background) >= wanted:
        return colour
    moved = _toward_contrast(colour, background, wanted + _MARGIN)
    if moved is not None:
        return moved
    return QColor("#000000") if luminance(background) > 0.18 else QColor("#ffffff")


def focus_ring_colour(palette: QPalette, background: QColor, fill: QColor | None = None) -> QColor:
    """The keyboard's ring: the highlight where it stands out from `background` (and from the `fill`
    it is drawn around, if any) by `non_text_contrast`; else the nearest colour that does, looked for
    from the highlight toward the text and then along the greys (a ring around the highlight itself,
    on a default button, is near black or near white). Never the highlighted-text colour: white on a
    white window, black on a black one."""
    wanted = non_text_contrast()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.WindowText)
    steps = [i / _RING_STEPS for i in range(_RING_STEPS + 1)]
    candidates = [mix_colours(highlight, text, k) for k in steps] + [QColor.fromRgbF(k, k, k) for k in steps]
    lit = luminance(background), luminance(fill) if fill is not None else None

    def seen(colour: QColor) -> float:  # the least of its contrasts with what lies around it
        own = luminance(colour)
        return min(_ratio(own, near) for near in lit if near is not None)

    for colour in candidates:
        if seen(colour) >= wanted + _MARGIN:
            return colour
    return max(candidates, key=seen)


def _ratio(a: float, b: float) -> float:
    """WCAG contrast of two relative luminances."""
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def paint_focus_ring(painter: QPainter, rect: QRectF, colour: QColor, radius: float = CORNER_RADIUS_PX) -> None:
    """The keyboard's ring inside `rect`, `FOCUS_RING_PX` wide, soft corners (`radius`)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, FOCUS_RING_PX))
    painter.setBrush(QBrush())  # no fill (Qt's namespace untouched)
    inset = FOCUS_RING_PX / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    painter.restore()


def paint_keyboard_ring(widget: QWidget) -> None:
    """A painted widget's ring around its whole rect while it has the keyboard (charts, the calendar):
    called from its paintEvent, after its own painter has ended."""
    if widget.hasFocus():
        palette = widget.palette()
        ring = focus_ring_colour(palette, palette.color(widget.backgroundRole()))
        painter = QPainter(widget)
        paint_focus_ring(painter, QRectF(widget.rect()), ring, CORNER_RADIUS_PX / 2)
        painter.end()


def fading_text(palette: QPalette, shown: float) -> QColor:
    """Words that come and go (the breath's): at `shown` 1 the text colour, at 0 the faintest shade of
    it still readable on the window (4.5:1, 7:1 for high contrast), never fading into the background."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    wanted = (AAA_CONTRAST if _CONTRAST["high"] else AA_CONTRAST) + _MARGIN
    faintest = mix_colours(window, text, _least_mix(window, text, window, wanted))
    return mix_colours(faintest, text, shown)
