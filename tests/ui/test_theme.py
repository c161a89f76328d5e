"""Every text Kindly draws reaches WCAG AA (4.5:1) on its background, in light and dark palettes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from kindly.ui.theme import (
    AA_CONTRAST,
    GROUPS,
    TEXT_PAIRS,
    ReadableTheme,
    apply_readable,
    contrast_ratio,
    pair_contrast,
)

Role = QPalette.ColorRole


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


LIGHT_GREY_HINTS = {  # Fusion's light palette, as Qt ships it: grey hints and white on a light blue
    Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff", Role.Text: "#000000",
    Role.Button: "#efefef", Role.ButtonText: "#000000", Role.Highlight: "#308cc6",
    Role.HighlightedText: "#ffffff", Role.PlaceholderText: "#80000000", Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#000000",
}  # fmt: skip
DARK_DIM_HINTS = {  # a dark desktop theme whose hints are too dim
    Role.Window: "#26282b", Role.WindowText: "#e6e6e6", Role.Base: "#1e1f22", Role.Text: "#e6e6e6",
    Role.Button: "#303236", Role.ButtonText: "#e6e6e6", Role.Highlight: "#4f7fbf",
    Role.HighlightedText: "#ffffff", Role.PlaceholderText: "#6a6c70", Role.ToolTipBase: "#303236",
    Role.ToolTipText: "#e6e6e6",
}  # fmt: skip


def test_black_on_white_is_21_to_1_and_equal_colours_1_to_1() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)


def test_a_translucent_text_counts_as_it_shows_on_its_background() -> None:
    half_black = QColor(0, 0, 0, 128)
    assert contrast_ratio(half_black, QColor("#ffffff")) == pytest.approx(4.0, abs=0.01)  # grey 127 on white


@pytest.mark.parametrize("colours", [LIGHT_GREY_HINTS, DARK_DIM_HINTS], ids=["light", "dark"])
def test_every_text_and_background_pair_reaches_aa(colours: dict[QPalette.ColorRole, str]) -> None:
    palette = apply_readable(_palette(colours))
    short = [
        (t.name, b.name, round(pair_contrast(palette, g, t, b), 2))
        for g in GROUPS
        for t, b in TEXT_PAIRS
        if pair_contrast(palette, g, t, b) < AA_CONTRAST
    ]
    assert short == []


@pytest.mark.parametrize("colours", [LIGHT_GREY_HINTS, DARK_DIM_HINTS], ids=["light", "dark"])
def test_only_the_roles_that_fall_short_are_moved(colours: dict[QPalette.ColorRole, str]) -> None:
    palette = _palette(colours)
    before = {role: palette.color(role) for role in colours}
    apply_readable(palette)
    moved = {role for role in colours if palette.color(role) != before[role]}
    assert moved == {Role.PlaceholderText, Role.Highlight}  # dim hints, and white on a light blue
    assert palette.color(Role.HighlightedText) == before[Role.HighlightedText]  # white text stays white


def test_when_the_system_turns_dark_the_new_palette_is_made_readable(qapp: QApplication, qtbot: object) -> None:
    from PySide6.QtCore import Qt

    saved = qapp.palette()
    theme = ReadableTheme(qapp)
    try:
        qapp.setPalette(_palette(DARK_DIM_HINTS))  # the system's new palette
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        active = QPalette.ColorGroup.Active
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: pair_contrast(qapp.palette(), active, Role.PlaceholderText, Role.Window) >= AA_CONTRAST
        )
        assert qapp.palette().color(Role.Window) == QColor("#26282b")  # still the system's dark
    finally:
        theme.deleteLater()
        qapp.setPalette(saved)


def test_every_size_is_on_the_spacing_grid() -> None:
    from kindly.ui.theme import GRID_PX, space

    assert (space(1), space(0.5), space(2)) == (GRID_PX, GRID_PX // 2, 2 * GRID_PX)


def test_the_type_scale_rises_from_the_body_font(qapp: QApplication) -> None:
    from kindly.ui.theme import BODY, CAPTION, DISPLAY, HEADING, TITLE, scaled_font

    body = qapp.font()
    sizes = [scaled_font(body, step).pointSizeF() for step in (CAPTION, BODY, TITLE, HEADING, DISPLAY)]
    assert sizes == sorted(sizes) and len(set(sizes)) == 5
    assert sizes[1] == body.pointSizeF()


def test_a_heading_stands_above_by_weight_as_well_as_size(qapp: QApplication) -> None:
    from PySide6.QtGui import QFont

    from kindly.ui.theme import DISPLAY, HEADING, TITLE, scaled_font

    body = qapp.font()
    assert scaled_font(body, HEADING).weight() == QFont.Weight.DemiBold
    assert scaled_font(body, TITLE).weight() == body.weight()
    assert scaled_font(body, DISPLAY, QFont.Weight.Light).weight() == QFont.Weight.Light  # a named weight wins
    assert scaled_font(body, HEADING, QFont.Weight.Normal).weight() == QFont.Weight.Normal


def test_no_widget_names_a_colour_of_its_own() -> None:
    """Colours come from the palette; only the look's own modules name one (Kindly's mark, and the black
    and white that contrast is measured toward)."""
    import re
    from pathlib import Path

    import kindly.ui

    ui = Path(kindly.ui.__file__).parent
    named = re.compile(r"""QColor\(\s*["'#]|QColor\(\s*\d|Qt\.GlobalColor\.(?!transparent)|#[0-9a-fA-F]{6}\b""")
    offenders = [
        f"{path.relative_to(ui)}:{number}"
        for path in ui.rglob("*.py")
        if path.name not in ("palette.py", "theme.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if named.search(line)
    ]
    assert offenders == []


def test_the_button_style_takes_every_colour_but_the_focus_ring_from_the_palette() -> None:
    import re

    from kindly.ui.theme import button_style, focus_ring_colour

    palette = _palette(LIGHT_GREY_HINTS)
    window = palette.color(Role.Window)
    rings = {focus_ring_colour(palette, window, palette.color(role)).name() for role in (Role.Button, Role.Highlight)}
    colours = re.findall(r"(?:background|color|border(?:-color)?)\s*:\s*([^;]+);", button_style(palette))
    assert colours and all("palette(" in c or "transparent" in c or c.split()[-1] in rings for c in colours)


def test_a_switched_on_toggle_is_outlined_not_filled_like_the_main_action(qtbot: object) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

    from kindly.ui.theme import button_style

    page = QWidget()
    palette = _palette(LIGHT_GREY_HINTS)  # its own: whatever the application's palette is by now
    page.setPalette(palette)
    page.setStyleSheet(button_style(palette))
    main, toggle, plain = QPushButton("Start"), QPushButton("Captions"), QPushButton("Test sound")
    main.setDefault(True)
    toggle.setCheckable(True)
    toggle.setChecked(True)
    row = QHBoxLayout(page)
    for button in (main, toggle, plain):
        row.addWidget(button)
    page.resize(400, 60)
    page.show()

    def fill(button: QPushButton) -> QColor:
        image = button.grab().toImage()
        return image.pixelColor(6, image.height() // 2)  # inside the border, left of the words

    assert fill(toggle) == fill(plain) != fill(main)
