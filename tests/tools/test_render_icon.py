"""The icon tool draws every size crisp and not blank, and the committed icons are its output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

from kindly import APP_ID
from kindly.tools.render_icon import SIZES, icon_path, render_all
from kindly.ui.app.icons import TRAY_TEMPLATE_SIZES, app_icon, tray_template_path


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 32)
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_every_size_is_rendered_at_its_own_size_and_is_not_blank(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    for size in SIZES:
        image = QImage(str(icon_path(size, tmp_path)))
        assert (image.width(), image.height()) == (size, size)
        assert _distinct_colours(image) > 4, size


def test_the_corners_are_transparent_so_the_icon_is_round(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    image = QImage(str(icon_path(64, tmp_path)))
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(32, 32).alpha() == 255


def test_the_svg_is_well_formed(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    root = ET.parse(tmp_path / f"{APP_ID}.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 512 512"


def test_the_tray_template_is_drawn_at_its_sizes_in_black_and_alpha_only(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    for size in TRAY_TEMPLATE_SIZES:
        image = QImage(str(tray_template_path(size, tmp_path))).convertToFormat(QImage.Format.Format_ARGB32)
        assert (image.width(), image.height()) == (size, size)
        pixels = [image.pixelColor(x, y) for x in range(size) for y in range(size)]
        assert {(c.red(), c.green(), c.blue()) for c in pixels if c.alpha()} == {(0, 0, 0)}, size


def test_the_committed_icons_are_all_present(qapp: object) -> None:
    assert all(icon_path(size).is_file() for size in SIZES)
    assert all(tray_template_path(size).is_file() for size in TRAY_TEMPLATE_SIZES)
    assert sorted(app_icon().availableSizes(), key=lambda s: s.width())[0].width() == 16
