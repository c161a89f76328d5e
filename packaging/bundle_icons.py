"""Kindly's icon in each platform's form, made at build time from the PNGs in `assets/icons/`.

- Linux: the freedesktop hicolor theme layout (`hicolor/48x48/apps/org.kindly.Kindly.png`,
  `hicolor/scalable/apps/org.kindly.Kindly.svg`), copied as they are.
- Windows: one `.ico` holding every size up to 256 px.
- macOS: one `.icns` holding every size up to 1024 px.

Each size comes from its own hand-tuned PNG, never a rescaled big one (Pillow
writes ICO and ICNS on any OS; it is in the `bundle` extra). Run as
`python packaging/bundle_icons.py hicolor OUT_DIR` from the Linux tarball script.
"""

from __future__ import annotations

import re
import shutil
import struct
import sys
from pathlib import Path

from bundle_config import APP_ID, REPO_ROOT

ICONS_DIR = REPO_ROOT / "assets" / "icons"
ICON_PNG = re.compile(r"^kindly-(\d+)\.png$")
# Sizes the hicolor theme has directories for (the Icon Theme Specification's usual set).
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 96, 128, 256, 512)
ICO_MAX = 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, without decoding it."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path}: not a PNG file")
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def icon_pngs(icons_dir: Path = ICONS_DIR) -> dict[int, Path]:
    """The square `kindly-<size>.png` files by size (empty when there are none yet)."""
    found: dict[int, Path] = {}
    if not icons_dir.is_dir():
        return found
    for path in sorted(icons_dir.iterdir()):
        if not ICON_PNG.match(path.name):
            continue
        width, height = png_size(path)
        if width != height:
            raise ValueError(f"{path}: icon is {width}x{height}, not square")
        found[width] = path
    return found


def scalable_icon(icons_dir: Path = ICONS_DIR) -> Path | None:
    path = icons_dir / f"{APP_ID}.svg"
    return path if path.is_file() else None


def install_hicolor(out_dir: Path, icons_dir: Path = ICONS_DIR) -> list[Path]:
    """Copy the icons into `out_dir/hicolor/...`; returns the files written."""
    written = []
    for size, path in icon_pngs(icons_dir).items():
        if size in HICOLOR_SIZES:
            target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    svg = scalable_icon(icons_dir)
    if svg is not None:
        target = out_dir / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, target)
        written.append(target)
    return written


def _images(pngs: dict[int, Path], largest: int) -> list:
    from PIL import Image

    images = []
    for size in sorted((size for size in pngs if size <= largest), reverse=True):
        with Image.open(pngs[size]) as image:
            images.append(image.convert("RGBA"))
    return images


def make_ico(out: Path, icons_dir: Path = ICONS_DIR) -> Path | None:
    """A multi-size Windows icon, or None when there are no PNGs."""
    images = _images(icon_pngs(icons_dir), ICO_MAX)
    if not images:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    biggest, *rest = images
    biggest.save(out, format="ICO", sizes=[image.size for image in images], append_images=rest)
    return out


def make_icns(out: Path, icons_dir: Path = ICONS_DIR) -> Path | None:
    """A macOS icon set, or None when there are no PNGs."""
    pngs = {size: path for size, path in icon_pngs(icons_dir).items() if size in ICNS_SIZES}
    images = _images(pngs, max(ICNS_SIZES))
    if not images:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    biggest, *rest = images
    biggest.save(out, format="ICNS", append_images=rest)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"hicolor", "ico", "icns"}:
        print("usage: bundle_icons.py hicolor|ico|icns OUT", file=sys.stderr)
        return 2
    kind, out = argv[0], Path(argv[1])
    if kind == "hicolor":
        written = install_hicolor(out)
    else:
        made = make_ico(out) if kind == "ico" else make_icns(out)
        written = [made] if made else []
    print(f"{len(written)} icon file(s) written under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
