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

DRIVER = Path(__file__).resolve().parents[1] / "screenshot_driver.py"
SCREENS = tuple(
    f"{screen}{look}"
    for screen in (
        "main-window", "stats", "session", "end", "path-home", "checkin", "end-checkin", "end-path", "stats-checkins"
    )
    for look in ("", "-dark")
)  # fmt: skip


@pytest.fixture(scope="module")
def screenshots(xvfb_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every screen, light and dark, drawn by two driver processes at once."""
    out = tmp_path_factory.mktemp("screenshots")
    runs = []
    for flags in ([], ["--dark"]):
        home = tmp_path_factory.mktemp("screenshot-home")
        env = xvfb_display.env(KINDLY_DATA_DIR=str(home / "data"), KINDLY_CONFIG_DIR=str(home / "config"))
        runs.append(
            subprocess.Popen(
                [sys.executable, str(DRIVER), str(out), *flags],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    paths: dict[str, Path] = {}
    for run in runs:
        stdout, stderr = run.communicate(timeout=60)
        assert run.returncode == 0, stderr[-3000:]
        paths.update({Path(line).stem: Path(line) for line in stdout.split()})
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
