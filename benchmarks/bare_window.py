"""Child process of the idle benchmarks: a bare PySide6 window (or tray icon) that shows itself and waits.

It is the baseline for what any Qt program costs while idle on this machine:
its wake-ups, its CPU time and its memory. `--tray-icon` shows a plain
QSystemTrayIcon instead of a window: what Qt's tray support alone costs.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget


def main() -> int:
    app = QApplication(sys.argv[:1])
    if "--tray-icon" in sys.argv[1:]:
        pixmap = QPixmap(22, 22)
        pixmap.fill(QColor("gray"))
        shown: QWidget | QSystemTrayIcon = QSystemTrayIcon(QIcon(pixmap))
        shown.show()
    else:
        shown = QWidget()
        shown.setWindowTitle("bare window")
        shown.resize(640, 480)
        shown.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
