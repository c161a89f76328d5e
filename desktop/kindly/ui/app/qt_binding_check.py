"""Is this Qt binding safe to run a session on? A start-up check that costs microseconds.

PySide6/shiboken6 6.12.0 drops one reference to `None` on every Qt call that
returns nothing (`update()`, `QTimer.stop()`, `QPainter.drawRoundedRect()` ...).
On CPython 3.11 `None` is an ordinary, mortal object, so after some tens of
thousands of such calls the interpreter frees it and aborts ("Fatal Python
error: none_dealloc"): twelve seconds into a visible session, with the
practice lost. On 3.12+ `None` is immortal and its count never moves, so
the check passes there whatever the binding does.

Kindly makes a few hundred harmless calls of that kind before it builds any
window and compares `sys.getrefcount(None)` before and after: a faulty
binding is told in one line, with the versions and the fix, instead of a
crash minutes later.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

import PySide6
import shiboken6
from PySide6.QtCore import QObject, QTimer

from kindly.core.errors import KindlyFailure

CALLS = 300
# A faulty binding loses exactly one reference a call; a sound one none. Half
# the calls is far above anything the interpreter itself could move meanwhile.
TOLERATED_LOSS = CALLS // 2


@dataclass(frozen=True)
class BindingReport:
    """What the check saw: references to None lost over `calls` calls that return nothing."""

    calls: int
    lost: int

    @property
    def sound(self) -> bool:
        return self.lost <= TOLERATED_LOSS

    def fault(self) -> str:
        """What a faulty binding does, in the words the start-up refusal and self-test share."""
        return f"{binding_versions()} loses a reference to None on every Qt call ({self.lost} in {self.calls})"


def binding_versions() -> str:
    """`PySide6 6.11.3 (shiboken6 6.11.3) on Python 3.11.7`: what a report names."""
    return f"PySide6 {PySide6.__version__} (shiboken6 {shiboken6.__version__}) on Python {'.'.join(map(str, sys.version_info[:3]))}"


def measure_none_references(calls: int = CALLS) -> BindingReport:
    """Make `calls` Qt calls that return None and count the references to None they lost.

    The garbage collector is held off meanwhile: a collection that frees
    objects pointing at None would move the count without the binding's help.
    """
    timer = QTimer()
    holder = QObject()
    collecting = gc.isenabled()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(calls // 2):
            timer.stop()
            holder.setObjectName("")
        after = sys.getrefcount(None)
    finally:
        if collecting:
            gc.enable()
    return BindingReport(calls=(calls // 2) * 2, lost=before - after)


def require_sound_binding() -> None:
    """Raise KindlyFailure (exit 1, one line) when the Qt binding would crash Kindly mid-session."""
    report = measure_none_references()
    if not report.sound:
        raise KindlyFailure(
            f"{report.fault()}, so Kindly would crash minutes into a session; "
            "install the tested versions with 'make run' or 'pip install -r requirements/lock.txt'"
        )
