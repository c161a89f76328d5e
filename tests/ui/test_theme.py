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
)
from ui.conftest import pair_contrast

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


def test_the_button_style_takes_every_colour_from_the_palette_but_the_rings_and_the_box_edge() -> None:
    import re

    from kindly.ui.theme import button_style, control_edge, focus_ring_colour

    palette = _palette(LIGHT_GREY_HINTS)
    window = palette.color(Role.Window)
    rings = {focus_ring_colour(palette, window, palette.color(role)).name() for role in (Role.Button, Role.Highlight)}
    made = rings | {control_edge(palette).name()}
    colours = re.findall(r"(?:background|color|border(?:-color)?)\s*:\s*([^;]+);", button_style(palette))
    assert colours and all("palette(" in c or "transparent" in c or c.split()[-1] in made for c in colours)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_check_box_s_edge_stands_out_3_to_1_from_its_box_and_the_window(theme: str) -> None:
    from kindly.ui.theme import contrast_ratio, control_edge, own_palette

    palette = own_palette(theme)
    edge = control_edge(palette)
    assert contrast_ratio(edge, palette.color(Role.Base)) >= 3.0
    assert contrast_ratio(edge, palette.color(Role.Window)) >= 3.0


def test_a_ticked_check_box_shows_its_white_mark_on_the_highlight(qtbot: object) -> None:
    from PySide6.QtWidgets import QCheckBox

    from kindly.ui.theme import button_style

    box = QCheckBox("Soft cue")
    box.setStyleSheet(button_style(box.palette()))  # the sheet's palette() colours are the box's own
    box.setChecked(True)
    box.resize(160, 30)
    image = box.grab().toImage()
    seen = {image.pixelColor(x, y).name() for x in range(24) for y in range(image.height())}
    assert box.palette().color(Role.Highlight).name() in seen and "#ffffff" in seen


def test_buttons_left_unstyled_at_launch_take_kindlys_style_once_the_home_is_built() -> None:
    from kindly.ui.theme import apply_look, button_style, style_buttons

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    was_palette, was_sheet = app.palette(), app.styleSheet()
    app.setStyleSheet("")
    keeper = apply_look(app, buttons_now=False)
    try:
        assert app.styleSheet() == ""
        style_buttons()
        assert app.styleSheet() == button_style(app.palette())
    finally:
        keeper.deleteLater()
        app.setPalette(was_palette)
        app.setStyleSheet(was_sheet)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_spin_box_arrows_grey_stands_3_to_1_from_the_field(theme: str) -> None:
    from kindly.ui.theme import ARROW_GREY, contrast_ratio, own_palette

    assert contrast_ratio(QColor(ARROW_GREY), own_palette(theme).color(Role.Base)) >= 3.0
