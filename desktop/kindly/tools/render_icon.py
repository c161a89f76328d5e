"""Draws Kindly's icon: a soft breath, rippling out from a warm centre.

One geometry, three outputs: PNGs at every size a desktop asks for, each
drawn afresh at its own size with QPainter (so the small ones stay crisp),
a hand-written SVG for the scalable icon theme slot, and the macOS menu
bar's template icon (the same rings in black and alpha, which the system
tints for a light or dark menu bar). Run it with
`python -m kindly.tools.render_icon [OUT_DIR]`; the results are committed
in `assets/icons/`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kindly import APP_ID
from kindly.ui.app.icons import (
    ARROW_SIZE_PX,
    CHECK_MARK_PX,
    SIZES,
    TRAY_TEMPLATE_SIZES,
    arrow_path,
    check_mark_path,
    icon_path,
    icons_dir,
    tray_template_path,
)
from kindly.ui.theme import ARROW_GREY

if TYPE_CHECKING:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter

DESIGN = 512.0  # every length below is in units of a 512-pixel icon


@dataclass(frozen=True)
class Ring:
    radius: float
    width: float
    alpha: float
    min_size: int  # left out below this pixel size, where it would only smudge


SKY_TOP = "#7FA6C9"
SKY_BOTTOM = "#A58BC9"
HEART_INNER = "#FFF6EE"
HEART_OUTER = "#F6C9B4"
BACKDROP_RADIUS = 248.0
HEART_RADIUS = 104.0
RINGS = (
    Ring(radius=150.0, width=14.0, alpha=0.55, min_size=22),
    Ring(radius=196.0, width=10.0, alpha=0.32, min_size=32),
)
# The template has no backdrop to tell the icon's edge: a rim draws it, and the outer ring
# (which would touch the rim at menu bar sizes) is left out.
TEMPLATE_RIM_WIDTH = 40.0
TEMPLATE_RINGS = RINGS[:1]


def _canvas(size: int) -> tuple[QImage, QPainter, float, QPointF]:
    """A transparent `size`-pixel square, and a painter on it that draws in DESIGN units about its centre."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / DESIGN
    painter.scale(scale, scale)
    return image, painter, scale, QPointF(DESIGN / 2, DESIGN / 2)


def _save(image: QImage, painter: QPainter, out: Path) -> None:
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):  # the format from the .png suffix
        raise OSError(f"could not write {out}")


def render_png(size: int, out: Path) -> None:
    """Paint the icon at `size` pixels square and save it as a PNG."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPen, QRadialGradient

    image, painter, scale, centre = _canvas(size)

    sky = QLinearGradient(0, 0, 0, DESIGN)
    sky.setColorAt(0.0, QColor(SKY_TOP))
    sky.setColorAt(1.0, QColor(SKY_BOTTOM))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(sky))
    painter.drawEllipse(centre, BACKDROP_RADIUS, BACKDROP_RADIUS)

    for ring in RINGS:
        if size < ring.min_size:
            continue
        colour = QColor(HEART_INNER)
        colour.setAlphaF(ring.alpha)
        # Keep a ring at least a pixel wide however small the icon.
        painter.setPen(QPen(colour, max(ring.width, 1.2 / scale)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, ring.radius, ring.radius)

    heart = QRadialGradient(centre - QPointF(26, 30), HEART_RADIUS * 1.25)
    heart.setColorAt(0.0, QColor(HEART_INNER))
    heart.setColorAt(1.0, QColor(HEART_OUTER))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(heart))
    radius = HEART_RADIUS if size >= 22 else HEART_RADIUS * 1.25
    painter.drawEllipse(centre, radius, radius)
    _save(image, painter, out)


def render_tray_template(size: int, out: Path) -> None:
    """Paint the menu bar's template icon at `size` pixels: pure black, shaded by alpha alone."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPen

    image, painter, scale, centre = _canvas(size)

    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(0, 0, 0), TEMPLATE_RIM_WIDTH))
    rim = BACKDROP_RADIUS - TEMPLATE_RIM_WIDTH / 2
    painter.drawEllipse(centre, rim, rim)
    for ring in TEMPLATE_RINGS:
        if size < ring.min_size:
            continue
        painter.setPen(QPen(QColor(0, 0, 0, round(255 * ring.alpha)), max(ring.width, 1.2 / scale)))
        painter.drawEllipse(centre, ring.radius, ring.radius)

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0))
    radius = HEART_RADIUS if size >= 22 else HEART_RADIUS * 1.25
    painter.drawEllipse(centre, radius, radius)
    _save(image, painter, out)


# The check mark's stroke through a box of CHECK_MARK_PX units: a short fall, then a long rise.
CHECK_POINTS = ((3.2, 7.4), (5.9, 10.1), (10.8, 4.2))
CHECK_STROKE = 2.0


def render_check_mark(scale: int, out: Path) -> None:
    """Paint a ticked check box's mark, white on transparent, for a box of CHECK_MARK_PX points at `scale`."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    size = CHECK_MARK_PX * scale
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    pen = QPen(QColor("#ffffff"), CHECK_STROKE)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(x, y) for x, y in CHECK_POINTS])
    _save(image, painter, out)


def render_arrow(direction: str, scale: int, out: Path) -> None:
    """Paint a spin box's arrow ("up" or "down"): a filled triangle in ARROW_GREY, ARROW_SIZE_PX at `scale`."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF

    width, height = ARROW_SIZE_PX
    image = QImage(width * scale, height * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ARROW_GREY))
    tip, base = (0.0, float(height)) if direction == "up" else (float(height), 0.0)
    painter.drawPolygon(QPolygonF([QPointF(0, base), QPointF(width, base), QPointF(width / 2, tip)]))
    _save(image, painter, out)


def svg_text() -> str:
    """The same icon as a hand-written SVG (for the scalable icon theme slot)."""
    c = DESIGN / 2
    rings = "\n".join(
        f'  <circle cx="{c:g}" cy="{c:g}" r="{r.radius:g}" fill="none" stroke="{HEART_INNER}" '
        f'stroke-opacity="{r.alpha:g}" stroke-width="{r.width:g}"/>'
        for r in RINGS
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Kindly</title>
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{SKY_TOP}"/>
      <stop offset="1" stop-color="{SKY_BOTTOM}"/>
    </linearGradient>
    <radialGradient id="heart" gradientUnits="userSpaceOnUse" cx="{c - 26:g}" cy="{c - 30:g}" r="{HEART_RADIUS * 1.25:g}">
      <stop offset="0" stop-color="{HEART_INNER}"/>
      <stop offset="1" stop-color="{HEART_OUTER}"/>
    </radialGradient>
  </defs>
  <circle cx="{c:g}" cy="{c:g}" r="{BACKDROP_RADIUS:g}" fill="url(#sky)"/>
{rings}
  <circle cx="{c:g}" cy="{c:g}" r="{HEART_RADIUS:g}" fill="url(#heart)"/>
</svg>
"""


def render_all(folder: Path) -> list[Path]:
    """Write every PNG size, the SVG, the tray template, the check mark and the spin box arrows into
    `folder`; return the paths written."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written = []
    for size in SIZES:
        path = icon_path(size, folder)
        render_png(size, path)
        written.append(path)
    svg = folder / f"{APP_ID}.svg"
    svg.write_text(svg_text(), encoding="utf-8")
    written.append(svg)
    for size in TRAY_TEMPLATE_SIZES:
        path = tray_template_path(size, folder)
        render_tray_template(size, path)
        written.append(path)
    for scale in (1, 2):
        path = check_mark_path(scale, folder)
        render_check_mark(scale, path)
        written.append(path)
        for direction in ("up", "down"):
            path = arrow_path(direction, scale, folder)
            render_arrow(direction, scale, path)
            written.append(path)
    del app
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kindly.tools.render_icon", description=__doc__.splitlines()[0])
    parser.add_argument(
        "out_dir", nargs="?", type=Path, default=icons_dir(), help="where to write (default: assets/icons)"
    )
    options = parser.parse_args(argv)
    for path in render_all(options.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
