"""The one way into the GUI thread from any other (the player's, the history's, a preparing one).

Shaped like Anki's `run_on_main`: a callable posted from a worker runs on the
GUI thread at the event loop's next turn; posted from the GUI thread itself
it runs at once. Widgets and controllers are only ever touched there.
"""

from __future__ import annotations

import threading
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


def on_main(call: Callable[[T], object]) -> Callable[[T], None]:
    """`call`, made safe to call from any thread (a notice or an answer from the history's thread)."""
    return lambda value: run_on_main(lambda: call(value))
