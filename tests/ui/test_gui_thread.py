"""Work off the GUI thread and back: results on the GUI thread, told failures as results, owners held weakly."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kindly.core.errors import KindlyFailure
from kindly.ui.gui_thread import deliver_posted, run_in_background, run_on_main


class Owner(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[object, str]] = []

    def done(self, result: object) -> None:
        self.heard.append((result, threading.current_thread().name))


def test_the_result_of_background_work_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = Owner()
    ran_on: list[str] = []

    def task() -> int:
        ran_on.append(threading.current_thread().name)
        return 42

    run_in_background(task, lambda who, result: who.done(result), owner=owner, name="kindly-test-work")
    qtbot.waitUntil(lambda: bool(owner.heard))
    assert ran_on == ["kindly-test-work"]
    assert owner.heard == [(42, threading.main_thread().name)]


def test_a_failure_the_task_can_tell_arrives_as_its_result(qtbot: QtBot) -> None:
    owner = Owner()

    def task() -> int:
        raise KindlyFailure("espeak-ng could not speak")

    run_in_background(
        task, lambda who, result: who.done(result), owner=owner, name="kindly-test-work", told=(KindlyFailure,)
    )
    qtbot.waitUntil(lambda: bool(owner.heard))
    [(result, _thread)] = owner.heard
    assert isinstance(result, KindlyFailure) and str(result) == "espeak-ng could not speak"


def test_an_owner_gone_before_the_work_ends_hears_nothing_and_is_not_kept_alive(qtbot: QtBot) -> None:
    release = threading.Event()
    heard: list[object] = []

    def task() -> int:
        release.wait(5)
        return 1

    owner: Owner | None = Owner()
    run_in_background(task, lambda who, result: heard.append(result), owner=owner, name="kindly-test-gone")
    [worker] = [t for t in threading.enumerate() if t.name == "kindly-test-gone"]
    owner = None
    gc.collect()
    release.set()
    worker.join(5)  # its delivery is posted by now
    for _ in range(3):
        QApplication.processEvents()
    assert heard == []


def test_an_owner_still_there_hears_once_the_worker_is_done(qtbot: QtBot) -> None:
    heard: list[object] = []
    owner = Owner()
    run_in_background(lambda: 1, lambda who, result: heard.append(result), owner=owner, name="kindly-test-kept")
    [worker] = [t for t in threading.enumerate() if t.name == "kindly-test-kept"] or [None]
    if worker is not None:
        worker.join(5)
    for _ in range(3):
        QApplication.processEvents()
    assert heard == [1]


@pytest.fixture(autouse=True)
def _settled(qtbot: QtBot) -> None:
    """Nothing posted by an earlier test is still on its way."""
    QApplication.processEvents()


def test_calls_posted_from_another_thread_can_be_run_now_without_the_event_loop(qtbot: QtBot) -> None:
    ran: list[str] = []
    worker = threading.Thread(target=lambda: run_on_main(lambda: ran.append(threading.current_thread().name)))
    worker.start()
    worker.join()
    waiting = list(ran)
    deliver_posted()
    assert (waiting, ran) == ([], [threading.main_thread().name])
