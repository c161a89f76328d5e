"""The icon tool draws every size crisp and not blank, and the committed icons are its output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

from kindly import APP_ID
from kindly.tools.render_icon import SIZES, icon_path, render_all
from kindly.ui.app.icons import (
    ARROW_SIZE_PX,
    CHECK_MARK_PX,
    TRAY_TEMPLATE_SIZES,
    app_icon,
    arrow_path,
    check_mark_path,
    tray_template_path,
)


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
    assert check_mark_path(1).is_file() and check_mark_path(2).is_file()
    assert all(arrow_path(direction, scale).is_file() for direction in ("up", "down") for scale in (1, 2))
    assert sorted(app_icon().availableSizes(), key=lambda s: s.width())[0].width() == 16


def test_the_check_mark_is_white_on_clear_at_its_box_s_size_and_twice_it(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    for scale in (1, 2):
        image = QImage(str(check_mark_path(scale, tmp_path))).convertToFormat(QImage.Format.Format_ARGB32)
        assert (image.width(), image.height()) == (CHECK_MARK_PX * scale, CHECK_MARK_PX * scale)
        pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
        assert image.pixelColor(0, 0).alpha() == 0
        assert {(c.red(), c.green(), c.blue()) for c in pixels if c.alpha() == 255} == {(255, 255, 255)}, scale


def test_the_spin_box_arrows_point_their_way_in_one_grey(qapp: object, tmp_path: Path) -> None:
    render_all(tmp_path)
    width, height = ARROW_SIZE_PX
    for direction, tip_row, base_row in (("up", 0, height - 1), ("down", height - 1, 0)):
        image = QImage(str(arrow_path(direction, 2, tmp_path))).convertToFormat(QImage.Format.Format_ARGB32)
        assert (image.width(), image.height()) == (width * 2, height * 2)

        def filled(row: int) -> int:
            return sum(image.pixelColor(x, row * 2).alpha() > 128 for x in range(image.width()))

        assert filled(tip_row) < filled(base_row), direction  # narrow at its tip, wide at its base
