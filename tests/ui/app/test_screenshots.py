"""Screenshots of every screen drawn by a real X server (Xvfb), light and dark, at three sizes, each checked.

800x600 (a small window), 1280x800 (a laptop screen, filled) and 2x scale
(`QT_SCALE_FACTOR=2` on that laptop screen: the window as it opens there). The
PNGs are kept under pytest's temporary folder and their paths printed
(`pytest -s`), so a person can look at them; `docs/screenshots/` holds a set.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from services import XDisplay

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
from screenshot_driver import SCREENS  # noqa: E402

DRIVER = HERE / "screenshot_driver.py"
SIZES = {
    "800x600": (["--size", "800x600"], {}),
    "1280x800": (["--size", "1280x800"], {}),
    "2x": ([], {"QT_SCALE_FACTOR": "2"}),
}
LOOKS = {"": [], "-dark": ["--dark"]}
WHOLE_WINDOW = frozenset(SCREENS) - {"library", "preferences", "focus"}  # the rest are a part, a dialog, the screen
RUNS_AT_ONCE = 2  # this machine's cores


@pytest.fixture(scope="module")
def screenshots(xvfb_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every screen, in each look at each size: one driver process per look and size, two at a time."""
    out = tmp_path_factory.mktemp("screenshots")
    jobs = [(tag, flags + look, env) for tag, (flags, env) in SIZES.items() for look in LOOKS.values()]
    paths: dict[str, Path] = {}
    for start in range(0, len(jobs), RUNS_AT_ONCE):
        runs = []
        for tag, flags, extra in jobs[start : start + RUNS_AT_ONCE]:
            home = tmp_path_factory.mktemp("screenshot-home")
            env = xvfb_display.env(KINDLY_DATA_DIR=str(home / "data"), KINDLY_CONFIG_DIR=str(home / "config"), **extra)
            command = [sys.executable, str(DRIVER), str(out), "--tag", tag, *flags]
            runs.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for run in runs:
            stdout, stderr = run.communicate(timeout=120)
            assert run.returncode == 0, stderr[-3000:]
            paths.update({Path(line).stem: Path(line) for line in stdout.split()})
    for path in sorted(paths.values()):
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


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_each_screen_is_drawn_with_real_content(
    screenshots: dict[str, Path], screen: str, size: str, look: str, qapp: object
) -> None:
    image = QImage(str(screenshots[f"{screen}-{size}{look}"]))
    assert _spread(image) > 8.0
    if size in ("800x600", "1280x800") and screen in WHOLE_WINDOW:
        assert f"{image.width()}x{image.height()}" == size
    if size == "2x" and screen in WHOLE_WINDOW:
        assert image.width() >= 1000  # drawn at twice the pixels, never a small picture scaled up


def test_dark_is_darker_than_light(screenshots: dict[str, Path], qapp: object) -> None:
    def lightness(name: str) -> float:
        image = QImage(str(screenshots[name]))
        return sum(image.pixelColor(x, 5).lightness() for x in range(0, image.width(), 7)) / (image.width() / 7)

    assert lightness("home-800x600-dark") < lightness("home-800x600") - 60
