"""Child process of the start-up benchmark: run Kindly (or a minimal PySide6 window) until its first paint.

`python first_paint_probe.py minimal` shows a bare QWidget; `... bare-home` a page of the
same kinds of Qt widgets as Kindly's home, built in bare PySide6 (no Kindly code: what the
binding and Qt alone ask for such a page); `... kindly [ARGS]`
runs `kindly ARGS` exactly as the console script does; `... kindly-home` runs
it too, and waits for the complete home page ("Today" painted once this week is
read, the practices listed before it). Once the window (or the home page) has been painted (the event loop is back after the
paint), the probe prints `first-paint <time.monotonic()>` and exits at once.
CLOCK_MONOTONIC is shared by every process, so the parent subtracts its own
spawn time. Both sides pay for the same probe: one event filter on the window, one print.

Kindly's own `KINDLY_QUIT_AFTER_FIRST_PAINT` is also set for the kindly run,
so that if the probe's hook misses (app_main changed) the app still quits
after its first paint and the parent can time spawn-to-exit instead.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaintProbe(QObject):
    """An event filter on the top-level window that reports its first paint, then ends the process.

    On the window, not the application: an application-wide Python filter is
    handed every object Qt sends an event to, and PySide6 then builds the
    Python classes of Qt's private ones (Kindly's tab bar animates): ~30 ms
    that no user pays, and that the bare window, with no tabs, never paid.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
            self._seen = True
            QTimer.singleShot(0, report_and_exit)
        return False


def report_and_exit() -> None:
    print(f"first-paint {time.monotonic():.6f}", flush=True)
    os._exit(0)


def run_minimal() -> int:
    app = QApplication(sys.argv[:1])
    probe = FirstPaintProbe()
    window = QWidget()
    window.installEventFilter(probe)
    window.setWindowTitle("minimal")
    window.resize(640, 480)
    window.show()
    return app.exec()


def run_bare_home() -> int:
    """Kindly's home page in kind, not in detail: two tabs, a scrolled page, a "Today" card (heading,
    two wrapped lines, a default button, a line under it), 14 one-line practices in a list view, and a
    set-up form (a length box, two choices, a check box, More and Start). No style sheet, delegate,
    files or settings: those are Kindly's own cost, and this line measures what comes before it."""
    from PySide6.QtCore import QStringListModel, Qt
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QFormLayout,
        QFrame,
        QLabel,
        QListView,
        QMainWindow,
        QPushButton,
        QScrollArea,
        QSpinBox,
        QSplitter,
        QTabWidget,
        QVBoxLayout,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    probe = FirstPaintProbe()  # held here until the process ends: the filter alone keeps no reference
    window.installEventFilter(probe)
    home = QWidget()
    column = QVBoxLayout(home)
    today = QFrame()
    card = QVBoxLayout(today)
    for text in ("Today", "Week 1 of 12 on your path: a first step", "This week's reading, a line or two long."):
        line = QLabel(text)
        line.setWordWrap(True)
        card.addWidget(line)
    start = QPushButton("Start today's practice")
    start.setDefault(True)
    card.addWidget(start)
    card.addWidget(QLabel("One day of practice so far."))
    column.addWidget(today)
    split = QSplitter(Qt.Orientation.Horizontal)
    practices = QListView()
    practices.setModel(QStringListModel([f"Practice {n}  ·  {n + 3} min  ·  one line about it" for n in range(14)]))
    split.addWidget(practices)
    setup = QWidget()
    form = QFormLayout(setup)
    form.addRow("Length", QSpinBox())
    for label, choices in (("Breath", ["Natural", "Calm 4-6", "Box 4-4-4-4"]), ("Bell", ["Soft", "Bowl"])):
        choice = QComboBox()
        choice.addItems(choices)
        form.addRow(label, choice)
    form.addRow(QCheckBox("Fewer words"))
    form.addRow(QPushButton("More: bells, warm-up, sound"))
    form.addRow(QPushButton("Start"))
    split.addWidget(setup)
    column.addWidget(split, 1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(home)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(scroll, "Practise")
    tabs.addTab(QWidget(), "Your practice")
    window.setCentralWidget(tabs)
    window.resize(920, 640)
    window.show()
    return app.exec()


class HomePaintProbe(QObject):
    """Reports the first paint of "Today" after this week has been read: the whole home page, the
    practices listed (they are listed before the week is asked for) and the set-up beside them."""

    def __init__(self) -> None:
        super().__init__()
        self._seen = False

    def arm(self, today: QWidget) -> None:
        today.installEventFilter(self)
        today.update()  # shown already, or about to be: either way it paints once more, now complete

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, report_and_exit)  # after the rest of this paint (the practices) is done
        return False


def _when_app_main_loads(wrap: Callable[[ModuleType], None]) -> None:
    """Call `wrap(app_main)` as soon as Kindly imports its app module, and not before: the probe must not
    import Kindly's shell itself, or its imports would run before `kindly` pauses the garbage collector
    for them (kindly.start_up_collection), unlike the console script's."""
    import importlib.machinery  # not importlib.abc: it brings importlib.resources (~5 ms), which Kindly never loads

    name = "kindly.ui.app.app_main"

    class Finder:  # a meta path finder is any object with `find_spec`
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            loader = spec.loader if spec is not None else None
            if loader is None or not hasattr(loader, "exec_module"):
                return spec
            run = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                wrap(module)

            loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def run_kindly_home(args: list[str]) -> int:
    from kindly import cli

    probe = HomePaintProbe()

    def wrap(app_main: ModuleType) -> None:
        original = app_main.build_parts

        def build_parts_probed(app: QApplication) -> Any:
            parts = original(app)
            window = parts.window
            window.week_changed.connect(lambda: window.this_week is not None and probe.arm(window.this_week))
            return parts

        app_main.build_parts = build_parts_probed

    _when_app_main_loads(wrap)
    return cli.main(args)


def run_kindly(args: list[str]) -> int:
    from kindly import cli

    probe = FirstPaintProbe()

    def wrap(app_main: ModuleType) -> None:
        original = app_main.build_parts

        def build_parts_probed(app: QApplication) -> Any:
            parts = original(app)
            parts.window.installEventFilter(probe)
            return parts

        app_main.build_parts = build_parts_probed

    _when_app_main_loads(wrap)
    return cli.main(args)


if __name__ == "__main__":
    if sys.argv[1:2] == ["minimal"]:
        sys.exit(run_minimal())
    if sys.argv[1:2] == ["bare-home"]:
        sys.exit(run_bare_home())
    if sys.argv[1:2] == ["kindly-home"]:
        sys.exit(run_kindly_home(sys.argv[2:]))
    sys.exit(run_kindly(sys.argv[2:]))
