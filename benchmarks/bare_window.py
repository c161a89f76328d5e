"""Child process of the idle benchmarks: a bare PySide6 window that shows itself and waits, doing nothing.

It is the baseline for what any Qt program costs while idle on this machine:
its wake-ups, its CPU time and its memory.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare window")
    window.resize(640, 480)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
