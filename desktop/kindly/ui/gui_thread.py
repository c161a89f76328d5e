"""The one way into the GUI thread from any other (the player's, the history's, a preparing one),
and the one way out of it for work that would hold the window up.

Shaped like Anki's `run_on_main` and `run_in_background`: a callable posted
from a worker runs on the GUI thread at the event loop's next turn; posted
from the GUI thread itself it runs at once. Widgets and controllers are only
ever touched there.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal


class _Courier(QObject):
    """Lives on the GUI thread; a signal emitted on another thread is queued to it by Qt."""

    arrived = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._deliver)

    def _deliver(self, call: Callable[[], object]) -> None:
        call()


T = TypeVar("T")
Owner = TypeVar("Owner", bound=QObject)
_courier: _Courier | None = None
_made = threading.Lock()


def run_on_main(call: Callable[[], object]) -> None:
    """Run `call` on the GUI thread: now when already there, else as soon as its event loop turns."""
    global _courier
    with _made:
        if _courier is None:
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("run_on_main needs the QApplication")
            courier = _Courier()
            if courier.thread() is not app.thread():
                courier.moveToThread(app.thread())
            _courier = courier
    _courier.arrived.emit(call)


def deliver_posted() -> None:
    """On the GUI thread: run now the calls other threads have posted (`run_on_main`), rather than at
    the event loop's next turn (start-up's: Today's week, read meanwhile, in the home's first paint)."""
    if _courier is not None:
        from PySide6.QtCore import QEvent

        QCoreApplication.sendPostedEvents(_courier, QEvent.Type.MetaCall)


def on_main(call: Callable[[T], object]) -> Callable[[T], None]:
    """`call`, made safe to call from any thread (a notice or an answer from the history's thread)."""
    return lambda value: run_on_main(lambda: call(value))


def run_in_background(
    task: Callable[[], T],
    on_done: Callable[[Owner, T | Exception], object],
    *,
    owner: Owner,
    name: str,
    told: tuple[type[Exception], ...] = (),
) -> None:
    """Run `task` on a thread of its own; hand `owner` and its result to `on_done` on the GUI thread.

    An exception of a `told` kind (a person's mistake, a failing machine: one line to say) is handed
    over as the result; any other is the program's fault and stays on the worker, where it is logged.
    The worker holds `owner` weakly: it never keeps it alive, and an owner gone meanwhile hears
    nothing (so `on_done` should reach it only through its first argument).
    """
    keeper = weakref.ref(owner)

    def work() -> None:
        result: T | Exception
        try:
            result = task()
        except told as exc:
            result = exc

        def deliver() -> None:
            alive = keeper()
            if alive is not None:
                on_done(alive, result)

        run_on_main(deliver)

    # Python collects cyclic garbage on whichever thread allocates when it is due: a Qt object in it (a
    # closed page, a dialog) destroyed on the worker would stop its timers from the wrong thread (Qt
    # warns). Collected here, on the GUI thread, before the worker allocates anything.
    gc.collect()
    threading.Thread(target=work, name=name, daemon=True).start()
