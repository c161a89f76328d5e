"""Child process of the visible-session benchmark: a bare PySide6 widget animating a gradient circle.

It is the baseline for what a visible breath pacer may cost: a window of
Kindly's default size, a widget of the pacer's size in it, and one circle
with a radial gradient that grows and shrinks over a ten-second breath,
repainted whole at `--fps` frames a second (the pacer's own rate). Nothing
else: no labels, no player, no session.

Usage: python gradient_circle.py [--fps N]
"""

from __future__ import annotations

import math
import sys
import time

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QRadialGradient
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

WINDOW = (920, 640)  # Kindly's main window as it first opens
PACER = (856, 409)  # the breath pacer's size in that window, on the session screen
HALO_RADIUS = 171.6 * 1.18  # the pacer's largest halo there (its full breath)


class Circle(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(*PACER)
        self._started = time.monotonic()

    def paintEvent(self, event: QPaintEvent) -> None:
        level = 0.5 - 0.5 * math.cos(2 * math.pi * (time.monotonic() - self._started) / 10.0)
        radius = HALO_RADIUS * (0.45 + 0.55 * level)
        centre = QPointF(self.width() / 2, self.height() / 2)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gradient = QRadialGradient(centre, radius)
        gradient.setColorAt(0.0, QColor("#cfe0ef"))
        gradient.setColorAt(1.0, QColor("#7fa6c9"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)
        painter.end()


def main() -> int:
    fps = float(sys.argv[sys.argv.index("--fps") + 1]) if "--fps" in sys.argv else 30.0
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("gradient circle")
    window.resize(*WINDOW)
    circle = Circle()
    QVBoxLayout(window).addWidget(circle, 0, Qt.AlignmentFlag.AlignCenter)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(round(1000 / fps))
    timer.timeout.connect(circle.update)
    timer.start()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
