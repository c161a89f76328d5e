"""Child process of the start-up benchmark: run Kindly (or a minimal PySide6 window) until its first paint.

`python first_paint_probe.py minimal` shows a bare QWidget; `... bare-home` a page of the
same Qt widgets as Kindly's home (class for class, as many of each, shown or hidden alike), built
in bare PySide6 (no Kindly code: what the binding and Qt alone ask for such a page); `... kindly [ARGS]`
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
    if os.environ.get(CENSUS):
        import json  # only here: the timed runs of every kind load the same modules as before

        print(f"census {json.dumps(widget_census())}", flush=True)
    else:
        print(f"first-paint {time.monotonic():.6f}", flush=True)
    os._exit(0)


CENSUS = "KINDLY_PROBE_CENSUS"  # set: report the widgets painted, not the time (the baseline's own test)


def widget_census() -> dict[str, int]:
    """How many widgets of each Qt class there are, shown and hidden (`QLabel shown` -> count), and the
    size of the window. A Kindly class counts as the Qt class it is made from (its painting is Kindly's
    own cost)."""
    counts: dict[str, int] = {}
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for widget in app.allWidgets():
        meta = widget.metaObject()
        while not meta.className().startswith("Q") and meta.superClass() is not None:
            meta = meta.superClass()
        # A scroll bar shows as the content's length asks (fonts, a practice more): counted, not judged.
        shown = "" if meta.className() == "QScrollBar" else " shown" if widget.isVisible() else " hidden"
        key = f"{meta.className()}{shown}"
        counts[key] = counts.get(key, 0) + 1
        if widget.isWindow() and widget.isVisible():
            counts[f"window {widget.width()}x{widget.height()}"] = 1  # as much to paint on either side
    return counts


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
    """Kindly's home page widget for widget, in bare PySide6: the same Qt classes, as many of each, laid
    out alike and shown or hidden alike (the window's menu, its pages and notice line; the Today card;
    the practices listed in a list widget; the set-up with its own scroll area and, closed under More,
    its bells, warm-up, ambient bed and volumes). Nothing of Kindly's own: no style sheet, no painted
    cards, no delegate, no files, settings or history. What the binding and Qt ask for such a page."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QFormLayout,
        QGroupBox,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QPushButton,
        QScrollArea,
        QSlider,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QTabWidget,
        QVBoxLayout,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    probe = FirstPaintProbe()  # held here until the process ends: the filter alone keeps no reference
    window.installEventFilter(probe)
    menu = window.menuBar().addMenu("&Kindly")
    for words in ("&Preferences", "&Keyboard shortcuts", "&About Kindly", "&Quit"):
        menu.addAction(QAction(words, window))

    def lines(*texts: str, shown: bool = True) -> list[QLabel]:
        made = []
        for text in texts:
            line = QLabel(text)
            line.setWordWrap(True)
            line.setVisible(shown)
            made.append(line)
        return made

    # Today: a title, the path's heading and reading, today's line, a large start, the quieter offers.
    today = QWidget()
    card = QVBoxLayout(today)
    for line in lines("Today", "Twelve weeks of kindness", "One week at a time, a line or two long."):
        card.addWidget(line)
    card.addWidget(*lines("Begin whenever you like; missed days never count against you."))
    start_today, begin, other, path = (QPushButton(t) for t in ("Start", "Begin the path", "", "See the path"))
    start_today.setDefault(True)
    start_today.setVisible(False)
    other.setFlat(True)
    other.setVisible(False)
    path.setFlat(True)
    for button in (start_today, begin, other, path):
        card.addWidget(button)
    card.addWidget(*lines("One day of practice so far.", shown=False))  # a first launch has no story yet

    # The practices: a heading, the list (one line each), the line under it.
    library = QWidget()
    listed = QVBoxLayout(library)
    listed.addWidget(*lines("Practices"))
    practices = QListWidget()
    # As many as Kindly lists on a first launch: the silent timer and the 25 bundled practices.
    practices.addItems([f"Practice {n}  ·  {n + 3} min\nOne line about it, long enough to be cut" for n in range(26)])
    listed.addWidget(practices, 1)
    listed.addWidget(*lines("Kindly supports wellbeing; it is not therapy."))

    # The set-up: its heading and words, then its fields in their own scroll area, Start below them.
    setup = QWidget()
    column = QVBoxLayout(setup)
    for line in lines("Silent timer", "Bells only, no words: the time and a still ring."):
        column.addWidget(line)
    fields = QWidget()
    fields_column = QVBoxLayout(fields)
    form = QFormLayout()
    form.addRow("Length", QSpinBox())
    form.addRow("", *lines("This practice lasts 1 to 3 minutes.", shown=False))
    breath = QComboBox()
    breath.addItems(["Natural", "Calm: in 4, out 6", "Box 4-4-4-4", "Custom"])
    form.addRow("Breath pattern", breath)
    custom = QLineEdit()
    custom.setVisible(False)
    form.addRow("", custom)
    form.addRow("", *lines("Not valid", shown=False))
    form.addRow("", QCheckBox("Fewer words: leave long silences quiet"))
    fields_column.addLayout(form)
    more_button = QPushButton("More: bells, warm-up, sound")
    more_button.setFlat(True)
    fields_column.addWidget(more_button)
    more = QWidget()
    more_form = QFormLayout()
    for label in ("Warm-up", "Interval bell", "Bell every"):
        more_form.addRow(label, QSpinBox())
    bell_row = QHBoxLayout()
    bell = QComboBox()
    bell.addItems(["Soft", "Bowl", "Chime"])
    bell_row.addWidget(bell)
    bell_row.addWidget(QPushButton("Test sound"))
    more_form.addRow(*lines("Bell"), bell_row)
    ambient = QComboBox()
    ambient.addItems(["None", "Rain", "Stream"])
    more_form.addRow("Ambient", ambient)
    more_form.addRow("", QCheckBox("Soft cue at each breath phase"))
    volumes = QGroupBox("Volumes")
    volumes_form = QFormLayout(volumes)
    for layer in ("Voice", "Bells", "Ambient", "Breath cues"):
        volumes_form.addRow(*lines(layer), QSlider(Qt.Orientation.Horizontal))
    more_layout = QVBoxLayout(more)
    more_layout.addLayout(more_form)
    more_layout.addWidget(volumes)
    more.setVisible(False)
    fields_column.addWidget(more)
    fields_column.addStretch(1)
    fields_scroll = QScrollArea()
    fields_scroll.setWidgetResizable(True)
    fields_scroll.setWidget(fields)
    column.addWidget(fields_scroll, 1)
    column.addWidget(QPushButton("Start"))

    home = QWidget()
    page = QVBoxLayout(home)
    page.addWidget(today)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(library)
    split.addWidget(setup)
    page.addWidget(split, 1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(home)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(scroll, "Home")
    tabs.addTab(QWidget(), "Your practice")
    pages = QStackedWidget()
    pages.addWidget(tabs)
    central = QWidget()
    window_column = QVBoxLayout(central)
    window_column.addWidget(pages, 1)
    window_column.addWidget(*lines("", shown=False))  # the notice line
    window.setCentralWidget(central)
    # Kindly's size on a first launch: 920x640, or less on a small screen (the offscreen one is 800x800).
    room = window.screen().availableGeometry().size()
    window.setMinimumSize(min(760, room.width()), min(540, room.height()))
    window.resize(min(920, int(room.width() * 0.95)), min(640, int(room.height() * 0.9)))
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
