"""Starting the app: its identity, and a first paint that never waits for the audio libraries."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kindly import APP_ID, cli
from kindly.core.errors import KindlyFailure
from kindly.start_up_collection import pause_collection, resume_collection
from kindly.ui.app import app_main
from kindly.ui.app.app_main import AppParts
from kindly.ui.app.single_instance import SingleInstance

HEAVY = ("numpy", "pydub", "soundfile", "soxr", "simpleaudio", "sounddevice")


def _imported_before_first_paint(isolated_dirs: Path) -> set[str]:
    done = _run(["-X", "importtime", "-m", "kindly"], isolated_dirs, KINDLY_QUIT_AFTER_FIRST_PAINT="1")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    before_paint = lines[: lines.index("kindly: first paint done")]
    return {line.rsplit("|", 1)[-1].strip() for line in before_paint if line.startswith("import time:")}


def _run(args: list[str], isolated_dirs: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=60, cwd=isolated_dirs
    )


def test_kindly_paints_its_window_before_importing_any_audio_library(isolated_dirs: Path) -> None:
    imported = _imported_before_first_paint(isolated_dirs)
    assert "kindly.ui.app.main_window" in imported
    assert sorted(m for m in imported if m.split(".")[0] in HEAVY) == []


def test_kindly_paints_its_window_before_opening_the_door_for_later_launches(isolated_dirs: Path) -> None:
    # The lock is taken before the window; the local server (QtNetwork) and its name (getpass) wait
    # for the paint. (Its messages are JSON, but json is loaded anyway: the settings file the window
    # reads before it paints is JSON, read without Qt so that no command needs PySide6.)
    imported = _imported_before_first_paint(isolated_dirs)
    assert "kindly.ui.app.single_instance" in imported
    assert sorted(m for m in imported if m in ("PySide6.QtNetwork", "getpass")) == []


def test_kindly_paints_its_window_before_building_the_qt_namespace(isolated_dirs: Path) -> None:
    # PySide6 builds all ~100 enums of `Qt` on its first touch (~15 ms): that waits for the paint.
    probe = (
        "import sys\n"
        "import PySide6.QtCore as QtCore\n"
        "from kindly import cli\n"
        "from kindly.ui.app import app_main\n"
        "seen = app_main._FirstPaint.eventFilter\n"
        "def at_paint(self, watched, event):\n"
        "    if event.type() == QtCore.QEvent.Type.Paint:\n"
        "        print('qt-namespace-built', 'Qt' in vars(QtCore), flush=True)\n"
        "    return seen(self, watched, event)\n"
        "app_main._FirstPaint.eventFilter = at_paint\n"
        "sys.exit(cli.main([]))\n"
    )
    done = _run(["-c", probe], isolated_dirs, KINDLY_QUIT_AFTER_FIRST_PAINT="1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["qt-namespace-built", "False"]


def test_the_home_page_is_complete_before_any_practice_script_is_parsed(isolated_dirs: Path) -> None:
    # The bundled practices' lines come from their index (kindly.library.practice_index): the parser and
    # its dataclasses load when a session or a practice's own words are asked for, not for the list.
    probe = (
        "import os, sys\n"
        "from kindly import cli\n"
        "from kindly.ui.app.main_window import MainWindow\n"
        "shown = MainWindow._show_week\n"
        "def at_week(self, week):\n"
        "    shown(self, week)\n"
        "    listed = self.library_view.current() is not None\n"
        "    print('listed', listed, 'parser', 'kindly.core.practice_script' in sys.modules, flush=True)\n"
        "    os._exit(0)\n"
        "MainWindow._show_week = at_week\n"
        "sys.exit(cli.main([]))\n"
    )
    done = _run(["-c", probe], isolated_dirs)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["listed", "True", "parser", "False"]


def test_the_application_carries_kindlys_name_id_and_icon(isolated_dirs: Path) -> None:
    probe = (
        "from kindly.ui.app.app_main import create_application\n"
        "app = create_application(['kindly'])\n"
        "print(app.applicationName(), app.desktopFileName(), app.windowIcon().isNull())\n"
    )
    done = _run(["-c", probe], isolated_dirs)
    assert done.stdout.split() == ["Kindly", APP_ID, "False"], done.stderr


@pytest.mark.linux_only("only an X11 or Wayland session can lack a display; Windows and macOS always have a screen")
def test_with_no_display_at_all_kindly_says_so_in_one_line_instead_of_aborting(isolated_dirs: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "kindly"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("kindly: failed: there is no display to open the window on")
    assert done.stderr.count("\n") == 1


@pytest.fixture
def damaged_history(isolated_dirs: Path) -> None:
    """One session in the history, then the file emptied by a botched copy."""
    from kindly.cli import main as kindly_main
    from kindly.locations import data_dir

    assert kindly_main(["history", "add", "--start", "2026-11-24T07:30", "--minutes", "10"]) == 0
    (data_dir() / "kindly.db").write_bytes(b"")


@pytest.fixture
def built_app(qtbot: QtBot, isolated_dirs: Path) -> Iterator[tuple[AppParts, SingleInstance]]:
    """The app's parts as `kindly` builds them, holding the instance lock; let go afterwards."""
    from kindly.locations import data_dir

    parts = app_main.build_parts(app_main.create_application(["kindly"]))
    instance = SingleInstance(data_dir())
    assert instance.take_lock()
    yield parts, instance
    if parts.presence is not None and parts.presence.tray is not None:
        parts.presence.tray.icon.hide()
    parts.history.close()
    instance.release()
    parts.window.deleteLater()


def test_just_after_the_first_paint_a_repaired_history_is_told_in_the_notice_bar(
    damaged_history: None, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    app_main._after_first_paint(parts, instance)
    parts.history.flush()  # opened on its own thread; the notice comes back through the event loop
    parts.app.processEvents()
    assert parts.window.notice_bar.text().startswith("The history file was damaged (the history file is empty)")
    assert len(parts.summary.history().records) == 1


def test_the_audio_layer_is_loaded_soon_after_the_first_paint_not_before(
    qtbot: QtBot, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    before = parts.players.prepared
    app_main._after_first_paint(parts, instance)
    qtbot.waitUntil(lambda: parts.players.prepared, timeout=app_main.AUDIO_AFTER_PAINT_MS + 5000)
    assert not before


def test_the_tray_and_the_door_for_later_launches_wait_until_today_has_its_week(
    qtbot: QtBot, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    told: list[bool] = []
    parts.window.week_changed.connect(lambda: told.append(parts.presence is None))
    app_main._after_first_paint(parts, instance)
    assert parts.presence is None  # the home page is built first
    qtbot.waitUntil(lambda: parts.presence is not None, timeout=5000)
    assert told[:1] == [True]  # not even when the week was told: a moment after


def test_the_garbage_collector_paused_for_start_up_runs_again_once_today_has_its_week(
    qtbot: QtBot, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    paused_when_told: list[bool] = []
    # Connected before the app connects its own slot, so heard first: the collector as the app finds it.
    parts.window.week_changed.connect(lambda: paused_when_told.append(not gc.isenabled()))
    pause_collection()
    try:
        app_main._after_first_paint(parts, instance)
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        assert paused_when_told[:1] == [True]  # paused while the home page was built, until Today had its week
    finally:
        resume_collection()
        gc.unfreeze()  # the test process's objects back in the collector's view


def test_today_has_its_week_in_the_home_pages_first_paint_when_the_history_answers_in_time(
    monkeypatch: pytest.MonkeyPatch, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    monkeypatch.setattr(app_main, "HOME_WAITS_FOR_HISTORY_S", 30.0)  # in time, however slow the test machine
    told: list[bool] = []
    parts.window.week_changed.connect(lambda: told.append(True))
    app_main._after_first_paint(parts, instance)  # the event loop does not turn: no paint in between
    assert told and parts.window.story is not None


def test_a_history_slower_than_the_home_page_waits_for_leaves_today_to_follow_after_the_paint(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, built_app: tuple[AppParts, SingleInstance]
) -> None:
    import threading

    parts, instance = built_app
    monkeypatch.setattr(app_main, "HOME_WAITS_FOR_HISTORY_S", 0.01)
    disk = threading.Event()
    parts.history.with_store_later(lambda store: disk.wait(30.0), lambda _answer: None)  # a disk that stalls
    told: list[bool] = []
    parts.window.week_changed.connect(lambda: told.append(True))
    try:
        app_main._after_first_paint(parts, instance)
        waited_for_the_disk = bool(told)
    finally:
        disk.set()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert not waited_for_the_disk


def test_the_garbage_collector_runs_again_in_time_even_if_the_home_page_never_completes(
    qtbot: QtBot, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    seen: list[bool] = []

    def event_loop(app: QApplication) -> int:
        seen.append(gc.isenabled())
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        for window in app.topLevelWidgets():
            window.close()
        return 0

    monkeypatch.setattr(app_main, "_after_first_paint", lambda parts, instance: None)  # Today never told
    monkeypatch.setattr(app_main, "COLLECTION_PAUSED_AT_MOST_MS", 50)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    pause_collection()
    try:
        assert app_main.run_app(tray=False, start=None) == 0
        assert seen == [False] and gc.isenabled()
    finally:
        resume_collection()
        gc.unfreeze()


def test_a_window_that_cannot_start_leaves_the_garbage_collector_running(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(tray: bool, start: str | None) -> int:
        assert not gc.isenabled()  # paused for start-up
        raise KindlyFailure("there is no display to open the window on")

    monkeypatch.setattr(app_main, "run_app", refused)
    try:
        assert cli.main([]) == 1
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_at_twice_the_scale_the_window_opens_within_the_screen(isolated_dirs: Path) -> None:
    probe = (
        "from kindly.ui.app.app_main import build_parts, create_application\n"
        "app = create_application(['kindly'])\n"
        "window = build_parts(app).window\n"
        "room = app.primaryScreen().availableGeometry().size()\n"
        "print(room.width(), room.height(), window.width(), window.height(),\n"
        "      window.minimumWidth(), window.minimumHeight())\n"
    )
    done = _run(["-c", probe], isolated_dirs, QT_SCALE_FACTOR="2")
    assert done.returncode == 0, done.stderr[-2000:]
    screen_w, screen_h, width, height, min_w, min_h = map(int, done.stdout.split()[-6:])
    assert width <= screen_w and height <= screen_h
    assert min_w <= screen_w and min_h <= screen_h


def test_just_after_the_first_paint_another_machines_sessions_are_merged(
    qtbot: QtBot, isolated_dirs: Path, built_app: tuple[AppParts, SingleInstance]
) -> None:
    from datetime import UTC, datetime

    from kindly.core.session_record import SessionRecord
    from kindly.settings.options import SYNC_FOLDER
    from kindly.store.history_opening import open_history
    from kindly.sync.sync_run import sync_history

    shared = isolated_dirs / "Sync"
    shared.mkdir()
    laptop = open_history(isolated_dirs / "laptop")  # another machine, its own data folder
    laptop.add(SessionRecord(datetime(2025, 11, 20, 7, tzinfo=UTC), 0, 600.0, 600.0, "gentle-hand", True, zone="UTC"))
    sync_history(laptop, isolated_dirs / "laptop", shared)
    laptop.close()
    parts, instance = built_app
    parts.settings.set(SYNC_FOLDER, str(shared))
    app_main._after_first_paint(parts, instance)
    qtbot.waitUntil(lambda: parts.sync.answered == 1, timeout=5000)
    assert len(parts.summary.history().records) == 1


def test_at_launch_the_sync_folder_is_merged_once_today_has_its_week(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, built_app: tuple[AppParts, SingleInstance]
) -> None:
    parts, instance = built_app
    told: list[bool] = []
    parts.window.week_changed.connect(lambda: told.append(True))
    merged_after_today: list[bool] = []
    monkeypatch.setattr(parts.sync, "start", lambda: merged_after_today.append(bool(told)))
    app_main._after_first_paint(parts, instance)
    qtbot.waitUntil(lambda: bool(merged_after_today), timeout=5000)
    assert merged_after_today == [True]


def test_a_check_in_kept_after_a_session_asks_for_a_merge(
    qtbot: QtBot, isolated_dirs: Path, built_app: tuple[AppParts, SingleInstance]
) -> None:
    from kindly.core.checkin import CheckIn
    from kindly.settings.options import SYNC_FOLDER

    shared = isolated_dirs / "Sync"
    shared.mkdir()
    parts, _instance = built_app
    parts.settings.set(SYNC_FOLDER, str(shared))
    parts.sync.start()
    qtbot.waitUntil(lambda: parts.sync.answered == 1, timeout=5000)
    parts.window.end_screen.checked_in.emit(CheckIn(kindness=7, ease=6))  # as the end screen's Done does
    qtbot.waitUntil(lambda: parts.sync.answered == 2, timeout=5000)


def test_speaking_ahead_is_held_while_a_session_is_prepared_and_let_go_if_it_cannot_start(
    built_app: tuple[AppParts, SingleInstance],
) -> None:
    from kindly.ui.app.voices_ahead import VoicesAhead

    parts, _instance = built_app
    voices = parts.window.findChild(VoicesAhead)
    assert voices is not None
    seen = [voices.held]
    parts.controller.session_preparing.emit()
    seen.append(voices.held)
    parts.controller.start_failed.emit("the voice could not be prepared")
    seen.append(voices.held)
    assert seen == [False, True, False]
