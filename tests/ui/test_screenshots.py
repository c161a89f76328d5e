"""Screenshots of Kindly's screens drawn by a real X server (Xvfb), saved and checked for content.

The PNGs are kept under pytest's temporary folder and their paths printed
(`pytest -s`), so a person can look at them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from services import XDisplay

pytestmark = pytest.mark.gui

DRIVER = Path(__file__).resolve().parent / "screenshot_driver.py"
SCREENS = ("main-window", "stats", "session", "end")


@pytest.fixture(scope="module")
def screenshots(xvfb_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("screenshots")
    data = tmp_path_factory.mktemp("screenshot-home")
    env = xvfb_display.env(KINDLY_DATA_DIR=str(data / "data"), KINDLY_CONFIG_DIR=str(data / "config"))
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(out)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-3000:]
    paths = {Path(line).stem: Path(line) for line in done.stdout.split()}
    for path in paths.values():
        print(f"screenshot: {path}")
    return paths


def _spread(image: QImage) -> float:
    """The standard deviation of grey levels over a grid of samples (0 for a blank picture)."""
    values = [
        QImage.pixelColor(image, x, y).lightness()
        for x in range(0, image.width(), 5)
        for y in range(0, image.height(), 5)
    ]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


@pytest.mark.parametrize("screen", SCREENS)
def test_each_screen_is_drawn_with_real_content(screenshots: dict[str, Path], screen: str, qapp: object) -> None:
    image = QImage(str(screenshots[screen]))
    assert image.width() >= 900 and image.height() >= 600
    assert _spread(image) > 8.0
